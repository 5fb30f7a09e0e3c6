from django.db import migrations

# The text search's vector of every narrative, kept by PostgreSQL itself: computed when an
# answer is written (a trigger, so every way of writing counts: the autosave's update, a
# save, loaddata), instead of for every answer at every search: tags out, accents folded,
# Dutch, as reporting.selectors.search folds the query and cuts the passages.
# The column is not on the model: Django never reads it, only the search's WHERE and rank.
VECTOR = (
    "to_tsvector('dutch'::regconfig, "
    "unaccent(regexp_replace({narrative}, '<[^>]+>', ' ', 'g')))"
)

FORWARD = [
    "ALTER TABLE reporting_entry ADD COLUMN search_vector tsvector",
    f"""CREATE FUNCTION reporting_entry_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        NEW.search_vector := {VECTOR.format(narrative="NEW.narrative")};
        RETURN NEW;
    END
    $$""",
    """CREATE TRIGGER reporting_entry_search_vector
    BEFORE INSERT OR UPDATE OF narrative ON reporting_entry
    FOR EACH ROW EXECUTE FUNCTION reporting_entry_search_vector()""",
    f"UPDATE reporting_entry SET search_vector = {VECTOR.format(narrative='narrative')}",
    "CREATE INDEX reporting_entry_search_vector_gin ON reporting_entry USING gin (search_vector)",
]

BACKWARD = [
    "DROP TRIGGER reporting_entry_search_vector ON reporting_entry",
    "DROP FUNCTION reporting_entry_search_vector()",
    "ALTER TABLE reporting_entry DROP COLUMN search_vector",
]


def on_postgresql(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement, params=None)

    return run


class Migration(migrations.Migration):
    """SQLite (the embedded default) searches with a plain word match and has no vector."""

    dependencies = [("reporting", "0022_edition_period_from")]

    operations = [migrations.RunPython(on_postgresql(FORWARD), on_postgresql(BACKWARD))]
