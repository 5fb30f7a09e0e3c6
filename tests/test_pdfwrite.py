"""The part-by-part PDF writer (reporting/annex/pdfwrite.py): references renumbered, text
that looks like a reference left alone, streams kept as stored, every object once."""

from io import BytesIO

import pikepdf
import pytest
from pikepdf import Array, Dictionary, Name, String

from reporting.annex import pdfwrite


def source_with_lookalikes():
    """A part whose strings read like references, next to real ones."""
    source = pikepdf.new()
    shared = source.make_indirect(Dictionary(Note=String("gedeeld")))
    stream = source.make_stream(b"BT /F1 12 Tf (1 0 R) Tj ET")
    page = source.make_indirect(
        Dictionary(
            Type=Name.Page,
            Text=String("zie 12 0 R (en) \\ 3 0 R"),
            Binary=String(b"\xff\xfe 7 0 R"),
            First=shared,
            Second=Array([shared, shared]),
            Contents=stream,
        )
    )
    return source, page, shared


def finish(writer, kids, probe=b"null"):
    root, info, pages = writer.reserve(), writer.reserve(), writer.reserve()
    writer.object(pages, b"<< /Type /Pages /Kids [ %s ] /Count %d >>" % (kids, bool(kids)))
    writer.object(info, b"<< >>")
    writer.object(root, b"<< /Type /Catalog /Pages %d 0 R /Probe %s >>" % (pages, probe))
    writer.finish(root=root, info=info, file_id=b"0123456789abcdef")


def test_references_are_renumbered_and_lookalike_text_is_not():
    source, page, _shared = source_with_lookalikes()
    output = BytesIO()
    writer = pdfwrite.Writer(output)
    writer.object(writer.reserve(), b"<< >>")  # numbers are the output's, not the source's
    part = pdfwrite.PartWriter(writer, source)
    number = part.number(page.objgen)
    part.drain()
    finish(writer, b"%d 0 R" % number)

    with pikepdf.open(BytesIO(output.getvalue())) as result:
        written = result.get_object((number, 0))
        assert str(written.Text) == "zie 12 0 R (en) \\ 3 0 R"
        assert bytes(written.Binary) == b"\xff\xfe 7 0 R"
        assert written.First.objgen == written.Second[0].objgen == written.Second[1].objgen
        assert str(written.First.Note) == "gedeeld"
        assert written.Contents.read_bytes() == b"BT /F1 12 Tf (1 0 R) Tj ET"
        # The shared object once; the page, its stream, and the document's own objects.
        assert len([o for o in result.objects if isinstance(o, Dictionary)]) >= 4


def test_an_object_marked_dropped_becomes_null_and_a_fixed_one_takes_its_number():
    source, page, shared = source_with_lookalikes()
    output = BytesIO()
    writer = pdfwrite.Writer(output)
    elsewhere = writer.reserve()
    writer.object(elsewhere, b"<< /Note (vervangen) >>")
    part = pdfwrite.PartWriter(writer, source, fixed={shared.objgen: elsewhere})
    syntax = part.syntax(page)
    part.drain()
    finish(writer, b"", probe=syntax)

    with pikepdf.open(BytesIO(output.getvalue())) as result:
        probe = result.Root.Probe
        assert str(probe.First.Note) == "vervangen"

    dropping = pdfwrite.PartWriter(pdfwrite.Writer(BytesIO()), source, fixed={shared.objgen: None})
    assert dropping.renumber(b"[ %d 0 R ]" % shared.objgen[0]) == b"[ null ]"


def test_a_page_linked_before_it_is_written_gets_the_number_reserved_for_it():
    """The contents come first and link to pages written later (assembly.py): those pages
    are written under the numbers reserved for them, and numbering one twice is refused."""
    source, page, _shared = source_with_lookalikes()
    output = BytesIO()
    writer = pdfwrite.Writer(output)
    reserved = writer.reserve()
    link = writer.reserve()
    writer.object(link, b"<< /Type /Annot /Dest [ %d 0 R /Fit ] >>" % reserved)
    part = pdfwrite.PartWriter(writer, source)
    part.assign(page.objgen, reserved)
    refused = writer.reserve()
    with pytest.raises(ValueError, match="numbered already"):
        part.assign(page.objgen, refused)
    part.drain()
    writer.object(refused, b"null")  # so that no number stays unwritten
    finish(writer, b"%d 0 R" % reserved, probe=b"%d 0 R" % link)

    with pikepdf.open(BytesIO(output.getvalue())) as result:
        assert result.Root.Probe.Dest[0].objgen == result.pages[0].objgen == (reserved, 0)
        assert str(result.pages[0].Text) == "zie 12 0 R (en) \\ 3 0 R"
