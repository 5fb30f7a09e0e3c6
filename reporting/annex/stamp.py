"""What is drawn over every page of the assembled annex: the running title, CONCEPT on a
concept, "pagina X van Y", and the page numbers of the table of contents.

These are only known once the sections are rendered, so they cannot be part of them. They
are drawn with ReportLab: WeasyPrint needs about 6 ms per page for the margin boxes alone
(10 s for a full round's 1,700 pages), ReportLab well under 1 ms. The places and sizes
follow the page margins of static/css/annex-print.css (1.6 cm top, 1.5 cm sides and bottom).
"""

from dataclasses import dataclass
from pathlib import Path

from django.contrib.staticfiles import finders
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

REGULAR = "NapLiberationSans"
BOLD = "NapLiberationSans-Bold"
SIDE = 1.5 * cm
TITLE_BASELINE = 0.95 * cm  # from the top edge: in the middle of the 1.6 cm top margin
NUMBER_BASELINE = 0.65 * cm  # from the bottom edge: in the middle of the 1.5 cm margin
GREY = (0.333, 0.333, 0.333)
DARK_RED = (0.518, 0.125, 0.161)  # Bootstrap's danger text, as on the screen


@dataclass
class Number:
    """A page number in the table of contents: right-aligned at `right`, on `baseline`."""

    page: int
    right: float
    baseline: float
    text: str
    bold: bool = False
    size: float = 9


def _register_fonts():
    if REGULAR in pdfmetrics.getRegisteredFontNames():
        return
    folder = Path(finders.find("vendor/liberation-sans/LiberationSans-Regular.ttf")).parent
    pdfmetrics.registerFont(TTFont(REGULAR, folder / "LiberationSans-Regular.ttf"))
    pdfmetrics.registerFont(TTFont(BOLD, folder / "LiberationSans-Bold.ttf"))


def draw(path, *, pages, size, title, concept="", numbers=(), first=0, count=None):
    """Write the stamp for `pages` pages of `size` (width, height in pt) to `path` (a file
    name or a binary file): all of them, or `count` from index `first` on (a sheet: a long
    document's stamps are drawn a sheet at a time). `concept`: the label top right
    ("CONCEPT"), or none."""
    _register_fonts()
    width, height = size
    sheet = canvas.Canvas(
        path, pagesize=size, pageCompression=1, initialFontName=REGULAR, invariant=1
    )
    by_page = {}
    for number in numbers:
        by_page.setdefault(number.page, []).append(number)
    for index in range(first, first + (pages - first if count is None else count)):
        sheet.setFillColorRGB(*GREY)
        sheet.setFont(REGULAR, 7.5)
        sheet.drawString(SIDE, height - TITLE_BASELINE, title)
        if concept:
            sheet.setFillColorRGB(*DARK_RED)
            sheet.setFont(BOLD, 11)
            sheet.drawRightString(width - SIDE, height - TITLE_BASELINE, concept)
        sheet.setFillColorRGB(0, 0, 0)
        sheet.setFont(REGULAR, 8)
        sheet.drawRightString(width - SIDE, NUMBER_BASELINE, f"pagina {index + 1} van {pages}")
        for number in by_page.get(index, ()):
            sheet.setFont(BOLD if number.bold else REGULAR, number.size)
            sheet.drawRightString(number.right, number.baseline, number.text)
        sheet.showPage()
    sheet.save()
