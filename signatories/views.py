from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from indicators.models import ActionPlan
from indicators.views import framework_tree


@login_required
def home(request):
    """Who you are, for whom you report, and the current plan's framework."""
    plan = ActionPlan.objects.first()
    return render(
        request,
        "signatories/home.html",
        {
            "signatories": request.user.signatories.select_related("kind").in_annex_order(),
            "plan": plan,
            "themes": framework_tree(plan) if plan else [],
        },
    )
