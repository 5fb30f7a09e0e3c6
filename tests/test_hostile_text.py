"""No input can break what others see: control characters, formula prefixes, any script.

Findings 3 (formulas in Excel) and 4 (a control character breaks every Word and Excel
edition), and a property: any text an editor saves opens in every export format.
"""

import zipfile
from html import escape
from io import BytesIO

import pytest
from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from pypdf import PdfReader

from reporting import services
from reporting.annex import content, editions
from reporting.annex.formats import render_as
from reporting.models import Edition, Submission
from reporting.selectors import overview
from reporting.text import clean

FORMULA = '=HYPERLINK("http://evil.example/","x")'


def approve(submission):
    Submission.objects.filter(pk=submission.pk).update(state=Submission.State.APPROVED)


def save(entry, by, **fields):
    entry.refresh_from_db()
    return services.save_entry(
        entry=entry,
        by=by,
        version=entry.version,
        narrative_html=fields.pop("narrative_html", entry.narrative),
        **fields,
    )


def cells(data):
    book = load_workbook(BytesIO(data))
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]


def assert_no_formulas(data):
    assert [c.coordinate for c in cells(data) if c.data_type == "f"] == []
    with zipfile.ZipFile(BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name), name


# Finding 3: formulas


def test_a_narrative_or_reason_starting_with_a_formula_is_text_in_the_excel_annex(
    round_2025, submission_minbz, editor_minbz
):
    first, second = submission_minbz.entries.in_plan_order()[:2]
    save(first, editor_minbz, narrative_html=f"<p>{FORMULA}</p>")
    save(second, editor_minbz, not_applicable=True, not_applicable_reason="=1+1")
    approve(submission_minbz)
    data = render_as(content.build(round_2025), "xlsx")
    assert_no_formulas(data)
    values = [c.value for c in cells(data)]
    assert FORMULA in values and "=1+1" in values  # shown as typed, not evaluated
    quoted = [c for c in cells(data) if c.value in (FORMULA, "=1+1")]
    assert all(c.quotePrefix for c in quoted)


def test_a_signatory_named_like_a_formula_is_text_in_the_overview(round_2025, minbz):
    minbz.name = "=cmd|' /C calc'!A0"
    minbz.save()
    services.ensure_submission(round=round_2025, signatory=minbz)
    data = overview.workbook(round_2025)
    assert_no_formulas(data)
    assert "=cmd|' /C calc'!A0" in [c.value for c in cells(data)]


# Finding 4: control characters


@pytest.mark.parametrize("character", ["\x0b", "\x02", "\x1b", "\x00", "\ufffe"])
def test_a_control_character_is_removed_when_saved(submission_minbz, editor_minbz, character):
    entry = submission_minbz.entries.in_plan_order().first()
    saved = save(
        entry,
        editor_minbz,
        narrative_html=f"<p>Regel een{character}regel twee</p>",
        not_applicable=True,
        not_applicable_reason=f"Geen{character}missies",
    )
    assert character not in saved.narrative
    assert character not in saved.not_applicable_reason
    assert "regel twee" in saved.narrative


