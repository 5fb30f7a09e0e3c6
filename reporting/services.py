"""The workflow of rounds, submissions and entries. Every state change happens here."""

from datetime import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from audit.log import audited
from indicators.models import Indicator, StrategicGoal, Subgoal
from signatories.models import Signatory, User
from signatories.permissions import is_member_of

from . import narrative, notifications
from . import text as text_rules
from .models import Entry, EntryComment, ReportingRound, Submission, SubmissionEvent
from .notifications import approvers_of
from .permissions import can_decide_submission, can_review_submission


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


def ensure_submission(*, round: ReportingRound, signatory: Signatory) -> Submission:
    """The signatory's submission for this round, with an entry for every applicable indicator.

    Side effects: creates the submission and missing entries (with history). Idempotent.
    """
    submission, created = Submission.objects.get_or_create(round=round, signatory=signatory)
    indicators = Indicator.objects.filter(plan=round.plan).applicable_to(signatory)
    existing = set(submission.entries.values_list("indicator_id", flat=True))
    # An indicator given to an existing report of an open round is news to its editors.
    late = not created and round.state == ReportingRound.State.OPEN
    new = [
        Entry(
            submission=submission,
            indicator=i,
            goal_id=i.goal_id,
            subgoal_id=i.subgoal_id,
            added_late=late,
        )
        for i in indicators
        if i.pk not in existing
    ]
    for entry in new:
        # Created by the portal, not by whoever's request caused it: a coordinator who
        # opens a round (or gives an indicator) is no author of its reports, and may
        # still approve them (permissions.is_author_of_submission reads the history).
        entry._history_user = None
    bulk_create_with_history(new, Entry)
    return submission


def save_entry(
    *,
    entry: Entry,
    by: User | None,
    version: int,
    narrative_html: str,
    number: Decimal | None = None,
    percentage: Decimal | None = None,
    not_applicable: bool = False,
    not_applicable_reason: str = "",
) -> Entry:
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
            raise WorkflowError(_("Deze rapportage kan niet meer worden gewijzigd."))
        if current.version != version:
            raise EntryConflict(current)
        clean = narrative.sanitize(text_rules.clean(narrative_html))
        # An editor's empty paragraphs count as no text (progress is counted in the database).
        current.narrative = "" if narrative.is_blank(clean) else clean
        current.number = number
        current.percentage = percentage
        current.not_applicable = not_applicable
        current.not_applicable_reason = (
            text_rules.clean(not_applicable_reason) if not_applicable else ""
        )
        current.version += 1
        current.updated_by = by
        current._history_user = by
        current.save()
    return current


def missing_entries(submission: Submission) -> list[Entry]:
    """Entries without narrative or 'niet van toepassing' with a reason, in plan order."""
    entries = submission.entries.select_related("indicator").in_plan_order()
    return [entry for entry in entries if not entry.is_filled]


@audited("submitted", subject="submission", refused=(WorkflowError,))
@transaction.atomic
def submit_submission(*, submission: Submission, by: User) -> Submission:
    """Hand in the whole submission; it becomes read-only for the signatory.

    Side effects: state → submitted, submitted_at/by set. Raises SubmissionIncomplete
    listing the entries without narrative or 'niet van toepassing'.
    """
    submission = (
        Submission.objects.select_for_update().select_related("round").get(pk=submission.pk)
    )
    if not submission.is_editable:
        raise WorkflowError(_("Deze rapportage kan niet (meer) worden ingediend."))
    missing = missing_entries(submission)
    if missing:
        raise SubmissionIncomplete(missing)
    if submission.signatory.requires_signoff:
        # The organisation's own approver first (reporting.signoff hands it in).
        if not approvers_of(submission.signatory).exists():
            raise WorkflowError(
                _(
                    "Uw organisatie vereist accordering, maar heeft nog geen accordeur. "
                    "Vraag het secretariaat of uw hoofdredacteur er een aan te wijzen."
                )
            )
        submission.state = Submission.State.SIGNOFF
        submission.save(update_fields=["state"])
        record(submission, SubmissionEvent.Action.SIGNOFF_REQUESTED, by)
        return submission
    hand_in(submission, by)
    record(submission, SubmissionEvent.Action.SUBMITTED, by)
    return submission


def hand_in(submission, by):
    """The report goes to the coordinators: state submitted, with when and by whom."""
    submission.state = Submission.State.SUBMITTED
    submission.submitted_at = timezone.now()
    submission.submitted_by = by
    submission.save(update_fields=["state", "submitted_at", "submitted_by"])


