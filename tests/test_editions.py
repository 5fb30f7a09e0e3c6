"""Editions: compiled once per content, progress, failure and retry, publishing; and the
PDF pipeline's cache, bad input and empty rounds."""

import io
import threading

import docx
import pytest
from django.db import IntegrityError
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from reporting.annex import content, editions, formats, local, pdf, word
from reporting.models import Edition, Entry

from .factories import EditionFactory, fill_all, publish
from .pdf_helpers import needs_pdftotext, pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def filled(submission_minbz):
    fill_all(submission_minbz, "<p>Vrouwen bemiddelen in Irak.</p>")
    return submission_minbz


def request(round, by, **kwargs):
    return editions.request_edition(round=round, by=by, **{"format": "docx", **kwargs})


def test_an_edition_is_compiled_and_the_same_content_reuses_it(
    filled, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        edition, created = request(filled.round, coordinator, concept=True)
    edition.refresh_from_db()
    assert created and edition.state == Edition.State.DONE
    with edition.file.open("rb") as stored:
        text = " ".join(c.text for t in docx.Document(stored).tables for c in t._cells)
    assert "Vrouwen bemiddelen in Irak." in text
    with django_capture_on_commit_callbacks(execute=True) as sent:
        again, created = request(filled.round, coordinator, concept=True)
    assert (again, created, sent) == (edition, False, [])
    # Other content (approved only: nothing yet) is another edition.
    with django_capture_on_commit_callbacks(execute=True):
        other, created = request(filled.round, coordinator, concept=False)
    assert created and other.content_hash != edition.content_hash


def test_the_database_refuses_a_second_compilation_of_the_same_content(filled):
    first = EditionFactory(round=filled.round, state=Edition.State.RUNNING)
    with pytest.raises(IntegrityError):
        EditionFactory(round=filled.round, content_hash=first.content_hash)


def test_a_compilation_runs_once_even_if_the_task_arrives_twice(filled, coordinator, monkeypatch):
    edition, _ = request(filled.round, coordinator, concept=True)  # on_commit not run
    calls = []
    monkeypatch.setitem(formats.RENDERERS, "docx", lambda annex: calls.append(1) or b"x")
    editions.compile_edition(edition_id=edition.pk)
    editions.compile_edition(edition_id=edition.pk)
    assert calls == [1]


def test_a_failed_compilation_shows_its_error_and_can_be_retried(
    filled, coordinator, client, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(annex):
        raise MemoryError

    monkeypatch.setitem(formats.RENDERERS, "docx", broken)
    with django_capture_on_commit_callbacks(execute=True):
        edition, _ = request(filled.round, coordinator, concept=True)
    edition.refresh_from_db()
    assert edition.state == Edition.State.FAILED
    client.force_login(coordinator)
    page = client.get(reverse("reporting:edition", args=[edition.pk])).content.decode()
    assert "Het samenstellen is mislukt (MemoryError)." in page
    assert "Opnieuw samenstellen" in page
    monkeypatch.setitem(formats.RENDERERS, "docx", word.render_docx)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reporting:edition_retry", args=[edition.pk]))
    assert response.status_code == 302
    edition.refresh_from_db()
    assert edition.state == Edition.State.DONE and edition.error == ""


def test_the_page_shows_progress_until_done(filled, coordinator, client):
    edition, _ = request(filled.round, coordinator, concept=True)
    Edition.objects.filter(pk=edition.pk).update(
        state=Edition.State.RUNNING, progress_done=3, progress_total=12
    )
    client.force_login(coordinator)
    fragment = client.get(
        reverse("reporting:edition", args=[edition.pk]), headers={"HX-Request": "true"}
    )
    html = fragment.content.decode()
    assert "3 van 12 onderdelen" in html and 'value="25"' in html
    assert 'hx-trigger="every 2s"' in html and "<html" not in html


def test_a_coordinator_compiles_from_the_annex_page_and_a_reader_gets_it_once_published(
    filled, coordinator, reader, client, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    url = reverse("reporting:edition_create", args=[filled.round.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"format": "xlsx"})
    edition = Edition.objects.get()
    assert response["Location"] == reverse("reporting:edition", args=[edition.pk])
    client.force_login(reader)
    assert client.get(reverse("reporting:edition_download", args=[edition.pk])).status_code == 403
    publish(filled.round, edition)
    download = client.get(reverse("reporting:edition_download", args=[edition.pk]))
    assert download.status_code == 200
    assert download["Content-Disposition"].endswith('Bijlage-1-NAP1325-IV-2025.xlsx"')
    assert b"".join(download.streaming_content).startswith(b"PK")  # a zip: the workbook
    assert "Bijlage-1-NAP1325-IV-2025.xlsx" in client.get(reverse("reporting:editions")).text


# The PDF pipeline


def render(round, tmp_path, **kwargs):
    annex = content.build(round, concept=True, **kwargs)
    data = pdf.render_pdf(annex, cache_dir=tmp_path, workers=2)
    (tmp_path / "out").write_bytes(data)
    return PdfReader(io.BytesIO(data))


def test_a_changed_entry_re_renders_only_its_section(filled, submission_pax, tmp_path):
    fill_all(submission_pax, "<p>Tekst van PAX.</p>")

    def sections():
        found = tmp_path.glob("*.pdf")
        return {p.name: p.stat().st_mtime_ns for p in found if not p.name.startswith("front-")}

    render(filled.round, tmp_path)
    before = sections()
    assert len(before) == 2
    render(filled.round, tmp_path)
    assert sections() == before
    entry = submission_pax.entries.first()
    entry.narrative = "<p>Gewijzigd.</p>"
    entry.save()
    render(filled.round, tmp_path)
    assert len(set(sections()) - set(before)) == 1


@needs_pdftotext
def test_hostile_html_is_sanitised_and_a_long_narrative_runs_over_pages(filled, tmp_path):
    entry = filled.entries.first()
    long_text = " ".join(f"woord{i}" for i in range(4000))
    entry.narrative = f'<p>{long_text}</p><script>alert("x")</script><img src=x onerror="y()">'
    entry.save()
    reader = render(filled.round, tmp_path)
    text = pdf_text(tmp_path / "out")
    assert "woord0" in text and "woord3999" in text
    assert "alert" not in text
    assert len(reader.pages) > 5
    document = docx.Document(
        io.BytesIO(word.render_docx(content.build(filled.round, concept=True)))
    )
    cells = " ".join(c.text for t in document.tables for c in t._cells)
    assert "woord3999" in cells and "alert" not in cells


def test_an_empty_round_gives_a_one_page_report_saying_so(round_2025, tmp_path):
    reader = render(round_2025, tmp_path)
    assert len(reader.pages) == 1
    assert "nog geen antwoorden ingevuld" in reader.pages[0].extract_text()


def test_concept_is_on_every_page(filled, tmp_path):
    reader = render(filled.round, tmp_path)
    assert all("CONCEPT" in page.extract_text() for page in reader.pages)


def test_an_answer_changed_between_request_and_compile_never_lands_under_the_old_hash(
    filled, coordinator, client, django_capture_on_commit_callbacks
):
    """The worker builds the annex once, checks it against the requested hash, and renders
    exactly that; changed content gets an edition of its own (issue 14)."""
    edition, _ = request(filled.round, coordinator, concept=True)  # not yet compiled
    entry = filled.entries.first()
    Entry.objects.filter(pk=entry.pk).update(narrative="<p>Later gewijzigd.</p>")
    with django_capture_on_commit_callbacks(execute=True):
        editions.compile_edition(edition_id=edition.pk)
    edition.refresh_from_db()
    assert edition.state == Edition.State.FAILED and edition.superseded_by is not None
    newer = edition.superseded_by
    newer.refresh_from_db()
    assert newer.state == Edition.State.DONE
    assert newer.content_hash == editions.content_hash(content.build(filled.round, concept=True))
    with newer.file.open("rb") as stored:
        text = " ".join(c.text for t in docx.Document(stored).tables for c in t._cells)
    assert "Later gewijzigd." in text
    client.force_login(coordinator)
    page = client.get(reverse("reporting:edition", args=[edition.pk])).text
    assert reverse("reporting:edition", args=[newer.pk]) in page


def test_the_hash_follows_every_printed_field_but_not_rendering(filled):
    annex = content.build(filled.round, concept=True)
    before = editions.content_hash(annex)
    assert editions.content_hash(content.build(filled.round, concept=True)) == before
    Entry.objects.filter(pk=filled.entries.first().pk).update(number=7)
    assert editions.content_hash(content.build(filled.round, concept=True)) != before


def test_an_edition_asked_for_in_english_is_the_dutch_document_and_compiles(
    filled, coordinator, django_capture_on_commit_callbacks
):
    """The hash and the headings are Dutch whatever language the portal is read in: an
    edition requested in English was superseded by its own worker ("content changed"), and
    without a broker it printed English headings in the Dutch annex."""
    with translation.override("en"):
        english = editions.content_hash(content.build(filled.round, concept=True))
        annex = content.build(filled.round, concept=True)
        assert annex.sections[0].themes[0].title.endswith("Indicatoren MinBZ")
        with django_capture_on_commit_callbacks(execute=True):
            edition, _created = request(filled.round, coordinator, concept=True)
    with translation.override("nl"):
        assert editions.content_hash(content.build(filled.round, concept=True)) == english
    edition.refresh_from_db()
    assert edition.state == Edition.State.DONE, edition.error


def test_a_part_that_fails_stops_the_compile_with_its_reason_and_leaves_no_thread(
    filled, submission_pax, tmp_path, monkeypatch
):
    fill_all(submission_pax, "<p>Tekst van PAX.</p>")
    real, asked = local._render, []

    def second_fails(worker, key, html, scratch, url):
        asked.append(key)
        return "kapotte afbeelding" if len(asked) == 2 else real(worker, key, html, scratch, url)

    monkeypatch.setattr(local, "_render", second_fails)
    threads = threading.active_count()
    with pytest.raises(pdf.RenderError, match="kon niet worden gemaakt: kapotte afbeelding"):
        pdf.render_pdf(content.build(filled.round, concept=True), cache_dir=tmp_path, workers=1)
    assert len(asked) == 2  # the third part was not rendered after the failure
    assert threading.active_count() == threads
    assert len(list(tmp_path.glob("*.pdf"))) == 1  # what was rendered stays cached
