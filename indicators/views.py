from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from .models import ActionPlan, Theme


@login_required
def framework(request, code=None):
    plans = ActionPlan.objects.all()
    plan = get_object_or_404(ActionPlan, code=code) if code else plans.first()
    themes = Theme.objects.framework_tree(plan) if plan else []
    return render(
        request,
        "indicators/framework.html",
        {"plan": plan, "plans": plans, "themes": themes},
    )
