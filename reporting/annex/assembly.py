"""Putting the rendered parts of the annex PDF together: front matter and sections in
order, one stamp over every page (page numbers, running title, CONCEPT, the TOC's page
numbers) as an artifact, the parts' structure trees as one (tags.py), the TOC's links,
bookmarks, title and language. Written part by part (pdfwrite.py): qpdf reads a part, this
module changes it, its objects go to the output, and it is closed before the next."""

import hashlib
from array import array
from io import BytesIO

import pikepdf
from django.conf import settings
from django.utils.translation import gettext as _
from pikepdf import Name

from . import pdfwrite, stamp, tags

TOC_LINK = "nap-toc:"
LANGUAGE = "nl-NL"
STAMP_SHEET = 500  # pages of stamps drawn at once
# The TOC's text (annex-print.css: 9pt, line-height 1.3): its baseline lies this many font
# sizes below the top of a line (half the leading plus Liberation Sans's ascent).
TOC_FONT_SIZE = 9
TOC_BASELINE = (1.3 - 0.905 - 0.212) / 2 + 0.905


class AssemblyError(Exception):
    """The rendered parts do not fit together."""


def toc_parts(annex):
    """The table of contents as the parts it is rendered in: [(heading, lines)]. Each line
    is a signatory or a theme, as the sections' headings will be; `assemble` fills in their
    page indexes. A round's annex has one part; a plan period's has one per round, each a
    document of its own: WeasyPrint then holds one round's contents at a time, not the
    whole period's (a table of 2,000 lines takes it 230 MB)."""
    by_round = getattr(annex.sections, "by_round", None)
    if by_round is None:
        return [(_("Inhoudsopgave"), _toc_lines(annex.sections, 0))]
    parts, count = [], 0
    for round, sections in by_round():
        if sections:
            lines = _toc_lines(sections, count)
            count += len(lines)
            parts.append((_("Inhoudsopgave over %(period)s") % {"period": round.period}, lines))
        del sections  # let go before the next round is built
    return parts or [(_("Inhoudsopgave"), [])]


def _toc_lines(sections, count):
    """The lines of `sections`, linked as lines `count` onwards of the whole contents."""
    lines = []
    for section in sections:
        for level, title in section.outline():
            link = f"{TOC_LINK}{count + len(lines)}"
            lines.append({"level": level, "title": title, "link": link})
    return lines


def assemble(annex, fronts, sections, toc, output):
    """Write the annex PDF to `output` (a binary file) from the rendered front matter (its
    parts: the first with the title, the table of contents in one or more) and sections,
    one part at a time and in page order (pdfwrite.py): the memory of one part, whatever
    the document's length. Every page's number in the output is chosen first, so the
    contents link to pages not written yet. Returns the number of pages."""
    front_pages = sum(front.pages for front in fronts)
    _place(toc, front_pages, sections)
    total = front_pages + sum(section.pages for section in sections)
    writer = pdfwrite.Writer(output)
    out = _Output(writer, _Stamps(writer, _drawing(annex, fronts, toc, total)), total)
    start = 0
    for front in fronts:
        with pikepdf.open(front.path) as source:
            out.write_part(source, start, _link_toc(source, toc, out.pages))
        start += front.pages
    for section in sections:
        with pikepdf.open(section.path) as source:
            out.write_part(source, start)
        start += section.pages
    out.stamps.close()
    writer.object(
        out.page_tree,
        b"<< /Type /Pages /Kids [ %s ] /Count %d >>"
        % (b" ".join(b"%d 0 R" % number for number in out.pages), total),
    )
    outline = _bookmarks(writer, toc, out.pages)
    info = writer.reserve()
    writer.object(info, _describe(annex))
    catalog = writer.reserve()
    writer.object(
        catalog,
        b"<< /Type /Catalog /Pages %d 0 R /StructTreeRoot %d 0 R /MarkInfo << /Marked true >> "
        b"/Lang %s /ViewerPreferences << /DisplayDocTitle true >> /PageMode /UseOutlines "
        b"/Outlines %d 0 R >>"
        % (out.page_tree, out.document.finish(), pikepdf.String(LANGUAGE).unparse(), outline),
    )
    fingerprint = hashlib.md5(usedforsecurity=False)
    for part in (*fronts, *sections):
        fingerprint.update(part.path.name.encode())
    writer.finish(root=catalog, info=info, file_id=fingerprint.digest())
    return total


