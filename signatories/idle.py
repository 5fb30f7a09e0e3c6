"""Logging out after a period without activity, with a warning that lets one stay.

The server is the authority: a request after SESSION_IDLE_TIMEOUT seconds without activity
logs the person out and sends them to the login page. The page counts down the same period
(static/js/session.js), warns SESSION_IDLE_WARNING seconds before the end, and "Ingelogd
blijven" posts to `session_status`. Polling (an edition's progress, sent with the header
"X-Poll") and asking how long is left are not activity.
"""

import time
from urllib.parse import quote, urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_logged_in
from django.http import JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from audit.log import record

LAST = "last_activity"
# Write the session at most this often when nothing else changes it.
RESOLUTION = 30


def remaining(request, now=None):
    last = request.session.get(LAST)
    if last is None:
        return settings.SESSION_IDLE_TIMEOUT
    return settings.SESSION_IDLE_TIMEOUT - ((now or time.time()) - last)


def _page_of(request):
    """Where to come back after logging in: for an htmx request (an autosave) the page it
    came from, not the URL it posted to."""
    current = request.headers.get("HX-Current-URL")
    if current:
        parts = urlsplit(current)
        if url_has_allowed_host_and_scheme(current, allowed_hosts={request.get_host()}):
            return parts.path + (f"?{parts.query}" if parts.query else "")
    return request.get_full_path()


class IdleTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.user.is_authenticated:
            return self.get_response(request)
        now = time.time()
        if remaining(request, now) <= 0:
            user = request.user
            logout(request)
            record("session_expired", actor=user, obj=user, request=request)
            messages.info(request, _("U bent uitgelogd omdat u een tijd niets hebt gedaan."))
            login = f"{reverse('login')}?next={quote(_page_of(request))}"
            if request.headers.get("HX-Request"):
                response = JsonResponse({}, status=401)
                response["HX-Redirect"] = login
                return response
            return redirect(login)
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        asking = match is not None and match.url_name == "session_status"
        if request.headers.get("X-Poll") or (asking and request.method == "GET"):
            return response
        if request.user.is_authenticated:
            last = request.session.get(LAST) or 0
            if now - last >= RESOLUTION:
                request.session[LAST] = now
        return response


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def session_status(request):
    """GET: seconds left (another tab may have been active). POST: stay logged in."""
    if request.method == "POST":
        request.session[LAST] = time.time()
    # The page's CSRF token too: a login in another tab rotates it, and an open form's
    # autosave picks up the new one here instead of failing (static/js/autosave.js).
    return JsonResponse(
        {"remaining": max(0, round(remaining(request))), "csrf": get_token(request)}
    )


def start_at_login(sender, request, user, **kwargs):
    """The idle clock starts at login (so the first page does not have to save the session)."""
    if request is not None and hasattr(request, "session"):
        request.session[LAST] = time.time()


user_logged_in.connect(start_at_login, dispatch_uid="idle_start_at_login")


def context(request):
    """For base.html: the countdown the page keeps (context processor)."""
    return {
        "session_timeout": settings.SESSION_IDLE_TIMEOUT,
        "session_warning": settings.SESSION_IDLE_WARNING,
    }
