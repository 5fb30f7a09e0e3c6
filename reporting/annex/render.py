"""The annex's outputs, from the one document template."""

import re

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe

COMMENT = re.compile(r"/\*.*?\*/", re.S)


def stylesheet(*names):
    """Our own CSS files (not user input) as one safe string; the screen stylesheet, plus
    `names` (the print rules for the PDF)."""
    parts = []
    for name in ("css/annex.css", *names):
        with open(finders.find(name), encoding="utf-8") as css:
            # Comments are for us: the published HTML carries none.
            parts.append(COMMENT.sub("", css.read()).strip())
    return mark_safe("\n".join(parts))  # noqa: S308


def render_html(annex):
    """A self-contained HTML file (its stylesheet inside), for downloading and scripts."""
    with translation.override("nl"):
        return render_to_string(
            "reporting/annex/standalone.html",
            {"annex": annex, "stylesheet": stylesheet()},
        )
