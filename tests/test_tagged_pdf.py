"""The assembled annex PDF is tagged (PDF/UA): one structure tree over every part, pointing
at the assembled pages, headings where the bookmarks are, tables with header cells, and the
stamp as an artifact (issue 14)."""

import re
import shutil
import subprocess

import pytest
from pypdf.generic import ArrayObject, IndirectObject

from .test_annex_2021 import MINISTRIES, compile_to, report_2021  # noqa: F401

pytestmark = pytest.mark.django_db


def elements(node):
    """Every structure element under `node`, depth first, in reading order."""
    for kid in node.get("/K", []) if isinstance(node.get("/K"), list) else [node.get("/K")]:
        if isinstance(kid, IndirectObject):
            kid = kid.get_object()
            if kid.get("/Type") == "/StructElem" or "/S" in kid:
                yield kid
                yield from elements(kid)


def number_tree(node):
    """(key, value) of a number tree (a leaf per part), checking each leaf's limits."""
    if "/Nums" in node:
        nums = node["/Nums"]
        pairs = [(int(nums[i]), nums[i + 1]) for i in range(0, len(nums), 2)]
        if "/Limits" in node:
            low, high = (int(limit) for limit in node["/Limits"])
            assert (low, high) == (pairs[0][0], pairs[-1][0])
        yield from pairs
    for kid in node.get("/Kids", []):
        yield from number_tree(kid.get_object())


@pytest.fixture
def tagged(report_2021, tmp_path):  # noqa: F811
    from pypdf import PdfReader

    path = compile_to(tmp_path, "pdf")
    return path, PdfReader(path)


def test_one_structure_tree_marked_and_in_dutch(tagged):
    _path, reader = tagged
    catalog = reader.trailer["/Root"]
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert catalog["/Lang"] == "nl-NL"
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"]
    root = catalog["/StructTreeRoot"]
    documents = root["/K"]
    assert len(documents) == 1 and documents[0].get_object()["/S"] == "/Document"


def test_headings_are_where_the_bookmarks_are(tagged):
    _path, reader = tagged
    document = reader.trailer["/Root"]["/StructTreeRoot"]["/K"][0].get_object()
    page_index = {page.indirect_reference.idnum: n for n, page in enumerate(reader.pages)}
    headings = [
        (element["/S"], page_index[element.raw_get("/Pg").idnum])
        for element in elements(document)
        if element["/S"] in ("/H1", "/H2", "/H3")
    ]
    assert headings[:2] == [("/H1", 0), ("/H2", 0)]  # the annex's title, "Inhoudsopgave"
    signatories = [page for tag, page in headings[1:] if tag == "/H1"]
    themes = [page for tag, page in headings[2:] if tag == "/H2"]
    assert "/H3" not in [tag for tag, _page in headings]
    outline = reader.outline
    top = [item for item in outline if not isinstance(item, list)]
    assert [item.title for item in top] == MINISTRIES
    assert signatories == [reader.get_destination_page_number(item) for item in top]
    nested = [item for group in outline if isinstance(group, list) for item in group]
    assert themes == [reader.get_destination_page_number(item) for item in nested]


def test_every_table_row_has_cells_and_every_table_header_cells(tagged):
    _path, reader = tagged
    document = reader.trailer["/Root"]["/StructTreeRoot"]["/K"][0].get_object()
    tables = [element for element in elements(document) if element["/S"] == "/Table"]
    assert len(tables) >= 14  # one per theme block and the TOC
    for table in tables:
        tags = [element["/S"] for element in elements(table)]
        assert "/TR" in tags and "/TD" in tags
        if table is not tables[0]:  # the annex's tables (the first is the TOC)
            assert "/TH" in tags


def test_the_parent_tree_covers_every_page_and_link(tagged):
    _path, reader = tagged
    root = reader.trailer["/Root"]["/StructTreeRoot"]
    nums = list(number_tree(root["/ParentTree"].get_object()))
    keys = dict(nums)
    assert len(keys) == len(nums)  # no key twice
    assert [key for key, _value in nums] == sorted(keys)  # leaves in order, within limits
    assert int(root["/ParentTreeNextKey"]) > max(keys)
    pages = {page.indirect_reference.idnum for page in reader.pages}
    for page in reader.pages:
        marked = keys[int(page["/StructParents"])]
        assert isinstance(marked, ArrayObject)
        content = page.get_contents().get_data()
        mcids = {int(m) for m in re.findall(rb"/MCID (\d+)", content)}
        assert mcids <= set(range(len(marked)))
        for ref in marked:
            assert ref.get_object().raw_get("/Pg").idnum in pages
        assert b"/Artifact BMC" in content  # the stamp: page number, running title
        for annotation in page.get("/Annots", []):
            assert int(annotation.get_object()["/StructParent"]) in keys


@pytest.mark.skipif(not shutil.which("pdfinfo"), reason="needs poppler-utils")
def test_poppler_reads_the_structure(tagged):
    path, _reader = tagged
    pdfinfo = shutil.which("pdfinfo")
    info = subprocess.run([pdfinfo, path], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Tagged:\s+yes", info, re.M)
    assert "Creator:         NAP1325-portaal" in info
    struct = subprocess.run(
        [pdfinfo, "-struct", path], capture_output=True, text=True, check=True
    ).stdout
    assert struct.count("H2") >= len(MINISTRIES) and "Table" in struct and "TH" in struct
