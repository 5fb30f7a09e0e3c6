"""How entries are laid out on a page: grouped as the framework is, with their comments."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from indicators.models import StrategicGoal, Subgoal, Theme

from ..models import Entry, EntryComment, Submission
from .compare import previous_entries


def page_entries(submission: Submission, user) -> list[Entry]:
    """The submission's entries in plan order, each with its submission, last year's answer
    (`previous`) and the comments `user` may see (`comment_list`). Four queries."""
    entries = list(
        submission.entries.select_related(
            "goal__theme", "subgoal", "indicator", "updated_by"
        ).in_plan_order()
    )
    previous = previous_entries(submission)
    comments = comments_by_entry(submission, user)
    for entry in entries:
        entry.submission = submission
        entry.previous = previous.get(entry.indicator_id)
        entry.comment_list = comments.get(entry.pk, [])
        entry.threads = threads(entry.comment_list)
    return entries


def threads(comments):
    """[(remark, [its replies])] from an entry's comments, in order."""
    replies = {}
    for comment in comments:
        if comment.reply_to_id:
            replies.setdefault(comment.reply_to_id, []).append(comment)
    return [(c, replies.get(c.pk, [])) for c in comments if not c.reply_to_id]


@dataclass
class Part:
    """The answers under one subgoal, or directly under the goal (`subgoal` None)."""

    goal: StrategicGoal
    subgoal: Subgoal | None
    entries: list[Entry] = field(default_factory=list)

    @property
    def places(self) -> list[Subgoal | StrategicGoal]:
        """What the annex's first column names: the subgoal, else the goal; both when an
        answer was given on them together ("Strategisch doel 5 + Subdoel 5.1")."""
        if self.subgoal is None:
            return [self.goal]
        if any(entry.with_goal for entry in self.entries):
            return [self.goal, self.subgoal]
        return [self.subgoal]


@dataclass
class GoalBlock:
    """One strategic goal (a theme has one) with its answers, as the form, the review and
    every annex format lay them out. The annex adds its `anchor` and heading `title`."""

    theme: Theme
    goal: StrategicGoal
    parts: list[Part] = field(default_factory=list)
    anchor: str = ""
    title: str = ""

    @property
    def entries(self) -> list[Entry]:
        return [entry for part in self.parts for entry in part.entries]


def group_by_framework(entries: Iterable[Entry]) -> list[GoalBlock]:
    """`entries` in plan order (goal, theme, subgoal and indicator selected), grouped."""
    blocks: list[GoalBlock] = []
    for entry in entries:
        if not blocks or blocks[-1].goal.pk != entry.goal_id:
            blocks.append(GoalBlock(theme=entry.goal.theme, goal=entry.goal))
        parts = blocks[-1].parts
        if not parts or parts[-1].subgoal != entry.subgoal:
            parts.append(Part(goal=entry.goal, subgoal=entry.subgoal))
        parts[-1].entries.append(entry)
    return blocks


def comments_by_entry(submission: Submission, user) -> dict[int, list[EntryComment]]:
    """The submission's comments that `user` may see, as lists by entry id (one query)."""
    comments = {}
    for comment in EntryComment.objects.filter(entry__submission=submission).visible_to(user):
        comments.setdefault(comment.entry_id, []).append(comment)
    return comments
