"""`/health/`: can this instance serve? For the load balancer and docker-compose."""

import logging

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from nap_portal.celery import app

logger = logging.getLogger(__name__)


def _database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def _cache():
    cache.set("health", "ok", 10)
    if cache.get("health") != "ok":
        raise RuntimeError("cache returned nothing")


def _broker():
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "eager"  # the embedded default: tasks run in the web process
    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=settings.CELERY_BROKER_CONNECTION_TIMEOUT)
    return None


CHECKS = {"database": _database, "cache": _cache, "broker": _broker}


@never_cache
def health(request):
    """200 with {"status": "ok", ...} when every part answers, else 503 naming which did not.
    Errors go to the log, not to the (anonymous) caller."""
    checks = {}
    for name, check in CHECKS.items():
        try:
            checks[name] = check() or "ok"
        except Exception:
            logger.exception("health check %s failed", name)
            checks[name] = "fout"
    healthy = all(state != "fout" for state in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "fout", "checks": checks}, status=200 if healthy else 503
    )


def csrf_failure(request, reason=""):
    """A refused form (CSRF_FAILURE_VIEW), in Dutch. Usually the page was opened before a
    login in another tab; the header lets an autosave fetch the new token and try again."""
    response = render(
        request,
        "403_csrf.html",
        {"reason": reason},
        status=403,
    )
    response["X-CSRF-Failed"] = "true"
    return response
