"""After `make loadtest`: is every save the server acknowledged in the database?"""

import json

from django.core.management.base import BaseCommand, CommandError

from reporting.models import Entry


class Command(BaseCommand):
    help = "Checks the load test's acknowledged saves against the database."

    def add_arguments(self, parser):
        parser.add_argument("--acknowledged", default="loadtest/acknowledged.json")

    def handle(self, *args, acknowledged, **options):
        with open(acknowledged, encoding="utf-8") as file:
            saves = json.load(file)  # [[entry pk, marker, version], ...] in the order acknowledged
        latest = {}
        for entry, marker, version in saves:
            latest[entry] = (marker, version)
        history = Entry.history.model.objects.filter(id__in=[int(pk) for pk in latest])
        stored = {
            (h.id, h.version): h.narrative for h in history.only("id", "version", "narrative")
        }
        lost = [
            (entry, marker, version)
            for entry, marker, version in saves
            if marker not in stored.get((int(entry), version), "")
        ]
        current = {
            pk: (narrative, version)
            for pk, narrative, version in Entry.objects.filter(pk__in=latest).values_list(
                "pk", "narrative", "version"
            )
        }
        # The current text is not the last acknowledged save: lost only if nothing newer was
        # committed. A newer version means a save the server committed but whose answer never
        # reached the client (a reset connection): the text is the client's own, not lost.
        newer, overwritten = [], []
        for entry, (marker, version) in latest.items():
            text, now = current[int(entry)]
            if marker in text:
                continue
            (newer if now > version else overwritten).append(entry)
        self.stdout.write(
            f"acknowledged saves: {len(saves)}; in the history: {len(saves) - len(lost)}; "
            f"entries whose last acknowledged text is the current one: "
            f"{len(latest) - len(overwritten) - len(newer)} of {len(latest)}; "
            f"with a newer save whose response was lost: {len(newer)}"
        )
        self.stdout.write(f"lost: {len(lost) + len(overwritten)}")
        if lost or overwritten:
            raise CommandError(f"lost: {lost[:5]} … overwritten: {overwritten[:5]}")
        self.stdout.write("Nothing lost.")
