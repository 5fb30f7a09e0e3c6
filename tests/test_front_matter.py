"""The annex's voorwerk: a cover, the coordinators' introduction and who reported, in every
format; per round, and the 2021 annex keeps the original's lack of it (issue 14)."""

import io

import docx
import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from reporting import rounds, services, synthesis
from reporting.annex import content, editions, render, word
from reporting.models import Edition

from .factories import UserFactory, fill_all
from .pdf_helpers import needs_pdftotext, pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved(submission_minbz, submission_pax, editor_minbz, coordinator):
    fill_all(submission_minbz, "<p>BZ steunde vrouwenorganisaties.</p>")
    services.submit_submission(submission=submission_minbz, by=editor_minbz)
    services.approve_submission(submission=submission_minbz, by=coordinator)
    return submission_minbz.round


@pytest.fixture
def second_coordinator(framework):
    return UserFactory(
        email="tweede@wo-men.example.org", full_name="Bo Tweede", is_coordinator=True
    )


def test_a_coordinator_writes_the_introduction_another_approves_it_and_every_format_has_it(
    client, coordinator, second_coordinator, approved
):
    """Issue 14: the introduction is reviewed like an answer: autosaved on a version, with
    history, and approved by a second coordinator before the published annex carries it."""
    client.force_login(coordinator)
    page = client.get(reverse("reporting:round_front", args=[approved.pk])).text
    assert "Er is nog geen inleiding." in page and "Inleiding schrijven" in page
    url = reverse("reporting:introduction_edit", args=[approved.pk])
    assert "Inleiding, " in client.get(url).text
    saved = client.post(
        url,
        {
            "version": 1,
            "text": "<p>Dit jaar stond <strong>bemiddeling</strong> centraal.</p>"
            "<script>alert(1)</script>",
        },
        HTTP_HX_REQUEST="true",
    )
    assert 'data-save-state="saved"' in saved.text and 'value="2"' in saved.text
    item = synthesis.introduction_of(approved)
    assert "<script" not in item.text
    assert item.history.filter(history_user=coordinator).exists()
    # Not approved: the concept shows it, the published annex does not.
    assert content.build(approved).front.introduction == ""
    assert "bemiddeling" in content.build(approved, concept=True).front.introduction
    client.post(reverse("reporting:introduction_approve", args=[approved.pk]), {"version": 2})
    item.refresh_from_db()
    assert not item.is_approved  # the writer may not approve it

    client.force_login(second_coordinator)
    client.post(reverse("reporting:introduction_approve", args=[approved.pk]), {"version": 2})
    item.refresh_from_db()
    assert item.is_approved and item.approved_by == second_coordinator
    annex = content.build(approved)
    assert [s.code for s in annex.front.reported] == ["MinBZ"]
    assert [s.code for s in annex.front.not_reported] == ["PAX"]
    html = render.render_html(annex)
    assert "Dit jaar stond <strong>bemiddeling</strong> centraal." in html
    assert "Wie rapporteerde" in html and "Niet in deze bijlage (1):" in html
    document = docx.Document(io.BytesIO(word.render_docx(annex)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Dit jaar stond bemiddeling centraal." in text
    page = client.get(reverse("reporting:annex", args=[approved.pk])).text
    assert "Dit jaar stond" in page
    assert (
        "De inleiding is goedgekeurd."
        in client.get(reverse("reporting:round_front", args=[approved.pk])).text
    )


def test_the_introduction_changes_the_editions_hash(coordinator, second_coordinator, approved):
    before = editions.content_hash(content.build(approved))
    item = synthesis.introduction_of(approved)
    item = synthesis.save(synthesis=item, by=coordinator, version=1, text="<p>Nieuw.</p>")
    synthesis.approve(synthesis=item, by=second_coordinator, version=item.version)
    assert editions.content_hash(content.build(approved)) != before


def test_the_voorwerk_page_switches_it_off_and_on(client, coordinator, approved):
    client.force_login(coordinator)
    url = reverse("reporting:round_front", args=[approved.pk])
    assert client.post(url, {}).status_code == 302
    approved.refresh_from_db()
    assert not approved.front_matter and content.build(approved).front is None
    client.post(url, {"front_matter": "on", "annex_charts": "on"})
    approved.refresh_from_db()
    assert approved.front_matter and approved.annex_charts


def test_without_voorwerk_or_with_a_filter_there_is_none(coordinator, approved, pax):
    assert content.build(approved, signatory=pax).front is None
    rounds.set_front_matter(round=approved, by=coordinator, front_matter=False)
    approved.refresh_from_db()
    assert content.build(approved).front is None
    assert "Wie rapporteerde" not in render.render_html(content.build(approved))


def test_charts_in_the_annex_when_the_round_asks_for_them(coordinator, approved):
    rounds.set_front_matter(round=approved, by=coordinator, front_matter=True, annex_charts=True)
    approved.refresh_from_db()
    annex = content.build(approved)
    [chart] = annex.front.charts
    assert ("Strategisch doel 1", 7) in chart.rows
    html = render.render_html(annex)
    assert 'src="data:image/svg+xml;base64,' in html
    assert f'alt="{chart.summary}"' in html and "<caption>Antwoorden in deze bijlage" in html
    document = docx.Document(io.BytesIO(word.render_docx(annex)))
    assert len(document.inline_shapes) == 1  # the chart as a picture
    assert chart.summary in "\n".join(p.text for p in document.paragraphs)
    off = editions.content_hash(content.build(approved))
    rounds.set_front_matter(round=approved, by=coordinator, front_matter=True)
    approved.refresh_from_db()
    assert editions.content_hash(content.build(approved)) != off
    assert content.build(approved).front.charts == []


@needs_pdftotext
def test_the_cover_names_the_date_and_the_edition_its_page_shows(
    client, coordinator, approved, django_capture_on_commit_callbacks
):
    """Issue 14: a file on someone's desk says which edition it is; the portal's edition
    page says the same, so the two can be matched."""
    files = {}
    for format in ("pdf", "docx"):
        with django_capture_on_commit_callbacks(execute=True):
            edition, _ = editions.request_edition(round=approved, by=coordinator, format=format)
        edition.refresh_from_db()
        assert edition.state == Edition.State.DONE, edition.error
        files[format] = edition
    today = date_format(timezone.localdate(), "j F Y")
    pdf = files["pdf"]
    cover = " ".join(pdf_text(pdf.file.path, 1).split())
    assert f"Samengesteld op {today} · editie {pdf.code}" in cover
    with files["docx"].file.open("rb") as stored:
        paragraphs = [p.text for p in docx.Document(stored).paragraphs]
    assert f"Samengesteld op {today} · editie {files['docx'].code}" in paragraphs
    client.force_login(coordinator)
    page = client.get(reverse("reporting:edition", args=[pdf.pk])).text
    assert f"Editie {pdf.code}, klaar op" in page
