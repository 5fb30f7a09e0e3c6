"""The annex as one PDF, assembled from sections rendered apart.

WeasyPrint is the whole cost, and its time and memory grow with the document. So each
signatory's section is rendered on its own, by a few worker processes side by side, and kept
in a cache under a hash of its HTML (which holds the stylesheet too): a change to one entry
re-renders one section. The parts are then put together with pypdf: front matter with the
table of contents (rendered last, when the sections' page counts are known), the sections,
a stamp with "pagina X van Y" (and CONCEPT) over every page, links and bookmarks.
"""

import hashlib
import json
import os
import queue
import subprocess
import sys
import threading
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, BooleanObject, DictionaryObject, NameObject, TextStringObject

from . import render

# Bump when something outside the HTML changes how a section renders (the worker, fonts).
RENDER_VERSION = "1"
# A worker is replaced after this many sections, so no process grows for long.
SECTIONS_PER_WORKER = 12
PAGE_LINK = "nap-pagina:"


class RenderError(Exception):
    """A section could not be rendered; the message says which and why."""


@dataclass
class RenderedSection:
    path: Path
    pages: int
    headings: list  # [[label, page, [[label, page, []], ...]]] as the worker found them


def stylesheet():
    """The portal page's stylesheet plus the print rules."""
    return render.stylesheet("css/annex-print.css")


def base_url():
    """Where the stylesheet's relative URLs (the fonts) point: our static css folder."""
    return Path(finders.find("css/annex-print.css")).parent.as_uri() + "/"


def render_pdf(annex, *, workers=None, cache_dir=None, progress=None):
    """The annex as PDF bytes. `progress(done, total)` is called as sections are ready."""
    with translation.override("nl"):
        css = stylesheet()
        pages = [
            render_to_string("reporting/annex/pdf_section.html", {"section": s, "stylesheet": css})
            for s in annex.sections
        ]
        cache = Path(cache_dir or settings.ANNEX_CACHE_DIR)
        cache.mkdir(parents=True, exist_ok=True)
        keys = [hashlib.sha256((RENDER_VERSION + html).encode()).hexdigest() for html in pages]
        missing = {
            key: html
            for key, html in zip(keys, pages, strict=True)
            if not (cache / f"{key}.pdf").exists()
        }
        workers = workers or settings.ANNEX_WORKERS
        render_sections(missing, cache, workers=workers, progress=progress, total=len(keys))
        sections = [_load(cache / key) for key in keys]
        return assemble(annex, sections, css, cache)


