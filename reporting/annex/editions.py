"""Editions: requesting, compiling and retrying a compiled annex (publishing:
reporting.publishing).

The content is hashed when an edition is requested (the standalone HTML of exactly what it
will contain, so filters and concept count). The same content in the same format is
compiled once: a second request, also one racing the first, gets the first edition.
"""

import logging
import tempfile
from datetime import timedelta

from django.conf import settings
from django.core.files import File
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.log import audited

from ..models import Edition
from ..services import WorkflowError
from . import content, fanout, fingerprint, formats, pdf
from .errors import AnswerError

logger = logging.getLogger(__name__)

# An edition still queued after this long is given up (the broker never came back).
STALE_AFTER = timedelta(hours=1)
# A queued edition older than this is sent to the broker again by the sweep.
RESEND_AFTER = timedelta(minutes=1)


def build_annex(edition):
    return _build(
        edition.round,
        period_from=edition.period_from,
        concept=edition.concept,
        signatory=edition.signatory,
        theme=edition.theme,
        kinds=list(edition.kinds.all()) or None,
    )


def _build(round, *, period_from, **choices):
    """A round's annex, or with period_from (a year) the plan period's up to this round."""
    if period_from is None:
        return content.build(round, **choices)
    rounds = content.period_rounds(round.plan, since=period_from, until=round)
    return content.build_period(rounds, **choices)


def content_hash(annex):
    """The edition's key: see fingerprint.py (no rendering)."""
    return fingerprint.content_key(annex)


def request_edition(
    *,
    round,
    by,
    format: str,
    concept: bool = False,
    signatory=None,
    theme=None,
    kinds=(),
    period_from: int | None = None,
) -> tuple[Edition, bool]:
    """The edition for this content and format: an existing one, or a new one queued.
    With period_from (a year), the plan period's annex from that year up to this round.

    Returns (edition, created). Side effects: a new edition row; its compile task is sent
    after commit.
    """
    kinds = list(kinds)
    annex = _build(
        round,
        period_from=period_from,
        concept=concept,
        signatory=signatory,
        theme=theme,
        kinds=kinds or None,
    )
    key = content_hash(annex)
    give_up_lost()
    same = Edition.objects.filter(round=round, format=format, concept=concept, content_hash=key)
    existing = same.exclude(state=Edition.State.FAILED).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            edition = Edition.objects.create(
                round=round,
                format=format,
                concept=concept,
                signatory=signatory,
                theme=theme,
                period_from=period_from,
                content_hash=key,
                requested_by=by,
            )
            edition.kinds.set(kinds)
    except IntegrityError:  # another request for the same content won the race
        return same.exclude(state=Edition.State.FAILED).get(), False
    _send(edition)
    return edition, True


@audited("edition_retried", subject="edition", refused=(WorkflowError,))
def retry_edition(*, edition: Edition, by) -> Edition:
    """Queue a failed edition again; if the same content was compiled since, that one.
    A compilation that lost its worker counts as failed, even before the sweep saw it."""
    give_up_lost(Edition.objects.filter(pk=edition.pk))
    edition.refresh_from_db()
    if edition.state != Edition.State.FAILED:
        raise WorkflowError(_("Alleen een mislukte editie kan opnieuw worden samengesteld."))
    try:
        with transaction.atomic():
            updated = Edition.objects.filter(pk=edition.pk, state=Edition.State.FAILED).update(
                state=Edition.State.QUEUED,
                error="",
                progress_done=0,
                progress_total=0,
                requested_at=timezone.now(),
                heartbeat_at=None,
                finished_at=None,
            )
    except IntegrityError:
        return Edition.objects.exclude(state=Edition.State.FAILED).get(
            round=edition.round,
            format=edition.format,
            concept=edition.concept,
            content_hash=edition.content_hash,
        )
    if updated:
        _send(edition)
    edition.refresh_from_db()
    return edition


def compile_edition(*, edition_id: int) -> None:
    """Compile a queued edition (the Celery task's body). Only one run claims it. With
    fan-out on, the PDF's parts go to the workers and assemble_edition finishes it."""
    claimed = Edition.objects.filter(pk=edition_id, state=Edition.State.QUEUED).update(
        state=Edition.State.RUNNING, heartbeat_at=timezone.now()
    )
    if not claimed:
        return
    edition, annex = _current(edition_id)
    if annex is None:
        return
    try:
        spread = fanout.start(edition, annex)
    except Exception as error:  # the shared storage refused: say so now, not after the sweep
        logger.exception("edition %s: its parts could not be sent", edition_id)
        fail(edition_id, error)
        return
    if not spread:
        _finish(edition, annex)


def assemble_edition(*, edition_id: int) -> None:
    """The fan-out's last step: all parts are in the cache; put them together."""
    edition, annex = _current(edition_id)
    if annex is not None:
        _finish(edition, annex)


