from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from indicators.models import ActionPlan
from reporting import services
from reporting.models import ReportingRound, Submission
from signatories.models import Signatory, User

PREVIOUS_TEXT = (
    "<p>In {year} steunde {name} {count} initiatieven op dit terrein. Enkele voorbeelden:</p>"
    "<ul><li>training van vrouwelijke mediators;</li><li>steun aan lokale "
    "vrouwenorganisaties.</li></ul>"
)


class Command(BaseCommand):
    help = "Creates a closed round over the year before last and an open round over last year."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("The demo round is only created with DEBUG on.")
        plan = ActionPlan.objects.get(code="NAP1325-IV")
        now = timezone.now()
        year = timezone.localdate().year - 1
        coordinator = User.objects.filter(is_coordinator=True).first()
        with transaction.atomic():
            previous = self._previous_round(plan, year - 1, now, coordinator)
            current, created = ReportingRound.objects.get_or_create(
                plan=plan,
                first_year=year,
                defaults={
                    "last_year": year,
                    "opens_at": now - timedelta(days=30),
                    "deadline": now + timedelta(days=30),
                },
            )
            if created:
                services.open_round(round=current, by=coordinator)
        self.stdout.write(
            f"Open demo round over {current.label} (deadline "
            f"{timezone.localtime(current.deadline):%d-%m-%Y}); "
            f"previous round {previous.label} to copy texts from."
        )

    def _previous_round(self, plan, year, now, coordinator):
        round, created = ReportingRound.objects.get_or_create(
            plan=plan,
            first_year=year,
            defaults={
                "last_year": year,
                "opens_at": now - timedelta(days=400),
                "deadline": now - timedelta(days=300),
            },
        )
        if not created:
            return round
        for code in ("MinBZ", "PAX"):
            signatory = Signatory.objects.get(code=code)
            submission = services.ensure_submission(round=round, signatory=signatory)
            for count, entry in enumerate(submission.entries.all()[:6], start=3):
                entry.narrative = PREVIOUS_TEXT.format(year=year, name=signatory.name, count=count)
                entry._history_user = coordinator
                entry.save()
            submission.state = Submission.State.APPROVED
            submission.save(update_fields=["state"])
        round.state = ReportingRound.State.CLOSED
        round.save(update_fields=["state"])
        return round