def render_sections(jobs, cache, *, workers=None, progress=None, total=None):
    """Render {key: html} into the cache with worker processes, side by side."""
    total = total or len(jobs)
    done = [total - len(jobs)]
    if progress:
        progress(done[0], total)
    if not jobs:
        return
    todo = queue.Queue()
    for key, html in jobs.items():
        todo.put((key, html))
    errors = []
    lock = threading.Lock()

    def finished():
        with lock:
            done[0] += 1
            if progress:
                progress(done[0], total)

    url = base_url()
    threads = [
        threading.Thread(target=_work, args=(todo, cache, url, finished, errors))
        for _ in range(min(workers or os.cpu_count() or 1, len(jobs)))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise RenderError(errors[0])


def _work(todo, cache, url, finished, errors):
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
                source = cache / f"{key}.html"
                source.write_text(html, encoding="utf-8")
                job = {"html": str(source), "base_url": url, "out": str(cache / key)}
                worker.stdin.write(json.dumps(job) + "\n")
                worker.stdin.flush()
                answer = worker.stdout.readline()
                source.unlink(missing_ok=True)
                answer = json.loads(answer) if answer else {"ok": False, "error": "gestopt"}
                if not answer["ok"]:
                    errors.append(
                        f"Een deel van de bijlage kon niet worden gemaakt: {answer['error']}"
                    )
                    return
                finished()
        finally:
            worker.stdin.close()
            worker.wait()
            worker.stdout.close()


def _load(stem):
    meta = json.loads(stem.with_suffix(".json").read_text())
    return RenderedSection(path=stem.with_suffix(".pdf"), **meta)


def assemble(annex, sections, css, cache):
    """Front matter, sections, stamp, links and bookmarks: one PDF as bytes."""
    from weasyprint import HTML  # heavy; only the PDF path needs it

    front_pages = 1
    for _ in range(3):  # the TOC's own length shifts its page numbers; settles at once
        toc = _toc(sections, front_pages)
        html = render_to_string(
            "reporting/annex/pdf_front.html", {"annex": annex, "toc": toc, "stylesheet": css}
        )
        front = HTML(string=html, base_url=base_url()).render()
        if len(front.pages) == front_pages:
            break
        front_pages = len(front.pages)
    writer = PdfWriter()
    writer.append(PdfReader(BytesIO(front.write_pdf())), import_outline=False)
    for section in sections:
        writer.append(PdfReader(section.path), import_outline=False)
    stamp = PdfReader(_stamp(annex, len(writer.pages), css, cache))
    for page, over in zip(writer.pages, stamp.pages, strict=True):
        page.merge_page(over)
    _link_toc(writer, front_pages)
    _bookmarks(writer, toc)
    _describe(writer, annex)
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def _toc(sections, front_pages):
    """Lines of the table of contents: signatories and their themes, with page numbers."""
    lines = []
    start = front_pages
    for section in sections:
        for level, heading in _walk(section.headings):
            index = start + heading[1]
            lines.append(
                {
                    "level": level,
                    "title": heading[0],
                    "index": index,
                    "page": index + 1,
                    "link": f"{PAGE_LINK}{index}",
                }
            )
        start += section.pages
    return lines


def _walk(headings, level=0):
    for heading in headings:
        yield ("signatory" if level == 0 else "theme"), heading
        yield from _walk(heading[2], level + 1)


def _stamp(annex, pages, css, cache):
    """The page numbers (and CONCEPT) for `pages` pages, cached: a recompile that keeps the
    page count reuses them."""
    from weasyprint import HTML

    title = annex.title.replace("\\", "\\\\").replace('"', '\\"')
    html = render_to_string(
        "reporting/annex/pdf_stamp.html",
        {
            "stylesheet": css,
            "pages": range(pages),
            "concept": annex.concept,
            "running_title": mark_safe(title),  # noqa: S308 - escaped for a CSS string above
        },
    )
    path = cache / f"stamp-{hashlib.sha256(html.encode()).hexdigest()}.pdf"
    if not path.exists():
        HTML(string=html, base_url=base_url()).write_pdf(path)
    return path


def _link_toc(writer, front_pages):
    """WeasyPrint wrote the TOC's links as URIs "nap-pagina:N": make them go to page N."""
    for page in writer.pages[:front_pages]:
        for ref in page.get("/Annots", []):
            annotation = ref.get_object()
            action = annotation.get("/A")
            uri = str(action.get("/URI", "")) if action else ""
            if not uri.startswith(PAGE_LINK):
                continue
            target = writer.pages[int(uri.removeprefix(PAGE_LINK))]
            del annotation["/A"]
            annotation[NameObject("/Dest")] = ArrayObject(
                [target.indirect_reference, NameObject("/Fit")]
            )


def _bookmarks(writer, toc):
    parent = None
    for line in toc:
        if line["level"] == "signatory":
            parent = writer.add_outline_item(title=line["title"], page_number=line["index"])
        else:
            writer.add_outline_item(title=line["title"], page_number=line["index"], parent=parent)


def _describe(writer, annex):
    """Title and language for readers, search and screen readers (PDF/UA asks for both)."""
    title = f"CONCEPT – {annex.title}" if annex.concept else annex.title
    writer.add_metadata({"/Title": title, "/Creator": "NAP1325-portal"})
    root = writer.root_object
    root[NameObject("/Lang")] = TextStringObject("nl-NL")
    preferences = DictionaryObject({NameObject("/DisplayDocTitle"): BooleanObject(True)})
    root[NameObject("/ViewerPreferences")] = preferences
    root[NameObject("/PageMode")] = NameObject("/UseOutlines")
