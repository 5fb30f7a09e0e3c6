"""Putting the rendered parts of the annex PDF together (pikepdf): front matter and sections
in order, one stamp over every page (page numbers, running title, CONCEPT, the TOC's page
numbers) as an artifact, the parts' structure trees as one (tags.py), the TOC's links,
bookmarks, title and language."""

from io import BytesIO

import pikepdf
from django.conf import settings
from pikepdf import Name

from . import stamp, tags

TOC_LINK = "nap-toc:"
# The TOC's text (annex-print.css: 9pt, line-height 1.3): its baseline lies this many font
# sizes below the top of a line (half the leading plus Liberation Sans's ascent).
TOC_FONT_SIZE = 9
TOC_BASELINE = (1.3 - 0.905 - 0.212) / 2 + 0.905


class AssemblyError(Exception):
    """The rendered parts do not fit together."""


def toc_lines(annex):
    """Lines of the table of contents: each signatory and its themes, as the sections'
    headings will be. Their page indexes are filled in by `assemble`."""
    lines = []
    for section in annex.sections:
        titles = [("signatory", section.signatory.name)]
        titles += [("theme", block.title) for block in section.themes]
        for level, title in titles:
            lines.append({"level": level, "title": title, "link": f"{TOC_LINK}{len(lines)}"})
    return lines


def assemble(annex, front, sections, toc):
    """One PDF (bytes) from the rendered front matter and sections.

    pikepdf (qpdf) copies the parts' pages and their structure trees: the parts' objects
    sit in compressed object streams, which pypdf parsed in Python (20 s and 900 MB for a
    full round once the parts were tagged); qpdf does it in a fraction of that."""
    out = pikepdf.Pdf.new()
    parts = []
    for part in (front, *sections):
        source = pikepdf.Pdf.open(part.path)
        parts.append((source, len(out.pages)))
        out.pages.extend(source.pages)
    _place(toc, front.pages, sections)
    numbers = _link_toc(out, front.pages, toc)
    box = out.pages[0].mediabox
    over = BytesIO()
    stamp.draw(
        over,
        pages=len(out.pages),
        size=(float(box[2] - box[0]), float(box[3] - box[1])),
        title=annex.title,
        concept=annex.concept_label if annex.concept else "",
        numbers=numbers,
    )
    over.seek(0)
    with pikepdf.Pdf.open(over) as stamps:
        _overlay(out, stamps)
    tags.merge(out, parts)
    _bookmarks(out, toc)
    _describe(out, annex)
    result = BytesIO()
    out.save(result, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    for source, _first in parts:
        source.close()
    return result.getvalue()


def _place(toc, front_pages, sections):
    """Give each TOC line the index of the page where the worker found its heading."""
    found = []
    start = front_pages
    for section in sections:
        found += [start + heading[1] for heading in _walk(section.headings)]
        start += section.pages
    if len(found) != len(toc):
        raise AssemblyError("De inhoudsopgave past niet bij de koppen van de onderdelen.")
    for line, index in zip(toc, found, strict=True):
        line["index"] = index


def _walk(headings):
    for heading in headings:
        yield heading
        yield from _walk(heading[2])


def _link_toc(out, front_pages, toc):
    """WeasyPrint wrote the TOC's links as URIs "nap-toc:N" (the title) and "nap-toc:N:nummer"
    (the empty box where the page number goes): make them go to the page, and say where to
    stamp the numbers."""
    numbers = []
    for index, page in enumerate(out.pages[:front_pages]):
        for annotation in page.obj.get("/Annots", []):
            action = annotation.get("/A")
            uri = str(action.get("/URI", "")) if action is not None else ""
            if not uri.startswith(TOC_LINK):
                continue
            line = toc[int(uri.removeprefix(TOC_LINK).split(":")[0])]
            del annotation["/A"]
            annotation.Dest = pikepdf.Array([out.pages[line["index"]].obj, Name.Fit])
            if uri.endswith(":nummer"):
                x1, y1, x2, y2 = (float(v) for v in annotation.Rect)
                right, top = max(x1, x2), max(y1, y2)  # WeasyPrint writes the top first
                numbers.append(
                    stamp.Number(
                        page=index,
                        right=right,
                        baseline=top - TOC_BASELINE * TOC_FONT_SIZE,
                        text=str(line["index"] + 1),
                        bold=line["level"] == "signatory",
                        size=TOC_FONT_SIZE,
                    )
                )
    return numbers


def _overlay(out, stamps):
    """Draw stamp page N over page N as a form XObject, marked as an artifact (PDF/UA:
    pagination is not content). The page's own content is wrapped in q/Q, not parsed."""
    begin = out.make_stream(b"q\n")
    end = out.make_stream(b"Q\n/Artifact BMC\nq /NapStamp Do Q\nEMC\n")
    for page, over in zip(out.pages, stamps.pages, strict=True):
        form = out.copy_foreign(over.as_form_xobject())
        # The page's resources may be shared with other pages: it gets its own copy.
        resources = pikepdf.Dictionary(page.obj.Resources)
        xobjects = pikepdf.Dictionary(resources.get("/XObject", pikepdf.Dictionary()))
        xobjects.NapStamp = form
        resources.XObject = xobjects
        page.obj.Resources = resources
        contents = page.obj.Contents
        parts = list(contents) if isinstance(contents, pikepdf.Array) else [contents]
        page.obj.Contents = pikepdf.Array([begin, *parts, end])


def _bookmarks(out, toc):
    with out.open_outline() as outline:
        parent = None
        for line in toc:
            item = pikepdf.OutlineItem(line["title"], line["index"])
            if line["level"] == "signatory":
                outline.root.append(item)
                parent = item
            else:
                parent.children.append(item)


def _describe(out, annex):
    """Title and language for readers, search and screen readers (PDF/UA asks for both)."""
    out.docinfo[Name.Title] = annex.display_title
    out.docinfo[Name.Creator] = "NAP1325-portaal"
    out.docinfo[Name.Author] = settings.ANNEX_AUTHOR
    root = out.Root
    root.Lang = pikepdf.String("nl-NL")
    root.ViewerPreferences = pikepdf.Dictionary(DisplayDocTitle=True)
    root.PageMode = Name.UseOutlines
