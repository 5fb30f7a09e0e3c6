"""Coordinators follow the rounds: who reported how far, per signatory and per indicator."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy

from ..access import get_round_for_coordinator, require_coordinator
from ..forms import OverviewFilterForm, SearchForm
from ..models import ReportingRound
from ..selectors import overview
from ..selectors.search import search

ONLY_COORDINATORS = gettext_lazy("Alleen coördinatoren hebben toegang tot deze pagina.")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def round_list(request):
    require_coordinator(request.user, ONLY_COORDINATORS)
    rounds = ReportingRound.objects.select_related("plan").order_by("-first_year")
    return render(request, "reporting/round_list.html", {"rounds": rounds})


@login_required
def round_overview(request, pk):
    round = get_round_for_coordinator(request.user, pk)
    form = OverviewFilterForm(request.GET or None, statuses=overview.STATUSES)
    filters = form.cleaned_data if form.is_valid() else {}
    rows, totals = overview.signatory_rows(
        round, kind=filters.get("kind"), status=filters.get("status")
    )
    return render(
        request,
        "reporting/round_overview.html",
        {
            "round": round,
            "rows": rows,
            "totals": totals,
            "statuses": overview.STATUSES,
            "form": form,
        },
    )


@login_required
def round_indicators(request, pk):
    round = get_round_for_coordinator(request.user, pk)
    return render(
        request,
        "reporting/round_indicators.html",
        {"round": round, "rows": overview.indicator_rows(round)},
    )


@login_required
def round_export(request, pk):
    round = get_round_for_coordinator(request.user, pk)
    response = HttpResponse(overview.workbook(round), content_type=XLSX)
    filename = f"overzicht-{round.plan.code}-{round.label}.xlsx".replace("–", "-")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def narrative_search(request):
    require_coordinator(request.user, ONLY_COORDINATORS)
    form = SearchForm(request.GET or None)
    page = None
    if form.is_valid():
        paginator = Paginator(search(form.cleaned_data["q"], **form.filters()), 20)
        page = paginator.get_page(request.GET.get("pagina"))
    params = request.GET.copy()
    params.pop("pagina", None)  # the pages' links keep the query and the filters
    return render(
        request,
        "reporting/search.html",
        {"form": form, "page": page, "query": params.urlencode()},
    )
