"""`python manage.py round …`: the round's life for scripting, through the same services as
the screens (reporting/rounds.py).

    round list
    round create --plan NAP1325-IV --years 2026 [2027] --opens 2027-01-15
                 --deadline 2027-03-01 --by E-MAIL
    round open 2026 --by E-MAIL
    round close 2026 [--despite-invitations] --by E-MAIL
    round extend 2026 --deadline 2027-03-15 --reason "…" --by E-MAIL
    round publish 2026 [--note "versie 2: …"] --by E-MAIL
    round withdraw 2026 --reason "…" --by E-MAIL
"""

from datetime import date, datetime, time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from indicators.models import ActionPlan
from signatories.models import User, email_key

from ... import publishing, rounds
from ...models import ReportingRound
from ...services import WorkflowError


def day(text: str, at: time) -> datetime:
    try:
        return timezone.make_aware(datetime.combine(date.fromisoformat(text), at))
    except ValueError as error:
        raise CommandError(f"Geen datum (jjjj-mm-dd): {text}") from error


class Command(BaseCommand):
    help = (
        "Rapportagerondes aanmaken, openen, sluiten, verlengen en publiceren (dezelfde regels "
        "als de schermen)."
    )

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        actions.add_parser("list", help="alle rondes")
        create = actions.add_parser("create", help="een nieuwe ronde (in voorbereiding)")
        create.add_argument("--plan", required=True)
        create.add_argument("--years", type=int, nargs="+", required=True)
        create.add_argument("--opens", required=True, help="jjjj-mm-dd")
        create.add_argument("--deadline", required=True, help="jjjj-mm-dd (tot 23:59)")
        for name in ("open", "close", "extend", "publish", "withdraw"):
            sub = actions.add_parser(name)
            sub.add_argument("first_year", type=int)
            sub.add_argument("--plan", default=None)
            if name == "extend":
                sub.add_argument("--deadline", required=True, help="jjjj-mm-dd (tot 23:59)")
            if name in ("extend", "withdraw"):
                sub.add_argument("--reason", required=True)
            if name == "close":
                sub.add_argument("--despite-invitations", action="store_true")
            if name == "publish":
                sub.add_argument("--note", default="", help="versienotitie (vanaf versie 2)")
        for sub in actions.choices.values():
            sub.add_argument("--by", help="het e-mailadres van wie dit doet (voor het auditlog)")

    def handle(self, *args, action, **options):
        if action == "list":
            return self._list()
        by = self._actor(options.get("by"))
        try:
            if action == "create":
                round = rounds.create_round(
                    plan=self._plan(options["plan"]),
                    first_year=min(options["years"]),
                    last_year=max(options["years"]),
                    opens_at=day(options["opens"], time(0, 0)),
                    deadline=day(options["deadline"], time(23, 59)),
                    by=by,
                )
            else:
                round = self._round(options["first_year"], options["plan"])
                if action == "open":
                    round = rounds.open_round(round=round, by=by)
                elif action == "close":
                    round = rounds.close_round(
                        round=round, by=by, despite_invitations=options["despite_invitations"]
                    )
                elif action == "publish":
                    publishing.prepare(round=round, by=by)  # with a worker: rerun when done
                    publishing.publish_round(round=round, by=by, note=options["note"])
                    round.refresh_from_db()
                elif action == "withdraw":
                    publishing.withdraw(round=round, by=by, reason=options["reason"])
                    round.refresh_from_db()
                else:
                    round = rounds.extend_deadline(
                        round=round,
                        by=by,
                        deadline=day(options["deadline"], time(23, 59)),
                        reason=options["reason"],
                    )
        except WorkflowError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self._line(round))

    def _list(self):
        for round in ReportingRound.objects.select_related("plan").order_by("-first_year"):
            self.stdout.write(self._line(round))

    @staticmethod
    def _line(round):
        deadline = timezone.localtime(round.deadline).strftime("%d-%m-%Y %H:%M")
        return (
            f"{round.plan.code} {round.label}: {round.get_state_display()}, "
            f"deadline {deadline}, {round.submissions.count()} rapportages"
        )

    @staticmethod
    def _actor(email):
        if not email:
            raise CommandError("Zeg met --by E-MAIL wie dit doet (het auditlog noemt het).")
        try:
            return User.objects.get(email=email_key(email), is_active=True)
        except User.DoesNotExist as error:
            raise CommandError(f"Geen actieve gebruiker {email}.") from error

    @staticmethod
    def _plan(code):
        try:
            return ActionPlan.objects.get(code=code)
        except ActionPlan.DoesNotExist as error:
            raise CommandError(f"Geen actieplan {code}.") from error

    @staticmethod
    def _round(first_year, plan_code):
        found = ReportingRound.objects.filter(first_year=first_year)
        if plan_code:
            found = found.filter(plan__code=plan_code)
        if found.count() != 1:
            raise CommandError(
                f"{found.count()} rondes beginnen in {first_year}; noem het plan met --plan."
            )
        return found.get()
