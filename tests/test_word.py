"""The Word annex a ministry can send on: page numbers, running header, a table of contents,
a cover page, Dutch properties, the PDF's column widths, font and spacing (issue 14).
The tests read the document's XML, as Word and LibreOffice do."""

import io

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Cm

from .test_annex_2021 import compile_to, report_2021  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(report_2021, tmp_path):  # noqa: F811
    return docx.Document(io.BytesIO(compile_to(tmp_path, "docx").read_bytes()))


def instructions(element):
    return " ".join(node.text for node in element.iter(qn("w:instrText")))


def test_every_page_says_pagina_x_van_y_under_the_title(document):
    section = document.sections[0]
    footer = section.footer.paragraphs[0]
    assert footer.text.startswith("pagina ") and " van " in footer.text
    assert instructions(footer._p).split() == ["PAGE", "NUMPAGES"]
    assert "Bijlage 1: Voortgangsrapportage implementatie NAP1325-IV" in (
        section.header.paragraphs[0].text
    )
    assert section.different_first_page_header_footer  # the cover page has neither


def test_a_cover_page_then_a_table_of_contents_word_updates_on_opening(document):
    paragraphs = document.paragraphs
    assert paragraphs[0].style.name == "Title"
    assert "Nationaal Actieplan 1325-IV" in paragraphs[1].text
    assert any(p.text.startswith("Samengesteld op ") for p in paragraphs[:4])
    toc = [p for p in paragraphs if "TOC" in instructions(p._p)]
    assert len(toc) == 1 and '\\o "1-2"' in instructions(toc[0]._p)
    # Readable before Word updates it: the field's result already lists the headings.
    start = paragraphs.index(toc[0])
    listed = [p.text for p in paragraphs[start : start + 3]]
    assert listed == [
        "Ministerie van Buitenlandse Zaken",
        "PARTICIPATIE Indicatoren MinBZ",
        "PREVENTIE Indicatoren MinBZ",
    ]
    signatory, theme = paragraphs[start], paragraphs[start + 1]
    assert signatory.runs[-1].bold and not theme.runs[-1].bold
    assert not signatory.paragraph_format.left_indent
    assert theme.paragraph_format.left_indent.cm == pytest.approx(0.6, abs=0.01)
    update = document.settings.element.find(qn("w:updateFields"))
    assert update is not None and update.get(qn("w:val")) == "true"
    headings = [p.text for p in paragraphs if p.style.name == "Heading 1"]
    assert headings[0] == "Ministerie van Buitenlandse Zaken" and "Inhoudsopgave" not in headings


def test_dutch_properties_and_the_configured_author(document, settings):
    properties = document.core_properties
    assert properties.title.startswith("Bijlage 1: Voortgangsrapportage")
    assert (
        properties.author == settings.ANNEX_AUTHOR == ("Ministerie van Buitenlandse Zaken / WO=MEN")
    )
    assert properties.language == "nl-NL" and properties.author != "python-docx"
    language = document.styles["Normal"].element.rPr.find(qn("w:lang"))
    assert language.get(qn("w:val")) == "nl-NL"


def test_the_pdfs_columns_font_and_spacing(document):
    table = document.tables[0]
    grid = [int(col.get(qn("w:w"))) for col in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    total = sum(grid)
    assert [round(100 * width / total) for width in grid] == [20, 20, 60]
    assert abs(total - Cm(26.7).twips) < 20
    assert table._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
    normal = document.styles["Normal"]
    assert normal.font.name == "Arial" and normal.font.size.pt == 9
    assert normal.paragraph_format.space_after.pt == 3
    assert document.styles["Heading 1"].font.name == "Arial"


def test_a_list_item_written_in_the_editor_stays_a_bullet_in_word():
    from reporting.annex.word import blocks

    html = "<p>Inleiding</p><ul><li><p>een</p></li><li><p>twee</p></li></ul>"
    assert [(kind, runs[0][0]) for kind, runs in blocks(html)] == [
        ("p", "Inleiding"),
        ("li", "een"),
        ("li", "twee"),
    ]
