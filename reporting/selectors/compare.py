"""Answers side by side: last year's answer, and what changed since a report was sent back."""

import difflib
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.db.models import OuterRef, Subquery
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .. import narrative
from ..models import Entry, Submission, SubmissionEvent


def previous_entries(submission: Submission) -> dict[int, Entry]:
    """The same signatory's answers in the round before, by indicator id (one query)."""
    previous_round = submission.round.previous()
    if previous_round is None:
        return {}
    entries = (
        Entry.objects.filter(
            submission__round=previous_round, submission__signatory=submission.signatory
        )
        .exclude(narrative="")
        .exclude(indicator=None)
    )
    return {entry.indicator_id: entry for entry in entries.select_related("submission__round")}


def last_sent_back(events: Sequence[SubmissionEvent]) -> SubmissionEvent | None:
    """The latest return or reopening among `events` (in the order they happened), or None."""
    return next((e for e in reversed(events) if e.action in SubmissionEvent.SENT_BACK), None)


def entries_as_of(submission: Submission, moment: datetime) -> dict[int, Any]:
    """Each entry's historical record as it stood at `moment`, by entry id (one query)."""
    latest = (
        Entry.history.filter(id=OuterRef("pk"), history_date__lte=moment)
        .order_by("-history_date", "-history_id")
        .values("history_id")[:1]
    )
    record_ids = submission.entries.annotate(record=Subquery(latest)).values("record")
    return {record.id: record for record in Entry.history.filter(history_id__in=record_ids)}


# Screen readers do not announce <del> and <ins>; these hidden words do.
REMOVED = '<span class="visually-hidden">[verwijderd:] </span>'
ADDED = '<span class="visually-hidden">[toegevoegd:] </span>'


def word_diff(old_html: str, new_html: str) -> SafeString:
    """The narrative's text with removed words in <del> and added words in <ins>."""
    old, new = narrative.words(old_html or ""), narrative.words(new_html or "")
    parts = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if op in ("replace", "delete"):
            parts.append(f"<del>{REMOVED}{escape(' '.join(old[a1:a2]))}</del>")
        if op in ("replace", "insert"):
            parts.append(f"<ins>{ADDED}{escape(' '.join(new[b1:b2]))}</ins>")
        if op == "equal":
            parts.append(escape(" ".join(old[a1:a2])))
    return mark_safe(" ".join(parts))  # noqa: S308  (every part escaped above)
