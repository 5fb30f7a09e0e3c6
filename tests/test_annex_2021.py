"""compile_report --round 2021 reproduces the 2021 annex in every format."""

import re
from html import unescape
from pathlib import Path

import docx
import pytest
from django.core.management import call_command
from openpyxl import load_workbook
from pypdf import PdfReader

from reporting.annex import content
from reporting.models import Entry, ReportingRound

from .pdf_helpers import needs_pdftotext, pdf_fonts, pdf_text

pytestmark = pytest.mark.django_db

MINISTRIES = [
    "Ministerie van Buitenlandse Zaken",
    "Ministerie van Defensie",
    "Ministerie van Justitie en Veiligheid",
    "Ministerie van Onderwijs, Cultuur en Wetenschap",
]


@pytest.fixture
def report_2021(framework):
    call_command("loaddata", "report_2021", verbosity=0)
    return ReportingRound.objects.get(first_year=2021)


def compile_to(tmp_path, fmt, *args):
    out = tmp_path / f"bijlage.{fmt}"
    call_command("compile_report", "--round", "2021", "--format", fmt, "--output", out, *args)
    return out


def flat(text):
    """Text with tags gone and whitespace collapsed, as the outputs show it."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", text)).split())


def paragraphs(entry):
    return [flat(p) for p in re.findall(r"<(?:p|li)>(.*?)</(?:p|li)>", entry.narrative)]


def entries_in_annex_order(round):
    annex = content.build(round)
    return [
        entry for section in annex.sections for block in section.themes for entry in block.entries
    ]


def test_the_fixture_holds_the_four_ministries_answers(report_2021):
    assert report_2021.state == "published"
    # The original had no cover, introduction or list of who reported.
    assert not report_2021.front_matter and content.build(report_2021).front is None
    entries = Entry.objects.filter(submission__round=report_2021)
    assert entries.count() == 48
    assert set(entries.values_list("submission__state", flat=True)) == {"approved"}
    # Answers given on a goal or subgoal as such, as the ministries wrote them.
    defence = entries.get(submission__signatory__code="MinDef", indicator=None, subgoal=None)
    assert defence.goal.number == "1"
    assert defence.narrative.startswith("<p>Defensie streeft continu naar een betere")
    arms = entries.get(submission__signatory__code="MinBZ", subgoal__number="3.3")
    assert arms.indicator is None
    assert arms.indicator_text.startswith("Nederland heeft deelgenomen aan verschillende")
    jenv = entries.filter(submission__signatory__code="MinJenV", subgoal__number="3.4")
    assert [e.narrative[:20] for e in jenv.order_by("position")] == [
        "<p>Indicator: Voorbe",
        "<p>Indicatoren en be",
    ]
    ocw_list = entries.get(submission__signatory__code="MinOCW", indicator__number="1.1.a")
    assert "<ul><li>Nationaal actieplan Aanpak Seksueel grensoverschrijdend" in ocw_list.narrative


def test_html_has_every_answer_in_the_annex_order(report_2021, tmp_path):
    text = flat(compile_to(tmp_path, "html").read_text())
    assert "Bijlage 1: Voortgangsrapportage implementatie NAP1325-IV over het jaar 2021" in text
    positions = [text.index(f"{name}") for name in MINISTRIES]
    assert positions == sorted(positions)
    assert "PARTICIPATIE Indicatoren MinBZ" in text
    assert "MAINSTREAMING Indicatoren MinOCW" in text
    cursor = 0
    for entry in entries_in_annex_order(report_2021):
        for paragraph in paragraphs(entry):
            found = text.find(paragraph, cursor)
            assert found >= 0, paragraph[:80]
            cursor = found


def test_the_published_html_carries_no_developers_comments(report_2021, tmp_path):
    html = compile_to(tmp_path, "html").read_text()
    assert "/*" not in html and "<!--" not in html and "DESIGN.md" not in html


def test_docx_has_headings_tables_and_every_answer(report_2021, tmp_path):
    document = docx.Document(compile_to(tmp_path, "docx"))
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name != "Normal"]
    assert headings[0] == (
        "Title",
        "Bijlage 1: Voortgangsrapportage implementatie NAP1325-IV over het jaar 2021",
    )
    assert [t for s, t in headings if s == "Heading 1"] == MINISTRIES
    assert ("Heading 2", "BESCHERMING Indicatoren MinBZ") in headings
    cells = " ".join(
        flat(cell.text) for table in document.tables for row in table.rows for cell in row.cells
    )
    assert document.tables[0].rows[0].cells[2].text == "Toelichting"
    for entry in entries_in_annex_order(report_2021):
        for paragraph in paragraphs(entry):
            assert paragraph in cells, paragraph[:80]


@pytest.fixture
def pdf_2021(report_2021, tmp_path):
    path = compile_to(tmp_path, "pdf")
    return path, PdfReader(path)


@needs_pdftotext
def test_pdf_has_every_answer(report_2021, pdf_2021):
    path, _reader = pdf_2021
    text = flat(pdf_text(path))
    for entry in entries_in_annex_order(report_2021):
        for paragraph in paragraphs(entry):
            # The first words of each paragraph: a table cell's lines come out whole.
            assert " ".join(paragraph.split()[:8]) in text, paragraph[:80]


@needs_pdftotext
def test_pdf_pages_are_numbered_through(pdf_2021):
    path, reader = pdf_2021
    total = len(reader.pages)
    assert total > 10
    for number in (1, total // 2, total):
        assert f"pagina {number} van {total}" in pdf_text(path, number)
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (842, 595)  # A4 landscape


@needs_pdftotext
def test_pdf_toc_bookmarks_and_links_point_to_the_sections(pdf_2021):
    path, reader = pdf_2021
    outline = reader.outline
    titles = [item.title for item in outline if not isinstance(item, list)]
    assert titles == MINISTRIES
    themes = outline[1]
    assert [t.title for t in themes] == [
        "PARTICIPATIE Indicatoren MinBZ",
        "PREVENTIE Indicatoren MinBZ",
        "BESCHERMING Indicatoren MinBZ",
        "NOODHULP, WEDEROPBOUW EN HERSTEL Indicatoren MinBZ",
        "MAINSTREAMING Indicatoren MinBZ",
    ]
    toc = flat(pdf_text(path, 1))
    for item in outline:
        for mark in item if isinstance(item, list) else [item]:
            page = reader.get_destination_page_number(mark)
            # The bookmark opens the page that has the heading, and the TOC names that page.
            assert mark.title in flat(pdf_text(path, page + 1))
            assert f"{mark.title} {page + 1}" in toc
    links = [a.get_object() for a in reader.pages[0]["/Annots"]]
    targets = [reader.get_page_number(link["/Dest"][0].get_object()) for link in links]
    first_section = reader.get_destination_page_number(outline[0])
    assert targets[0] == first_section
    assert len(targets) == 2 * (4 + 14)  # name and number, per signatory and theme


def test_pdf_has_title_language_and_embedded_fonts(pdf_2021):
    _path, reader = pdf_2021
    assert reader.metadata.title.startswith("Bijlage 1: Voortgangsrapportage")
    assert reader.trailer["/Root"]["/Lang"] == "nl-NL"
    fonts = set()
    for page in reader.pages[:3]:
        for font in page["/Resources"]["/Font"].values():
            descendant = font.get_object()["/DescendantFonts"][0].get_object()
            assert "/FontFile2" in descendant["/FontDescriptor"]
            fonts.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    assert fonts == {"Liberation-Sans", "Liberation-Sans-Bold"}


@needs_pdftotext
def test_pdf_embeds_every_font_it_uses_including_the_stamp(pdf_2021):
    path, _reader = pdf_2021
    fonts = pdf_fonts(path)
    assert {name.split("+")[-1] for name, _ in fonts} >= {"LiberationSans", "Liberation-Sans"}
    assert all(embedded for _name, embedded in fonts), fonts


# Cells the original printed with two places or two indicators in them (seed 003): the
# answer's narrative stands once, beside all of them.
TWO_INDICATORS = {
    "1.2.a": "Voorbeelden van hoe deze initiatieven hebben geleid tot veranderingen voor "
    "vrouwenrechtenorganisaties, vrouwelijke mensenrechtenverdedigers en vrouwelijke "
    "vredesactivisten",
    "1.3.a": "Voorbeelden van inclusieve deelname aan vredesprocessen door deelnemers "
    "(via storytelling)",
    "2.b": "Voorbeelden van verhalen/case studies waaruit een positieve verandering voor "
    "vrouwen en vrouwenorganisaties blijkt als gevolg van conflictpreventiemaatregelen "
    "(via storytelling)",
}


def rows(html):
    """The annex tables' rows as [first cell, second cell, third cell] of flat text."""
    return [
        [flat(cell) for cell in re.findall(r"<td>(.*?)</td>", row, re.S)]
        for row in re.findall(r"<tr>(.*?)</tr>", html, re.S)
        if "<td>" in row
    ]


