"""A round's progress in charts, each with its table (issue 15)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from reporting.models import Submission
from reporting.services import ensure_submission
from signatories.models import Signatory

from .factories import fill_all
from .queries import count_queries


@pytest.fixture
def progress(client, coordinator, round_2025, submission_minbz, submission_pax):
    fill_all(submission_minbz)
    now = timezone.now()
    Submission.objects.filter(pk=submission_minbz.pk).update(
        state="submitted", submitted_at=now - timedelta(days=2)
    )
    Submission.objects.filter(pk=submission_pax.pk).update(state="approved", submitted_at=now)
    ensure_submission(round=round_2025, signatory=Signatory.objects.get(code="Cordaid"))
    client.force_login(coordinator)
    return round_2025


def test_the_charts_page_has_each_chart_with_its_table(client, progress):
    page = client.get(reverse("reporting:round_charts", args=[progress.pk])).text
    for chart in ("ingediend", "doelen", "soorten"):
        assert reverse("reporting:round_chart", args=[progress.pk, chart]) in page
    assert "Aantal ingediende rapportages aan het eind van elke dag" in page
    assert page.count("<caption>") == 3
    assert 'alt="2 van 3 rapportages ingediend; deadline' in page
    assert '<th scope="row">Ministerie</th><td class="text-end">32 van 32</td>' in page


@pytest.mark.parametrize("chart", ["ingediend", "doelen", "soorten"])
def test_each_chart_is_an_svg_without_script(client, progress, chart):
    response = client.get(reverse("reporting:round_chart", args=[progress.pk, chart]))
    assert response["Content-Type"] == "image/svg+xml"
    svg = response.content.decode()
    assert "<svg" in svg and "<script" not in svg
    if chart == "doelen":
        assert "Doel 1" in svg


def test_an_unknown_chart_is_not_found(client, progress):
    assert client.get(f"/rapportage/ronde/{progress.pk}/grafiek/taart.svg").status_code == 404


def test_queries_do_not_grow_with_the_signatories(client, progress):
    url = reverse("reporting:round_charts", args=[progress.pk])
    few, _ = count_queries(lambda: client.get(url))
    for signatory in Signatory.objects.exclude(code__in=["MinBZ", "PAX", "Cordaid"])[:8]:
        ensure_submission(round=progress, signatory=signatory)
    many, _ = count_queries(lambda: client.get(url))
    assert many == few
