"""The one way tests count database queries."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(action):
    """Run `action()`; return how many queries it made, and what it returned."""
    with CaptureQueriesContext(connection) as context:
        result = action()
    return len(context), result
