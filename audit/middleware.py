from .log import current_request


class AuditOriginMiddleware:
    """Makes the request known to audit.log.record for the length of the request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            current_request.reset(token)
