"""Load the framework and the signatories without ever overwriting what exists.

`loaddata` with natural keys updates rows that exist, so running it at every start (as the
web service did) silently undid every administrator's edit: a renamed or deactivated
signatory, a corrected indicator text. This command adds only the rows that are missing,
leaves every existing row as it is, and says what it did. It is safe to run at every start.
"""

from pathlib import Path

from django.conf import settings
from django.core import serializers
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from reporting import publishing

DEFAULT_FIXTURES = ["signatories", "nap1325_iv"]


def fixture_path(name: str) -> Path:
    for folder in settings.FIXTURE_DIRS:
        path = Path(folder) / (name if name.endswith(".json") else f"{name}.json")
        if path.exists():
            return path
    raise CommandError(f"Bestand {name} niet gevonden in {settings.FIXTURE_DIRS}.")


def load_missing(path: Path) -> tuple[int, int]:
    """Save the fixture's rows that do not exist yet (found by natural key). Returns
    (added, kept): kept rows exist already and are not touched."""
    added = kept = 0
    with path.open(encoding="utf-8") as stream:
        objects = serializers.deserialize(
            "json", stream, handle_forward_references=True, ignorenonexistent=True
        )
        deferred = []
        for deserialized in objects:
            instance = deserialized.object
            model = type(instance)
            # With natural keys, deserialising finds an existing row's primary key.
            if instance.pk is not None and model._default_manager.filter(pk=instance.pk).exists():
                kept += 1
                continue
            deserialized.save()
            added += 1
            if deserialized.deferred_fields:
                deferred.append(deserialized)
        for deserialized in deferred:
            deserialized.save_deferred_fields()
    return added, kept


class Command(BaseCommand):
    help = (
        "Laadt het kader en de ondertekenaars: voegt alleen toe wat ontbreekt en wijzigt "
        "nooit wat al bestaat."
    )

    def add_arguments(self, parser):
        parser.add_argument("fixtures", nargs="*", default=DEFAULT_FIXTURES)

    def handle(self, *args, fixtures, **options):
        with transaction.atomic():
            for name in fixtures:
                added, kept = load_missing(fixture_path(name))
                self.stdout.write(
                    f"{name}: {added} toegevoegd, {kept} bestonden al en zijn niet gewijzigd."
                )
            # A round loaded as published (the 2021 annex) gets its version 1.
            if adopted := publishing.adopt_published_rounds():
                self.stdout.write(f"{adopted} gepubliceerde ronde(s) kregen versie 1.")
