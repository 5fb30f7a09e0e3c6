"""The annex as a Word document (python-docx) that a ministry can edit.

Same structure as the HTML and PDF: the title, per signatory a Heading 1, per theme a
Heading 2 and the three-column table, with its header row repeated on every page.
"""

from html.parser import HTMLParser
from io import BytesIO

from django.utils import translation
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from .. import narrative as narrative_rules
from .. import numbers
from .. import text as text_rules
from .errors import for_answer

COLUMN_WIDTHS = (Cm(5.3), Cm(5.3), Cm(16.1))  # the PDF's 20/20/60 of a landscape A4


def render_docx(annex):
    with translation.override("nl"):
        document = Document()
        _landscape(document)
        document.core_properties.title = _clean(annex.title)
        document.core_properties.language = "nl-NL"
        document.styles["Normal"].font.size = Pt(9)
        document.add_heading(_clean(annex.title), level=0)
        if annex.concept:
            document.add_paragraph().add_run(annex.concept_mark).bold = True
        if not annex.sections:
            document.add_paragraph(annex.empty_message)
        for section in annex.sections:
            document.add_heading(_clean(section.signatory.name), level=1)
            for block in section.themes:
                document.add_heading(_clean(block.title), level=2)
                _table(document, block)
        out = BytesIO()
        document.save(out)
        return out.getvalue()


def _clean(value):
    """Text as Word's XML can hold it (see reporting.text)."""
    return text_rules.clean(str(value))


def _landscape(document):
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))


def _table(document, block):
    table = document.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    table.autofit = False
    header = table.rows[0]
    _repeat_as_header(header)
    titles = (_("Strategisch doel / subdoel"), _("Indicator"), _("Toelichting"))
    for cell, title in zip(header.cells, titles, strict=True):
        cell.paragraphs[0].add_run(title).bold = True
    for part in block.parts:
        for index, entry in enumerate(part.entries):
            goal_cell, indicator_cell, narrative_cell = table.add_row().cells
            if index == 0:
                place = part.place(block.goal)
                paragraph = goal_cell.paragraphs[0]
                paragraph.add_run(f"{place.label}: ").bold = True
                paragraph.add_run(_clean(place.text))
            with for_answer(entry):
                indicator_cell.paragraphs[0].add_run(_clean(entry.question))
                _answer(narrative_cell, entry)
    for row in table.rows:
        for cell, width in zip(row.cells, COLUMN_WIDTHS, strict=True):
            cell.width = width


def _repeat_as_header(row):
    properties = row._tr.get_or_add_trPr()
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    properties.append(marker)


def _answer(cell, entry):
    paragraphs = []
    if entry.not_applicable:
        paragraphs.append(("p", [(_("Niet van toepassing") + ": ", True, False)]))
        paragraphs[-1][1].append((entry.not_applicable_reason, False, False))
    else:
        if entry.number is not None:
            text = _("Getal") + ": " + numbers.figures(entry, entry.kind)
            paragraphs.append(("p", [(text, False, False)]))
        paragraphs.extend(blocks(narrative_rules.sanitize(entry.narrative)))
    first = True
    for kind, runs in paragraphs:
        paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        if kind == "li":
            paragraph.style = "List Bullet"
        for text, bold, italic in runs:
            run = paragraph.add_run(_clean(text))
            run.bold, run.italic = bold or None, italic or None


def blocks(html):
    """A sanitised narrative as [(kind, [(text, bold, italic), ...])], kind "p" or "li"."""
    parser = _Blocks()
    parser.feed(html)
    parser.close()
    return [(kind, runs) for kind, runs in parser.blocks if any(t.strip() for t, _, _ in runs)]


class _Blocks(HTMLParser):
    BOLD = {"strong", "b"}
    ITALIC = {"em", "i"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks = []
        self.bold = self.italic = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("p", "li", "h2", "h3", "h4", "blockquote"):
            self.blocks.append(("li" if tag == "li" else "p", []))
        elif tag == "br":
            self.handle_data("\n")
        self.bold += tag in self.BOLD
        self.italic += tag in self.ITALIC

    def handle_endtag(self, tag):
        self.bold -= tag in self.BOLD and self.bold > 0
        self.italic -= tag in self.ITALIC and self.italic > 0

    def handle_data(self, data):
        if not self.blocks:
            self.blocks.append(("p", []))
        self.blocks[-1][1].append((data, self.bold > 0, self.italic > 0))
