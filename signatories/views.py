from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from indicators.models import ActionPlan
from indicators.views import framework_tree

from .models import email_key


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


def locked_out(request, credentials, *args, **kwargs):
    """django-axes' answer to a blocked login (AXES_LOCKOUT_CALLABLE), in Dutch."""
    context = {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "cooloff_minutes": settings.LOGIN_COOLOFF_MINUTES,
    }
    return render(
        request, "registration/locked_out.html", context, status=settings.AXES_HTTP_RESPONSE_CODE
    )


def login_name(request, credentials):
    """The e-mail address a login attempt is counted under (AXES_USERNAME_CALLABLE): the
    normal form the login matches exactly, so "Sanne@…" or "ſanne@…" get no five more tries."""
    given = (credentials or {}).get("username") or request.POST.get("username") or ""
    return email_key(given)
