"""What goes into the annex for a round: per signatory, per theme, the answered entries."""

import base64
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from django.db.models import Prefetch
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from indicators.models import Indicator
from signatories.models import annex_order

from ..models import Entry, ReportingRound, Submission, entry_order, filled
from ..selectors.layout import group_by_framework


@dataclass
class Section:
    """One signatory's part of the annex."""

    signatory: object
    themes: list = field(default_factory=list)
    # In a plan period's annex, the round's years ("2031"): the same signatory comes once
    # a round, so its heading and anchor say which.
    years: str = ""

    @property
    def heading(self):
        return f"{self.signatory.name} ({self.years})" if self.years else self.signatory.name

    @property
    def anchor(self):
        anchor = f"ondertekenaar-{self.signatory.code.lower()}"
        return f"{anchor}-{self.years.replace('–', '-')}" if self.years else anchor

    def outline(self):
        """What a table of contents lists of this section, in order: ("signatory", its
        heading), then ("theme", title) for each theme (the PDF's and Word's contents)."""
        return [("signatory", self.heading)] + [("theme", block.title) for block in self.themes]


@dataclass
class AnnexChart:
    """A chart in the voorwerk, drawn only when a document is rendered (not for hashing)."""

    title: str
    rows: list  # [(label, value)]

    @property
    def summary(self):
        return f"{self.title}: " + "; ".join(f"{label} {value}" for label, value in self.rows) + "."

    def _draw(self, format):
        from .. import charts

        return charts.horizontal_bars(
            [label for label, _value in self.rows],
            [value for _label, value in self.rows],
            title=self.title,
            format=format,
        )

    @cached_property
    def svg_uri(self):
        return "data:image/svg+xml;base64," + base64.b64encode(self._draw("svg")).decode()

    @cached_property
    def png(self):
        return self._draw("png")


@dataclass
class FrontMatter:
    """Before the contents (when the round asks for it, and the annex is not filtered): the
    coordinators' introduction and who reported and who did not."""

    introduction: str
    reported: list
    not_reported: list
    synthesis: list = field(default_factory=list)  # [(goal, text for print)]: the coordinators'
    charts: list = field(default_factory=list)  # [AnnexChart], when the round asks for them


@dataclass
class Annex:
    round: object
    concept: bool
    sections: list
    front: FrontMatter | None = None
    # On every page of a concept, and before its title; the cover's warning (the default
    # when empty). An organisation's own copy says it is not for circulation (own.py).
    concept_label: str = "CONCEPT"
    mark: str = ""
    # On the cover: when, and as which edition (set by the compile, after the hash).
    compiled_on: date = field(default_factory=timezone.localdate)
    edition: str = ""
    period: str = ""  # what the title says it covers, when not its round's (a plan period)

    @property
    def entry_count(self):
        return sum(len(block.entries) for section in self.sections for block in section.themes)

    @property
    def title(self):
        return _("Bijlage 1: Voortgangsrapportage implementatie %(plan)s over %(period)s") % {
            "plan": self.round.plan.code,
            "period": self.period or self.round.period,
        }

    @property
    def display_title(self):
        """The title as documents show it: with the concept's label in front."""
        return f"{self.concept_label} – {self.title}" if self.concept else self.title

    # Texts every output prints: the concept's warning and an empty round's explanation.
    @property
    def concept_mark(self):
        return self.mark or _("CONCEPT: bevat antwoorden die nog niet zijn goedgekeurd")

    @property
    def empty_message(self):
        if self.concept:
            return _("Er zijn in deze ronde nog geen antwoorden ingevuld.")
        return _(
            "Er zijn in deze ronde (nog) geen goedgekeurde rapportages. Zodra een coördinator "
            "een rapportage goedkeurt, staat zij hier."
        )


def build(round, *, concept=False, signatory=None, theme=None, kinds=None):
    """The annex's content in two queries-worth of rows, grouped in Python.

    Published: approved submissions only. Concept: every submission, for a coordinator's
    preview. Entries without an answer are left out either way. Its headings are Dutch
    whatever the interface language: the annex is a Dutch document, and the edition's hash
    must not depend on who asked for it.
    """
    with translation.override("nl"):
        return _build(round, concept=concept, signatory=signatory, theme=theme, kinds=kinds)


def _build(round, *, concept, signatory, theme, kinds):
    entries = Entry.objects.filter(submission__round=round).filter(filled())
    if not concept:
        entries = entries.filter(submission__state=Submission.State.APPROVED)
    if signatory is not None:
        entries = entries.filter(submission__signatory=signatory)
    if theme is not None:
        entries = entries.filter(goal__theme=theme)
    if kinds:
        entries = entries.filter(submission__signatory__kind__in=kinds)
    entries = (
        entries.select_related("goal__theme", "subgoal", "indicator", "submission__signatory__kind")
        .prefetch_related(
            Prefetch("also_answers", queryset=Indicator.objects.select_related("subgoal"))
        )
        .order_by(*annex_order("submission__signatory__"), *entry_order())
    )
    sections = []
    current = []
    for entry in entries:
        if current and current[-1].submission.signatory_id != entry.submission.signatory_id:
            sections.append(_section(current))
            current = []
        current.append(entry)
    if current:
        sections.append(_section(current))
    # Voorwerk for the whole annex of a round that asks for it; an empty annex says only
    # that it is empty.
    whole = signatory is None and theme is None and not kinds
    front = _front(round, sections, concept) if round.front_matter and whole and sections else None
    return Annex(round=round, concept=concept, sections=sections, front=front)


