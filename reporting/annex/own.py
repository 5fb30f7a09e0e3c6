"""An organisation's own report as PDF or Word, for circulation inside the organisation.

The annex's own layout, for one submission in any state. Until the coordinators approve it,
every page says "CONCEPT – niet voor verspreiding". Rendered in the request: one
organisation's part takes about 1.5 s the first time, and its parts are cached like an
edition's.
"""

from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from ..models import Submission
from . import content, pdf, word

FORMATS = {
    "pdf": ("application/pdf", pdf.render_pdf),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        word.render_docx,
    ),
}


def build(submission):
    """The report's answers as the annex shows them, marked unless approved."""
    approved = submission.state == Submission.State.APPROVED
    annex = content.build(submission.round, concept=not approved, signatory=submission.signatory)
    if not approved:
        annex.concept_label = _("CONCEPT – niet voor verspreiding")
        annex.mark = _(
            "CONCEPT – niet voor verspreiding. Deze rapportage is %(state)s en nog niet "
            "goedgekeurd door de coördinatoren van WO=MEN."
        ) % {"state": submission.get_state_display()}
    return annex


def render(submission, format):
    """(bytes, content type, file name). Raises pdf.RenderError or AnswerError."""
    content_type, renderer = FORMATS[format]
    with translation.override("nl"):  # the document is Dutch, like the annex
        data = renderer(build(submission))
    suffix = "" if submission.state == Submission.State.APPROVED else "-CONCEPT"
    name = slugify(f"{submission.signatory.code}-{submission.round.label}") + suffix
    return data, content_type, f"{name}.{format}"
