from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from indicators.models import ActionPlan
from outbox.models import OutgoingMail
from reporting import publishing, rounds, services
from reporting.models import ReportingRound, Submission
from signatories.models import Membership, Signatory, User

PREVIOUS_TEXT = (
    "<p>In {year} steunde {name} {count} initiatieven op dit terrein. Enkele voorbeelden:</p>"
    "<ul><li>training van vrouwelijke mediators;</li><li>steun aan lokale "
    "vrouwenorganisaties.</li></ul>"
)


CURRENT_TEXT = (
    "<p>In {year} werkte {name} met {count} partners aan dit doel. Vrouwelijke mediators "
    "namen deel aan lokale vredesoverleggen.</p>"
)


def demo_number(entry, count):
    """A figure for a numeric indicator (the per-indicator page totals them), else None."""
    if entry.indicator is None or not entry.indicator.takes_number:
        return None
    return Decimal(count * 25_000) if entry.indicator.kind == "amount" else Decimal(count)


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
                rounds.open_round(round=current, by=coordinator)
                self._every_state(current)
                # Demo decisions queue mails; mark them handled rather than print them all.
                OutgoingMail.objects.filter(sent_at__isnull=True).update(
                    sent_at=now, last_error="demo: niet verzonden"
                )
        self.stdout.write(
            "Submissions in every state: MinBZ in progress, PAX submitted, Cordaid returned, "
            "CARE approved, the others not started."
        )
        self.stdout.write(
            f"Open demo round over {current.label} (deadline "
            f"{timezone.localtime(current.deadline):%d-%m-%Y}); "
            f"previous round {previous.label} to copy texts from."
        )

    def _every_state(self, round):
        """MinBZ in progress, PAX submitted, Cordaid returned, CARE approved (by a second
        coordinator, so that the demo coordinator can still review PAX)."""
        reviewer, _ = User.objects.get_or_create(
            email="co-coordinator@minbz.example.org",
            defaults={"full_name": "Bram Kok (co-coördinator BZ)", "is_coordinator": True},
        )
        texts = {}
        for code in ("MinBZ", "PAX", "Cordaid", "CARE"):
            signatory = Signatory.objects.get(code=code)
            editor = User.objects.filter(memberships__signatory=signatory).first()
            if editor is None:
                editor, _ = User.objects.get_or_create(
                    email=f"redacteur@{code.lower()}.example.org",
                    defaults={"full_name": f"Redacteur {signatory.name}"},
                )
                Membership.objects.get_or_create(user=editor, signatory=signatory)
            submission = Submission.objects.get(round=round, signatory=signatory)
            entries = list(submission.entries.select_related("indicator").in_plan_order())
            count = 5 if code == "MinBZ" else len(entries)
            for number, entry in enumerate(entries[:count], start=2):
                services.save_entry(
                    entry=entry,
                    by=editor,
                    version=entry.version,
                    narrative_html=CURRENT_TEXT.format(
                        year=round.label, name=signatory.name, count=number
                    ),
                    number=demo_number(entry, number),
                )
            texts[code] = (submission, editor, entries)
        for code in ("PAX", "Cordaid", "CARE"):
            submission, editor, entries = texts[code]
            services.submit_submission(submission=submission, by=editor)
        submission, _, entries = texts["Cordaid"]
        services.add_comment(
            entry=entries[1], by=reviewer, text="Noem ook het aantal bereikte vrouwen."
        )
        services.return_submission(
            submission=submission,
            by=reviewer,
            reason="Bij 1.b ontbreken cijfers. Vult u die aan en dient u opnieuw in?",
        )
        services.approve_submission(submission=texts["CARE"][0], by=reviewer)

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
            entries = submission.entries.select_related("indicator").in_plan_order()
            for count, entry in enumerate(entries[:6], start=3):
                entry.narrative = PREVIOUS_TEXT.format(year=year, name=signatory.name, count=count)
                entry.number = demo_number(entry, count)
                entry._history_user = coordinator
                entry.save()
            submission.state = Submission.State.APPROVED
            submission.save(update_fields=["state"])
        # Published: readers find its annex (MinBZ and PAX, approved) on their start page.
        round.state = ReportingRound.State.PUBLISHED
        round.save(update_fields=["state"])
        publishing.adopt_published_rounds()
        return round