def _drawing(annex, fronts, toc, total):
    """What the stamps need: the page size, the texts, the TOC's page numbers."""
    numbers, start = [], 0
    for front in fronts:
        with pikepdf.open(front.path) as source:
            if not start:
                box = source.pages[0].mediabox
            numbers += _toc_numbers(source, toc, start)
        start += front.pages
    return {
        "pages": total,
        "size": (float(box[2] - box[0]), float(box[3] - box[1])),
        "title": annex.title,
        "concept": annex.concept_label if annex.concept else "",
        "numbers": numbers,
    }


class _Output:
    """What the parts are written into: the page tree, the structure tree, the stamps."""

    def __init__(self, writer, stamps, total):
        self.writer = writer
        self.stamps = stamps
        self.document = tags.Document(writer, lang=LANGUAGE)
        self.page_tree = writer.reserve()
        self.pages = array("Q", (writer.reserve() for _page in range(total)))  # numbers, by page

    def write_part(self, source, start, fixed=None):
        """One part's pages, stamped, and its structure elements; `start`: the index of
        its first page in the document."""
        fixed = {
            **(fixed or {}),
            **self.document.prepare(source),
            source.Root.objgen: None,
            source.Root.Pages.objgen: self.page_tree,
        }
        begin = source.make_stream(b"q\n")
        end = source.make_stream(b"Q\n/Artifact BMC\nq /NapStamp Do Q\nEMC\n")
        for offset, page in enumerate(source.pages):
            placeholder = source.make_indirect(pikepdf.Dictionary())
            fixed[placeholder.objgen] = self.stamps.form(start + offset)
            _overlay(page, placeholder, begin, end)
        self.stamps.drain()
        part = pdfwrite.PartWriter(self.writer, source, fixed)
        for offset, page in enumerate(source.pages):
            part.assign(page.obj.objgen, self.pages[start + offset])
        self.document.add(source, part)
        part.drain()


class _Stamps:
    """The stamps over the pages (stamp.py), drawn a sheet of STAMP_SHEET pages at a time as
    the parts come (in page order), so their drawing does not grow with the document; each
    sheet's font is written once."""

    def __init__(self, writer, drawing):
        self.writer = writer
        self.drawing = drawing
        self.sheets = {}  # index of a sheet's first page: (the sheet, its PartWriter)

    def form(self, index) -> int:
        """The output's number of page `index`'s stamp, a form XObject (written by drain)."""
        first = index - index % STAMP_SHEET
        if first not in self.sheets:
            self._draw(first)
        sheet, part = self.sheets[first]
        page = sheet.pages[index - first]
        return part.number(sheet.make_indirect(page.as_form_xobject()).objgen)

    def drain(self):
        for _sheet, part in self.sheets.values():
            part.drain()

    def close(self):
        for first in list(self.sheets):
            sheet, part = self.sheets.pop(first)
            part.drain()
            sheet.close()

    def _draw(self, first):
        self.close()
        drawn = BytesIO()  # a sheet is a few MB
        count = min(STAMP_SHEET, self.drawing["pages"] - first)
        stamp.draw(drawn, first=first, count=count, **self.drawing)
        drawn.seek(0)
        sheet = pikepdf.open(drawn)
        self.sheets[first] = (sheet, pdfwrite.PartWriter(self.writer, sheet))


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


def _toc_links(source, toc):
    """The front matter's TOC links, with their TOC lines: WeasyPrint wrote them as URIs
    "nap-toc:N" (the title) and "nap-toc:N:nummer" (the empty box where the page number
    goes). Yields (page index, annotation, line, is the number's box)."""
    for index, page in enumerate(source.pages):
        for annotation in page.obj.get("/Annots", []):
            action = annotation.get("/A")
            uri = str(action.get("/URI", "")) if action is not None else ""
            if uri.startswith(TOC_LINK):
                line = toc[int(uri.removeprefix(TOC_LINK).split(":")[0])]
                yield index, annotation, line, uri.endswith(":nummer")


