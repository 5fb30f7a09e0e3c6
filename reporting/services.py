"""The workflow of rounds, submissions and entries. Every state change happens here."""

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from indicators.models import Indicator
from signatories.models import Signatory

from . import narrative
from .models import Entry, ReportingRound, Submission


class WorkflowError(Exception):
    """A transition that is not allowed now; the message is for the user."""


class EntryConflict(WorkflowError):
    """Somebody saved the entry after the version this save started from."""

    def __init__(self, current):
        super().__init__("conflict")
        self.current = current


class SubmissionIncomplete(WorkflowError):
    def __init__(self, missing):
        super().__init__("incomplete")
        self.missing = missing


def ensure_submission(*, round, signatory):
    """The signatory's submission for this round, with an entry for every applicable indicator.

    Side effects: creates the submission and missing entries (with history). Idempotent.
    """
    submission, _ = Submission.objects.get_or_create(round=round, signatory=signatory)
    indicators = Indicator.objects.filter(plan=round.plan).applicable_to(signatory)
    existing = set(submission.entries.values_list("indicator_id", flat=True))
    bulk_create_with_history(
        [Entry(submission=submission, indicator=i) for i in indicators if i.pk not in existing],
        Entry,
    )
    return submission


@transaction.atomic
def open_round(*, round, by):
    """Open a round: every active signatory gets its submission and entries.

    Side effects: round state → open; submissions and entries created.
    """
    round = ReportingRound.objects.select_for_update().get(pk=round.pk)
    if round.state not in (ReportingRound.State.PREPARATION, ReportingRound.State.CLOSED):
        raise WorkflowError("Deze ronde is al open of gepubliceerd.")
    for signatory in Signatory.objects.active():
        ensure_submission(round=round, signatory=signatory)
    round.state = ReportingRound.State.OPEN
    round.save(update_fields=["state"])
    return round


def save_entry(
    *,
    entry,
    by,
    version,
    narrative_html,
    number=None,
    percentage=None,
    not_applicable=False,
    not_applicable_reason="",
):
    """Save an editor's answer if nobody saved it since `version`.

    Side effects: the entry's fields, version + 1, a history record naming `by`.
    Raises EntryConflict (with the current entry) on a stale version, WorkflowError when
    the submission is no longer editable.
    """
    with transaction.atomic():
        current = (
            Entry.objects.select_for_update().select_related("submission__round").get(pk=entry.pk)
        )
        if not current.submission.is_editable:
            raise WorkflowError("Deze rapportage kan niet meer worden gewijzigd.")
        if current.version != version:
            raise EntryConflict(current)
        clean = narrative.sanitize(narrative_html or "")
        # An editor's empty paragraphs count as no text (progress is counted in the database).
        current.narrative = "" if narrative.is_blank(clean) else clean
        current.number = number
        current.percentage = percentage
        current.not_applicable = not_applicable
        current.not_applicable_reason = not_applicable_reason if not_applicable else ""
        current.version += 1
        current.updated_by = by
        current._history_user = by
        current.save()
    return current


def missing_entries(submission):
    """Entries without narrative or 'niet van toepassing' with a reason, in plan order."""
    entries = submission.entries.select_related("indicator").in_plan_order()
    return [entry for entry in entries if not entry.is_filled]


@transaction.atomic
def submit_submission(*, submission, by):
    """Hand in the whole submission; it becomes read-only for the signatory.

    Side effects: state → submitted, submitted_at/by set. Raises SubmissionIncomplete
    listing the entries without narrative or 'niet van toepassing'.
    """
    submission = (
        Submission.objects.select_for_update().select_related("round").get(pk=submission.pk)
    )
    if not submission.is_editable:
        raise WorkflowError("Deze rapportage kan niet (meer) worden ingediend.")
    missing = missing_entries(submission)
    if missing:
        raise SubmissionIncomplete(missing)
    submission.state = Submission.State.SUBMITTED
    submission.submitted_at = timezone.now()
    submission.submitted_by = by
    submission.save(update_fields=["state", "submitted_at", "submitted_by"])
    return submission
