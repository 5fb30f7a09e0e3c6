"""The report as a Word form, for editors who must work offline, and reading it back.

The form has one table row per answer. Its first cell carries, as hidden text, a token
signed with the portal's secret: the report, the answer and the version it was written
from. Reading a form back verifies every token, so a file of another report, with altered
or removed ids, or that is not a Word file at all is refused as a whole, and nothing is
read from it. What it proposes is saved by the views through services.save_entry, with the
version from the token: an answer changed in the portal since the download is a conflict,
never overwritten.

In Word an editor writes paragraphs, bold, italic and bulleted lists; those come back.
Links and numbers are kept in the portal (the form says so).
"""

import re
import zipfile
from dataclasses import dataclass
from functools import cached_property
from html import escape
from io import BytesIO

import docx
from django.core import signing
from django.utils.translation import gettext as _
from docx.enum.section import WD_ORIENT
from docx.shared import Cm, Pt

from . import narrative
from .annex.word import blocks, write_blocks
from .models import Entry, Submission
from .text import clean

SALT = "reporting.wordform"
TOKEN = re.compile(r"nap:([A-Za-z0-9_\-:]+)")
MAX_BYTES = 10 * 1024 * 1024  # the upload itself
MAX_UNPACKED = 50 * 1024 * 1024  # what its zip expands to: no zip bombs
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class FormError(Exception):
    """The file cannot be read back; the message is for the editor. Nothing was changed."""


@dataclass
class Proposal:
    """One answer as the form has it, against the answer as the portal has it now."""

    entry: Entry
    version: int
    narrative: str
    not_applicable: bool
    reason: str

    @cached_property  # the page asks several times; it compares both texts word by word
    def changed(self):
        return narrative.words(self.narrative) != narrative.words(self.entry.narrative) or (
            self.not_applicable,
            clean(self.reason).strip(),
        ) != (self.entry.not_applicable, self.entry.not_applicable_reason.strip())

    @property
    def conflict(self):
        """Changed in the portal after the form was downloaded."""
        return self.entry.version != self.version

    @property
    def loses_links(self):
        return "<a " in self.entry.narrative


def file_name(submission):
    return f"formulier-{submission.signatory.code}-{submission.round.label}.docx".replace(" ", "-")


def build(submission: Submission) -> bytes:
    """The form: instructions, then one row per answer in plan order."""
    document = docx.Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    document.styles["Normal"].font.name = "Arial"
    document.styles["Normal"].font.size = Pt(10)
    properties = document.core_properties
    properties.author = "NAP1325-portaal"
    properties.language = "nl-NL"
    properties.title = _("Formulier voortgangsrapportage %(period)s – %(name)s") % {
        "period": submission.round.label,
        "name": submission.signatory.name,
    }
    document.add_heading(properties.title, level=1)
    for line in (
        _(
            "Schrijf uw antwoorden in de kolom Antwoord. Gebruik alinea's, vet, cursief en "
            "opsommingstekens; andere opmaak, links en getallen past u in het portaal aan."
        ),
        _("Niet van toepassing? Schrijf de reden in de laatste kolom."),
        _(
            "Laat de tabel zoals zij is: voeg geen rijen toe en verwijder er geen. De eerste "
            "kolom bevat verborgen kenmerken die het portaal nodig heeft."
        ),
        _(
            "Upload het bestand daarna bij uw rapportage, onder “Werken in Word”. U ziet per "
            "antwoord wat er verandert voordat iets wordt opgeslagen."
        ),
    ):
        document.add_paragraph(line, style="List Bullet")
    entries = submission.entries.select_related("goal", "subgoal", "indicator").in_plan_order()
    table = document.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    for cell, title, width in zip(
        table.rows[0].cells,
        (_("Indicator"), _("Antwoord"), _("Niet van toepassing, want")),
        (Cm(7), Cm(14.7), Cm(5)),
        strict=True,
    ):
        cell.text = title
        cell.paragraphs[0].runs[0].bold = True
        cell.width = width
    for entry in entries:
        where, answer, reason = table.add_row().cells
        where.paragraphs[0].add_run(f"{entry.place} ").bold = True
        where.paragraphs[0].add_run(clean(entry.question))
        token = signing.dumps([submission.pk, entry.pk, entry.version], salt=SALT, compress=True)
        hidden = where.add_paragraph().add_run(f"nap:{token}")
        hidden.font.hidden = True
        hidden.font.size = Pt(6)
        write_blocks(answer, blocks(narrative.sanitize(entry.narrative)))
        if entry.not_applicable:
            reason.text = clean(entry.not_applicable_reason)
        where.width, answer.width, reason.width = Cm(7), Cm(14.7), Cm(5)
    out = BytesIO()
    document.save(out)
    return out.getvalue()


