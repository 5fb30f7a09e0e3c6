"""The one set of Dutch status words for a report, used on every page (issue 16).

A draft is "niet begonnen" until something is filled in, then "bezig"; the other states
are the submission's own. The overview, the start page, the report and the review page all
say the same.
"""

from django.utils.translation import gettext_lazy

from .models import Submission, filled

STATUSES = [
    ("not_started", gettext_lazy("niet begonnen")),
    ("in_progress", gettext_lazy("bezig")),
    *[(state.value, state.label) for state in Submission.State if state != "draft"],
]
STATUS_LABELS = dict(STATUSES)
# Handed in: what "41 van 64 ingediend" counts.
HANDED_IN = ("submitted", "approved")


def status_of(submission):
    """The status key of a submission (None: no report at all). Uses the `filled`
    annotation (SubmissionQuerySet.with_progress) where present, else asks."""
    if submission is None:
        return "not_started"
    if submission.state != Submission.State.DRAFT:
        return submission.state
    if hasattr(submission, "filled"):
        started = submission.filled > 0
    else:
        started = submission.entries.filter(filled()).exists()
    return "in_progress" if started else "not_started"


def label(submission):
    return STATUS_LABELS[status_of(submission)]
