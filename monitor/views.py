"""The public monitor: published content only, no login, bilingual (issue 15).

Pages are rendered from a current publication version's snapshot and its PublishedAnswer
rows (monitor.selectors). The expensive part of a page is cached per language and per set
of current versions, so a new version or a withdrawal shows at once; the page around it is
rendered per request (it carries the visitor's CSRF token for the language switch).
"""

from django.core.cache import cache
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import translation

from indicators.models import Theme
from reporting import charts, publishing
from reporting.models import Edition
from reporting.selectors.indicator import years_table

from . import selectors

CACHE_SECONDS = 600


def _versions():
    """A key that changes with every publication and withdrawal."""
    return "-".join(str(pk) for pk in selectors.current().values_list("pk", flat=True)) or "none"


def _cached(name, build):
    key = f"monitor:{name}:{translation.get_language()}:{_versions()}"
    html = cache.get(key)
    if html is None:
        html = build()
        cache.set(key, html, CACHE_SECONDS)
    return html


def index(request):
    publications = list(selectors.current())
    plan = publications[0].round.plan if publications else None
    return render(
        request,
        "monitor/index.html",
        {
            "publications": [(p, selectors.slug(p.round)) for p in publications],
            "themes": Theme.objects.framework_tree(plan) if plan else [],
        },
    )


def open_data(request):
    return render(
        request,
        "monitor/open_data.html",
        {"rounds": [selectors.slug(p.round) for p in selectors.current()]},
    )


def round_page(request, round_slug):
    publication = selectors.publication_at(round_slug)
    return render(
        request,
        "monitor/round.html",
        {
            "publication": publication,
            "round": publication.round,
            "slug": round_slug,
            "html": publishing.page_html(publication),
            "files": publication.editions.filter(state=Edition.State.DONE).order_by("format"),
        },
    )


def download(request, round_slug, format):
    publication = selectors.publication_at(round_slug)
    edition = publication.editions.filter(format=format, state=Edition.State.DONE).first()
    if edition is None or not edition.file:
        raise Http404
    return FileResponse(edition.file.open("rb"), as_attachment=True, filename=edition.filename)


def indicator_page(request, number):
    indicator = selectors.indicator_at(number)

    def build():
        blocks, *_over_the_years = selectors.answers_over_the_years(indicator)
        return render_to_string(
            "monitor/_indicator.html",
            {
                "indicator": indicator,
                "blocks": blocks,
                **years_table(indicator, blocks),
            },
        )

    return render(
        request,
        "monitor/indicator.html",
        {"indicator": indicator, "body": _cached(f"indicator:{indicator.pk}", build)},
    )


def indicator_chart(request, number):
    indicator = selectors.indicator_at(number)

    def build():
        _blocks, *over_the_years = selectors.answers_over_the_years(indicator)
        return charts.indicator_over_years(indicator, *over_the_years).decode()

    response = HttpResponse(_cached(f"chart:{indicator.pk}", build), content_type="image/svg+xml")
    response["Cache-Control"] = "public, max-age=600"
    return response
