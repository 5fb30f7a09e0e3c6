"""All answers to one indicator, across signatories and rounds, with totals (issue 15)."""

from decimal import Decimal

import pytest
from django.urls import reverse

from indicators.models import Indicator
from reporting.models import Entry
from reporting.services import ensure_submission
from signatories.models import Signatory

from .factories import RoundFactory
from .queries import count_queries


@pytest.fixture
def spending(framework, round_2025):
    """5.2.a (WPS spending, an amount) answered by three signatories in 2025 and two in
    2024; one more said "niet van toepassing" twice, in other words."""
    round_2024 = RoundFactory(first_year=2024, state="closed")
    indicator = Indicator.objects.get(number="5.2.a")
    amounts = {
        round_2025: {"MinBZ": "1250000", "MinDef": "300000", "PAX": "50000.50"},
        round_2024: {"MinBZ": "1000000", "MinDef": "250000"},
    }
    for round, given in amounts.items():
        for code, amount in given.items():
            answer(round, code, indicator, number=Decimal(amount), narrative=f"<p>{code} gaf.</p>")
    for code in ("Cordaid", "CARE"):
        answer(round_2025, code, indicator, na=" Geen  budget voor WPS. ")
    answer(round_2025, "Atria", indicator, na="geen budget voor wps.")
    return indicator, round_2024


def answer(round, code, indicator, *, number=None, narrative="", na=""):
    submission = ensure_submission(round=round, signatory=Signatory.objects.get(code=code))
    Entry.objects.update_or_create(
        submission=submission,
        indicator=indicator,
        defaults={
            "goal_id": indicator.goal_id,
            "subgoal_id": indicator.subgoal_id,
            "number": number,
            "narrative": narrative,
            "not_applicable": bool(na),
            "not_applicable_reason": na,
        },
    )


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client


def test_a_coordinator_reads_all_answers_to_5_2_a_for_two_rounds_with_the_total(
    coordinator_client, spending
):
    indicator, _ = spending
    page = coordinator_client.get(reverse("reporting:indicator", args=[indicator.pk]))
    assert page.status_code == 200
    text = page.text
    assert "Totaal: € 1.600.000,50" in text  # 2025
    assert "Totaal: € 1.250.000" in text  # 2024
    assert text.index("Totaal: € 1.600.000,50") < text.index("Totaal: € 1.250.000")  # newest first
    assert "MinDef gaf." in text and "PAX gaf." in text
    # n.v.t. reasons grouped, however they were typed
    assert "(Atria, CARE, Cordaid)" in text
    review = reverse(
        "reporting:submission_review",
        args=[
            Entry.objects.filter(indicator=indicator, narrative="<p>PAX gaf.</p>")
            .get()
            .submission_id
        ],
    )
    assert review in text
    # the table over the years, with its total row
    assert "<caption>Cijfers bij 5.2.a per ondertekenaar en ronde</caption>" in text


def test_filter_by_round_and_kind_of_signatory(coordinator_client, spending):
    indicator, round_2024 = spending
    url = reverse("reporting:indicator", args=[indicator.pk])
    only_2024 = coordinator_client.get(url, {"ronde": round_2024.pk}).text
    assert "Totaal: € 1.250.000" in only_2024 and "PAX gaf." not in only_2024
    ngos = coordinator_client.get(url, {"soort": "maatschappelijk"}).text
    assert "PAX gaf." in ngos and "MinBZ gaf." not in ngos


def test_the_chart_is_an_svg_of_the_totals_with_its_text_kept(coordinator_client, spending):
    indicator, _ = spending
    response = coordinator_client.get(reverse("reporting:indicator_chart", args=[indicator.pk]))
    assert response["Content-Type"] == "image/svg+xml"
    svg = response.content.decode()
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    assert "€ 1.600.000,50" in svg and "2024" in svg and "<script" not in svg
    page = coordinator_client.get(reverse("reporting:indicator", args=[indicator.pk])).text
    assert 'alt="Totaal van alle ondertekenaars per ronde: 2024: € 1.250.000; 2025:' in page


def test_queries_do_not_grow_with_the_answers(coordinator_client, spending, framework):
    indicator, round_2024 = spending
    url = reverse("reporting:indicator", args=[indicator.pk])
    few, _ = count_queries(lambda: coordinator_client.get(url))
    for signatory in Signatory.objects.exclude(code__in=["MinBZ", "MinDef", "PAX"])[:10]:
        answer(round_2024, signatory.code, indicator, number=Decimal(5), narrative="<p>x</p>")
    many, _ = count_queries(lambda: coordinator_client.get(url))
    assert many == few


@pytest.mark.parametrize("who", ["editor_minbz", "reader"])
def test_only_coordinators(client, spending, who, request):
    indicator, _ = spending
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("reporting:indicator", args=[indicator.pk])).status_code == 403