def minbz_row(report_2021, table_rows, number):
    entry = Entry.objects.get(
        submission__round=report_2021,
        submission__signatory__code="MinBZ",
        indicator__number=number,
    )
    first = paragraphs(entry)[0]
    return next(row for row in table_rows if row[2].startswith(first[:60]))


def test_answers_given_together_stand_in_one_cell_as_in_the_original(report_2021, tmp_path):
    original = flat(Path("tests/data/bijlage1_2021.txt").read_text(encoding="utf-8"))
    table_rows = rows(compile_to(tmp_path, "html").read_text())
    for number, other in TWO_INDICATORS.items():
        row = minbz_row(report_2021, table_rows, number)
        own = Entry.objects.get(
            submission__round=report_2021,
            submission__signatory__code="MinBZ",
            indicator__number=number,
        ).indicator.text
        assert own in row[1] and other in row[1], number
        # In plan order: 2.a before 2.b, 1.2.a before 1.2.b.
        assert (row[1].index(own) < row[1].index(other)) == (number != "2.b")
        assert " ".join(other.split()[:3]) in original  # the original prints it
    # Defence answered strategic goal 5 and subgoal 5.1 in one cell, under both headings.
    defence = next(row for row in table_rows if row[2].startswith("Defensie werkt (voor alle"))
    assert defence[0].startswith("Strategisch doel 5: Een genderlens wordt toegepast")
    assert "+ Subdoel 5.1: Vrede- en veiligheidspersoneel is genderbewust" in defence[0]
    # Nothing printed twice: each narrative has one row.
    narratives = [row[2] for row in table_rows]
    assert len(narratives) == len(set(narratives)) == 48


