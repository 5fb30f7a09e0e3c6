"""Search every narrative of every round: Dutch full-text search on PostgreSQL, a plain
word match elsewhere (the embedded SQLite default). Both return the same result rows."""

import re
from html import unescape

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, Func, Q
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from .. import narrative
from ..models import Entry

# Markers that cannot occur in text after escaping, replaced by <mark> once escaped.
START, STOP = "\x02", "\x03"
PASSAGE_WORDS = 40


class PlainText(Func):
    """A narrative without its HTML tags (PostgreSQL)."""

    function = "regexp_replace"
    template = "%(function)s(%(expressions)s, '<[^>]+>', ' ', 'g')"


FILTERS = {
    "round": "submission__round",
    "kind": "submission__signatory__kind",
    "signatory": "submission__signatory",
    "goal": "goal",
}


def _base(filters=None):
    entries = Entry.objects.select_related(
        "submission__round", "submission__signatory", "indicator", "goal", "subgoal"
    ).exclude(narrative="")
    for name, value in (filters or {}).items():
        entries = entries.filter(**{FILTERS[name]: value})
    return entries


def search(query: str, **filters) -> "_Results":
    """Entries whose narrative matches `query`, best first, each with a `passage` (safe HTML).
    `filters`: round, kind, signatory, goal (see FILTERS)."""
    if connection.vendor == "postgresql":
        return _search_postgresql(query, filters)
    return _search_simple(query, filters)


def _search_postgresql(query, filters):
    text = PlainText(F("narrative"))
    search_query = SearchQuery(query, config="dutch", search_type="websearch")
    entries = (
        _base(filters)
        .annotate(
            rank=SearchRank(SearchVector(text, config="dutch"), search_query),
            headline=SearchHeadline(
                text,
                search_query,
                config="dutch",
                start_sel=START,
                stop_sel=STOP,
                max_words=PASSAGE_WORDS,
                min_words=15,
                max_fragments=2,
                fragment_delimiter=" … ",
            ),
        )
        .filter(rank__gt=0)
        .order_by("-rank", "-submission__round__first_year", "pk")
    )
    return _Results(entries)


def _search_simple(query, filters):
    words = [w for w in re.findall(r"\w+", query.lower()) if len(w) > 1]
    if not words:
        return _Results(Entry.objects.none())
    condition = Q()
    for word in words:
        condition &= Q(narrative__icontains=word)
    entries = _base(filters).filter(condition).order_by("-submission__round__first_year", "pk")
    return _Results(entries, words=words)


def _passage_around(narrative_html, words):
    text = narrative.words(narrative_html)
    lowered = [w.lower() for w in text]
    first = next((i for i, w in enumerate(lowered) if any(q in w for q in words)), 0)
    start = max(first - PASSAGE_WORDS // 2, 0)
    fragment = " ".join(text[start : start + PASSAGE_WORDS])
    pattern = "|".join(re.escape(word) for word in words)
    marked = re.sub(f"({pattern})", f"{START}\\1{STOP}", fragment, flags=re.IGNORECASE)
    prefix = "… " if start else ""
    suffix = " …" if start + PASSAGE_WORDS < len(text) else ""
    return prefix + marked + suffix


def _mark(passage):
    html = escape(passage).replace(START, "<mark>").replace(STOP, "</mark>")
    return mark_safe(html)  # noqa: S308  (escaped before the marks were added)


class _Results:
    """A lazily sliced result list the paginator can count, adding `passage` per page."""

    def __init__(self, entries, words=None):
        self.entries = entries
        self.words = words

    def count(self):
        return self.entries.count()

    def __getitem__(self, item):
        page = list(self.entries[item])
        for entry in page:
            raw = (
                # PostgreSQL's headline is cut from the stored HTML: its entities ("&amp;")
                # are still encoded, and _mark escapes the text once more.
                unescape(entry.headline)
                if self.words is None
                else _passage_around(entry.narrative, self.words)
            )
            entry.passage = _mark(Truncator(raw).words(PASSAGE_WORDS * 2))
        return page
