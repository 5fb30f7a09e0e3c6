"""Open data: a read-only JSON API of published content, with its OpenAPI document at
/api/openapi.json (django-ninja), and the answers as CSV and XLSX (issue 15).

Everything comes from monitor.selectors: current publication versions and the answers they
published. Lists are paginated; anonymous callers are rate-limited (API_RATE).
"""

import csv
from datetime import datetime
from decimal import Decimal
from io import StringIO

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from ninja import NinjaAPI, Query, Schema
from ninja.pagination import PageNumberPagination, paginate
from ninja.throttling import AnonRateThrottle
from openpyxl import Workbook

from indicators.models import Indicator, Theme
from reporting import xlsx
from reporting.models import Edition
from reporting.text import for_export, looks_like_formula
from signatories.models import Signatory

from . import selectors

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

api = NinjaAPI(
    title="NAP1325 open data",
    version="1",
    description=(
        "Gepubliceerde voortgangsrapportages over het Nationaal Actieplan 1325: rondes, "
        "kader, ondertekenaars, antwoorden en bestanden. Alleen wat is gepubliceerd."
    ),
    urls_namespace="api",
    docs_url=None,  # the monitor's open-data page describes it; no third-party UI
    throttle=[AnonRateThrottle(settings.API_RATE)],
)


class FileOut(Schema):
    format: str
    url: str


class RoundOut(Schema):
    slug: str
    label: str
    first_year: int
    last_year: int
    plan: str
    version: int
    published_at: datetime
    note: str
    url: str
    files: list[FileOut]


class IndicatorOut(Schema):
    number: str
    text: str
    kind: str
    goal: str
    subgoal: str | None


class GoalOut(Schema):
    number: str
    theme: str
    text: str


class FrameworkOut(Schema):
    plan: str
    title: str
    goals: list[GoalOut]
    indicators: list[IndicatorOut]


class SignatoryOut(Schema):
    code: str
    name: str
    kind: str


class AnswerOut(Schema):
    round: str
    signatory: str
    signatory_name: str
    place: str
    indicator: str | None
    question: str
    narrative_html: str
    number: Decimal | None
    percentage: Decimal | None
    not_applicable: bool
    not_applicable_reason: str


class AnswerFilters(Schema):
    round: str | None = None
    indicator: str | None = None
    signatory: str | None = None


def _files(request, publication, slug):
    return [
        FileOut(
            format=edition.format,
            url=request.build_absolute_uri(
                reverse("monitor:download", args=[slug, edition.format])
            ),
        )
        for edition in publication.editions.all()
        if edition.state == Edition.State.DONE
    ]


@api.get(
    "/rounds",
    url_name="rounds",
    response=list[RoundOut],
    summary="Gepubliceerde rondes en hun bestanden",
)
def rounds(request):
    result = []
    for publication in selectors.current().prefetch_related("editions"):
        round = publication.round
        slug = selectors.slug(round)
        result.append(
            RoundOut(
                slug=slug,
                label=round.label,
                first_year=round.first_year,
                last_year=round.last_year,
                plan=round.plan.code,
                version=publication.version,
                published_at=publication.published_at,
                note=publication.note,
                url=request.build_absolute_uri(reverse("monitor:round", args=[slug])),
                files=_files(request, publication, slug),
            )
        )
    return result


@api.get(
    "/framework",
    url_name="framework",
    response=list[FrameworkOut],
    summary="Het kader van plannen met publicaties",
)
def framework(request):
    plans = {publication.round.plan for publication in selectors.current()}
    result = []
    for plan in sorted(plans, key=lambda plan: plan.code):
        themes = Theme.objects.filter(plan=plan).select_related("goal").order_by("position")
        indicators = (
            Indicator.objects.filter(plan=plan).select_related("goal", "subgoal").in_plan_order()
        )
        result.append(
            FrameworkOut(
                plan=plan.code,
                title=plan.title,
                goals=[
                    GoalOut(number=t.goal.number, theme=t.name, text=t.goal.text) for t in themes
                ],
                indicators=[
                    IndicatorOut(
                        number=i.number,
                        text=i.text,
                        kind=i.kind,
                        goal=i.goal.number,
                        subgoal=i.subgoal.number if i.subgoal_id else None,
                    )
                    for i in indicators
                ],
            )
        )
    return result


@api.get(
    "/signatories", url_name="signatories", response=list[SignatoryOut], summary="Ondertekenaars"
)
@paginate(PageNumberPagination, page_size=100)
def signatories(request):
    return [
        SignatoryOut(code=s.code, name=s.name, kind=s.kind.code)
        for s in Signatory.objects.active().select_related("kind")
    ]


def _answers(filters: AnswerFilters):
    answers = selectors.published_answers().select_related(
        "publication__round", "signatory", "indicator"
    )
    if filters.round:
        lookup = selectors.years(filters.round)
        if lookup is None:
            answers = answers.none()
        else:
            answers = answers.filter(**{f"publication__{key}": v for key, v in lookup.items()})
    if filters.indicator:
        answers = answers.filter(place=filters.indicator)
    if filters.signatory:
        answers = answers.filter(signatory__code=filters.signatory)
    return answers.order_by("-publication__round__first_year", "position")


def _answer_out(answer):
    return AnswerOut(
        round=selectors.slug(answer.publication.round),
        signatory=answer.signatory.code,
        signatory_name=answer.signatory.name,
        place=answer.place,
        indicator=answer.indicator.number if answer.indicator_id else None,
        question=answer.question,
        narrative_html=answer.narrative,
        number=answer.number,
        percentage=answer.percentage,
        not_applicable=answer.not_applicable,
        not_applicable_reason=answer.not_applicable_reason,
    )


@api.get(
    "/answers", url_name="answers", response=list[AnswerOut], summary="Gepubliceerde antwoorden"
)
@paginate(PageNumberPagination, page_size=100)
def answers(request, filters: Query[AnswerFilters]):
    return [_answer_out(answer) for answer in _answers(filters)]


COLUMNS = [
    "round",
    "signatory",
    "signatory_name",
    "place",
    "indicator",
    "question",
    "narrative_html",
    "number",
    "percentage",
    "not_applicable",
    "not_applicable_reason",
]


def _rows(filters):
    for answer in _answers(filters):
        out = _answer_out(answer)
        yield [for_export(getattr(out, column)) for column in COLUMNS]


@api.get("/answers.csv", url_name="answers_csv", summary="Gepubliceerde antwoorden als CSV")
def answers_csv(request, filters: Query[AnswerFilters]):
    out = StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for row in _rows(filters):
        # A cell a spreadsheet would run as a formula gets a leading apostrophe.
        writer.writerow(
            [
                f"'{value}" if isinstance(value, str) and looks_like_formula(value) else value
                for value in row
            ]
        )
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="nap1325-antwoorden.csv"'
    return response


@api.get("/answers.xlsx", url_name="answers_xlsx", summary="Gepubliceerde antwoorden als Excel")
def answers_xlsx(request, filters: Query[AnswerFilters]):
    book = Workbook()
    sheet = book.active
    sheet.title = "antwoorden"
    xlsx.append(sheet, COLUMNS)
    for row in _rows(filters):
        xlsx.append(sheet, row)
    response = HttpResponse(xlsx.save(book), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="nap1325-antwoorden.xlsx"'
    return response
