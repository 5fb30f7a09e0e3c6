"""The annex as one PDF, assembled from sections rendered apart.

WeasyPrint is the whole cost, and its time and memory grow with the document. So each
signatory's section is rendered on its own, by a few worker processes side by side, and kept
in a cache under a hash of its HTML (which holds the stylesheet too): a change to one entry
re-renders one section. The front matter (title and table of contents, without page
numbers) is rendered and cached the same way. assembly.py puts the parts together.

On one machine the parts render in local worker processes (write_pdf, local.py); with a
broker they are Celery tasks spread over the worker machines (fanout.py calls render_one),
and the cache is shared storage (cache.py).
"""

import hashlib
import tempfile
from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation

from . import assembly, local, pdf_worker, render
from .cache import SectionCache

# Bump when something outside the HTML changes how a section renders (the worker, fonts).
RENDER_VERSION = "2"


class RenderError(Exception):
    """A section could not be rendered; the message says which and why."""


class Parts:
    """What the annex PDF is made of: the front matter (the title and the table of
    contents, whose page numbers the assembly fills in; a plan period's contents in a part
    per round) and the sections, each a document of its own. A part's HTML is rendered when
    it is asked for, so a long document's is never all in memory; its key in the cache is
    a hash of it (which holds the stylesheet too)."""

    def __init__(self, annex):
        self.annex = annex
        with translation.override("nl"):
            self.css = stylesheet()
            self.toc_parts = assembly.toc_parts(annex)
        self.toc = [line for _heading, lines in self.toc_parts for line in lines]
        self.fronts = len(self.toc_parts)
        self.count = self.fronts + len(annex.sections)
        self.keys = []  # filled as `each` goes

    def each(self):
        """(key, html) of every part in order, the front matter first."""
        self.keys = []
        for index in range(self.count):
            html = self.html(index)
            key = _hash(html) if index >= self.fronts else f"front-{_hash(html)}"
            self.keys.append(key)
            yield key, html

    def html(self, index):
        with translation.override("nl"):
            if index < self.fronts:
                # The TOC without its page numbers (they are stamped on): it stays cached
                # until a title changes.
                heading, lines = self.toc_parts[index]
                context = {"annex": self.annex, "first": index == 0, "stylesheet": self.css}
                return render_to_string(
                    "reporting/annex/pdf_front.html",
                    {**context, "toc_heading": heading, "toc": lines},
                )
            return render_to_string(
                "reporting/annex/pdf_section.html",
                {"section": self.annex.sections[index - self.fronts], "stylesheet": self.css},
            )


def stylesheet():
    """The portal page's stylesheet plus the print rules."""
    return render.stylesheet("css/annex-print.css")


def base_url():
    """Where the stylesheet's relative URLs (the fonts) point: our static css folder."""
    return Path(finders.find("css/annex-print.css")).parent.as_uri() + "/"


def render_pdf(annex, **options):
    """The annex as PDF bytes (see write_pdf)."""
    output = BytesIO()
    write_pdf(annex, output, **options)
    return output.getvalue()


def write_pdf(annex, output, *, workers=None, cache_dir=None, progress=None):
    """Write the annex PDF to `output` (a binary file), its missing parts rendered by local
    worker processes; returns its number of pages. `progress(done, total)` is called as
    parts are ready."""
    cache = SectionCache.at(cache_dir)
    made = Parts(annex)
    local.render_missing(made, cache, workers=workers or settings.ANNEX_WORKERS, progress=progress)
    return assemble(annex, made, cache, output)


def assemble(annex, made, cache, output):
    """Write the PDF from parts that are all in the cache (`made.keys` known); returns its
    number of pages."""
    with tempfile.TemporaryDirectory(prefix="annex-") as scratch:
        parts = [cache.get(key, Path(scratch)) for key in made.keys]
        fronts, sections = parts[: made.fronts], parts[made.fronts :]
        try:
            with translation.override("nl"):
                return assembly.assemble(annex, fronts, sections, made.toc, output)
        except assembly.AssemblyError as error:
            raise RenderError(str(error)) from error


def render_one(key, cache=None):
    """Render one part whose HTML waits in the cache, in this process (a Celery worker's
    section task)."""
    cache = cache or SectionCache()
    if not cache.has(key):  # else another compile rendered it meanwhile
        with tempfile.TemporaryDirectory(prefix="annex-part-") as scratch:
            source = Path(scratch) / f"{key}.html"
            source.write_text(cache.source(key), encoding="utf-8")
            try:
                pdf_worker.render(str(source), base_url(), str(Path(scratch) / key))
            except Exception as error:
                raise RenderError(failed(f"{type(error).__name__}: {error}")) from error
            cache.put(key, Path(scratch) / key)
    cache.drop_source(key)  # last: a task redelivered after its worker died finds it


def _hash(html):
    return hashlib.sha256((RENDER_VERSION + html).encode()).hexdigest()


def failed(reason):
    return f"Een deel van de bijlage kon niet worden gemaakt: {reason}"
