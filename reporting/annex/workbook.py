"""The annex as a workbook (openpyxl): one row per entry, with its numbers, for analysis.

Numbers are real numbers with Dutch-looking formats (an amount in euro, a count as a whole
number, a percentage), so a spreadsheet can add them up.
"""

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook

from indicators.models import Indicator

from .. import narrative as narrative_rules
from .. import xlsx
from .errors import for_answer

COLUMNS = (
    gettext_lazy("Ondertekenaar"),
    gettext_lazy("Code"),
    gettext_lazy("Soort"),
    gettext_lazy("Thema"),
    gettext_lazy("Doel of subdoel"),
    gettext_lazy("Indicator"),
    gettext_lazy("Indicatortekst"),
    gettext_lazy("Aantal of bedrag"),
    gettext_lazy("Percentage"),
    gettext_lazy("Niet van toepassing"),
    gettext_lazy("Toelichting"),
    gettext_lazy("Woorden"),
)
ROUND_COLUMN = gettext_lazy("Ronde")
# Excel shows these with the reader's own separators (a Dutch Excel: € 1.250.000,50).
AMOUNT_FORMAT = '"€" #,##0.00'
COUNT_FORMAT = "#,##0"
PERCENT_FORMAT = "0.##%"


def render_xlsx(annex):
    with translation.override("nl"):
        book = Workbook()
        sheet = book.active
        sheet.title = _("Antwoorden")
        # A plan period's workbook says per row which round it is from, in a first column.
        first = [str(ROUND_COLUMN)] if annex.period else []
        xlsx.append(sheet, first + [str(title) for title in COLUMNS])
        for section in annex.sections:
            lead = [section.years] if annex.period else []
            for block in section.themes:
                for part in block.parts:
                    place = " + ".join(place.number for place in part.places)
                    for entry in part.entries:
                        with for_answer(entry):
                            _row(sheet, lead, section.signatory, block, place, entry)
        return xlsx.save(book)


def _row(sheet, lead, signatory, block, place, entry):
    text = " ".join(narrative_rules.words(entry.narrative))
    xlsx.append(
        sheet,
        [
            *lead,
            signatory.name,
            signatory.code,
            signatory.kind.name,
            block.theme.name,
            place,
            " + ".join(indicator.number for indicator in entry.answered_indicators),
            entry.questions,
            entry.number,
            entry.percentage / 100 if entry.percentage is not None else None,
            entry.not_applicable_reason if entry.not_applicable else "",
            text,
            len(text.split()),
        ],
    )
    row, shift = sheet.max_row, len(lead)
    sheet.cell(row, 8 + shift).number_format = (
        AMOUNT_FORMAT if entry.kind == Indicator.Kind.AMOUNT else COUNT_FORMAT
    )
    sheet.cell(row, 9 + shift).number_format = PERCENT_FORMAT
