"""The annex as a page: what it contains, in which order, for whom."""

import re

import pytest
from django.urls import reverse

from reporting import services
from reporting.annex import content
from reporting.models import Submission
from signatories.models import Signatory

from .factories import RoundFactory, UserFactory, fill_all, publish
from .queries import count_queries


def answer(submission, numbers, text):
    for entry in submission.entries.filter(indicator__number__in=numbers):
        entry.narrative = text
        entry.save()


def approve(submission):
    Submission.objects.filter(pk=submission.pk).update(state=Submission.State.APPROVED)


@pytest.fixture
def reports(round_2025, submission_minbz, submission_pax, minbz):
    answer(submission_minbz, ["1.a", "1.1.a"], "<p>BZ steunde vrouwelijke mediators.</p>")
    answer(submission_pax, ["1.a"], "<p>PAX trainde vredesactivisten.</p>")
    approve(submission_minbz)
    jenv = services.ensure_submission(
        round=round_2025, signatory=Signatory.objects.get(code="MinJenV")
    )
    answer(jenv, ["3.4.a"], "<p>JenV: nog niet goedgekeurd.</p>")
    return round_2025


def page(client, round, concept=False):
    return client.get(
        reverse("reporting:annex", args=[round.pk]), {"concept": "1"} if concept else {}
    )


def test_the_published_annex_holds_approved_entries_only(client, coordinator, reports):
    client.force_login(coordinator)
    text = page(client, reports).text
    assert "Bijlage 1: Voortgangsrapportage implementatie NAP1325-IV over het jaar 2025" in text
    assert "BZ steunde vrouwelijke mediators." in text
    assert "PAX trainde" not in text and "JenV: nog niet" not in text
    assert "CONCEPT" not in text
    assert 'id="ondertekenaar-minbz-thema-1"' in text
    assert "PARTICIPATIE Indicatoren MinBZ" in text


def test_the_concept_shows_every_answer_in_the_annexs_order(client, coordinator, reports):
    client.force_login(coordinator)
    text = page(client, reports, concept=True).text
    assert "CONCEPT: bevat antwoorden die nog niet zijn goedgekeurd" in text
    body = text.split('class="annex-section"', 1)[1]
    # Ministries in the annex's order (BZ before JenV), then civil society
    assert body.index("BZ steunde") < body.index("JenV: nog niet") < body.index("PAX trainde")
    assert "BESCHERMING Indicatoren MinJenV" in body
    # The table of contents points at every section and theme heading
    for anchor in ("ondertekenaar-minbz", "ondertekenaar-minjenv-thema-3", "ondertekenaar-pax"):
        assert f'href="#{anchor}"' in text and f'id="{anchor}"' in text
    # Goal first, then the subgoal's row, each labelled as in the annex
    assert body.index("Strategisch doel 1:") < body.index("Subdoel 1.1:")


def test_hostile_html_is_sanitised_again_in_the_annex(client, coordinator, reports):
    submission = Submission.objects.get(round=reports, signatory__code="MinBZ")
    entry = submission.entries.get(indicator__number="1.a")
    entry.narrative = '<p onclick="x()">Tekst<script>alert(1)</script></p>'
    entry.save()  # as if it came in through the admin or an import
    client.force_login(coordinator)
    text = page(client, reports).text
    assert "Tekst" in text
    assert "<script>alert" not in text and "onclick" not in text


def test_an_empty_round_says_so(client, coordinator, round_2025):
    client.force_login(coordinator)
    text = page(client, round_2025).text
    assert "nog) geen goedgekeurde rapportages" in text
    assert "Inhoudsopgave" not in text


def test_readers_see_published_rounds_only_and_never_the_concept(client, reader, reports):
    client.force_login(reader)
    assert page(client, reports).status_code == 403
    publish(reports)
    assert "BZ steunde" in page(client, reports).text
    assert page(client, reports, concept=True).status_code == 403
    home = client.get(reverse("home"))
    assert reverse("reporting:annex", args=[reports.pk]) in home.text


