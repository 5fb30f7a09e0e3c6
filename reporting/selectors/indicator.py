"""All answers to one indicator, across signatories and rounds (issue 15): what a coordinator
reads side by side when writing the letter to Parliament.

Per round: the answers in the annex's order, the numbers totalled (counts and amounts) and
the percentages averaged, and the "niet van toepassing" reasons grouped. Two queries,
whatever the number of answers: the rounds, and the answers with what they show.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from indicators.models import Indicator
from signatories.models import annex_order

from .. import numbers
from ..models import Entry, ReportingRound, filled


@dataclass
class NotApplicable:
    reason: str
    signatories: list = field(default_factory=list)


@dataclass
class RoundAnswers:
    round: ReportingRound
    answers: list = field(default_factory=list)  # given (narrative or number), not n.v.t.
    not_applicable: list = field(default_factory=list)  # [NotApplicable], most given first

    @property
    def numbers(self):
        return [entry.number for entry in self.answers if entry.number is not None]

    @property
    def total(self) -> Decimal | None:
        return sum(self.numbers, Decimal(0)) if self.numbers else None

    @property
    def mean_percentage(self) -> Decimal | None:
        values = [e.percentage for e in self.answers if e.percentage is not None]
        if not values:
            return None
        return (sum(values, Decimal(0)) / len(values)).quantize(Decimal("0.1"))

    @property
    def answered(self):
        return len(self.answers) + sum(len(group.signatories) for group in self.not_applicable)


def rounds_of(indicator: Indicator):
    return ReportingRound.objects.filter(plan_id=indicator.plan_id).order_by("-first_year")


def answers_to(indicator: Indicator, *, rounds=None, kinds=None) -> list[RoundAnswers]:
    """Per round (newest first) the filled answers to `indicator`, optionally only in
    `rounds` and from signatories of `kinds`."""
    rounds = list(rounds if rounds else rounds_of(indicator))
    entries = (
        Entry.objects.filter(indicator=indicator, submission__round__in=rounds)
        .filter(filled())
        .select_related("submission__signatory__kind", "submission__round")
        .order_by(*annex_order("submission__signatory__"))
    )
    if kinds:
        entries = entries.filter(submission__signatory__kind__in=kinds)
    return grouped(rounds, entries, round_of=lambda entry: entry.submission.round_id)


def grouped(rounds, answers, *, round_of) -> list[RoundAnswers]:
    """`answers` (anything with signatory, number, percentage and not_applicable(_reason):
    live entries, or the published answers the monitor shows) per round, in `rounds`'
    order; the n.v.t. reasons grouped however they were typed."""
    blocks = {round.pk: RoundAnswers(round=round) for round in rounds}
    reasons = defaultdict(dict)
    for answer in answers:
        block = blocks[round_of(answer)]
        if not answer.not_applicable:
            block.answers.append(answer)
            continue
        key = " ".join(answer.not_applicable_reason.casefold().split())
        group = reasons[block.round.pk].setdefault(
            key, NotApplicable(reason=answer.not_applicable_reason.strip())
        )
        group.signatories.append(answer.signatory)
    for round_pk, groups in reasons.items():
        blocks[round_pk].not_applicable = sorted(
            groups.values(), key=lambda group: -len(group.signatories)
        )
    return [blocks[round.pk] for round in rounds]


def over_the_years(blocks: list[RoundAnswers]):
    """(rounds oldest first, [(signatory, [number or None per round])], [total per round]):
    the numbers of a numeric indicator as a table and a chart read them."""
    ordered = list(reversed(blocks))
    by_signatory = {}
    for index, block in enumerate(ordered):
        for entry in block.answers:
            if entry.number is None:
                continue
            signatory = entry.signatory
            row = by_signatory.setdefault(signatory.pk, (signatory, [None] * len(ordered)))
            row[1][index] = entry.number
    rows = sorted(by_signatory.values(), key=lambda row: row[0].name.casefold())
    return [block.round for block in ordered], rows, [block.total for block in ordered]


def figure(indicator: Indicator, value) -> str:
    """A total or value as the indicator counts it, or "–" for none."""
    return "–" if value is None else numbers.of_kind(value, indicator.kind)


def years_table(indicator: Indicator, blocks: list[RoundAnswers]) -> dict:
    """What the "Over de jaren" partial shows (reporting/_indicator_years.html): whether
    there are figures at all, the rounds, each signatory's figures and the totals, and the
    chart's text alternative. For the coordinators' page and the public monitor alike."""
    rounds, rows, totals = over_the_years(blocks)
    values = "; ".join(
        f"{round.label}: {figure(indicator, total)}"
        for round, total in zip(rounds, totals, strict=True)
    )
    return {
        "numeric": indicator.takes_number and any(total is not None for total in totals),
        "years": rounds,
        "year_rows": [(s, [figure(indicator, v) for v in row]) for s, row in rows],
        "year_totals": [figure(indicator, total) for total in totals],
        "chart_summary": _("Totaal van alle ondertekenaars per ronde: %(values)s.")
        % {"values": values},
    }
