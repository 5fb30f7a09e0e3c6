"""One structure tree for the assembled annex PDF (PDF/UA): every part's tags, kept.

WeasyPrint tags each part it renders (`pdf_tags=True`): a /StructTreeRoot with one
/Document element, a parent tree keyed by page index (then by annotation), marked-content
ids per page. The output has one /Document whose children are every part's top elements,
and one parent tree whose keys are renumbered per part (marked-content ids are local to a
page, so they stay). Parts are written one at a time (pdfwrite.py): `prepare` a part
before it is written, `add` it after its objects have numbers, `finish` at the end.
"""

import pikepdf
from pikepdf import Array


class UntaggedPart(Exception):
    """A part came without a structure tree (rendered without tags)."""


def _kids(element):
    kids = element.get("/K", Array())
    return list(kids) if isinstance(kids, Array) else [kids]


class Document:
    """The output's structure tree, filled part by part."""

    def __init__(self, writer, *, lang):
        self.writer = writer
        self.lang = lang
        self.root = writer.reserve()
        self.element = writer.reserve()
        self.kids = []  # every part's top elements as output syntax, in page order
        self.leaves = []  # the parent tree's leaves' numbers, in key order
        self.next_key = 0

    def prepare(self, source) -> dict:
        """Give the part's pages and links their keys in the output's parent tree. Returns
        what the part's own tree objects become: its root and its /Document are the
        output's; its parent tree is replaced."""
        tree = source.Root.get("/StructTreeRoot")
        if tree is None:
            raise UntaggedPart("Een onderdeel van de bijlage heeft geen tags.")
        fixed = {tree.objgen: self.root}
        parent_tree = tree.get("/ParentTree")
        if parent_tree is not None and parent_tree.is_indirect:
            fixed[parent_tree.objgen] = None
        for element in _kids(tree):
            fixed[element.objgen] = self.element
        for offset, page in enumerate(source.pages):
            # WeasyPrint keys a page's marked content by its index in the part.
            page.obj.StructParents = self.next_key + offset
            for annotation in page.obj.get("/Annots", Array()):
                if "/StructParent" in annotation:
                    annotation.StructParent = self.next_key + int(annotation.StructParent)
        return fixed

    def add(self, source, part):
        """After `prepare`: the part's elements under the output's /Document, and its parent
        tree's entries under their new keys (`part`: the part's pdfwrite.PartWriter). Parts
        are added in page order, so the elements and the keys come in order."""
        tree = source.Root.StructTreeRoot
        self.kids += [part.syntax(child) for element in _kids(tree) for child in _kids(element)]
        old = list(tree.ParentTree.get("/Nums", Array()))
        keys = [self.next_key + int(key) for key in old[::2]]
        if keys:
            # The part's entries are a leaf of the output's number tree, written now: a
            # long document's parent tree is never in memory whole.
            nums = b" ".join(
                b"%d %s" % (key, part.syntax(value))
                for key, value in sorted(zip(keys, old[1::2], strict=True), key=lambda kv: kv[0])
            )
            leaf = self.writer.reserve()
            self.writer.object(
                leaf, b"<< /Limits [ %d %d ] /Nums [ %s ] >>" % (min(keys), max(keys), nums)
            )
            self.leaves.append(leaf)
            self.next_key = max(keys) + 1

    def finish(self) -> int:
        """Write the tree's own objects; returns the number of its root."""
        self.writer.object(
            self.element,
            b"<< /Type /StructElem /S /Document /P %d 0 R /Lang %s /K [ %s ] >>"
            % (
                self.root,
                pikepdf.String(self.lang).unparse(),
                b" ".join(self.kids),
            ),
        )
        parent_tree = self.writer.reserve()
        leaves = b" ".join(b"%d 0 R" % leaf for leaf in self.leaves)
        self.writer.object(parent_tree, b"<< /Kids [ %s ] >>" % leaves)
        self.writer.object(
            self.root,
            b"<< /Type /StructTreeRoot /K [ %d 0 R ] /ParentTree %d 0 R /ParentTreeNextKey %d >>"
            % (self.element, parent_tree, self.next_key),
        )
        return self.root
