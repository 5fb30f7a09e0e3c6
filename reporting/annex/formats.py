"""The annex's output formats, one entry point for the command line and for editions."""

from io import BytesIO

from . import pdf, render, word, workbook

RENDERERS = {
    "html": render.render_html,
    "pdf": pdf.render_pdf,
    "docx": word.render_docx,
    "xlsx": workbook.render_xlsx,
}


def render_as(annex, format):
    """The annex in `format` as bytes."""
    output = BytesIO()
    write_as(annex, format, output)
    return output.getvalue()


def write_as(annex, format, file, *, progress=None):
    """Write the annex in `format` to `file` (binary); `progress(done, total)` follows the
    PDF's sections. The PDF goes out as it is assembled, never whole in memory."""
    if format == "pdf":
        pdf.write_pdf(annex, file, progress=progress)
        return
    output = RENDERERS[format](annex)
    file.write(output.encode() if isinstance(output, str) else output)
