"""The plan period in one document, from the portal (issue 18): a coordinator on a round's
annex page asks for every round of the plan up to this one, in any format."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from reporting import services
from reporting.models import Edition, Submission

from .factories import RoundFactory, fill_all

pytestmark = pytest.mark.django_db


def approve(submission):
    Submission.objects.filter(pk=submission.pk).update(state=Submission.State.APPROVED)


@pytest.fixture
def rounds(submission_minbz, submission_pax):
    """2025 (BZ and PAX approved), 2026 (PAX approved), 2027 (PAX approved, after the
    round asked for) and 2028 still in preparation."""
    fill_all(submission_minbz, "<p>BZ in 2025.</p>")
    fill_all(submission_pax, "<p>PAX in 2025.</p>")
    approve(submission_minbz)
    approve(submission_pax)
    found = {2025: submission_minbz.round}
    for year, state in ((2026, "open"), (2027, "open"), (2028, "preparation")):
        found[year] = RoundFactory(first_year=year, state=state)
        later = services.ensure_submission(round=found[year], signatory=submission_pax.signatory)
        fill_all(later, f"<p>PAX in {year}.</p>")
        approve(later)
    return found


def read(edition):
    with edition.file.open("rb") as stored:
        return stored.read()


def ask(client, round, **fields):
    return client.post(
        reverse("reporting:edition_create", args=[round.pk]),
        {"format": "html", "period": "on", **fields},
    )


@pytest.fixture
def compiled(client, coordinator, django_capture_on_commit_callbacks):
    """A coordinator asks for one edition from the annex page; it compiles at once."""

    def compile_one(round, **fields):
        client.force_login(coordinator)
        with django_capture_on_commit_callbacks(execute=True):
            ask(client, round, **fields)
        return Edition.objects.get()

    return compile_one


def test_the_annex_page_offers_the_plan_period_once_an_earlier_round_has_opened(
    rounds, client, coordinator
):
    client.force_login(coordinator)
    later = client.get(reverse("reporting:annex", args=[rounds[2026].pk])).content.decode()
    assert "Hele planperiode" in later
    assert "Alle rondes van NAP1325-IV van 2025 tot en met deze in één document" in later
    first = client.get(reverse("reporting:annex", args=[rounds[2025].pk])).content.decode()
    assert "Hele planperiode" not in first


def test_a_coordinator_compiles_the_plan_period_up_to_the_round(
    rounds, client, coordinator, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = ask(client, rounds[2026])
    edition = Edition.objects.get()
    assert response.url == reverse("reporting:edition", args=[edition.pk])
    assert (edition.period_from, edition.state) == (2025, Edition.State.DONE)
    assert edition.filename == "Bijlage-1-NAP1325-IV-2025–2026.html"

    text = read(edition).decode()
    assert "over de jaren 2025 tot en met 2026" in text
    assert text.index("BZ in 2025.") < text.index("PAX in 2025.") < text.index("PAX in 2026.")
    assert "PAX in 2027." not in text  # after the round asked for
    assert "PAX in 2028." not in text  # in preparation
    page = client.get(response.url).content.decode()
    assert "hele planperiode: met de rondes vanaf 2025" in page
    assert "Publiceren gaat per ronde" not in page  # a period is not a round's publication


def test_the_same_period_is_compiled_once_and_is_not_the_rounds_own_edition(
    rounds, client, coordinator, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        ask(client, rounds[2026])
        again = ask(client, rounds[2026])
        own = ask(client, rounds[2026], period="")
    period, alone = Edition.objects.order_by("pk")
    assert again.url == reverse("reporting:edition", args=[period.pk])
    assert alone.period_from is None and alone.content_hash != period.content_hash
    assert "PAX in 2025." not in read(alone).decode()
    assert own.url == reverse("reporting:edition", args=[alone.pk])


def test_a_period_edition_keeps_the_filters(rounds, compiled, submission_pax):
    """One signatory over the whole plan period: its own five years in one document."""
    text = read(compiled(rounds[2026], signatory=submission_pax.signatory.pk)).decode()
    assert "PAX in 2025." in text and "PAX in 2026." in text
    assert "BZ in 2025." not in text


def test_a_period_workbook_says_the_round_of_every_row(rounds, compiled):
    edition = compiled(rounds[2026], format="xlsx")
    sheet = load_workbook(io.BytesIO(read(edition))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:2] == ("Ronde", "Ondertekenaar")
    years = {(row[0], row[1]) for row in rows[1:]}
    assert years == {
        ("2025", "Ministerie van Buitenlandse Zaken"),
        ("2025", "PAX"),
        ("2026", "PAX"),
    }
    # The numbers keep their formats one column further on.
    assert sheet.cell(2, 9).number_format in ('"€" #,##0.00', "#,##0")


def test_a_round_in_preparation_offers_no_period_and_ignores_the_field(rounds, compiled):
    assert compiled(rounds[2028]).period_from is None
