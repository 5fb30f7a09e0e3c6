"""What the public may see: only what a current publication version published.

Everything here reads Publication.objects.current() and its PublishedAnswer rows, never
the live answers, so a draft, a submitted or an approved-but-unpublished answer, or a
withdrawn version, cannot reach the monitor or the open data.
"""

from django.http import Http404

from indicators.models import Indicator
from reporting.models import Publication, PublishedAnswer
from reporting.selectors.indicator import grouped, over_the_years


def current():
    return (
        Publication.objects.current().select_related("round__plan").order_by("-round__first_year")
    )


def slug(round):
    """The round in a readable, stable URL: "2021", or "2022-2023" for combined years."""
    if round.first_year == round.last_year:
        return str(round.first_year)
    return f"{round.first_year}-{round.last_year}"


def years(round_slug: str) -> dict | None:
    """The lookup for a round written as `slug` writes it, or None for anything else."""
    first, _, last = round_slug.partition("-")
    if not first.isdigit() or (last and not last.isdigit()):
        return None
    return {"round__first_year": int(first), "round__last_year": int(last or first)}


def publication_at(round_slug: str) -> Publication:
    lookup = years(round_slug)
    if lookup is None:
        raise Http404
    publication = current().filter(**lookup).first()
    if publication is None:
        raise Http404
    return publication


def indicator_at(number: str) -> Indicator:
    """The plan's indicator with this number, in a plan that has published rounds."""
    plans = current().values("round__plan")
    indicator = (
        Indicator.objects.filter(number=number, plan__in=plans)
        .select_related("goal", "subgoal", "plan")
        .first()
    )
    if indicator is None:
        raise Http404
    return indicator


def published_answers(**filters):
    return PublishedAnswer.objects.filter(publication__in=current(), **filters)


def answers_over_the_years(indicator: Indicator):
    """(blocks per round newest first, rounds oldest first, rows, totals): the published
    answers to `indicator` as reporting.selectors.indicator groups the live ones."""
    publications = list(current().filter(round__plan=indicator.plan_id))
    rounds = [publication.round for publication in publications]
    for round in rounds:
        round.slug = slug(round)
    answers = (
        published_answers(indicator=indicator)
        .select_related("signatory__kind", "publication")
        .order_by("position")
    )
    blocks = grouped(rounds, answers, round_of=lambda answer: answer.publication.round_id)
    return (blocks, *over_the_years(blocks))
