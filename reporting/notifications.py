"""Who hears of what, by e-mail. Mails go through the outbox, after the change commits."""

from django.urls import reverse

from outbox.services import queue_mail
from signatories.models import User

EDITOR_TEMPLATE = "reporting/email/decision"
COORDINATOR_TEMPLATE = "reporting/email/submitted"
APPROVER_TEMPLATE = "reporting/email/signoff"


def editors_of(signatory):
    return User.objects.filter(is_active=True, memberships__signatory=signatory).distinct()


def approvers_of(signatory):
    return User.objects.filter(
        is_active=True, memberships__signatory=signatory, memberships__is_approver=True
    ).distinct()


def coordinators():
    return User.objects.filter(is_active=True, is_coordinator=True)


def event_happened(event):
    """Queue the mails for a submission event: a request for sign-off to the organisation's
    approvers, a hand-in to the coordinators, a decision (returned, approved, reopened,
    unlocked, not signed off) to the signatory's editors."""
    submission = event.submission
    if event.action == event.Action.WITHDRAWN:
        return  # the organisation's own step: the overview shows it
    if event.action == event.Action.SIGNOFF_REQUESTED:
        recipients = approvers_of(submission.signatory).exclude(pk=event.by_id)
        template = APPROVER_TEMPLATE
        path = reverse("reporting:submission_signoff", args=[submission.pk])
    elif event.action in (event.Action.SUBMITTED, event.Action.SIGNED_OFF):
        recipients = coordinators().exclude(pk=event.by_id)
        template = COORDINATOR_TEMPLATE
        path = reverse("reporting:submission_review", args=[submission.pk])
    else:
        # Not to whoever took the step (an approver is one of the editors).
        recipients = editors_of(submission.signatory).exclude(pk=event.by_id)
        template = EDITOR_TEMPLATE
        path = reverse("reporting:submission", args=[submission.pk])
    # One task for all recipients: a broker that is down delays the request at most once.
    queue_mail(
        to=list(recipients),
        template=template,
        context={
            "event": event,
            "submission": submission,
            "path": path,
            "comments": event.comments.count(),
        },
    )
