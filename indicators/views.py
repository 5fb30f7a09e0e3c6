from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from .models import ActionPlan, Indicator, Subgoal, Theme


def framework_tree(plan):
    """Themes with their goal, subgoals and indicators, in plan order, in five queries."""
    indicators = Indicator.objects.in_plan_order().prefetch_related(
        "signatories", "signatory_kinds"
    )
    return (
        Theme.objects.filter(plan=plan)
        .select_related("goal")
        .prefetch_related(
            Prefetch(
                "goal__indicators",
                queryset=indicators.filter(subgoal__isnull=True),
                to_attr="own_indicators",
            ),
            Prefetch(
                "goal__subgoals",
                queryset=Subgoal.objects.order_by("position").prefetch_related(
                    Prefetch("indicators", queryset=indicators, to_attr="ordered_indicators")
                ),
                to_attr="ordered_subgoals",
            ),
        )
        .order_by("position")
    )


@login_required
def framework(request, code=None):
    plans = ActionPlan.objects.all()
    plan = get_object_or_404(ActionPlan, code=code) if code else plans.first()
    themes = framework_tree(plan) if plan else []
    return render(
        request,
        "indicators/framework.html",
        {"plan": plan, "plans": plans, "themes": themes},
    )
