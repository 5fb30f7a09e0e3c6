"""Working offline: the report as a Word form, filled in, uploaded, checked and saved."""

import io

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from reporting import services
from reporting.models import Entry

from .factories import fill_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, editor_minbz):
    client.force_login(editor_minbz)
    return client


def download(client, submission):
    response = client.get(reverse("reporting:wordform_download", args=[submission.pk]))
    assert response.status_code == 200
    return docx.Document(io.BytesIO(response.content))


def row_of(document, place):
    for row in document.tables[0].rows[1:]:
        if row.cells[0].paragraphs[0].text.startswith(f"{place} "):
            return row
    raise AssertionError(place)


def write(cell, *paragraphs):
    """Replace the cell's text as an editor in Word would (paragraphs; "• x" a bullet)."""
    for paragraph in cell.paragraphs[1:]:
        paragraph._p.getparent().remove(paragraph._p)
    first = cell.paragraphs[0]
    for run in first.runs:
        run._r.getparent().remove(run._r)
    for index, text in enumerate(paragraphs):
        paragraph = first if index == 0 else cell.add_paragraph()
        if text.startswith("• "):
            paragraph.style = "List Bullet"
            text = text[2:]
        paragraph.add_run(text)


def upload(client, submission, document, name="formulier.docx"):
    out = io.BytesIO()
    document.save(out)
    return upload_bytes(client, submission, out.getvalue(), name)


def upload_bytes(client, submission, data, name="formulier.docx"):
    file = SimpleUploadedFile(name, data)
    return client.post(reverse("reporting:wordform", args=[submission.pk]), {"file": file})


def apply(client, submission, *entries):
    return client.post(
        reverse("reporting:wordform_apply", args=[submission.pk]),
        {"accept": [str(entry.pk) for entry in entries]},
    )


def entry(submission, place):
    return submission.entries.get(indicator__number=place)


def test_the_form_has_a_row_per_answer_with_the_current_text(editor, submission_minbz):
    fill_all(submission_minbz, "<p>Eerste alinea.</p><ul><li><p>Een punt</p></li></ul>")
    document = download(editor, submission_minbz)
    rows = document.tables[0].rows[1:]
    assert len(rows) == submission_minbz.entries.count()
    answer = row_of(document, "1.a").cells[1]
    assert [p.text for p in answer.paragraphs] == ["Eerste alinea.", "Een punt"]
    assert answer.paragraphs[1].style.name == "List Bullet"
    hidden = row_of(document, "1.a").cells[0].paragraphs[1].runs[0]
    assert hidden.font.hidden and hidden.text.startswith("nap:")


def test_an_upload_shows_what_changes_and_saves_only_what_is_accepted(
    editor, submission_minbz, editor_minbz
):
    fill_all(submission_minbz, "<p>Oude tekst.</p>")
    document = download(editor, submission_minbz)
    write(row_of(document, "1.a").cells[1], "Nieuwe tekst uit Word.", "• eerste", "• tweede")
    write(row_of(document, "2.a").cells[1], "Ook gewijzigd.")
    write(row_of(document, "3.a").cells[2], "Geen activiteiten dit jaar.")
    check = upload(editor, submission_minbz, document)
    assert "Het formulier wijzigt 3 antwoorden." in check.text
    assert "Er is nog niets opgeslagen." in check.text
    assert "<del>" in check.text and "Nieuwe" in check.text
    assert entry(submission_minbz, "1.a").narrative == "<p>Oude tekst.</p>"  # nothing yet
    done = apply(
        editor, submission_minbz, entry(submission_minbz, "1.a"), entry(submission_minbz, "3.a")
    )
    assert done.status_code == 302
    saved = entry(submission_minbz, "1.a")
    assert saved.narrative == (
        "<p>Nieuwe tekst uit Word.</p><ul><li><p>eerste</p></li><li><p>tweede</p></li></ul>"
    )
    assert saved.history.first().history_user == editor_minbz
    assert entry(submission_minbz, "2.a").narrative == "<p>Oude tekst.</p>"  # not accepted
    na = entry(submission_minbz, "3.a")
    assert na.not_applicable and na.not_applicable_reason == "Geen activiteiten dit jaar."


def test_an_answer_changed_in_the_portal_meanwhile_is_a_conflict_and_stays(
    editor, submission_minbz, editor_pax
):
    fill_all(submission_minbz, "<p>Oude tekst.</p>")
    document = download(editor, submission_minbz)
    write(row_of(document, "1.a").cells[1], "Uit Word.")
    write(row_of(document, "2.a").cells[1], "Ook uit Word.")
    colleague = entry(submission_minbz, "1.a")
    services.save_entry(
        entry=colleague, by=None, version=colleague.version, narrative_html="<p>Collega.</p>"
    )
    check = upload(editor, submission_minbz, document)
    assert "Conflict:" in check.text
    apply(editor, submission_minbz, entry(submission_minbz, "1.a"), entry(submission_minbz, "2.a"))
    assert entry(submission_minbz, "1.a").narrative == "<p>Collega.</p>"
    assert entry(submission_minbz, "2.a").narrative == "<p>Ook uit Word.</p>"


