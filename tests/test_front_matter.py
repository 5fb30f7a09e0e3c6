"""The annex's voorwerk: a cover, the coordinators' introduction and who reported, in every
format; per round, and the 2021 annex keeps the original's lack of it (issue 14)."""

import io

import docx
import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from reporting import rounds, services
from reporting.annex import content, editions, render, word
from reporting.models import Edition

from .factories import fill_all
from .pdf_helpers import needs_pdftotext, pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved(submission_minbz, submission_pax, editor_minbz, coordinator):
    fill_all(submission_minbz, "<p>BZ steunde vrouwenorganisaties.</p>")
    services.submit_submission(submission=submission_minbz, by=editor_minbz)
    services.approve_submission(submission=submission_minbz, by=coordinator)
    return submission_minbz.round


def test_a_coordinator_writes_the_introduction_and_every_format_has_it(
    client, coordinator, approved
):
    client.force_login(coordinator)
    url = reverse("reporting:round_front", args=[approved.pk])
    assert "Voorwerk van de bijlage" in client.get(url).text
    response = client.post(
        url,
        {
            "front_matter": "on",
            "introduction": "<p>Dit jaar stond <strong>bemiddeling</strong> centraal.</p>"
            "<script>alert(1)</script>",
        },
    )
    assert response.status_code == 302
    approved.refresh_from_db()
    assert "<script" not in approved.introduction
    annex = content.build(approved)
    assert [s.code for s in annex.front.reported] == ["MinBZ"]
    assert [s.code for s in annex.front.not_reported] == ["PAX"]
    html = render.render_html(annex)
    assert "Dit jaar stond <strong>bemiddeling</strong> centraal." in html
    assert "Wie rapporteerde" in html and "Niet in deze bijlage (1):" in html
    document = docx.Document(io.BytesIO(word.render_docx(annex)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Dit jaar stond bemiddeling centraal." in text
    assert "Niet in deze bijlage (1): Stichting PAX" in text or "Niet in deze bijlage (1):" in text
    page = client.get(reverse("reporting:annex", args=[approved.pk])).text
    assert "Dit jaar stond" in page


def test_the_introduction_changes_the_editions_hash(coordinator, approved):
    before = editions.content_hash(content.build(approved))
    rounds.set_front_matter(
        round=approved, by=coordinator, front_matter=True, introduction="<p>Nieuw.</p>"
    )
    approved.refresh_from_db()
    assert editions.content_hash(content.build(approved)) != before


def test_without_voorwerk_or_with_a_filter_there_is_none(coordinator, approved, pax):
    assert content.build(approved, signatory=pax).front is None
    rounds.set_front_matter(round=approved, by=coordinator, front_matter=False, introduction="")
    approved.refresh_from_db()
    assert content.build(approved).front is None
    assert "Wie rapporteerde" not in render.render_html(content.build(approved))


def test_charts_in_the_annex_when_the_round_asks_for_them(coordinator, approved):
    rounds.set_front_matter(
        round=approved, by=coordinator, front_matter=True, introduction="", annex_charts=True
    )
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
    rounds.set_front_matter(round=approved, by=coordinator, front_matter=True, introduction="")
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
