"""The coordinators' view of a round: who reported how far, and how each indicator was answered."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, OuterRef, Prefetch, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from indicators.models import Indicator
from signatories.models import Membership, Signatory

from .. import statuses, xlsx
from ..models import Entry, Submission, SubmissionEvent, filled

# The status words are defined once (reporting/statuses.py).
STATUSES, STATUS_LABELS, HANDED_IN = statuses.STATUSES, statuses.STATUS_LABELS, statuses.HANDED_IN
status_of = statuses.status_of


@dataclass
class SignatoryRow:
    """One signatory's line in the overview: its submission's state and progress."""

    signatory: Signatory
    submission: Submission | None
    status: str
    filled: int = 0
    total: int = 0
    changed_at: datetime | None = None
    changed_by: str = ""

    @property
    def contacts(self):
        """The organisation's named contact persons (prefetched)."""
        return [membership.user for membership in self.signatory.contact_memberships]

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def percent(self) -> int:
        return round_percent(self.filled, self.total)


@dataclass
class Totals:
    signatories: int
    handed_in: int
    per_status: list[tuple[str, str, int]]


@dataclass
class IndicatorRow:
    """One indicator of the plan: how many signatories have it in the round, how many answered."""

    indicator: Indicator
    total: int
    answered: int

    @property
    def percent(self) -> int:
        return round_percent(self.answered, self.total)


def signatory_rows(round, *, kind=None, status=None) -> tuple[list[SignatoryRow], Totals]:
    """One row per active signatory (in the annex's order) with its submission's progress.

    Four queries: signatories, their contact persons, submissions with progress and last
    changes; nothing per row.
    """
    contacts = Membership.objects.filter(is_contact=True, user__is_active=True).select_related(
        "user"
    )
    signatories = (
        Signatory.objects.active()
        .in_annex_order()
        .select_related("kind")
        .prefetch_related(Prefetch("memberships", contacts, to_attr="contact_memberships"))
    )
    last_entry = Entry.objects.filter(submission=OuterRef("pk"), updated_by__isnull=False).order_by(
        "-updated_at"
    )
    last_event = SubmissionEvent.objects.filter(submission=OuterRef("pk")).reverse()
    submissions = round.submissions.with_progress().annotate(
        entry_at=Subquery(last_entry.values("updated_at")[:1]),
        entry_by=Subquery(last_entry.values("updated_by__full_name")[:1]),
        event_at=Subquery(last_event.values("at")[:1]),
        event_by=Subquery(last_event.values("by__full_name")[:1]),
    )
    by_signatory = {s.signatory_id: s for s in submissions}
    rows = []
    for signatory in signatories:
        submission = by_signatory.get(signatory.pk)
        row = SignatoryRow(signatory=signatory, submission=submission, status=status_of(submission))
        if submission:
            row.filled, row.total = submission.filled, submission.total
            changes = [
                (at, by)
                for at, by in [
                    (submission.entry_at, submission.entry_by),
                    (submission.event_at, submission.event_by),
                ]
                if at
            ]
            if changes:
                row.changed_at, row.changed_by = max(changes, key=lambda c: c[0])
        rows.append(row)
    totals = Totals(
        signatories=len(rows),
        handed_in=sum(row.status in HANDED_IN for row in rows),
        per_status=[
            (key, label, sum(row.status == key for row in rows)) for key, label in STATUSES
        ],
    )
    shown = [
        row
        for row in rows
        if (kind is None or row.signatory.kind_id == kind.pk)
        and (not status or row.status == status)
    ]
    return shown, totals


def round_percent(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0


def indicator_rows(round) -> list[IndicatorRow]:
    """Per indicator of the round's plan: how many signatories have it, how many answered it."""
    in_round = Q(entries__submission__round=round)
    indicators = (
        Indicator.objects.filter(plan=round.plan)
        .select_related("goal", "subgoal")
        .in_plan_order()
        .annotate(
            total=Count("entries", filter=in_round, distinct=True),
            answered=Count("entries", filter=in_round & filled("entries__"), distinct=True),
        )
    )
    return [IndicatorRow(indicator=i, total=i.total, answered=i.answered) for i in indicators]


def workbook(round):
    """Both tables as an Excel workbook (bytes), for analysis."""
    book = Workbook()
    sheet = book.active
    sheet.title = _("Ondertekenaars")
    xlsx.append(
        sheet,
        [
            _("Ondertekenaar"),
            _("Code"),
            _("Soort"),
            _("Status"),
            _("Ingevuld"),
            _("Indicatoren"),
            _("Percentage"),
            _("Laatst gewijzigd"),
            _("Door"),
        ],
    )
    rows, _totals = signatory_rows(round)
    for row in rows:
        changed = row.changed_at
        xlsx.append(
            sheet,
            [
                row.signatory.name,
                row.signatory.code,
                row.signatory.kind.name,
                str(row.status_label),
                row.filled,
                row.total,
                row.percent / 100,
                timezone.localtime(changed).replace(tzinfo=None) if changed else None,
                row.changed_by,
            ],
        )
    for cell in sheet["G"][1:]:
        cell.number_format = "0%"
    for cell in sheet["H"][1:]:
        cell.number_format = "dd-mm-yyyy hh:mm"
    indicators = book.create_sheet(_("Indicatoren"))
    xlsx.append(
        indicators, [_("Nummer"), _("Indicator"), _("Beantwoord"), _("Van"), _("Percentage")]
    )
    for row in indicator_rows(round):
        xlsx.append(
            indicators,
            [
                row.indicator.number,
                row.indicator.text,
                row.answered,
                row.total,
                row.percent / 100,
            ],
        )
    for cell in indicators["E"][1:]:
        cell.number_format = "0%"
    return xlsx.save(book)
