"""Entries grouped as the framework is: theme → strategic goal → (subgoal) → entries."""


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
