"""How entries are laid out on a page: grouped as the framework is, with their comments."""


def group_by_framework(entries):
    """`entries` in plan order, with indicator, goal, theme and subgoal selected."""
    themes = []
    for entry in entries:
        indicator = entry.indicator
        if not themes or themes[-1]["goal"].pk != indicator.goal_id:
            themes.append({"theme": indicator.goal.theme, "goal": indicator.goal, "blocks": []})
        blocks = themes[-1]["blocks"]
        if not blocks or blocks[-1]["subgoal"] != indicator.subgoal:
            blocks.append({"subgoal": indicator.subgoal, "entries": []})
        blocks[-1]["entries"].append(entry)
    return themes


def comments_by_entry(submission, user):
    """The submission's comments that `user` may see, as lists by entry id (one query)."""
    from .models import EntryComment

    comments = {}
    for comment in EntryComment.objects.filter(entry__submission=submission).visible_to(user):
        comments.setdefault(comment.entry_id, []).append(comment)
    return comments
