"""How entries are laid out on a page: grouped as the framework is, with their comments."""

from .compare import previous_entries
from .models import EntryComment


def page_entries(submission, user):
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
    return entries


def group_by_framework(entries):
    """`entries` in plan order, with goal, theme, subgoal and indicator selected."""
    themes = []
    for entry in entries:
        if not themes or themes[-1]["goal"].pk != entry.goal_id:
            themes.append({"theme": entry.goal.theme, "goal": entry.goal, "blocks": []})
        blocks = themes[-1]["blocks"]
        if not blocks or blocks[-1]["subgoal"] != entry.subgoal:
            blocks.append({"subgoal": entry.subgoal, "entries": []})
        blocks[-1]["entries"].append(entry)
    return themes


def comments_by_entry(submission, user):
    """The submission's comments that `user` may see, as lists by entry id (one query)."""
    comments = {}
    for comment in EntryComment.objects.filter(entry__submission=submission).visible_to(user):
        comments.setdefault(comment.entry_id, []).append(comment)
    return comments
