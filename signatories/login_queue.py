"""Logins in a burst wait their turn instead of taking the whole machine.

A password check is PBKDF2 with Django's full cost (about 0.25 s of CPU), and the moment a
deadline nears, many people log in at once. Each web process checks one password at a time
(LOGIN_CONCURRENCY); the others wait for their turn, so the autosaves of people already
at work keep their share of the CPU. Who waits longer than LOGIN_QUEUE_SECONDS gets the
portal's "busy" answer (a 503 with Retry-After, nap_portal.overload) rather than nothing.
"""

import threading
from contextlib import contextmanager

from django.conf import settings


class Busy(Exception):
    """The portal cannot take this request now; come back after `retry_after` seconds."""

    def __init__(self, retry_after):
        super().__init__(retry_after)
        self.retry_after = retry_after


_slots = None
_slots_lock = threading.Lock()


def _semaphore():
    global _slots  # noqa: PLW0603 - one per process, made on first use (after settings load)
    with _slots_lock:
        if _slots is None:
            _slots = threading.BoundedSemaphore(settings.LOGIN_CONCURRENCY)
        return _slots


@contextmanager
def turn():
    """Wait for this process's turn to check a password, or raise Busy."""
    slots = _semaphore()
    if not slots.acquire(timeout=settings.LOGIN_QUEUE_SECONDS):
        raise Busy(settings.OVERLOAD_RETRY_AFTER)
    try:
        yield
    finally:
        slots.release()