def snapshot(submission):
    return list(Entry.objects.filter(submission=submission).values_list("version", "narrative"))


def test_a_form_of_another_organisation_is_refused_and_changes_nothing(
    client, submission_minbz, submission_pax, editor_pax, editor_minbz
):
    client.force_login(editor_pax)
    document = download(client, submission_pax)
    write(document.tables[0].rows[1].cells[1], "Tekst van PAX.")
    client.force_login(editor_minbz)
    before = snapshot(submission_minbz)
    response = upload(client, submission_minbz, document)
    assert "Dit formulier hoort bij een andere rapportage dan deze." in response.text
    apply(client, submission_minbz, *submission_minbz.entries.all())
    assert snapshot(submission_minbz) == before


def test_a_form_with_altered_ids_is_refused(editor, submission_minbz):
    document = download(editor, submission_minbz)
    hidden = row_of(document, "1.a").cells[0].paragraphs[1].runs[0]
    other = entry(submission_minbz, "2.a").pk
    hidden.text = hidden.text.replace("nap:", "nap:x")  # any change breaks the signature
    write(row_of(document, "1.a").cells[1], "Gewijzigd.")
    before = snapshot(submission_minbz)
    response = upload(editor, submission_minbz, document)
    assert "De verborgen kenmerken van dit formulier zijn gewijzigd." in response.text
    assert snapshot(submission_minbz) == before
    assert other  # the ids themselves are inside the signed token


def test_a_form_with_the_hidden_ids_removed_is_refused(editor, submission_minbz):
    document = download(editor, submission_minbz)
    cell = row_of(document, "1.a").cells[0]
    cell._tc.remove(cell.paragraphs[1]._p)
    response = upload(editor, submission_minbz, document)
    assert "verborgen kenmerken in de eerste kolom zijn verwijderd" in response.text


@pytest.mark.parametrize(
    "data",
    [b"%PDF-1.7 not a word file", b"PK\x03\x04broken zip", b"tekst"],
    ids=["pdf", "broken-zip", "text"],
)
def test_a_file_that_is_not_word_is_refused_with_a_clear_message(editor, submission_minbz, data):
    before = snapshot(submission_minbz)
    response = upload_bytes(editor, submission_minbz, data, "rapport.docx")
    assert response.status_code == 200
    assert "Dit is geen Word-bestand (.docx)." in response.text
    assert snapshot(submission_minbz) == before


def test_a_word_file_that_is_not_our_form_is_refused(editor, submission_minbz):
    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    table.rows[1].cells[1].text = "Iets"
    response = upload(editor, submission_minbz, document)
    assert "Dit is geen formulier van het portaal" in response.text


def test_a_submitted_report_cannot_be_changed_through_word(editor, submission_minbz):
    fill_all(submission_minbz)
    document = download(editor, submission_minbz)
    submission_minbz.state = "submitted"
    submission_minbz.save()
    response = upload(editor, submission_minbz, document)
    assert response.status_code == 403


def test_applying_twice_saves_once(editor, submission_minbz):
    fill_all(submission_minbz, "<p>Oud.</p>")
    document = download(editor, submission_minbz)
    write(row_of(document, "1.a").cells[1], "Nieuw.")
    upload(editor, submission_minbz, document)
    target = entry(submission_minbz, "1.a")
    apply(editor, submission_minbz, target)
    again = apply(editor, submission_minbz, target)
    assert again.status_code == 302
    assert entry(submission_minbz, "1.a").version == target.version + 1


def test_the_answers_to_accept_are_named_by_plain_ids_where_numbers_are_grouped(
    editor, submission_minbz, settings
):
    """The checkboxes send back entry ids: grouped ("1.234") they would match no answer."""
    settings.USE_THOUSAND_SEPARATOR = True
    Entry.objects.filter(pk=entry(submission_minbz, "1.a").pk).update(id=4321)
    fill_all(submission_minbz, "<p>Oude tekst.</p>")
    document = download(editor, submission_minbz)
    write(row_of(document, "1.a").cells[1], "Nieuwe tekst uit Word.")
    check = upload(editor, submission_minbz, document)
    assert 'name="accept" value="4321"' in check.text
    editor.post(
        reverse("reporting:wordform_apply", args=[submission_minbz.pk]), {"accept": ["4321"]}
    )
    assert entry(submission_minbz, "1.a").narrative == "<p>Nieuwe tekst uit Word.</p>"
