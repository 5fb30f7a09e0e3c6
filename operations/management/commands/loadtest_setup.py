"""Prepare a database for `make loadtest`: an open round, 50 editors each with answers of
their own, 5 coordinators; writes who may log in and what they edit as JSON."""

import json
from datetime import timedelta

from django.contrib.auth.hashers import get_hasher
from django.core.management.base import BaseCommand
from django.utils import timezone

from indicators.models import ActionPlan
from reporting import rounds
from reporting.models import ReportingRound
from signatories.models import Membership, User

PASSWORD = "loadtest-wachtwoord"  # noqa: S105 - a throwaway load-test database


class Command(BaseCommand):
    help = "Creates the load test's users and round and writes them to a JSON file."

    def add_arguments(self, parser):
        parser.add_argument("--editors", type=int, default=50)
        parser.add_argument("--coordinators", type=int, default=5)
        parser.add_argument("--output", default="loadtest/users.json")

    def handle(self, *args, editors, coordinators, output, **options):
        plan = ActionPlan.objects.get(code="NAP1325-IV")
        now = timezone.now()
        round, _ = ReportingRound.objects.get_or_create(
            plan=plan,
            first_year=2040,
            defaults={
                "last_year": 2040,
                "opens_at": now,
                "deadline": now + timedelta(days=60),
            },
        )
        coordinator = self._user("coordinator-0@loadtest.example.org", is_coordinator=True)
        if round.state != ReportingRound.State.OPEN:
            rounds.open_round(round=round, by=coordinator)
        people = {"editors": [], "coordinators": [], "round": round.pk}
        # Several editors per organisation, each on answers of their own (as colleagues
        # divide a report): chunks of 16 answers, spread over the organisations.
        chunks = []
        for submission in round.submissions.select_related("signatory").order_by("pk"):
            entries = list(submission.entries.values_list("pk", flat=True))
            for n, start in enumerate(range(0, len(entries), 16)):
                chunks.append((n, submission.pk, submission, entries[start : start + 16]))
        chunks.sort(key=lambda chunk: chunk[:2])
        for number, (_n, _pk, submission, entries) in enumerate(chunks[:editors]):
            user = self._user(f"editor-{number}@loadtest.example.org")
            Membership.objects.get_or_create(user=user, signatory=submission.signatory)
            people["editors"].append(
                {"email": user.email, "submission": submission.pk, "entries": entries}
            )
        for n in range(coordinators):
            user = self._user(f"coordinator-{n}@loadtest.example.org", is_coordinator=True)
            people["coordinators"].append({"email": user.email})
        people["submissions"] = list(round.submissions.values_list("pk", flat=True))
        with open(output, "w", encoding="utf-8") as out:
            json.dump(people, out)
        self.stdout.write(
            f"{len(people['editors'])} editors, {coordinators} coordinators, round {round.pk}"
        )

    def _user(self, email, **roles):
        user, created = User.objects.get_or_create(email=email, defaults=roles)
        # Hashed anew when the configured hasher changed (PASSWORD_HASHER), so the run
        # measures logins as they will be, not the one-time re-hash at a first login.
        hasher = get_hasher()
        if created or not user.password.startswith(f"{hasher.algorithm}$"):
            user.set_password(PASSWORD)
            user.save()
        return user