def read(submission: Submission, upload) -> list[Proposal]:
    """The form's answers for `submission`. Raises FormError, having changed nothing."""
    document = _open(upload)
    rows = [row for table in document.tables for row in table.rows[1:]]
    tokens = [_token(row.cells[0]) if len(row.cells) >= 3 else None for row in rows]
    if not rows or any(token is None for token in tokens):
        raise FormError(
            _(
                "Dit is geen formulier van het portaal, of de verborgen kenmerken in de "
                "eerste kolom zijn verwijderd. Download het formulier opnieuw."
            )
        )
    found = []
    for row, token in zip(rows, tokens, strict=True):
        try:
            submission_pk, entry_pk, version = signing.loads(token, salt=SALT)
        except (signing.BadSignature, ValueError, TypeError) as error:
            raise FormError(
                _(
                    "De verborgen kenmerken van dit formulier zijn gewijzigd. Er is niets "
                    "opgeslagen; download het formulier opnieuw."
                )
            ) from error
        if submission_pk != submission.pk:
            raise FormError(
                _("Dit formulier hoort bij een andere rapportage dan deze. Er is niets opgeslagen.")
            )
        found.append((entry_pk, version, row))
    entries = submission.entries.select_related("goal", "subgoal", "indicator").in_bulk(
        [entry_pk for entry_pk, _version, _row in found]
    )
    if len(entries) != len({entry_pk for entry_pk, _version, _row in found}) or len(entries) != len(
        found
    ):
        raise FormError(
            _(
                "Het formulier past niet meer bij deze rapportage (antwoorden zijn dubbel of "
                "bestaan niet meer). Download het formulier opnieuw."
            )
        )
    proposals = []
    for entry_pk, version, row in found:
        reason = "\n".join(p.text for p in row.cells[2].paragraphs).strip()
        proposals.append(
            Proposal(
                entry=entries[entry_pk],
                version=version,
                narrative=_html(row.cells[1]),
                not_applicable=bool(reason),
                reason=reason,
            )
        )
    return proposals


def _open(upload):
    if upload.size > MAX_BYTES:
        raise FormError(_("Dit bestand is groter dan 10 MB; een formulier is veel kleiner."))
    data = upload.read()
    not_word = FormError(
        _("Dit is geen Word-bestand (.docx). Upload het formulier dat u hier downloadde.")
    )
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED:
                raise not_word
        return docx.Document(BytesIO(data))
    except FormError:
        raise
    except Exception as error:  # zip, XML and package errors all mean: not our .docx
        raise not_word from error


def _token(cell):
    for paragraph in cell.paragraphs:
        match = TOKEN.search(paragraph.text)
        if match:
            return match.group(1)
    return None


def _html(cell):
    """The answer cell as narrative HTML: paragraphs, bold, italic, bulleted lists."""
    parts, items = [], []
    for paragraph in cell.paragraphs:
        runs = "".join(_run_html(run) for run in paragraph.runs)
        if not runs.strip():
            continue
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        if style.startswith("List"):
            items.append(f"<li><p>{runs}</p></li>")
            continue
        if items:
            parts.append(f"<ul>{''.join(items)}</ul>")
            items = []
        parts.append(f"<p>{runs}</p>")
    if items:
        parts.append(f"<ul>{''.join(items)}</ul>")
    return "".join(parts)


def _run_html(run):
    text = escape(clean(run.text))
    if not text:
        return ""
    if run.bold:
        text = f"<strong>{text}</strong>"
    if run.italic:
        text = f"<em>{text}</em>"
    return text