@audited("withdrawn", subject="submission", refused=(WorkflowError,))
@transaction.atomic
def withdraw_submission(*, submission: Submission, by: User, reason: str) -> Submission:
    """The organisation takes its report back from its approver, or its handed-in report
    before a coordinator has started on it (no comment yet), while it can still be changed.
    Back to draft; logged with the reason. Nobody gets mail: the overview shows it."""
    require_reason(reason)
    submission = (
        Submission.objects.select_for_update(of=("self",))
        .select_related("round", "signatory")
        .get(pk=submission.pk)
    )
    if not is_member_of(by, submission.signatory):
        raise WorkflowError(_("Alleen redacteuren van deze organisatie kunnen dit doen."))
    if submission.state not in Submission.WITHDRAWABLE_STATES:
        raise WorkflowError(_("Alleen een ingediende rapportage kan worden teruggetrokken."))
    if submission.is_locked:
        raise WorkflowError(
            _("De deadline is voorbij: na terugtrekken kunt u niets meer wijzigen.")
        )
    if EntryComment.objects.filter(entry__submission=submission, event__isnull=True).exists():
        raise WorkflowError(
            _(
                "Een coördinator is al begonnen met beoordelen. Vraag het secretariaat om de "
                "rapportage terug te sturen."
            )
        )
    submission.state = Submission.State.DRAFT
    submission.save(update_fields=["state"])
    record(submission, SubmissionEvent.Action.WITHDRAWN, by, reason)
    return submission


# Review: every transition below locks the submission row, checks the state it is in now
# (not the one the coordinator's page showed), records an event and queues the e-mail.


def _lock_for_review(submission, by, *, seen_event=None):
    submission = (
        # Lock only the submission row (PostgreSQL cannot lock the outer-joined submitter).
        Submission.objects.select_for_update(of=("self",))
        .select_related("round__plan", "signatory", "submitted_by")
        .get(pk=submission.pk)
    )
    if not can_review_submission.test(by, submission):
        raise WorkflowError(_("Alleen coördinatoren beoordelen rapportages."))
    refuse_if_changed(submission, seen_event)
    return submission


def refuse_if_changed(submission, seen_event):
    """Refuse a decision taken on a page that showed an older state of the report."""
    if seen_event is None:
        return
    latest = submission.events.values_list("pk", flat=True).last()
    if latest != seen_event:
        raise WorkflowError(
            _(
                "Deze rapportage is gewijzigd sinds u de pagina opende. "
                "Bekijk de nieuwe stand en probeer het opnieuw."
            )
        )


def refuse_unless_state(submission, *states):
    if submission.state in states:
        return
    last = submission.events.select_related("by").last()
    state = submission.get_state_display()
    if last and last.by:
        raise WorkflowError(
            _("Deze rapportage is %(state)s door %(who)s; die stap kan nu niet (meer).")
            % {"state": state, "who": last.by.get_full_name()}
        )
    raise WorkflowError(
        _("Deze rapportage is %(state)s; die stap kan nu niet (meer).") % {"state": state}
    )


def _refuse_author(submission, by):
    if not can_decide_submission.test(by, submission):
        raise WorkflowError(
            _(
                "U hebt aan deze rapportage meegeschreven of haar ingediend. "
                "Een andere coördinator moet haar beoordelen."
            )
        )


def record(submission, action, by, reason="", *, share_comments=False, **fields):
    event = SubmissionEvent.objects.create(
        submission=submission,
        action=action,
        by=by,
        reason=text_rules.clean(reason).strip(),
        **fields,
    )
    if share_comments:
        # Comments are rows of their own (not tracked history); sharing them is one UPDATE.
        EntryComment.objects.filter(entry__submission=submission, event__isnull=True).update(
            event=event
        )
    notifications.event_happened(event)
    return event


def require_reason(reason):
    if not text_rules.clean(reason).strip():
        raise WorkflowError(_("Geef een reden op."))


@audited("approved", subject="submission", refused=(WorkflowError,))
@transaction.atomic
def approve_submission(
    *, submission: Submission, by: User, seen_event: int | None = None
) -> Submission:
    """Approve a submitted report.

    Side effects: state → approved; an 'approved' event; pending comments shared with it;
    e-mail to the signatory's editors. Refused when not submitted or when `by` wrote it.
    """
    submission = _lock_for_review(submission, by, seen_event=seen_event)
    refuse_unless_state(submission, Submission.State.SUBMITTED)
    _refuse_author(submission, by)
    submission.state = Submission.State.APPROVED
    submission.save(update_fields=["state"])
    record(submission, SubmissionEvent.Action.APPROVED, by, share_comments=True)
    return submission


