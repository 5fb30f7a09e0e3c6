"""Internal sign-off ("accordering"), for organisations that require it.

An editor offers the report (services.submit_submission puts it "ter accordering"); one of
the organisation's own approvers then hands it in to WO=MEN or sends it back with a reason.
The rules are the coordinators' review rules: the approver wrote none of it, the decision
locks the row and is taken on the state the approver saw, every step is an event, audited
and mailed through the outbox.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from audit.log import audited
from signatories.models import User

from .models import ReportingRound, Submission, SubmissionEvent
from .permissions import can_sign_off
from .services import (
    WorkflowError,
    hand_in,
    record,
    refuse_if_changed,
    refuse_unless_state,
    require_reason,
)


def _lock_for_signoff(submission, by, seen_event):
    submission = (
        Submission.objects.select_for_update(of=("self",))
        .select_related("round__plan", "signatory")
        .get(pk=submission.pk)
    )
    refuse_if_changed(submission, seen_event)
    refuse_unless_state(submission, Submission.State.SIGNOFF)
    if not can_sign_off.test(by, submission):
        raise WorkflowError(
            _(
                "Alleen een accordeur van deze organisatie die er niet aan meeschreef, "
                "accordeert deze rapportage."
            )
        )
    return submission


@audited("signed_off", subject="submission", refused=(WorkflowError,))
@transaction.atomic
def approve(*, submission: Submission, by: User, seen_event: int | None = None) -> Submission:
    """Sign the report off: it is handed in to the coordinators, by the approver.

    Side effects: state → submitted; a 'signed_off' event; e-mail to the coordinators.
    """
    submission = _lock_for_signoff(submission, by, seen_event)
    if submission.round.state != ReportingRound.State.OPEN:
        raise WorkflowError(
            _("Deze ronde is gesloten; neem contact op met het secretariaat van WO=MEN.")
        )
    hand_in(submission, by)
    record(submission, SubmissionEvent.Action.SIGNED_OFF, by)
    return submission


@audited("signoff_returned", subject="submission", refused=(WorkflowError,))
@transaction.atomic
def send_back(
    *, submission: Submission, by: User, reason: str, seen_event: int | None = None
) -> Submission:
    """Send the report back to the organisation's editors with the approver's comments.

    Side effects: state → draft (editable again until the deadline); a 'signoff_returned'
    event with the reason; e-mail to the editors.
    """
    require_reason(reason)
    submission = _lock_for_signoff(submission, by, seen_event)
    submission.state = Submission.State.DRAFT
    submission.save(update_fields=["state"])
    record(submission, SubmissionEvent.Action.SIGNOFF_RETURNED, by, reason)
    return submission