def test_word_and_the_workbook_print_the_same_cells(report_2021, tmp_path):
    document = docx.Document(compile_to(tmp_path, "docx"))
    cells = [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]
    defence = next(row for row in cells if row[2].startswith("Defensie werkt (voor alle"))
    goal, plus, subgoal = defence[0].split("\n")
    assert goal.startswith("Strategisch doel 5: Een genderlens")
    assert (plus, subgoal[:12]) == ("+", "Subdoel 5.1:")
    for number, other in TWO_INDICATORS.items():
        assert any(other in row[1] and row[1].count("\n") >= 1 for row in cells), number

    book = load_workbook(compile_to(tmp_path, "xlsx"))
    sheet = book.active
    values = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    places = {(row[1], row[4], row[5]) for row in values}
    assert ("MinDef", "5 + 5.1", None) in places  # no indicator: an empty cell
    assert ("MinBZ", "1.2", "1.2.a + 1.2.b") in places
    assert ("MinBZ", "2", "2.a + 2.b") in places


@needs_pdftotext
def test_the_pdf_prints_the_restored_texts(pdf_2021):
    path, _reader = pdf_2021
    text = flat(pdf_text(path))
    for other in TWO_INDICATORS.values():
        assert " ".join(other.split()[:6]) in text
    assert "Strategisch doel 5: Een genderlens wordt toegepast" in text


@needs_pdftotext
def test_stamps_drawn_a_sheet_at_a_time_number_every_page(report_2021, tmp_path, monkeypatch):
    """A long document's stamps come in sheets (assembly.STAMP_SHEET pages); sections cross
    the sheets' edges, and every page still has its own number, as an artifact."""
    from reporting.annex import assembly

    monkeypatch.setattr(assembly, "STAMP_SHEET", 4)
    path = compile_to(tmp_path, "pdf")
    reader = PdfReader(path)
    total = len(reader.pages)
    for number in range(1, total + 1):
        assert f"pagina {number} van {total}" in pdf_text(path, number)
    fonts = set()
    for page in reader.pages:
        used = page["/Resources"]["/XObject"]["/NapStamp"]["/Resources"]["/Font"]
        fonts |= {used.raw_get(name).idnum for name in used}
    sheets = (total + 3) // 4
    assert sheets < len(fonts) <= 2 * sheets  # each sheet's fonts once, not each page's


@needs_pdftotext
def test_a_period_annex_has_each_rounds_contents_as_a_part_of_its_own(report_2021, tmp_path):
    """Five years in one document (issue 18): the contents come in a part per round, each
    rendered alone (WeasyPrint then holds one round's contents at a time), each starting
    on its own page; every line still links to its section and names that page."""
    from reporting.annex import content, pdf

    annex = content.build_period([report_2021, report_2021])
    path = tmp_path / "periode.pdf"
    with path.open("wb") as file:
        total = pdf.write_pdf(annex, file)
    reader = PdfReader(path)
    assert total == len(reader.pages) == 2 + 2 * 21  # the 2021 annex: 1 page of contents
    heading = "Inhoudsopgave over het jaar 2021"
    assert [n for n in range(1, 5) if heading in pdf_text(path, n)] == [1, 2]
    outline = [item for item in reader.outline if not isinstance(item, list)]
    assert len(outline) == 2 * 4
    for page_index, marks in ((0, outline[:4]), (1, outline[4:])):
        links = [a.get_object() for a in reader.pages[page_index]["/Annots"]]
        targets = [reader.get_page_number(link["/Dest"][0].get_object()) for link in links]
        sections = [reader.get_destination_page_number(mark) for mark in marks]
        assert targets[0] == sections[0] and set(sections) <= set(targets)
        toc = flat(pdf_text(path, page_index + 1))
        for mark, page in zip(marks, sections, strict=True):
            assert f"{mark.title} {page + 1}" in toc
            assert mark.title in flat(pdf_text(path, page + 1))
    assert sections[0] == 2 + 21  # the second round's first section follows the first's
