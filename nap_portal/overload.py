"""A request the portal cannot serve now gets a Dutch "busy" answer (503 with Retry-After),
never a reset connection or a traceback page: when the login queue is full
(signatories.login_queue) or the database refuses for a moment (too many connections, a
deadlock, a lock that is not free). The autosave reads Retry-After and saves again then,
saying "nog niet opgeslagen" meanwhile (static/js/autosave.js)."""

import logging
import sys

from django.conf import settings
from django.db import OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.views import defaults

from signatories.login_queue import Busy

logger = logging.getLogger(__name__)

# PostgreSQL's error classes that pass: connection (08), insufficient resources (53, e.g. too
# many clients), starting up or shutting down (57P0x), serialization failure and deadlock
# (40001, 40P01), lock not available (55P03).
PASSING_STATES = ("08", "53", "57P0", "40001", "40P01", "55P03")


def passes(error):
    """Whether a database error is a moment's overload rather than a defect."""
    if not isinstance(error, OperationalError):
        return False
    cause = error.__cause__
    state = getattr(cause, "sqlstate", None)
    if state:
        return state.startswith(PASSING_STATES)
    if type(cause).__module__.startswith("psycopg"):
        return True  # no state at all: the server could not be reached
    return "database is locked" in str(error)  # SQLite, one writer at a time


def busy_response(request, retry_after):
    # Rendered without the request: the page must not need the database or the session.
    if request.headers.get("HX-Request"):
        body, content_type = "", "text/plain; charset=utf-8"
    else:
        again = request.get_full_path() if request.method == "GET" else request.path
        body = render_to_string("503.html", {"retry_after": retry_after, "again": again})
        content_type = "text/html; charset=utf-8"
    response = HttpResponse(body, status=503, content_type=content_type)
    response["Retry-After"] = str(retry_after)
    response["Cache-Control"] = "no-store"
    return response


class Overload:
    """Answers "busy" for what a view raises: a full login queue, a database in overload."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, Busy) or passes(exception):
            return busy(request, exception)
        return None


def busy(request, error):
    retry_after = getattr(error, "retry_after", settings.OVERLOAD_RETRY_AFTER)
    logger.warning("busy (503, Retry-After %s) for %s: %s", retry_after, request.path, error)
    return busy_response(request, retry_after)


def server_error(request):
    """handler500: also for what a middleware raised (the session, the user), where the
    middleware above never sees it. A passing database error is "busy", not "broken"."""
    error = sys.exception()
    if isinstance(error, Busy) or passes(error):
        return busy(request, error)
    return defaults.server_error(request)
