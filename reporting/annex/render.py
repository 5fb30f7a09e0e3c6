"""The annex's outputs, from the one document template."""

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe


def stylesheet():
    with open(finders.find("css/annex.css"), encoding="utf-8") as css:
        return css.read()


def render_html(annex):
    """A self-contained HTML file (its stylesheet inside), for downloading and scripts."""
    with translation.override("nl"):
        return render_to_string(
            "reporting/annex/standalone.html",
            # Our own stylesheet, not user input.
            {"annex": annex, "stylesheet": mark_safe(stylesheet())},  # noqa: S308
        )
