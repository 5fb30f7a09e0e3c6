"""Reminders to signatories that have not submitted: 14, 7 and 1 days before the deadline,
then weekly after it. One digest per person per day, whatever the number of reports."""

from collections import defaultdict

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audit.log import audited
from outbox.services import queue_mail
from signatories.models import Membership

from .models import ReportingRound, Submission
from .notifications import editors_of
from .selectors import overview
from .services import WorkflowError

DAYS_BEFORE = (14, 7, 1)


def is_reminder_day(round, today):
    days_left = (timezone.localdate(round.deadline) - today).days
    if days_left in DAYS_BEFORE:
        return True
    return days_left < 0 and -days_left % 7 == 0


def outstanding(today):
    """Open rounds' submissions not yet handed in, for rounds with a reminder today."""
    rounds = [
        r
        for r in ReportingRound.objects.filter(state=ReportingRound.State.OPEN)
        if is_reminder_day(r, today)
    ]
    return (
        Submission.objects.filter(
            round__in=rounds,
            state__in=Submission.EDITABLE_STATES,
            signatory__is_active=True,
        )
        .select_related("round", "signatory")
        .with_progress()
        .order_by("round__deadline", "signatory__name")
    )


def send_reminders(today=None):
    """Queue one digest per editor listing every report of theirs that is still outstanding.

    Side effects: OutgoingMail rows keyed by person and day, so a repeated run adds nothing.
    Returns the number of mails queued.
    """
    today = today or timezone.localdate()
    submissions = list(outstanding(today))
    editors = defaultdict(list)
    for membership in Membership.objects.filter(
        signatory__in={s.signatory_id for s in submissions}, user__is_active=True
    ).select_related("user"):
        editors[membership.signatory_id].append(membership.user)
    per_person = defaultdict(list)
    people = {}
    for submission in submissions:
        submission.path = reverse("reporting:submission", args=[submission.pk])
        submission.days_left = (timezone.localdate(submission.round.deadline) - today).days
        for person in editors[submission.signatory_id]:
            people[person.pk] = person
            per_person[person.pk].append(submission)
    queued = 0
    for pk, submissions in per_person.items():
        person = people[pk]
        queued += len(
            queue_mail(
                to=[person],
                template="reporting/email/reminder",
                context={"submissions": submissions, "today": today},
                key=f"reminder:{today.isoformat()}:{person.pk}",
            )
        )
    return queued


# A coordinator reminds from the overview: those who have not started, or everyone who has
# not handed in (not started, busy, returned).
GROUPS = {
    "not_started": gettext_lazy("wie nog niet is begonnen"),
    "not_handed_in": gettext_lazy("wie nog niet heeft ingediend"),
}


# Which overview statuses each group reminds.
WANTED = {
    "not_started": {"not_started"},
    "not_handed_in": {"not_started", "in_progress", "returned"},
}


def to_remind(round):
    """Per group, the submissions a manual reminder goes to, in the annex's order (one
    reading of the overview for both groups)."""
    rows, _totals = overview.signatory_rows(round)
    return {
        group: [row.submission for row in rows if row.submission and row.status in wanted]
        for group, wanted in WANTED.items()
    }


@audited("reminder_sent", subject="round", refused=(WorkflowError,))
def remind_now(*, round, by, group: str, message: str = "") -> int:
    """Mail the editors of the reports in `group` now, with the coordinator's message.

    One mail per person and round per day: a second click the same day adds nothing.
    Returns the number of mails queued."""
    if round.state != ReportingRound.State.OPEN:
        raise WorkflowError(_("Herinneringen gaan alleen uit in een open ronde."))
    if group not in GROUPS:
        raise WorkflowError(_("Kies aan wie de herinnering gaat."))
    today = timezone.localdate()
    queued = 0
    for submission in to_remind(round)[group]:
        submission.path = reverse("reporting:submission", args=[submission.pk])
        for person in editors_of(submission.signatory):
            queued += len(
                queue_mail(
                    to=[person],
                    template="reporting/email/reminder_manual",
                    context={"submission": submission, "round": round, "message": message},
                    key=f"reminder-manual:{round.pk}:{today.isoformat()}:{person.pk}:{submission.pk}",
                )
            )
    return queued
