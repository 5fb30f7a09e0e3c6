"""A failed export names the answer that caused it, so a coordinator can find and fix it."""

from contextlib import contextmanager

from django.utils.translation import gettext as _


class AnswerError(Exception):
    """Rendering one answer failed; the message says whose and which."""


@contextmanager
def for_answer(entry):
    """Re-raise any error while `entry` is written as an AnswerError naming it."""
    try:
        yield
    except AnswerError:
        raise
    except Exception as error:
        raise AnswerError(
            _("antwoord %(code)s %(place)s: %(error)s")
            % {
                "code": entry.submission.signatory.code,
                "place": entry.place,
                "error": f"{type(error).__name__}: {error}",
            }
        ) from error
