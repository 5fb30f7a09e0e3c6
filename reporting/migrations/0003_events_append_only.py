"""Submission events are the review's audit trail: PostgreSQL refuses to change or delete them.

SQLite, the embedded development default, has no such guard; the code never updates them.
"""

from django.db import migrations

CREATE = """
CREATE FUNCTION reporting_event_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'reporting_submissionevent is append-only (% refused)', TG_OP;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER reporting_event_append_only
    BEFORE UPDATE OR DELETE ON reporting_submissionevent
    FOR EACH ROW EXECUTE FUNCTION reporting_event_append_only();
"""

DROP = """
DROP TRIGGER reporting_event_append_only ON reporting_submissionevent;
DROP FUNCTION reporting_event_append_only();
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("reporting", "0002_review")]

    operations = [migrations.RunPython(create, drop)]
