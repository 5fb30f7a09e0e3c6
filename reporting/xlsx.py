"""What every workbook the portal hands out has: a bold, frozen header row on each sheet,
and cells that hold exactly the text they show.

Every row goes in through `append`: strings are cleaned of characters a workbook cannot
hold (openpyxl raises on them), and text that starts like a formula ("=HYPERLINK(…)",
"+31…", "-", "@") is stored as text with Excel's quote prefix, so it is never evaluated.
"""

from io import BytesIO

from openpyxl.styles import Font

from . import text


def append(sheet, values):
    """Add a row of `values` to `sheet`, defended as described above."""
    sheet.append([text.for_export(value) for value in values])
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str) and text.looks_like_formula(cell.value):
            cell.data_type = "s"
            cell.quotePrefix = True


def save(book):
    """The workbook as bytes, each sheet's first row bold and frozen."""
    for sheet in book.worksheets:
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()
