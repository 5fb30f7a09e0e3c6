"""Reading the text of a PDF as a person would see it (poppler's pdftotext)."""

import shutil
import subprocess

import pytest

needs_pdftotext = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils")


def pdf_text(path, first=None, last=None):
    args = [shutil.which("pdftotext"), "-enc", "UTF-8"]
    if first:
        args += ["-f", str(first), "-l", str(last or first)]
    return subprocess.run(  # noqa: S603 - a fixed tool on our own test file
        [*args, str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def pdf_fonts(path):
    """(name, embedded) for every font in the PDF, stamped ones included (poppler's pdffonts)."""
    out = subprocess.run(  # noqa: S603 - a fixed tool on our own test file
        [shutil.which("pdffonts"), str(path)], capture_output=True, text=True, check=True
    ).stdout
    rows = [line.split() for line in out.splitlines()[2:]]
    return [(row[0], row[-5] == "yes") for row in rows]
