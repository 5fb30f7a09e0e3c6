"""The annex as a Word document (python-docx) that a ministry can edit and send on.

Same structure as the HTML and PDF: a cover page and a table of contents (a TOC field Word
updates on opening), per signatory a Heading 1, per theme a Heading 2 and the three-column
table (the PDF's 20/20/60 widths, its header row repeated on every page). Every page has
the title as running header and "pagina X van Y" in the footer (PAGE and NUMPAGES fields);
the font, sizes and spacing follow the PDF; the properties are Dutch.
"""

from html.parser import HTMLParser
from io import BytesIO

from django.conf import settings
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from .. import narrative as narrative_rules
from .. import numbers
from .. import text as text_rules
from .errors import for_answer

# The PDF's 20/20/60 of the text width of a landscape A4 with 1.5 cm margins (26.7 cm).
COLUMN_WIDTHS = (Cm(5.34), Cm(5.34), Cm(16.02))
# Arial: what Word has; LibreOffice shows it as Liberation Sans, the PDF's font.
FONT = "Arial"
HEADING_COLOUR = RGBColor(0x2E, 0x1A, 0x47)  # annex-print.css's headings
SIZES = {"Normal": 9, "Title": 16, "Heading 1": 13, "Heading 2": 10.5}


def render_docx(annex):
    with translation.override("nl"):
        document = Document()
        _landscape(document)
        _properties(document, annex)
        _styles(document)
        _header_and_footer(document, annex)
        _cover(document, annex)
        if annex.sections:
            _table_of_contents(document, annex)
        if annex.concept:
            document.add_paragraph().add_run(annex.concept_mark).bold = True
        if not annex.sections:
            document.add_paragraph(annex.empty_message)
        for section in annex.sections:
            document.add_heading(_clean(section.heading), level=1)
            for block in section.themes:
                document.add_heading(_clean(block.title), level=2)
                _table(document, block)
        out = BytesIO()
        document.save(out)
        return out.getvalue()


def _properties(document, annex):
    properties = document.core_properties
    properties.title = _clean(annex.title)
    properties.author = settings.ANNEX_AUTHOR
    properties.last_modified_by = settings.ANNEX_AUTHOR
    properties.language = "nl-NL"
    properties.subject = _clean(annex.round.plan.title)
    properties.keywords = "NAP1325, voortgangsrapportage"
    properties.comments = ""
    now = timezone.now()
    properties.created = properties.modified = now
    properties.revision = 1


def _styles(document):
    """The PDF's font, sizes and spacing; Dutch as the language for spelling."""
    styles = document.styles
    for name, size in SIZES.items():
        style = styles[name]
        style.font.name = FONT
        style.font.size = Pt(size)
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(attribute), FONT)
        if name != "Normal":
            style.font.color.rgb = HEADING_COLOUR
            style.font.bold = True
            style.paragraph_format.space_before = Pt(12 if name != "Heading 2" else 8)
            style.paragraph_format.space_after = Pt(4)
            style.paragraph_format.keep_with_next = True
    normal = styles["Normal"].paragraph_format
    normal.space_after = Pt(3)
    normal.line_spacing = 1.15
    language = OxmlElement("w:lang")
    for attribute in ("w:val", "w:eastAsia", "w:bidi"):
        language.set(qn(attribute), "nl-NL")
    styles["Normal"].element.get_or_add_rPr().append(language)


def _field(paragraph, instruction, placeholder=""):
    """A Word field (PAGE, NUMPAGES) in `paragraph`; Word fills it in."""
    _field_start(paragraph, instruction)
    paragraph.add_run(placeholder)
    _field_end(paragraph)


def _field_start(paragraph, instruction):
    """Begin a field: its instruction, then its result (until _field_end, which may be in
    a later paragraph)."""
    for kind, text in (("begin", None), ("instr", instruction), ("separate", None)):
        run = paragraph.add_run()
        if kind == "instr":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {text} "
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        run._r.append(element)


def _field_end(paragraph):
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    paragraph.add_run()._r.append(end)


def _header_and_footer(document, annex):
    section = document.sections[0]
    section.different_first_page_header_footer = True  # the cover page has neither
    header = section.header.paragraphs[0]
    header.add_run(_clean(annex.display_title)).font.size = Pt(8)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer.add_run(_("pagina") + " ")
    _field(footer, "PAGE", "1")
    footer.add_run(" " + _("van") + " ")
    _field(footer, "NUMPAGES", "1")


def _cover(document, annex):
    document.add_paragraph(_clean(annex.title), style="Title")
    plan = annex.round.plan
    document.add_paragraph(_clean(plan.title))
    compiled = formats.date_format(annex.compiled_on, "j F Y")
    line = _("Samengesteld op %(date)s") % {"date": compiled}
    if annex.edition:
        line += " · " + _("editie %(code)s") % {"code": annex.edition}
    document.add_paragraph(line)
    if annex.concept:
        document.add_paragraph().add_run(annex.concept_mark).bold = True
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    if annex.front is not None:
        _front(document, annex.front)


