"""Coordinators follow a round: per signatory, per indicator, as Excel, and search."""

from io import BytesIO

import pytest
from django.db import connection
from django.urls import reverse
from openpyxl import load_workbook

from reporting import services
from signatories.models import Signatory

from .factories import SignatoryFactory
from .queries import count_queries


@pytest.fixture
def coordinating(client, coordinator):
    client.force_login(coordinator)
    return client


def fill(submission, count, text="<p>Ingevuld.</p>", by=None):
    for entry in submission.entries.in_plan_order()[:count]:
        services.save_entry(entry=entry, by=by, version=entry.version, narrative_html=text)


def submit(submission, by):
    fill(submission, submission.entries.count())
    return services.submit_submission(submission=submission, by=by)


def overview(client, round, **params):
    return client.get(reverse("reporting:round_overview", args=[round.pk]), params)


def row_of(page, name):
    return page.text.split(f">{name}<")[1].split("</tr>")[0]


def test_the_overview_shows_every_signatory_with_its_state_and_the_totals(
    coordinating, round_2025, submission_minbz, submission_pax, editor_minbz, editor_pax
):
    submit(submission_minbz, editor_minbz)
    fill(submission_pax, 17, by=editor_pax)
    page = overview(coordinating, round_2025)
    active = Signatory.objects.active().count()
    assert f"1 van {active} ingediend" in page.text
    assert "ingediend</span>" in row_of(page, "Ministerie van Buitenlandse Zaken")
    pax = row_of(page, "PAX")
    assert "bezig</span>" in pax
    assert "17 van 34 (50%)" in pax
    assert "Pieter Jansen" in pax  # last change and by whom
    assert "niet begonnen</span>" in row_of(page, "Cordaid")
    # Ministries first, in the annex's order
    assert (
        page.text.index("Buitenlandse Zaken")
        < page.text.index("Defensie")
        < page.text.index("Cordaid")
    )


def test_the_overview_filters_by_kind_and_state(
    coordinating, round_2025, submission_minbz, submission_pax, editor_minbz
):
    submit(submission_minbz, editor_minbz)
    page = overview(coordinating, round_2025, kind="maatschappelijk")
    assert "PAX" in page.text and "Buitenlandse Zaken" not in page.text
    page = overview(coordinating, round_2025, status="submitted")
    assert "1 ondertekenaar getoond" in page.text
    assert ">Ministerie van Buitenlandse Zaken<" in page.text
    page = overview(coordinating, round_2025, status="nonsense")
    assert page.status_code == 200  # an unknown filter shows everything, no error


def test_the_overview_uses_the_same_queries_for_one_or_many_submissions(
    coordinating, round_2025, submission_minbz, editor_minbz
):
    fill(submission_minbz, 3, by=editor_minbz)
    one, _ = count_queries(lambda: overview(coordinating, round_2025))
    for index in range(15):
        signatory = SignatoryFactory(code=f"EXTRA{index}")
        fill(services.ensure_submission(round=round_2025, signatory=signatory), 2)
    many, page = count_queries(lambda: overview(coordinating, round_2025))
    assert "EXTRA14" in page.text
    # session, user, round, signatory kinds (filter form), signatories, their contact
    # persons, submissions
    assert many == one == 7


def test_per_indicator_counts_who_answered(
    coordinating, round_2025, submission_minbz, submission_pax, editor_pax
):
    fill(submission_minbz, 1)  # 1.a
    fill(submission_pax, 2)  # 1.a and 1.b
    page = coordinating.get(reverse("reporting:round_indicators", args=[round_2025.pk]))
    first = page.text.split(">1.a<")[1].split("</tr>")[0]
    assert "2 van 2 (100%)" in first
    second = page.text.split(">1.b<")[1].split("</tr>")[0]
    assert "1 van 2 (50%)" in second


