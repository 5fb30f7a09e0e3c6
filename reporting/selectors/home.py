"""What the home page shows of reporting (read-only)."""

from django.db.models import QuerySet

from ..models import ReportingRound, Submission
from ..permissions import can_view_annex


def open_submissions_of(user) -> QuerySet[Submission]:
    """The open rounds' submissions of the user's own organisations, with their progress;
    also for a coordinator who is a member somewhere."""
    return (
        Submission.objects.filter(
            round__state=ReportingRound.State.OPEN, signatory__memberships__user=user
        )
        .select_related("round", "signatory")
        .with_progress()
        .order_by("-round__first_year", "signatory__name")
    )


def annex_rounds_for(user) -> list[ReportingRound]:
    """Every round whose annex the user may read (published, or all for coordinators)."""
    rounds = ReportingRound.objects.select_related("plan").order_by("-first_year")
    return [round for round in rounds if can_view_annex.test(user, round)]


def earlier_submissions_of(user) -> QuerySet[Submission]:
    """The reports of the user's own organisations in rounds that are no longer open: to
    read back and to copy from (a member may open them; they cannot be changed)."""
    return (
        Submission.objects.filter(signatory__memberships__user=user)
        .exclude(round__state__in=[ReportingRound.State.OPEN, ReportingRound.State.PREPARATION])
        .select_related("round", "signatory")
        .with_progress()
        .order_by("-round__first_year", "signatory__name")
    )
