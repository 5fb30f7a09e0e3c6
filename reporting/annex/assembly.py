"""Putting the rendered parts of the annex PDF together (pypdf): front matter and sections
in order, one stamp over every page (page numbers, running title, CONCEPT, the TOC's page
numbers) as an artifact, the parts' structure trees as one (tags.py), the TOC's links,
bookmarks, title and language."""

from io import BytesIO

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    TextStringObject,
)

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
    """One PDF (bytes) from the rendered front matter and sections."""
    writer = PdfWriter()
    parts = []
    for part in (front, *sections):
        reader = PdfReader(part.path)
        parts.append((reader, len(writer.pages)))
        writer.append(reader, import_outline=False)
    _place(toc, front.pages, sections)
    numbers = _link_toc(writer, front.pages, toc)
    box = writer.pages[0].mediabox
    over = BytesIO()
    stamp.draw(
        over,
        pages=len(writer.pages),
        size=(float(box.width), float(box.height)),
        title=annex.title,
        concept=annex.concept,
        numbers=numbers,
    )
    _overlay(writer, PdfReader(over))
    tags.merge(writer, parts)
    _bookmarks(writer, toc)
    _describe(writer, annex)
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


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


def _link_toc(writer, front_pages, toc):
    """WeasyPrint wrote the TOC's links as URIs "nap-toc:N" (the title) and "nap-toc:N:nummer"
    (the empty box where the page number goes): make them go to the page, and say where to
    stamp the numbers."""
    numbers = []
    for index, page in enumerate(writer.pages[:front_pages]):
        for ref in page.get("/Annots", []):
            annotation = ref.get_object()
            action = annotation.get("/A")
            uri = str(action.get("/URI", "")) if action else ""
            if not uri.startswith(TOC_LINK):
                continue
            line = toc[int(uri.removeprefix(TOC_LINK).split(":")[0])]
            del annotation["/A"]
            annotation[NameObject("/Dest")] = ArrayObject(
                [writer.pages[line["index"]].indirect_reference, NameObject("/Fit")]
            )
            if uri.endswith(":nummer"):
                x1, y1, x2, y2 = (float(v) for v in annotation["/Rect"])
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


def _overlay(writer, stamp_pdf):
    """Lay stamp page N over page N as a form XObject. Unlike pypdf's merge_page this does
    not parse the pages' own content (11 s for a full round): their content is wrapped in
    q/Q and followed by one drawing of the stamp."""
    begin = writer._add_object(_stream(b"q\n"))
    # The stamp (page numbers, running title, CONCEPT, the TOC's numbers) is an artifact:
    # screen readers skip it, as PDF/UA asks of pagination.
    end = writer._add_object(_stream(b"Q\n/Artifact BMC\nq /NapStamp Do Q\nEMC\n"))
    for page, over in zip(writer.pages, stamp_pdf.pages, strict=True):
        form = _stream(over.get_contents().get_data(), compress=True)
        form.update(
            {
                NameObject("/Type"): NameObject("/XObject"),
                NameObject("/Subtype"): NameObject("/Form"),
                NameObject("/BBox"): ArrayObject(FloatObject(v) for v in over.mediabox),
                NameObject("/Resources"): over["/Resources"].clone(writer),
            }
        )
        # The page's resources may be shared with other pages: it gets its own copy.
        resources = DictionaryObject(page["/Resources"].get_object())
        xobjects = DictionaryObject(resources.get("/XObject", DictionaryObject()).get_object())
        xobjects[NameObject("/NapStamp")] = writer._add_object(form)
        resources[NameObject("/XObject")] = xobjects
        page[NameObject("/Resources")] = resources
        contents = page["/Contents"]
        parts = contents.get_object() if isinstance(contents.get_object(), list) else [contents]
        page[NameObject("/Contents")] = ArrayObject([begin, *parts, end])


def _stream(data, *, compress=False):
    stream = DecodedStreamObject()
    stream.set_data(data)
    return stream.flate_encode() if compress else stream


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
    writer.add_metadata({"/Title": title, "/Creator": "NAP1325-portaal"})
    root = writer.root_object
    root[NameObject("/Lang")] = TextStringObject("nl-NL")
    preferences = DictionaryObject({NameObject("/DisplayDocTitle"): BooleanObject(True)})
    root[NameObject("/ViewerPreferences")] = preferences
    root[NameObject("/PageMode")] = NameObject("/UseOutlines")