def test_the_overview_downloads_as_a_workbook_with_both_tables(
    coordinating, round_2025, submission_minbz, submission_pax, editor_minbz
):
    submit(submission_minbz, editor_minbz)
    response = coordinating.get(reverse("reporting:round_export", args=[round_2025.pk]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "overzicht-NAP1325-IV-2025.xlsx" in response["Content-Disposition"]
    book = load_workbook(BytesIO(response.content))
    assert book.sheetnames == ["Ondertekenaars", "Indicatoren"]
    rows = {row[1]: row for row in book["Ondertekenaars"].iter_rows(values_only=True)}
    assert rows["MinBZ"][3:7] == ("ingediend", 32, 32, 1)
    assert rows["PAX"][3:6] == ("niet begonnen", 0, 34)
    indicators = list(book["Indicatoren"].iter_rows(values_only=True))
    assert indicators[1][:4] == ("1.a", indicators[1][1], 1, 2)


# Search


def test_search_finds_a_word_in_a_narrative_with_its_passage(
    coordinating, submission_pax, submission_minbz, editor_pax
):
    fill(
        submission_pax,
        1,
        text="<p>PAX steunde in Irak vrouwelijke <b>mediators</b> bij lokale vredesoverleggen.</p>",
        by=editor_pax,
    )
    fill(submission_minbz, 1, text="<p>Iets heel anders.</p>")
    page = coordinating.get(reverse("reporting:search"), {"q": "mediators"})
    assert "1 resultaat voor “mediators”" in page.text
    assert "PAX, 2025" in page.text
    assert "<mark>mediators</mark>" in page.text
    assert "Indicator 1.a" in page.text
    assert "Iets heel anders" not in page.text


@pytest.mark.skipif(connection.vendor != "postgresql", reason="Dutch stemming: PostgreSQL only")
def test_search_on_postgresql_matches_dutch_word_forms(coordinating, submission_pax):
    fill(submission_pax, 1, text="<p>Wij trainden veertig vrouwen in bemiddeling.</p>")
    page = coordinating.get(reverse("reporting:search"), {"q": "vrouw"})
    assert "1 resultaat" in page.text
    assert "<mark>vrouwen</mark>" in page.text


@pytest.mark.skipif(connection.vendor != "postgresql", reason="stored vectors: PostgreSQL only")
def test_search_finds_what_an_answer_says_now_however_it_was_written(
    coordinating, submission_pax, editor_pax
):
    """The vectors are kept by the database (migration 0023): an autosave, a second autosave
    and a plain update each replace what the search finds."""
    entry = submission_pax.entries.in_plan_order().first()

    def found(word):
        return "1 resultaat" in coordinating.get(reverse("reporting:search"), {"q": word}).text

    services.save_entry(
        entry=entry, by=editor_pax, version=entry.version, narrative_html="<p>Mediators.</p>"
    )
    assert found("mediators")
    entry.refresh_from_db()
    services.save_entry(
        entry=entry, by=editor_pax, version=entry.version, narrative_html="<p>Wapenhandel.</p>"
    )
    assert found("wapenhandel") and not found("mediators")
    type(entry).objects.filter(pk=entry.pk).update(narrative="<p>Vluchtelingen.</p>")
    assert found("vluchtelingen") and not found("wapenhandel")


def test_search_escapes_narratives_and_queries(coordinating, submission_pax):
    entry = submission_pax.entries.first()
    entry.narrative = "<p>Overleg &lt;script&gt;alert(1)&lt;/script&gt; met partners.</p>"
    entry.save()
    page = coordinating.get(reverse("reporting:search"), {"q": "partners <script>"})
    assert "<script>alert" not in page.text
    assert "<mark>partners</mark>" in page.text


def test_an_empty_search_says_what_to_do(coordinating, db):
    page = coordinating.get(reverse("reporting:search"), {"q": ""})
    assert "Vul een zoekterm in." in page.text


def test_search_uses_the_same_queries_for_one_or_many_results(
    coordinating, submission_pax, submission_minbz
):
    fill(submission_pax, 1, text="<p>Vrouwelijke mediators in Irak.</p>")

    def search():
        return coordinating.get(reverse("reporting:search"), {"q": "mediators"})

    one, _ = count_queries(search)
    fill(submission_minbz, 15, text="<p>Vrouwelijke mediators in Mali.</p>")
    many, page = count_queries(search)
    assert "16 resultaten" in page.text
    # session, user, count, one page of entries with round, signatory and indicator; the
    # five filters' choices (rounds, kinds, signatories, goals, indicators)
    assert many == one == 9


def test_search_shows_an_ampersand_once_escaped(coordinating, submission_pax):
    """Finding 10: on PostgreSQL the headline kept "&amp;" and was escaped again."""
    entry = submission_pax.entries.first()
    entry.narrative = "<p>Het programma Vrouwen &amp; Vrede liep door.</p>"
    entry.save()
    page = coordinating.get(reverse("reporting:search"), {"q": "programma"})
    assert "Vrouwen &amp; Vrede" in page.text
    assert "&amp;amp;" not in page.text


def test_every_page_uses_the_same_status_words(client, coordinator, editor_minbz, submission_minbz):
    """Issue 16: the report said "concept" where the overview said "niet begonnen"."""
    from .factories import fill_all

    pages = {
        "home": (editor_minbz, reverse("home")),
        "report": (editor_minbz, reverse("reporting:submission", args=[submission_minbz.pk])),
        "review": (coordinator, reverse("reporting:submission_review", args=[submission_minbz.pk])),
        "overview": (
            coordinator,
            reverse("reporting:round_overview", args=[submission_minbz.round_id]),
        ),
    }

    def words():
        found = {}
        for name, (user, url) in pages.items():
            client.force_login(user)
            text = client.get(url).text
            found[name] = ("niet begonnen" in text, "bezig" in text, ">concept<" in text)
        return found

    assert all(seen[0] and not seen[2] for seen in words().values())
    fill_all(submission_minbz)
    assert all(seen[1] and not seen[2] for seen in words().values())


def test_search_filters_says_when_nothing_is_found_and_labels_goal_answers(
    coordinating, submission_pax, submission_minbz, editor_pax
):
    """Issue 15: filters by round, kind, signatory and goal; a "geen resultaten" page; a
    goal answered as such is not labelled "Indicator"."""
    fill(submission_pax, 1, text="<p>Vredesoverleg in Bagdad.</p>", by=editor_pax)
    fill(submission_minbz, 1, text="<p>Vredesoverleg in Sanaa.</p>")
    goal = submission_minbz.round.plan.goals.get(number="5")
    url = reverse("reporting:search")
    both = coordinating.get(url, {"q": "vredesoverleg"}).text
    assert "2 resultaten" in both
    only_pax = coordinating.get(
        url, {"q": "vredesoverleg", "signatory": submission_pax.signatory_id}
    ).text
    assert "1 resultaat" in only_pax and "Bagdad" in only_pax and "Sanaa" not in only_pax
    ministries = coordinating.get(
        url, {"q": "vredesoverleg", "kind": submission_minbz.signatory.kind_id}
    ).text
    assert "Sanaa" in ministries and "Bagdad" not in ministries
    none = coordinating.get(url, {"q": "vredesoverleg", "goal": goal.pk}).text
    assert "Geen resultaten." in none
    answered = submission_pax.entries.filter(narrative__contains="Bagdad").get().indicator
    by_indicator = coordinating.get(url, {"q": "vredesoverleg", "indicator": answered.pk})
    assert "Bagdad" in by_indicator.text


def test_a_goal_answer_is_labelled_with_its_goal(coordinating, submission_minbz, editor_minbz):
    goal = submission_minbz.round.plan.goals.get(number="5")
    entry = services.add_goal_answer(
        submission=submission_minbz, by=editor_minbz, goal=goal, subgoal=None,
        indicator_text="Aantal trainingen",
    )  # fmt: skip
    entry.narrative = "<p>Trainingen voor vredesmissies.</p>"
    entry.save()
    page = coordinating.get(reverse("reporting:search"), {"q": "vredesmissies"}).text
    assert "Strategisch doel 5: Aantal trainingen" in page
    assert "Indicator 5" not in page


def test_search_ignores_accents_and_case_both_ways(coordinating, submission_pax, editor_pax):
    """Issue 15: "geintegreerd" missed "geïntegreerd"."""
    fill(submission_pax, 1, text="<p>Gender is GEÏNTEGREERD in alle programma’s.</p>")
    page = coordinating.get(reverse("reporting:search"), {"q": "geintegreerd"}).text
    assert "1 resultaat" in page and "GEÏNTEGREERD" in page  # shown as written
    if connection.vendor == "sqlite":  # PostgreSQL's headline marks only exact forms
        assert "<mark>GEÏNTEGREERD</mark>" in page
    page = coordinating.get(reverse("reporting:search"), {"q": "Geïntegreerd"}).text
    assert "1 resultaat" in page
