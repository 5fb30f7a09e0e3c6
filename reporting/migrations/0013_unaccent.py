from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    """PostgreSQL's unaccent, for accent-insensitive search (a trusted extension: the
    database's owner may create it). Nothing happens on SQLite."""

    dependencies = [("reporting", "0012_submission_withdrawn")]

    operations = [UnaccentExtension()]
