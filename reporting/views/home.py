"""The first screen: who you are, what you report, which annexes you may read, the plan."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from indicators.models import ActionPlan, Theme

from ..selectors import home as selectors


@login_required
def home(request):
    user = request.user
    plan = ActionPlan.objects.first()
    return render(
        request,
        "reporting/home.html",
        {
            "signatories": user.signatories.select_related("kind").in_annex_order(),
            "open_submissions": selectors.open_submissions_of(user),
            "earlier_submissions": selectors.earlier_submissions_of(user),
            "annex_rounds": selectors.annex_rounds_for(user),
            "plan": plan,
            "themes": Theme.objects.framework_tree(plan) if plan else [],
        },
    )
