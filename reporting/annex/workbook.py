"""The annex as a workbook (openpyxl): one row per entry, with its numbers, for analysis."""

from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook

from .. import narrative as narrative_rules
from .. import xlsx


def render_xlsx(annex):
    with translation.override("nl"):
        book = Workbook()
        sheet = book.active
        sheet.title = _("Antwoorden")
        sheet.append(
            [
                _("Ondertekenaar"),
                _("Code"),
                _("Soort"),
                _("Thema"),
                _("Doel of subdoel"),
                _("Indicator"),
                _("Indicatortekst"),
                _("Aantal of bedrag"),
                _("Percentage"),
                _("Niet van toepassing"),
                _("Toelichting"),
                _("Woorden"),
            ]
        )
        for section in annex.sections:
            signatory = section.signatory
            for block in section.themes:
                for part in block["blocks"]:
                    place = part["subgoal"] or block["goal"]
                    for entry in part["entries"]:
                        text = " ".join(narrative_rules.words(entry.narrative))
                        sheet.append(
                            [
                                signatory.name,
                                signatory.code,
                                signatory.kind.name,
                                block["theme"].name,
                                place.number,
                                entry.indicator.number if entry.indicator else "",
                                entry.question,
                                entry.number,
                                entry.percentage / 100 if entry.percentage is not None else None,
                                entry.not_applicable_reason if entry.not_applicable else "",
                                text,
                                len(text.split()),
                            ]
                        )
        for cell in sheet["I"][1:]:
            cell.number_format = "0%"
        return xlsx.save(book)
