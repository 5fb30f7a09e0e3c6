"""The annex as one PDF, assembled from sections rendered apart.

WeasyPrint is the whole cost, and its time and memory grow with the document. So each
signatory's section is rendered on its own, by a few worker processes side by side, and kept
in a cache under a hash of its HTML (which holds the stylesheet too): a change to one entry
re-renders one section. The front matter (title and table of contents, without page
numbers) is rendered and cached the same way. assembly.py puts the parts together.

On one machine the parts render in local worker processes (render_pdf); with a broker they
are Celery tasks spread over the worker machines (fanout.py calls render_one), and the
cache is shared storage (cache.py).
"""

import hashlib
import json
import os
import queue
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation

from . import assembly, pdf_worker, render
from .cache import SectionCache

# Bump when something outside the HTML changes how a section renders (the worker, fonts).
RENDER_VERSION = "2"
# A worker is replaced after this many sections, so no process grows for long.
SECTIONS_PER_WORKER = 32


class RenderError(Exception):
    """A section could not be rendered; the message says which and why."""


@dataclass
class Parts:
    """What the annex PDF is made of: the front matter and sections as HTML by cache key,
    in order, and the table of contents whose page numbers the assembly fills in."""

    html: dict  # {key: html}, front matter first
    toc: list

    def missing(self, cache):
        return {key: html for key, html in self.html.items() if not cache.has(key)}


def stylesheet():
    """The portal page's stylesheet plus the print rules."""
    return render.stylesheet("css/annex-print.css")


def base_url():
    """Where the stylesheet's relative URLs (the fonts) point: our static css folder."""
    return Path(finders.find("css/annex-print.css")).parent.as_uri() + "/"


def parts(annex) -> Parts:
    """The annex's parts. The front matter is the TOC without its page numbers (they are
    stamped on), so it renders alongside the sections and stays cached until a title
    changes."""
    with translation.override("nl"):
        css = stylesheet()
        toc = assembly.toc_lines(annex)
        front = render_to_string(
            "reporting/annex/pdf_front.html", {"annex": annex, "toc": toc, "stylesheet": css}
        )
        pages = [
            render_to_string("reporting/annex/pdf_section.html", {"section": s, "stylesheet": css})
            for s in annex.sections
        ]
    keys = [f"front-{_hash(front)}", *(_hash(html) for html in pages)]
    return Parts(html=dict(zip(keys, [front, *pages], strict=True)), toc=toc)


def render_pdf(annex, **options):
    """The annex as PDF bytes (see write_pdf)."""
    output = BytesIO()
    write_pdf(annex, output, **options)
    return output.getvalue()


def write_pdf(annex, output, *, workers=None, cache_dir=None, progress=None):
    """Write the annex PDF to `output` (a binary file), its missing parts rendered by local
    worker processes. `progress(done, total)` is called as parts are ready."""
    cache = SectionCache.at(cache_dir)
    made = parts(annex)
    render_sections(
        made.missing(cache),
        cache,
        workers=workers or settings.ANNEX_WORKERS,
        progress=progress,
        total=len(made.html),
    )
    assemble(annex, made, cache, output)


def assemble(annex, made, cache, output):
    """Write the PDF from parts that are all in the cache."""
    with tempfile.TemporaryDirectory(prefix="annex-") as scratch:
        front, *sections = [cache.get(key, Path(scratch)) for key in made.html]
        try:
            with translation.override("nl"):
                assembly.assemble(annex, front, sections, made.toc, output)
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
                raise RenderError(_failed(f"{type(error).__name__}: {error}")) from error
            cache.put(key, Path(scratch) / key)
    cache.drop_source(key)  # last: a task redelivered after its worker died finds it


def _hash(html):
    return hashlib.sha256((RENDER_VERSION + html).encode()).hexdigest()


def _failed(reason):
    return f"Een deel van de bijlage kon niet worden gemaakt: {reason}"


def render_sections(jobs, cache, *, workers=None, progress=None, total=None):
    """Render {key: html} into the cache with worker processes, side by side."""
    total = total or len(jobs)
    done = total - len(jobs)
    if progress:
        progress(done, total)
    if not jobs:
        return
    todo = queue.Queue()
    for key, html in jobs.items():
        todo.put((key, html))
    errors = []
    # Threads only feed worker processes; progress is written by this thread, on its own
    # database connection (a thread's write would wait for this one's open transaction,
    # and each thread would open a connection of its own).
    parts_done = queue.Queue()
    url = base_url()
    with tempfile.TemporaryDirectory(prefix="annex-parts-") as scratch:
        threads = [
            threading.Thread(
                target=_work, args=(todo, cache, Path(scratch), url, parts_done.put, errors)
            )
            for _ in range(min(workers or os.cpu_count() or 1, len(jobs)))
        ]
        for thread in threads:
            thread.start()
        while any(thread.is_alive() for thread in threads) or not parts_done.empty():
            try:
                parts_done.get(timeout=0.1)
            except queue.Empty:
                continue
            done += 1
            if progress:
                progress(done, total)
        for thread in threads:
            thread.join()
    if errors:
        raise RenderError(errors[0])


def _work(todo, cache, scratch, url, finished, errors):
    """One worker process at a time, fed sections until the queue is empty or one fails."""
    while not errors:
        worker = subprocess.Popen(  # noqa: S603 - our own module, no shell
            [sys.executable, "-m", "reporting.annex.pdf_worker"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=settings.BASE_DIR,
        )
        try:
            for _ in range(SECTIONS_PER_WORKER):
                if errors:
                    return
                try:
                    key, html = todo.get_nowait()
                except queue.Empty:
                    return
                source = scratch / f"{key}.html"
                source.write_text(html, encoding="utf-8")
                job = {"html": str(source), "base_url": url, "out": str(scratch / key)}
                worker.stdin.write(json.dumps(job) + "\n")
                worker.stdin.flush()
                answer = worker.stdout.readline()
                source.unlink(missing_ok=True)
                answer = json.loads(answer) if answer else {"ok": False, "error": "gestopt"}
                if not answer["ok"]:
                    errors.append(_failed(answer["error"]))
                    return
                cache.put(key, scratch / key)
                for suffix in (".json", ".pdf"):
                    (scratch / key).with_suffix(suffix).unlink()
                finished(key)
        finally:
            worker.stdin.close()
            worker.wait()
            worker.stdout.close()