def test_a_control_character_posted_through_the_form_costs_nothing(
    client, submission_minbz, editor_minbz
):
    """Django refuses NUL in a CharField; the form removes it before that check."""
    from django.urls import reverse

    entry = submission_minbz.entries.in_plan_order().first()
    client.force_login(editor_minbz)
    response = client.post(
        reverse("reporting:entry_save", args=[submission_minbz.pk, entry.pk]),
        {
            f"e{entry.pk}-version": entry.version,
            f"e{entry.pk}-narrative": "<p>Tekst\x00 uit\x0bWord</p>",
            f"e{entry.pk}-not_applicable_reason": "",
        },
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.narrative == "<p>Tekst uit\nWord</p>"


def test_text_that_came_in_another_way_does_not_break_word_or_excel(round_2025, submission_minbz):
    """A control character written past the services (a fixture, the database): every
    format still compiles, without the character."""
    entry = submission_minbz.entries.in_plan_order().first()
    entry.narrative = "<p>Plakte\x0b uit\x02 Word\x1b.</p>"
    entry.indicator_text = "eigen\x07"
    entry.save()
    approve(submission_minbz)
    annex = content.build(round_2025)
    document = Document(BytesIO(render_as(annex, "docx")))
    assert "Plakte\n uit Word." in "\n".join(
        p.text for t in document.tables for c in t._cells for p in c.paragraphs
    )
    assert "Plakte uit Word." in [c.value for c in cells(render_as(annex, "xlsx"))]


def test_a_failed_compile_names_the_answer_that_caused_it(
    round_2025, submission_minbz, monkeypatch, django_capture_on_commit_callbacks
):
    from reporting.annex import word

    entry = submission_minbz.entries.get(indicator__number="1.a")
    entry.narrative = "<p>Een antwoord.</p>"
    entry.save()
    approve(submission_minbz)

    def broken(cell, entry):
        raise ValueError("All strings must be XML compatible")

    monkeypatch.setattr(word, "_answer", broken)
    with django_capture_on_commit_callbacks(execute=True):
        edition, _ = editions.request_edition(round=round_2025, by=None, format="docx")
    edition.refresh_from_db()
    assert edition.state == Edition.State.FAILED
    assert "antwoord MinBZ 1.a" in edition.error
    assert "XML compatible" in edition.error


def test_clean_keeps_every_script_and_direction_mark():
    text = "Кириллица Ελληνικά עברית العربية हिन्दी ไทย 中文 😀 \u200f\u200e"
    assert clean(text) == text


# The property: anything an editor saves opens in every export format.

# Hypothesis draws no surrogates by itself; these are mixed in with every other code point.
HOSTILE_BITS = [
    "\ud800",
    "\udfff",
    "\x00",
    "\x0b",
    "\x1b",
    "\x7f",
    "\x85",
    "\ufffe",
    "\uffff",
    "\u202e",
    "\u200f",
    "=",
    "+",
    "-",
    "@",
    "\t",
    "\r",
    "<",
    "&amp;",
    "\U0001f600",
]
hostile_text = st.lists(
    st.one_of(st.characters(codec=None), st.sampled_from(HOSTILE_BITS)), max_size=40
).map("".join)
HYPOTHESIS = settings(
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def two_entries(round_2025, submission_minbz, editor_minbz):
    return round_2025, submission_minbz, list(submission_minbz.entries.in_plan_order()[:2])


def save_hostile(two_entries, editor, narrative_text, reason):
    """Save through the service, as the form would, then approve: the annex holds both."""
    round, submission, (first, second) = two_entries
    Submission.objects.filter(pk=submission.pk).update(state=Submission.State.DRAFT)
    # As the editor sends it: typed text escaped inside a paragraph.
    save(first, editor, narrative_html=f"<p>{escape(narrative_text)}x</p>")
    save(second, editor, not_applicable=True, not_applicable_reason=f"{reason}x")
    approve(submission)
    return content.build(round)


@settings(HYPOTHESIS, max_examples=40)
@given(narrative_text=hostile_text, reason=hostile_text)
def test_any_saved_text_opens_in_word_excel_and_html(
    two_entries, editor_minbz, narrative_text, reason
):
    annex = save_hostile(two_entries, editor_minbz, narrative_text, reason)
    assert annex.entry_count == 2
    Document(BytesIO(render_as(annex, "docx")))
    assert_no_formulas(render_as(annex, "xlsx"))
    assert "</html>" in render_as(annex, "html").decode()


@settings(HYPOTHESIS, max_examples=3)
@given(narrative_text=hostile_text, reason=hostile_text)
def test_any_saved_text_opens_as_a_pdf(two_entries, editor_minbz, tmp_path, narrative_text, reason):
    from reporting.annex import pdf

    annex = save_hostile(two_entries, editor_minbz, narrative_text, reason)
    reader = PdfReader(BytesIO(pdf.render_pdf(annex, cache_dir=tmp_path, workers=1)))
    assert len(reader.pages) >= 1


def test_an_edition_with_hostile_text_compiles_in_every_format(
    round_2025, submission_minbz, django_capture_on_commit_callbacks
):
    entry = submission_minbz.entries.in_plan_order().first()
    entry.narrative = f"<p>{FORMULA}\x0b\x02 עברית 中文</p>"
    entry.save()
    approve(submission_minbz)
    for format in ("docx", "xlsx", "html"):
        with django_capture_on_commit_callbacks(execute=True):
            edition, _ = editions.request_edition(round=round_2025, by=None, format=format)
        edition.refresh_from_db()
        assert edition.state == Edition.State.DONE, edition.error