def test_the_annex_uses_the_same_queries_for_few_or_many_entries(client, coordinator, reports, pax):
    client.force_login(coordinator)
    few, _ = count_queries(lambda: page(client, reports, concept=True))
    for code in ("CARE", "Cordaid", "ICCO"):
        signatory = Signatory.objects.get(code=code)
        other = services.ensure_submission(round=reports, signatory=signatory)
        answer(other, ["1.a", "1.b", "2.a", "3.1.a", "4.a"], "<p>Meer tekst.</p>")
        UserFactory(signatories=[signatory])
    many, response = count_queries(lambda: page(client, reports, concept=True))
    assert response.text.count("Meer tekst.") == 15
    # session, user, round, entries with their framework and signatory, and the indicators
    # they answer too; the editions and the compile form's choices (signatories, themes,
    # kinds) and the plan's first round that opened (for the plan period); the current
    # publication and the versions; the voorwerk's signatories that did not report, and its
    # synthesis
    assert many == few == 14


def test_compile_report_writes_the_annex_as_a_self_contained_html_file(reports, tmp_path):
    from django.core.management import call_command

    output = tmp_path / "bijlage.html"
    call_command("compile_report", "--round", "2025", "--output", str(output))
    html = output.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert "<title>Bijlage 1: Voortgangsrapportage implementatie NAP1325-IV" in html
    assert "table-layout: fixed" in html  # the stylesheet travels inside the file
    assert "BZ steunde vrouwelijke mediators." in html and "PAX trainde" not in html
    call_command("compile_report", "--round", "2025", "--concept", "--output", str(output))
    assert "PAX trainde" in output.read_text(encoding="utf-8")


def test_compile_report_says_which_round_is_missing(db):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="No round starts in 1999"):
        call_command("compile_report", "--round", "1999", "--output", "-")


def test_a_period_annex_reads_its_rounds_one_after_the_other(submission_minbz, submission_pax):
    """Five years in one document (issue 18): the rounds' sections in order, and only the
    round being read is built."""
    fill_all(submission_minbz, "<p>Eerste jaar.</p>")
    fill_all(submission_pax, "<p>Eerste jaar PAX.</p>")
    later = RoundFactory(first_year=2026)
    fill_all(services.ensure_submission(round=later, signatory=submission_pax.signatory))
    annex = content.build_period([submission_minbz.round, later], concept=True)

    names = [section.signatory.code for section in annex.sections]
    assert len(annex.sections) == 3
    assert names == [submission_minbz.signatory.code, "PAX", "PAX"]
    assert annex.sections[2].signatory.code == "PAX"
    assert annex.sections._built[0] == 1  # the second round; the first was let go
    with pytest.raises(IndexError):
        annex.sections[3]


def test_compile_report_writes_the_plan_period_in_one_document(
    submission_minbz, submission_pax, tmp_path
):
    """The whole plan period from the command line (`compile_report --period`): every round
    that has opened, in order; a round still in preparation is not in it."""
    from django.core.management import CommandError, call_command

    fill_all(submission_minbz, "<p>BZ in het eerste jaar.</p>")
    approve(submission_minbz)
    later = RoundFactory(first_year=2026)
    pax_later = services.ensure_submission(round=later, signatory=submission_pax.signatory)
    fill_all(pax_later, "<p>PAX in het tweede jaar.</p>")
    approve(pax_later)
    preparing = RoundFactory(first_year=2027, state="preparation")
    fill_all(services.ensure_submission(round=preparing, signatory=submission_pax.signatory))
    output = tmp_path / "periode.html"

    call_command("compile_report", "--period", "--format", "html", "--output", output)

    text = output.read_text(encoding="utf-8")
    assert "over de jaren 2025 tot en met 2026" in text
    # Each section says its year, and the anchors stay unique when a signatory recurs.
    assert f"{submission_minbz.signatory.name} (2025)</h2>" in text
    assert f"{submission_pax.signatory.name} (2026)</h2>" in text
    ids = re.findall(r'id="(ondertekenaar-[^"]+)"', text)
    assert len(ids) == len(set(ids)) and "ondertekenaar-pax-2026" in ids
    assert text.index("BZ in het eerste jaar") < text.index("PAX in het tweede jaar")
    assert "Ingevuld." not in text  # the round in preparation
    with pytest.raises(CommandError, match="known: NAP1325-IV"):
        call_command("compile_report", "--period", "--plan", "NAP-V", "--output", output)
