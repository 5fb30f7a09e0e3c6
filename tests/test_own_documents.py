"""The editor's own report as PDF and Word, for circulation inside the organisation."""

import io

import docx
import pytest
from django.urls import reverse
from pypdf import PdfReader

from reporting.models import Submission

from .factories import RoundFactory, SubmissionFactory, fill_all
from .pdf_helpers import needs_pdftotext, pdf_text

DRAFT_LABEL = "CONCEPT – niet voor verspreiding"


@pytest.fixture
def written(submission_minbz):
    fill_all(submission_minbz, "<p>Wij steunden vrouwelijke bemiddelaars in Jemen.</p>")
    return submission_minbz


def download(client, user, submission, format):
    client.force_login(user)
    name = f"reporting:submission_{format}"
    return client.get(reverse(name, args=[submission.pk]))


@needs_pdftotext
def test_the_draft_as_pdf_says_not_for_circulation_on_every_page(
    client, editor_minbz, written, tmp_path
):
    response = download(client, editor_minbz, written, "pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="minbz-2025-CONCEPT.pdf"' in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store"
    path = tmp_path / "own.pdf"
    path.write_bytes(response.content)
    reader = PdfReader(path)
    assert reader.metadata.title.startswith(f"{DRAFT_LABEL} – Bijlage 1")
    pages = len(reader.pages)
    assert pages > 1
    for number in range(1, pages + 1):
        assert DRAFT_LABEL in pdf_text(path, number)
    text = pdf_text(path)
    assert "nog niet goedgekeurd door de coördinatoren" in text
    assert "Wij steunden vrouwelijke bemiddelaars in Jemen." in text
    assert "Partos" not in text  # another organisation's part is not in it


def test_the_draft_as_word_carries_the_mark_in_header_and_on_the_cover(
    client, editor_minbz, written
):
    response = download(client, editor_minbz, written, "docx")
    assert response.status_code == 200
    document = docx.Document(io.BytesIO(response.content))
    header = document.sections[0].header.paragraphs[0].text
    assert header.startswith(DRAFT_LABEL)
    body = "\n".join(p.text for p in document.paragraphs)
    assert "Deze rapportage is concept en nog niet goedgekeurd" in body
    cells = " ".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "Wij steunden vrouwelijke bemiddelaars in Jemen." in cells


@needs_pdftotext
def test_an_approved_report_has_no_concept_mark(client, editor_minbz, written, tmp_path):
    Submission.objects.filter(pk=written.pk).update(state=Submission.State.APPROVED)
    response = download(client, editor_minbz, written, "pdf")
    assert 'filename="minbz-2025.pdf"' in response["Content-Disposition"]
    path = tmp_path / "own.pdf"
    path.write_bytes(response.content)
    assert "CONCEPT" not in pdf_text(path)
    assert "Wij steunden vrouwelijke bemiddelaars in Jemen." in pdf_text(path)


def test_an_earlier_years_report_is_listed_and_downloadable(client, editor_minbz, minbz):
    earlier = SubmissionFactory(
        round=RoundFactory(first_year=2023, last_year=2023, state="published"),
        signatory=minbz,
        state=Submission.State.APPROVED,
    )
    client.force_login(editor_minbz)
    home = client.get(reverse("home"))
    assert reverse("reporting:submission_docx", args=[earlier.pk]) in home.text
    response = client.get(reverse("reporting:submission_docx", args=[earlier.pk]))
    assert response.status_code == 200
    assert 'filename="minbz-2023.docx"' in response["Content-Disposition"]


@pytest.mark.parametrize("who", ["editor_pax", "reader"])
def test_another_organisation_gets_nothing(client, written, who, request):
    response = download(client, request.getfixturevalue(who), written, "docx")
    assert response.status_code == 404
