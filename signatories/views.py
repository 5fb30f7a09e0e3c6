from django.conf import settings
from django.shortcuts import render

from .models import email_key


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
