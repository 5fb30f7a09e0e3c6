"""The annex's output formats, one entry point for the command line and for editions."""

from . import pdf, render, word, workbook

RENDERERS = {
    "html": render.render_html,
    "pdf": pdf.render_pdf,
    "docx": word.render_docx,
    "xlsx": workbook.render_xlsx,
}


def render_as(annex, format, *, progress=None):
    """The annex in `format` as bytes; `progress(done, total)` follows the PDF's sections."""
    if format == "pdf":
        output = pdf.render_pdf(annex, progress=progress)
    else:
        output = RENDERERS[format](annex)
    return output.encode() if isinstance(output, str) else output