def _front(document, front):
    """The round's voorwerk, as in the PDF: introduction, who reported and who did not."""
    if front.introduction:
        document.add_paragraph(_("Inleiding"), style="Heading 1")
        _narrative(document, front.introduction)
    if front.synthesis:
        document.add_paragraph(_("Voortgangsrapportage"), style="Heading 1")
        for goal, text in front.synthesis:
            document.add_paragraph(_clean(str(goal.label)), style="Heading 2")
            _narrative(document, text)
    for chart in front.charts:
        document.add_picture(BytesIO(chart.png), width=Cm(16))
        document.add_paragraph(_clean(chart.summary))
    document.add_paragraph(_("Wie rapporteerde"), style="Heading 1")
    names = ", ".join(_clean(s.name) for s in front.reported)
    document.add_paragraph(
        ngettext(
            "In deze bijlage staat de rapportage van %(counter)s ondertekenaar:",
            "In deze bijlage staan de rapportages van %(counter)s ondertekenaars:",
            len(front.reported),
        )
        % {"counter": len(front.reported)}
        + f" {names}."
    )
    if front.not_reported:
        others = ", ".join(_clean(s.name) for s in front.not_reported)
        document.add_paragraph(
            ngettext(
                "Niet in deze bijlage (%(counter)s):",
                "Niet in deze bijlage (%(counter)s):",
                len(front.not_reported),
            )
            % {"counter": len(front.not_reported)}
            + f" {others}."
        )
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _narrative(document, html):
    """Sanitised rich text as paragraphs and bullets of the document itself."""
    for kind, runs in blocks(narrative_rules.sanitize(html)):
        paragraph = document.add_paragraph(style="List Bullet" if kind == "li" else None)
        for text, bold, italic in runs:
            run = paragraph.add_run(_clean(text))
            run.bold, run.italic = bold or None, italic or None


def _table_of_contents(document, annex):
    """A TOC field whose result is already the list of headings (without page numbers):
    readable as it is, and Word fills in the page numbers when it updates the field."""
    # Not a heading: the contents do not list themselves.
    title = document.add_paragraph().add_run(_("Inhoudsopgave"))
    title.bold, title.font.size, title.font.color.rgb = True, Pt(SIZES["Heading 1"]), HEADING_COLOUR
    lines = [line for section in annex.sections for line in section.outline()]
    for index, (level, text) in enumerate(lines):
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.left_indent = Cm(0.6 if level == "theme" else 0)
        paragraph.paragraph_format.space_after = Pt(0)
        if index == 0:
            _field_start(paragraph, 'TOC \\o "1-2" \\h \\z \\u')
        run = paragraph.add_run(_clean(text))
        run.bold = level == "signatory" or None
        if index == len(lines) - 1:
            _field_end(paragraph)
    # Word asks to update fields on opening: the TOC's page numbers appear then.
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    document.settings.element.append(update)
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


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
    # The grid is what LibreOffice (and Word's layout) reads: set it, not only the cells.
    for column, width in zip(table.columns, COLUMN_WIDTHS, strict=True):
        column.width = width
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
    header = table.rows[0]
    _repeat_as_header(header)
    titles = (_("Strategisch doel / subdoel"), _("Indicator"), _("Toelichting"))
    for cell, title in zip(header.cells, titles, strict=True):
        cell.paragraphs[0].add_run(title).bold = True
    for part in block.parts:
        for index, entry in enumerate(part.entries):
            goal_cell, indicator_cell, narrative_cell = table.add_row().cells
            if index == 0:
                for number, place in enumerate(part.places):
                    if number:
                        goal_cell.add_paragraph("+")
                        paragraph = goal_cell.add_paragraph()
                    else:
                        paragraph = goal_cell.paragraphs[0]
                    paragraph.add_run(f"{place.label}: ").bold = True
                    paragraph.add_run(_clean(place.text))
            with for_answer(entry):
                first, *others = entry.question_texts or [""]
                indicator_cell.paragraphs[0].add_run(_clean(first))
                for question in others:
                    indicator_cell.add_paragraph(_clean(question))
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
    write_blocks(cell, paragraphs)


def write_blocks(cell, paragraphs):
    """`blocks` output into a table cell: its first paragraph, then new ones; "li" a bullet.
    (The annex's answers, and the answers in the Word form of reporting.wordform.)"""
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
        # The editor writes a list item's text in a paragraph (<li><p>): one bullet.
        opens_item = tag == "p" and self.blocks and self.blocks[-1] == ("li", [])
        if tag in ("p", "li", "h2", "h3", "h4", "blockquote") and not opens_item:
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
