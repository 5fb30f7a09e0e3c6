"""Composite foreign keys: a node's parent must belong to the same plan (PostgreSQL).

Django has no composite foreign keys, so they are added here. They are immediate (not
deferred) so that a wrong save fails at once, also inside a transaction. SQLite, the
embedded development default, relies on the models' clean() instead.
"""

from django.db import migrations

FOREIGN_KEYS = [
    # (table, constraint, columns, referenced table, referenced columns)
    ("strategicgoal", "strategicgoal_theme_same_plan", "theme_id, plan_id", "theme", "id, plan_id"),
    ("subgoal", "subgoal_goal_same_plan", "goal_id, plan_id", "strategicgoal", "id, plan_id"),
    ("indicator", "indicator_goal_same_plan", "goal_id, plan_id", "strategicgoal", "id, plan_id"),
    ("indicator", "indicator_subgoal_same_goal", "subgoal_id, goal_id", "subgoal", "id, goal_id"),
]


def add_foreign_keys(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, name, columns, ref_table, ref_columns in FOREIGN_KEYS:
        schema_editor.execute(
            f"ALTER TABLE indicators_{table} ADD CONSTRAINT {name} FOREIGN KEY ({columns}) "
            f"REFERENCES indicators_{ref_table} ({ref_columns})"
        )


def drop_foreign_keys(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, name, *_ in FOREIGN_KEYS:
        schema_editor.execute(f"ALTER TABLE indicators_{table} DROP CONSTRAINT {name}")


class Migration(migrations.Migration):
    dependencies = [("indicators", "0002_initial")]

    operations = [migrations.RunPython(add_foreign_keys, drop_foreign_keys)]
