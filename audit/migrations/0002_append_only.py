"""The database itself refuses to change or delete audit rows, on PostgreSQL and SQLite."""

from django.db import migrations

POSTGRESQL = """
CREATE FUNCTION audit_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit_auditevent is append-only (% refused)', TG_OP;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_append_only
    BEFORE UPDATE OR DELETE ON audit_auditevent
    FOR EACH ROW EXECUTE FUNCTION audit_append_only();
"""
POSTGRESQL_DROP = """
DROP TRIGGER audit_append_only ON audit_auditevent;
DROP FUNCTION audit_append_only();
"""
SQLITE = [
    f"""CREATE TRIGGER audit_no_{op.lower()} BEFORE {op} ON audit_auditevent
    BEGIN SELECT RAISE(ABORT, 'audit_auditevent is append-only'); END;"""
    for op in ("UPDATE", "DELETE")
]
SQLITE_DROP = ["DROP TRIGGER audit_no_update;", "DROP TRIGGER audit_no_delete;"]


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for sql in {"postgresql": [POSTGRESQL], "sqlite": SQLITE}.get(vendor, []):
        schema_editor.execute(sql, params=None)


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for sql in {"postgresql": [POSTGRESQL_DROP], "sqlite": SQLITE_DROP}.get(vendor, []):
        schema_editor.execute(sql, params=None)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_audit_event")]

    operations = [migrations.RunPython(create, drop)]