def _current(edition_id):
    """The edition and its annex as of now; (edition, None) when it is no longer running,
    or when an answer changed since the request: never newer text under the older hash."""
    edition = Edition.objects.select_related("round__plan", "signatory", "theme").get(pk=edition_id)
    if edition.state != Edition.State.RUNNING:
        return edition, None
    annex = build_annex(edition)
    if content_hash(annex) != edition.content_hash:
        _supersede(edition)
        return edition, None
    annex.edition = edition.code
    return edition, annex


def _finish(edition, annex):
    edition_id = edition.pk
    try:
        with tempfile.TemporaryFile() as file:
            formats.write_as(
                annex,
                edition.format,
                file,
                progress=lambda done, total: _progress(edition_id, done, total),
            )
            file.seek(0)
            edition.file.save(edition.filename, File(file), save=False)
    except Exception as error:
        logger.exception("edition %s failed", edition_id)
        fail(edition_id, error)
        return
    Edition.objects.filter(pk=edition_id, state=Edition.State.RUNNING).update(
        state=Edition.State.DONE, file=edition.file.name, finished_at=timezone.now()
    )


def fail(edition_id, error: Exception):
    """Mark a running compilation failed, with the reason shown to the coordinator: our own
    messages in full, anything else by its type only (no internals on the page)."""
    known = isinstance(error, pdf.RenderError | AnswerError)
    reason = str(error) if known else type(error).__name__
    Edition.objects.filter(pk=edition_id, state=Edition.State.RUNNING).update(
        state=Edition.State.FAILED,
        error=_("Het samenstellen is mislukt (%(reason)s).") % {"reason": reason},
        finished_at=timezone.now(),
    )


def _supersede(edition):
    """The content changed between the request and the compile: this edition gives way to
    one for the content of now (a new one, or the one that already exists)."""
    newer, _created = request_edition(
        round=edition.round,
        by=edition.requested_by,
        format=edition.format,
        concept=edition.concept,
        signatory=edition.signatory,
        theme=edition.theme,
        kinds=list(edition.kinds.all()),
        period_from=edition.period_from,
    )
    Edition.objects.filter(pk=edition.pk).update(
        state=Edition.State.FAILED,
        error=_("De inhoud veranderde na de aanvraag; de nieuwe inhoud wordt samengesteld."),
        superseded_by=newer,
        finished_at=timezone.now(),
    )
    logger.info("edition %s superseded by %s: content changed", edition.pk, newer.pk)


def _progress(pk, done, total):
    Edition.objects.filter(pk=pk).update(
        progress_done=done, progress_total=total, heartbeat_at=timezone.now()
    )


def _send(edition):
    """After commit, hand the compilation to a worker. If the broker is down the edition
    waits as queued, and the sweep sends it again once the broker is back."""
    transaction.on_commit(lambda: _enqueue(edition.pk))


def _enqueue(pk):
    from ..tasks import compile_edition as task

    try:
        task.apply_async((pk,), retry=False)
    except Exception:  # any broker failure; the sweep sends it later
        logger.warning("could not queue edition %s; the sweep will", pk, exc_info=True)
        return False
    return True


def give_up_lost(editions=None) -> int:
    """Mark failed what can no longer finish: a running compilation whose worker stopped
    reporting (killed, out of memory) and a queue entry the broker never delivered.
    Returns how many. Runs in the sweep, on every request and before a retry."""
    editions = Edition.objects.all() if editions is None else editions
    now = timezone.now()
    silent_since = now - timedelta(seconds=settings.EDITION_STALE_SECONDS)
    lost = editions.filter(
        Q(heartbeat_at__lt=silent_since)
        | Q(heartbeat_at__isnull=True, requested_at__lt=silent_since),
        state=Edition.State.RUNNING,
    ).update(
        state=Edition.State.FAILED,
        error=_(
            "Het samenstellen is onderbroken: de verwerking stopte zonder resultaat. "
            "Probeer het opnieuw."
        ),
        finished_at=now,
    )
    never_started = editions.filter(
        state=Edition.State.QUEUED, requested_at__lt=now - STALE_AFTER
    ).update(
        state=Edition.State.FAILED,
        error=_("Het samenstellen is niet begonnen. Probeer het opnieuw."),
        finished_at=now,
    )
    return lost + never_started


def sweep() -> int:
    """The periodic task: give up lost compilations and send again what still waits in the
    queue (requested while the broker was down). Sending twice is harmless: only one run
    claims an edition. Returns how many were sent again."""
    give_up_lost()
    waiting = Edition.objects.filter(
        state=Edition.State.QUEUED, requested_at__lt=timezone.now() - RESEND_AFTER
    ).values_list("pk", flat=True)
    return sum(_enqueue(pk) for pk in waiting)