class PeriodSections:
    """The sections of several rounds in one document, built a round at a time as they are
    read (in order, as the compile reads them): a plan period's five rounds are never all
    in memory. Rounds without sections add nothing."""

    def __init__(self, rounds, concept, filters=None):
        self.rounds = list(rounds)
        self.concept = concept
        self.filters = filters or {}  # signatory, theme, kinds: as build() takes them
        self._built = (None, 0, [])  # (round index, first section index, sections)
        self._starts = None

    def __len__(self):
        return self.starts[-1]

    def __iter__(self):
        for _round, sections in self.by_round():
            yield from sections

    def by_round(self):
        """(round, its sections), round by round; a whole pass also learns where each round
        begins (`starts`)."""
        starts = [0]
        for number, round in enumerate(self.rounds):
            sections = self._build(number, starts[-1])
            starts.append(starts[-1] + len(sections))
            yield round, sections
            del sections  # the next round is built without this one in memory
        self._starts = starts

    def __getitem__(self, index):
        if not 0 <= index < len(self):
            raise IndexError(index)
        built, first, sections = self._built
        if built is None or not first <= index < first + len(sections):
            del sections  # not held while the next round is built
            built = max(r for r, start in enumerate(self.starts[:-1]) if start <= index)
            first = self.starts[built]
            sections = self._build(built, first)
        return sections[index - first]

    def _build(self, number, first):
        """Round `number`'s sections, built once the previous round's are let go; each says
        its round's years."""
        self._built = (None, 0, [])
        round = self.rounds[number]
        sections = build(round, concept=self.concept, **self.filters).sections
        for section in sections:
            section.years = round.label
            _anchor_themes(section)
        self._built = (number, first, sections)
        return sections

    @property
    def starts(self):
        """Where each round's sections begin, and the total at the end."""
        if self._starts is None:
            for _section in self:
                pass
        return self._starts


def period_rounds(plan, *, since=None, until=None):
    """The rounds a plan period's annex covers: the plan's rounds that have opened (not in
    preparation), oldest first, from the round starting in `since` up to and including
    `until` (a round), when given."""
    rounds = plan.rounds.select_related("plan").exclude(state=ReportingRound.State.PREPARATION)
    if since is not None:
        rounds = rounds.filter(first_year__gte=since)
    if until is not None:
        rounds = rounds.filter(first_year__lte=until.first_year)
    return list(rounds.order_by("first_year"))


def build_period(rounds, *, concept=False, signatory=None, theme=None, kinds=None):
    """One annex over several rounds (a plan period), their sections one after the other,
    built as they are read (PeriodSections), with the same filters as build(). No
    voorwerk: it belongs to a round."""
    rounds = list(rounds)
    filters = {"signatory": signatory, "theme": theme, "kinds": kinds}
    first, last = rounds[0].first_year, rounds[-1].last_year
    with translation.override("nl"):
        period = (
            _("de jaren %(first)s tot en met %(last)s") % {"first": first, "last": last}
            if first != last
            else rounds[0].period
        )
    return Annex(
        round=rounds[0],
        concept=concept,
        sections=PeriodSections(rounds, concept, filters),
        period=period,
    )


def _front(round, sections, concept):
    reported = [section.signatory for section in sections]
    shown = {signatory.pk for signatory in reported}
    others = (
        round.submissions.filter(signatory__is_active=True)
        .exclude(signatory__in=shown)
        .select_related("signatory")
        .order_by(*annex_order("signatory__"))
    )
    from ..synthesis import compiled  # the synthesis module builds on the services

    introduction, synthesis = compiled(round, concept=concept)
    return FrontMatter(
        introduction=introduction,
        reported=reported,
        not_reported=[submission.signatory for submission in others],
        synthesis=synthesis,
        charts=_charts(sections) if round.annex_charts else [],
    )


def _charts(sections):
    """What the annex itself holds, counted: its answers per strategic goal."""
    counts = {}
    for section in sections:
        for block in section.themes:
            label = str(block.goal.label)
            counts[label] = counts.get(label, 0) + len(block.entries)
    return [AnnexChart(_("Antwoorden in deze bijlage per strategisch doel"), list(counts.items()))]


def _section(entries):
    section = Section(signatory=entries[0].submission.signatory)
    section.themes = group_by_framework(entries)
    for block in section.themes:
        block.title = _("%(theme)s Indicatoren %(code)s") % {
            "theme": block.theme.name,
            "code": section.signatory.code,
        }
    _anchor_themes(section)
    return section


def _anchor_themes(section):
    for block in section.themes:
        block.anchor = f"{section.anchor}-thema-{block.theme.position}"
