"""One structure tree for the assembled annex PDF (PDF/UA): every part's tags, kept.

WeasyPrint tags each part it renders (`pdf_tags=True`): a /StructTreeRoot with one
/Document element, a parent tree keyed by page index (then by annotation), marked-content
ids per page. pypdf's `append` copies the pages but not that tree, and drops the pages'
/StructParents. `merge` copies every part's elements under one /Document, pointing at the
assembled pages and annotations, and renumbers the parent tree's keys per part (marked
content ids are local to a page, so they stay as they are).
"""

from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    NumberObject,
    PdfObject,
    TextStringObject,
)

# Entries that tie a copied element to the part's own file: replaced, never copied.
SKIPPED = {"/NS", "/Namespaces"}


class _Copier:
    """Copies one part's structure elements into the writer.

    Pages and annotations are not copied but mapped to the assembled ones; the part's
    /Document element becomes the merged one. Iterative: a full round has tens of
    thousands of elements, deeper than Python's recursion allows to be comfortable."""

    def __init__(self, writer, reader, first_page, document_ref, root_ref):
        self.writer = writer
        self.memo = {}
        for offset, page in enumerate(reader.pages):
            target = writer.pages[first_page + offset]
            self.memo[page.indirect_reference.idnum] = target.indirect_reference
            source_annots = page.get("/Annots") or []
            target_annots = target.get("/Annots") or []
            for source, copied in zip(source_annots, target_annots, strict=False):
                if isinstance(source, IndirectObject) and isinstance(copied, IndirectObject):
                    self.memo[source.idnum] = copied
        tree = reader.trailer["/Root"]["/StructTreeRoot"]
        self.memo[tree.indirect_reference.idnum] = root_ref
        for element in tree["/K"] if isinstance(tree["/K"], list) else [tree["/K"]]:
            self.memo[element.idnum] = document_ref  # the part's /Document → the merged one
        self.pending = []

    def ref(self, source: IndirectObject) -> IndirectObject:
        """The writer's reference for a reader's indirect object (copied when first met)."""
        if source.idnum not in self.memo:
            placeholder = self.writer._add_object(DictionaryObject())
            self.memo[source.idnum] = placeholder
            self.pending.append((source, placeholder))
        return self.memo[source.idnum]

    def value(self, obj: PdfObject) -> PdfObject:
        if isinstance(obj, IndirectObject):
            return self.ref(obj)
        if isinstance(obj, DictionaryObject):
            return DictionaryObject(
                {NameObject(k): self.value(v) for k, v in obj.items() if k not in SKIPPED}
            )
        if isinstance(obj, ArrayObject):
            return ArrayObject(self.value(v) for v in obj)
        return obj

    def run(self):
        while self.pending:
            source, placeholder = self.pending.pop()
            copied = self.value(source.get_object())
            target = placeholder.get_object()
            if isinstance(copied, DictionaryObject):
                target.update(copied)
            else:  # an array or a stream as a shared object: rare in a structure tree
                self.writer._objects[placeholder.idnum - 1] = copied


def merge(writer, parts, *, lang="nl-NL"):
    """`parts`: (reader, index of its first page in the writer), in order."""
    root = DictionaryObject({NameObject("/Type"): NameObject("/StructTreeRoot")})
    root_ref = writer._add_object(root)
    document = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/StructElem"),
            NameObject("/S"): NameObject("/Document"),
            NameObject("/P"): root_ref,
            NameObject("/Lang"): TextStringObject(lang),
            NameObject("/K"): ArrayObject(),
        }
    )
    document_ref = writer._add_object(document)
    nums = ArrayObject()
    next_key = 0
    for reader, first_page in parts:
        tree = reader.trailer["/Root"].get("/StructTreeRoot")
        if tree is None:
            raise ValueError("Een onderdeel van de bijlage heeft geen tags.")
        copier = _Copier(writer, reader, first_page, document_ref, root_ref)
        for element in tree["/K"] if isinstance(tree["/K"], list) else [tree["/K"]]:
            for child in element.get_object().get("/K", []):
                document["/K"].append(copier.value(child))
        old_nums = tree["/ParentTree"].get_object()["/Nums"]
        keys = []
        for index in range(0, len(old_nums), 2):
            key, target = int(old_nums[index]), old_nums[index + 1]
            keys.append(key)
            nums.append(NumberObject(next_key + key))
            nums.append(copier.value(target))
        copier.run()
        for offset in range(len(reader.pages)):
            assembled = writer.pages[first_page + offset]
            # WeasyPrint keys a page's marked content by its index in the part.
            assembled[NameObject("/StructParents")] = NumberObject(next_key + offset)
            for annotation in assembled.get("/Annots") or []:
                annotation = annotation.get_object()
                if "/StructParent" in annotation:
                    annotation[NameObject("/StructParent")] = NumberObject(
                        next_key + int(annotation["/StructParent"])
                    )
        next_key += max(keys, default=-1) + 1
    parent_tree = DictionaryObject({NameObject("/Nums"): nums})
    root.update(
        {
            NameObject("/K"): ArrayObject([document_ref]),
            NameObject("/ParentTree"): writer._add_object(parent_tree),
            NameObject("/ParentTreeNextKey"): NumberObject(next_key),
        }
    )
    catalog = writer.root_object
    catalog[NameObject("/StructTreeRoot")] = root_ref
    catalog[NameObject("/MarkInfo")] = DictionaryObject(
        {NameObject("/Marked"): BooleanObject(True)}
    )
