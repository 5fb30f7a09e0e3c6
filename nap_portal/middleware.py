"""Compressing the portal's own pages and data, not files that are compressed already."""

from django.middleware.gzip import GZipMiddleware

# PDF, Word, Excel and images are compressed formats: gzip would cost CPU for nothing.
COMPRESSIBLE = ("text/", "application/json", "image/svg+xml")


class CompressPages(GZipMiddleware):
    def process_response(self, request, response):
        if not response.get("Content-Type", "").startswith(COMPRESSIBLE):
            return response
        return super().process_response(request, response)
