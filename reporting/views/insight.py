"""Coordinators read all answers to one indicator across signatories and years, with the
numbers totalled and a chart (issue 15)."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from indicators.models import Indicator
from signatories.models import SignatoryKind

from .. import charts
from ..access import get_round_for_coordinator, require_coordinator
from ..selectors import indicator as selector
from ..selectors import progress

ONLY_COORDINATORS = gettext_lazy("Alleen coördinatoren hebben toegang tot deze pagina.")
SVG = "image/svg+xml"


class IndicatorFilterForm(forms.Form):
    ronde = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Rondes"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )
    soort = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Soort ondertekenaar"),
        queryset=SignatoryKind.objects.order_by("position"),
        to_field_name="code",
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )

    def __init__(self, *args, indicator, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ronde"].queryset = selector.rounds_of(indicator)
        self.fields["ronde"].label_from_instance = lambda round: round.label


def _indicator_and_blocks(request, pk):
    require_coordinator(request.user, ONLY_COORDINATORS)
    indicator = get_object_or_404(Indicator.objects.select_related("goal", "subgoal"), pk=pk)
    form = IndicatorFilterForm(request.GET or None, indicator=indicator)
    filters = form.cleaned_data if form.is_valid() else {}
    blocks = selector.answers_to(
        indicator, rounds=filters.get("ronde") or None, kinds=filters.get("soort") or None
    )
    return indicator, form, blocks


@login_required
def indicator_detail(request, pk):
    indicator, form, blocks = _indicator_and_blocks(request, pk)
    return render(
        request,
        "reporting/indicator_detail.html",
        {
            "indicator": indicator,
            "form": form,
            "blocks": blocks,
            **selector.years_table(indicator, blocks),
            "query": request.GET.urlencode(),
        },
    )


@login_required
def indicator_chart(request, pk):
    """The totals per round as columns (SVG), for the numbers of a numeric indicator."""
    indicator, _form, blocks = _indicator_and_blocks(request, pk)
    svg = charts.indicator_over_years(indicator, *selector.over_the_years(blocks))
    response = HttpResponse(svg, content_type=SVG)
    response["Cache-Control"] = "private, max-age=300"
    return response


def _svg(svg):
    response = HttpResponse(svg, content_type=SVG)
    response["Cache-Control"] = "private, max-age=60"
    return response


@login_required
def round_charts(request, pk):
    """A round's progress in charts, each beside its table."""
    round = get_round_for_coordinator(request.user, pk)
    goals, kinds, handed = (
        progress.per_goal(round),
        progress.per_kind(round),
        progress.hand_ins(round),
    )
    return render(
        request,
        "reporting/round_charts.html",
        {
            "round": round,
            "goals": goals,
            "kinds": kinds,
            "handed": handed,
            "summaries": {
                "goals": _shares_summary(_("Ingevuld per strategisch doel"), goals),
                "kinds": _shares_summary(_("Ingevuld per soort ondertekenaar"), kinds),
                "handed": _("%(count)s van %(total)s rapportages ingediend; deadline %(date)s.")
                % {
                    "count": handed.counts[-1] if handed.counts else 0,
                    "total": handed.total,
                    "date": handed.deadline.strftime("%d-%m-%Y"),
                },
            },
        },
    )


def _shares_summary(title, shares):
    return f"{title}: " + "; ".join(f"{share.label} {share.percent}%" for share in shares) + "."


@login_required
def round_chart(request, pk, chart):
    round = get_round_for_coordinator(request.user, pk)
    if chart not in ("ingediend", "doelen", "soorten"):
        raise Http404
    if chart == "ingediend":
        handed = progress.hand_ins(round)
        return _svg(
            charts.cumulative(
                handed.days,
                handed.counts,
                title=_("Ingediend per dag, tot de deadline"),
                total=handed.total,
                start=handed.start,
                today=timezone.localdate(),
                deadline=handed.deadline,
            )
        )
    shares, title = {
        "doelen": (progress.per_goal, _("Ingevuld per strategisch doel (%)")),
        "soorten": (progress.per_kind, _("Ingevuld per soort ondertekenaar (%)")),
    }[chart]
    rows = shares(round)
    return _svg(
        charts.horizontal_bars(
            [row.label for row in rows],
            [row.percent for row in rows],
            title=title,
            unit="%",
            maximum=100,
        )
    )
