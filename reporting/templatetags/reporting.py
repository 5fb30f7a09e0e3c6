from django import template
from django.utils.safestring import mark_safe

from reporting import narrative as narrative_rules
from reporting import numbers
from reporting.models import ReportingRound, Submission
from reporting.permissions import can_view_annex

register = template.Library()


@register.filter
def narrative(html):
    """A narrative as HTML, sanitised again on the way out (it may have come in elsewhere)."""
    return mark_safe(narrative_rules.sanitize(html or ""))  # noqa: S308  (sanitised by nh3)


@register.filter
def figures(answer, kind):
    """An answer's (or history record's) number and percentage, Dutch: "€ 1.250.000,50"."""
    return numbers.figures(answer, kind)


@register.inclusion_tag("reporting/_my_submissions.html", takes_context=True)
def my_open_submissions(context):
    user = context["request"].user
    submissions = (
        # The user's own organisations only, also for a coordinator who is a member somewhere.
        Submission.objects.filter(
            round__state=ReportingRound.State.OPEN, signatory__memberships__user=user
        )
        .select_related("round", "signatory")
        .with_progress()
        .order_by("-round__first_year", "signatory__name")
    )
    return {"submissions": submissions}


@register.inclusion_tag("reporting/_annexes.html", takes_context=True)
def annexes(context):
    """Links to the annex of every round the user may read (published, or all for coordinators)."""
    user = context["request"].user
    rounds = ReportingRound.objects.select_related("plan").order_by("-first_year")
    return {"rounds": [r for r in rounds if can_view_annex.test(user, r)]}
