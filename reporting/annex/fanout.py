"""Compiling a PDF edition on several worker machines: its missing parts go out as a Celery
group of section tasks, and a chord assembles the edition when all are in the shared cache
(settings.ANNEX_FANOUT; cache.py). Adding workers adds speed. Without a broker the parts
render in local processes instead (pdf.render_pdf).

    compile_edition ──> render_section × n (any worker) ──> assemble_edition (one worker)

Every step checks the edition is still running: a part that failed marks it failed, and
what comes after it stops. A worker that dies leaves the edition silent, and the sweep
gives it up (editions.give_up_lost) so it can be retried.
"""

import logging

from celery import chord
from django.conf import settings
from django.db.models import F
from django.utils import timezone

from ..models import Edition
from . import pdf
from .cache import SectionCache

logger = logging.getLogger(__name__)


def start(edition, annex) -> bool:
    """Send the edition's missing parts to the workers; True if they went, and the chord
    will finish the edition. False: nothing to spread (all parts cached), fan-out off, or
    the broker refused; the caller compiles here."""
    if edition.format != "pdf" or not settings.ANNEX_FANOUT:
        return False
    made = pdf.Parts(annex)
    cache = SectionCache()
    missing = []
    for key, html in made.each():
        if not cache.has(key):
            cache.put_source(key, html)  # waits there for a worker; not in the message
            missing.append(key)
    if not missing:
        return False
    from ..tasks import assemble_edition, render_section

    Edition.objects.filter(pk=edition.pk).update(
        progress_done=made.count - len(missing),
        progress_total=made.count,
        heartbeat_at=timezone.now(),
    )
    try:
        chord(
            [render_section.si(edition.pk, key) for key in missing],
            assemble_edition.si(edition.pk),
        ).apply_async(retry=False)
    except Exception:  # the broker went away between the claim and now: compile here
        logger.warning("edition %s: fan-out refused, compiling here", edition.pk, exc_info=True)
        return False
    logger.info("edition %s: %d parts sent to the workers", edition.pk, len(missing))
    return True


def render_section(edition_id, key):
    """One part, on whichever worker takes it. A failure fails the edition, with the
    reason; a part of an edition that no longer runs is not rendered."""
    running = Edition.objects.filter(pk=edition_id, state=Edition.State.RUNNING)
    if not running.exists():
        return
    try:
        pdf.render_one(key)
    except Exception as error:
        logger.exception("edition %s: part %s failed", edition_id, key)
        from .editions import fail

        fail(edition_id, error)
        return
    running.update(progress_done=F("progress_done") + 1, heartbeat_at=timezone.now())