@audited("returned", subject="submission", refused=(WorkflowError,))
@transaction.atomic
def return_submission(
    *, submission: Submission, by: User, reason: str, seen_event: int | None = None
) -> Submission:
    """Send a submitted report back to its editors with a reason (and the pending comments).

    Side effects: state → returned (editable again until the deadline); a 'returned' event;
    comments shared; e-mail to the editors.
    """
    require_reason(reason)
    submission = _lock_for_review(submission, by, seen_event=seen_event)
    refuse_unless_state(submission, Submission.State.SUBMITTED)
    _refuse_author(submission, by)
    submission.state = Submission.State.RETURNED
    submission.save(update_fields=["state"])
    record(submission, SubmissionEvent.Action.RETURNED, by, reason, share_comments=True)
    return submission


@audited("reopened", subject="submission", refused=(WorkflowError,))
@transaction.atomic
def reopen_submission(
    *, submission: Submission, by: User, reason: str, seen_event: int | None = None
) -> Submission:
    """Reopen an approved report: it goes back to its editors as returned, with the reason.

    Side effects: state → returned; a 'reopened' event; comments shared; e-mail to the editors.
    """
    require_reason(reason)
    submission = _lock_for_review(submission, by, seen_event=seen_event)
    refuse_unless_state(submission, Submission.State.APPROVED)
    submission.state = Submission.State.RETURNED
    submission.save(update_fields=["state"])
    record(submission, SubmissionEvent.Action.REOPENED, by, reason, share_comments=True)
    return submission


@audited("unlocked", subject="submission", refused=(WorkflowError,))
@transaction.atomic
def unlock_submission(
    *, submission: Submission, by: User, reason: str, until: datetime
) -> Submission:
    """Let the signatory change its report after the deadline, until `until`.

    Side effects: unlocked_until set; an 'unlocked' event; e-mail to the editors.
    """
    require_reason(reason)
    submission = _lock_for_review(submission, by)
    if submission.round.state != ReportingRound.State.OPEN:
        raise WorkflowError(_("Deze ronde is niet open; open eerst de ronde."))
    if until <= timezone.now():
        raise WorkflowError(_("Kies een moment in de toekomst."))
    submission.unlocked_until = until
    submission.save(update_fields=["unlocked_until"])
    record(submission, SubmissionEvent.Action.UNLOCKED, by, reason, unlocked_until=until)
    return submission


def add_comment(*, entry: Entry, by: User, text: str) -> EntryComment:
    """A coordinator's remark on an entry, shared with the editors at the next decision."""
    remark = text_rules.clean(text).strip()
    if not remark:
        raise WorkflowError(_("Schrijf een opmerking."))
    if not can_review_submission.test(by, entry.submission):
        raise WorkflowError(_("Alleen coördinatoren plaatsen opmerkingen."))
    return EntryComment.objects.create(entry=entry, author=by, text=remark)


@transaction.atomic
def add_goal_answer(
    *,
    submission: Submission,
    by: User,
    goal: StrategicGoal,
    subgoal: Subgoal | None = None,
    indicator_text: str = "",
) -> Entry:
    """An answer on a goal or subgoal as such ("Antwoord op doel of subdoel"): for a
    signatory without indicators (Defensie, the Politie) or about something no indicator
    covers. It is ordered, counted, reviewed and compiled like any answer.

    Side effects: a new empty entry (with history) after the other answers at that place."""
    submission = (
        Submission.objects.select_for_update().select_related("round").get(pk=submission.pk)
    )
    if not submission.is_editable:
        raise WorkflowError(_("Deze rapportage kan niet meer worden gewijzigd."))
    if goal.plan_id != submission.round.plan_id or (
        subgoal is not None and subgoal.goal_id != goal.pk
    ):
        raise WorkflowError(_("Kies een doel of subdoel uit het actieplan van deze ronde."))
    at_place = submission.entries.filter(indicator=None, goal=goal, subgoal=subgoal)
    last = at_place.order_by("-position").values_list("position", flat=True).first()
    entry = Entry(
        submission=submission,
        goal=goal,
        subgoal=subgoal,
        indicator_text=text_rules.clean(indicator_text).strip(),
        position=0 if last is None else last + 1,
        updated_by=by,
    )
    entry._history_user = by
    entry.save()
    return entry