def _toc_numbers(source, toc, start):
    """Where to stamp the TOC's page numbers (`start`: the part's first page)."""
    numbers = []
    for index, annotation, line, box in _toc_links(source, toc):
        if box:
            x1, y1, x2, y2 = (float(v) for v in annotation.Rect)
            right, top = max(x1, x2), max(y1, y2)  # WeasyPrint writes the top first
            numbers.append(
                stamp.Number(
                    page=start + index,
                    right=right,
                    baseline=top - TOC_BASELINE * TOC_FONT_SIZE,
                    text=str(line["index"] + 1),
                    bold=line["level"] == "signatory",
                    size=TOC_FONT_SIZE,
                )
            )
    return numbers


def _link_toc(source, toc, pages):
    """Make the TOC's links go to the pages (`pages` holds their numbers in the output,
    chosen before any is written). Returns the placeholders standing for those pages in
    the source."""
    fixed = {}
    for _index, annotation, line, _box in _toc_links(source, toc):
        target = source.make_indirect(pikepdf.Dictionary())
        fixed[target.objgen] = pages[line["index"]]
        del annotation["/A"]
        annotation.Dest = pikepdf.Array([target, Name.Fit])
    return fixed


def _overlay(page, form, begin, end):
    """Draw the stamp (`form`) over the page, marked as an artifact (PDF/UA: pagination is
    not content). The page's own content is wrapped in q/Q, not parsed."""
    # The page's resources may be shared with other pages: it gets its own copy.
    resources = pikepdf.Dictionary(page.obj.Resources)
    xobjects = pikepdf.Dictionary(resources.get("/XObject", pikepdf.Dictionary()))
    xobjects.NapStamp = form
    resources.XObject = xobjects
    page.obj.Resources = resources
    contents = page.obj.Contents
    parts = list(contents) if isinstance(contents, pikepdf.Array) else [contents]
    page.obj.Contents = pikepdf.Array([begin, *parts, end])


def _bookmarks(writer, toc, pages):
    """The outline: a signatory, its themes below it. Returns the outline's number."""
    root = writer.reserve()
    tops = []
    for line in toc:
        item = {"number": writer.reserve(), "line": line, "children": []}
        if line["level"] == "signatory":
            tops.append(item)
        else:
            tops[-1]["children"].append(item)
    _outline_level(writer, tops, root, pages)
    writer.object(
        root,
        b"<< /Type /Outlines /First %d 0 R /Last %d 0 R /Count %d >>"
        % (tops[0]["number"], tops[-1]["number"], len(tops))
        if tops
        else b"<< /Type /Outlines /Count 0 >>",
    )
    return root


def _outline_level(writer, items, parent, pages):
    for position, item in enumerate(items):
        entry = [
            b"/Title " + pikepdf.String(item["line"]["title"]).unparse(),
            b"/Parent %d 0 R" % parent,
            b"/Dest [ %d 0 R /Fit ]" % pages[item["line"]["index"]],
        ]
        if position:
            entry.append(b"/Prev %d 0 R" % items[position - 1]["number"])
        if position + 1 < len(items):
            entry.append(b"/Next %d 0 R" % items[position + 1]["number"])
        children = item["children"]
        if children:
            entry.append(
                b"/First %d 0 R /Last %d 0 R /Count %d"
                % (children[0]["number"], children[-1]["number"], -len(children))
            )
            _outline_level(writer, children, item["number"], pages)
        writer.object(item["number"], b"<< " + b" ".join(entry) + b" >>")


def _describe(annex):
    """The document information: title (displayed, PDF/UA), creator and author."""
    fields = {
        "Title": annex.display_title,
        "Creator": "NAP1325-portaal",
        "Author": settings.ANNEX_AUTHOR,
    }
    entries = [
        b"/%s %s" % (key.encode(), pikepdf.String(value).unparse()) for key, value in fields.items()
    ]
    return b"<< " + b" ".join(entries) + b" >>"
