"""Search every narrative of every round: Dutch full-text search on PostgreSQL, a plain
word match elsewhere (the embedded SQLite default). Both return the same result rows."""

import re
import unicodedata
from html import unescape

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVectorField,
)
from django.db import connection
from django.db.models import Expression, F, Func, Q
from django.db.models.functions import Lower
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


class Unaccent(Func):
    """Text without diacritics: "geïntegreerd" → "geintegreerd". PostgreSQL's unaccent
    extension (migration 0013); on SQLite the same function, registered per connection
    (reporting/apps.py)."""

    function = "unaccent"


class StoredVector(Expression):
    """The narrative's text-search vector, kept by PostgreSQL when an answer is written
    (migration 0023: tags out, accents folded, Dutch). Not a model field: only the search
    reads it."""

    output_field = SearchVectorField()

    def as_sql(self, compiler, connection):
        return f"{compiler.quote_name_unless_alias(Entry._meta.db_table)}.search_vector", []


def fold(text):
    """What Unaccent does, in Python: for the query and the passages."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c))


FILTERS = {
    "round": "submission__round",
    "kind": "submission__signatory__kind",
    "signatory": "submission__signatory",
    "goal": "goal",
    "indicator": "indicator",
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
    `filters`: round, kind, signatory, goal, indicator (see FILTERS)."""
    if connection.vendor == "postgresql":
        return _search_postgresql(query, filters)
    return _search_simple(query, filters)


def _search_postgresql(query, filters):
    # Accents are folded on both sides: "geintegreerd" finds "geïntegreerd".
    search_query = SearchQuery(fold(query), config="dutch", search_type="websearch")
    entries = (
        _base(filters)
        .alias(vector=StoredVector())
        .filter(vector=search_query)  # @@: the vectors' index finds the matches
        .annotate(
            rank=SearchRank(F("vector"), search_query),
            headline=SearchHeadline(
                PlainText(F("narrative")),
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
        .order_by("-rank", "-submission__round__first_year", "pk")
    )
    return _Results(entries)


def _search_simple(query, filters):
    words = [w for w in re.findall(r"\w+", fold(query).lower()) if len(w) > 1]
    if not words:
        return _Results(Entry.objects.none())
    condition = Q()
    for word in words:
        condition &= Q(folded__contains=word)
    entries = (
        _base(filters)
        .annotate(folded=Lower(Unaccent(F("narrative"))))
        .filter(condition)
        .order_by("-submission__round__first_year", "pk")
    )
    return _Results(entries, words=words)


def _passage_around(narrative_html, words):
    text = narrative.words(narrative_html)
    lowered = [fold(w).lower() for w in text]
    first = next((i for i, w in enumerate(lowered) if any(q in w for q in words)), 0)
    start = max(first - PASSAGE_WORDS // 2, 0)
    fragment = " ".join(text[start : start + PASSAGE_WORDS])
    marked = " ".join(_mark_word(word, words) for word in fragment.split(" "))
    prefix = "… " if start else ""
    suffix = " …" if start + PASSAGE_WORDS < len(text) else ""
    return prefix + marked + suffix


def _mark_word(word, queries):
    """`word` with every (accent-folded, case-folded) hit of `queries` between markers."""
    folded, origin = [], []
    for position, char in enumerate(word):
        for part in fold(char).lower():
            folded.append(part)
            origin.append(position)
    folded = "".join(folded)
    spans = []
    for query in queries:
        start = folded.find(query)
        while start >= 0:
            spans.append((origin[start], origin[start + len(query) - 1] + 1))
            start = folded.find(query, start + len(query))
    if not spans:
        return word
    merged = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    out, last = [], 0
    for start, end in merged:
        out += [word[last:start], START, word[start:end], STOP]
        last = end
    return "".join([*out, word[last:]])


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
