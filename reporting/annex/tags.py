"""One structure tree for the assembled annex PDF (PDF/UA): every part's tags, kept.

WeasyPrint tags each part it renders (`pdf_tags=True`): a /StructTreeRoot with one
/Document element, a parent tree keyed by page index (then by annotation), marked-content
ids per page. `merge` copies every part's elements under one /Document and renumbers the
parent tree's keys per part (marked-content ids are local to a page, so they stay).

The copying is qpdf's (pikepdf's copy_foreign): it remembers which of a part's objects it
copied already, so the elements' /Pg and annotation references land on the assembled pages
the part's pages became, with nothing copied twice.
"""

import pikepdf
from pikepdf import Array, Dictionary, Name


class UntaggedPart(Exception):
    """A part came without a structure tree (rendered without tags)."""


def _kids(element):
    kids = element.get("/K", Array())
    return list(kids) if isinstance(kids, Array) else [kids]


def merge(out, parts, *, lang="nl-NL"):
    """`parts`: (source Pdf, index of its first page in `out`), in order; the sources'
    pages were added to `out` already."""
    root = out.make_indirect(Dictionary(Type=Name.StructTreeRoot))
    document = out.make_indirect(
        Dictionary(Type=Name.StructElem, S=Name.Document, P=root, Lang=pikepdf.String(lang))
    )
    children = []
    nums = []
    next_key = 0
    for source, first_page in parts:
        tree = source.Root.get("/StructTreeRoot")
        if tree is None:
            raise UntaggedPart("Een onderdeel van de bijlage heeft geen tags.")
        for element in _kids(tree):
            # Cut the part's own /Document off its root before copying it: otherwise the
            # part's whole tree root (and its parent tree) would be copied along.
            if "/P" in element:
                del element["/P"]
            copied = out.copy_foreign(element)
            for child in _kids(copied):
                child.P = document
                children.append(child)
        keys = []
        old = list(tree.ParentTree.get("/Nums", Array()))
        for key, target in zip(old[::2], old[1::2], strict=True):
            keys.append(int(key))
            nums.append(next_key + int(key))
            nums.append(_copy(out, target))
        for offset in range(len(source.pages)):
            page = out.pages[first_page + offset].obj
            # WeasyPrint keys a page's marked content by its index in the part.
            page.StructParents = next_key + offset
            for annotation in page.get("/Annots", Array()):
                if "/StructParent" in annotation:
                    annotation.StructParent = next_key + int(annotation.StructParent)
        next_key += max(keys, default=-1) + 1
    document.K = Array(children)
    root.K = Array([document])
    root.ParentTree = out.make_indirect(Dictionary(Nums=Array(nums)))
    root.ParentTreeNextKey = next_key
    out.Root.StructTreeRoot = root
    out.Root.MarkInfo = Dictionary(Marked=True)


def _copy(out, value):
    """A parent tree's value: an element, or (for a page) a direct array of elements."""
    if isinstance(value, Array) and not value.is_indirect:
        return Array([out.copy_foreign(item) for item in value])
    return out.copy_foreign(value)
