"""Writing to the audit log: `record(...)`, and `audited(...)` around a workflow step."""

import functools

from axes.helpers import get_client_ip_address
from simple_history.models import HistoricalRecords

from .models import AuditEvent


def current_request():
    """The request being handled, which simple_history's HistoryRequestMiddleware keeps for
    the length of a request, so a service deep down can record where a step came from
    without being handed the request. None in tasks and commands."""
    return getattr(HistoricalRecords.context, "request", None)


def origin(request):
    """The client's address, read as django-axes reads it (proxies included); "systeem"
    without a request."""
    if request is None:
        return "systeem"
    return get_client_ip_address(request) or ""


def record(action, *, actor=None, obj=None, result=AuditEvent.Result.OK, request=None, **detail):
    """One row: `actor` a user or an e-mail address (by default whoever is logged in),
    `obj` any model instance."""
    request = request or current_request()
    if actor is None:
        user = getattr(request, "user", None)
        actor = user if user is not None and user.is_authenticated else None
    if hasattr(actor, "email"):
        actor = actor.email
    return AuditEvent.objects.create(
        actor=actor or "",
        action=action,
        object_type=obj._meta.label if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_label=str(obj)[:300] if obj is not None else "",
        result=result,
        origin=origin(request),
        detail=detail,
    )


def audited(action, *, subject, refused=()):
    """Record a workflow step as done, or as refused when it raises one of `refused`. The
    step's keyword argument `by` is the actor, and the one named `subject` the object. Put
    it outside @transaction.atomic: a refusal rolls the step back, and its row must
    survive that."""

    def decorate(step):
        @functools.wraps(step)
        def wrapper(*args, **kwargs):
            obj = kwargs.get(subject)
            try:
                result = step(*args, **kwargs)
            except refused as error:
                record(
                    action,
                    actor=kwargs.get("by"),
                    obj=obj,
                    result=AuditEvent.Result.REFUSED,
                    reason=str(error),
                )
                raise
            record(action, actor=kwargs.get("by"), obj=obj)
            return result

        return wrapper

    return decorate
