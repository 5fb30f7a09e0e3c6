"""Writing a PDF one part at a time, so that assembling the annex costs the memory of one
section and not of the whole document (issue 18: five years in one annex).

qpdf (pikepdf) reads each part and turns each of its objects into PDF syntax; this module
gives the objects numbers in the output, writes them as they come, packs small objects into
compressed object streams and ends with a cross-reference stream. A part is closed before
the next is opened. References are renumbered in the syntax qpdf writes: its strings are
always escaped or hexadecimal, so "N G R" outside them is a reference.
"""

import re
import struct
import zlib
from array import array

import pikepdf

REFERENCE = re.compile(rb"\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>|(?<![\w.#/+-])(\d+) (\d+) R")
HEADER = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"
BATCH = 200  # objects per object stream
ROW = struct.Struct(">BQH")  # a cross-reference stream's entry: /W [ 1 8 2 ]


class Writer:
    """Numbers and offsets of the output file; objects go out in compressed object streams
    (streams themselves, which cannot, straight into the file)."""

    def __init__(self, file):
        self.file = file
        self.position = 0
        self.count = 0  # the highest object number handed out
        # Cross-reference entries by object number: type, field 2, field 3 (PDF 7.5.8).
        self.kinds = array("B", [0])
        self.places = array("Q", [0])
        self.indexes = array("H", [65535])
        self.batch = []
        self._write(HEADER)

    def reserve(self) -> int:
        self.count += 1
        self.kinds.append(0)
        self.places.append(0)
        self.indexes.append(0)
        return self.count

    def object(self, number, body: bytes):
        self.batch.append((number, body))
        if len(self.batch) >= BATCH:
            self._flush()

    def stream(self, number, dictionary: bytes, data: bytes):
        """A stream: `dictionary` must already hold the /Length of `data`."""
        self._entry(number, 1, self.position, 0)
        self._write(b"%d 0 obj\n%s\nstream\n" % (number, dictionary))
        self._write(data)
        self._write(b"\nendstream\nendobj\n")

    def finish(self, *, root, info, file_id: bytes):
        self._flush()
        number = self.reserve()
        self._entry(number, 1, self.position, 0)
        size = self.count + 1
        unset = [n for n in range(1, size) if self.kinds[n] == 0]
        if unset:
            raise ValueError(f"objects numbered but never written: {unset[:5]}")
        data = self._xref_rows(size)
        identifier = file_id.hex().encode()
        dictionary = (
            b"<< /Type /XRef /Size %d /W [ 1 8 2 ] /Root %d 0 R /Info %d 0 R "
            b"/ID [ <%s> <%s> ] /Filter /FlateDecode /Length %d >>"
            % (size, root, info, identifier, identifier, len(data))
        )
        start = self.position
        self._write(b"%d 0 obj\n%s\nstream\n" % (number, dictionary))
        self._write(data)
        self._write(b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % start)

    def _xref_rows(self, size):
        """The cross-reference stream's rows, compressed a block at a time: a million
        objects' rows are never in memory uncompressed."""
        packer, compressed = zlib.compressobj(), []
        block = bytearray(ROW.size * 4096)
        for first in range(0, size, 4096):
            count = min(4096, size - first)
            for n in range(first, first + count):
                row = (self.kinds[n], self.places[n], self.indexes[n])
                ROW.pack_into(block, (n - first) * ROW.size, *row)
            compressed.append(packer.compress(bytes(block[: count * ROW.size])))
        compressed.append(packer.flush())
        return b"".join(compressed)

    def _flush(self):
        if not self.batch:
            return
        number = self.reserve()
        offsets, bodies, at = [], [], 0
        for index, (member, body) in enumerate(self.batch):
            offsets.append(b"%d %d" % (member, at))
            bodies.append(body)
            at += len(body) + 1
            self._entry(member, 2, number, index)
        head = b" ".join(offsets) + b"\n"
        data = zlib.compress(head + b"\n".join(bodies) + b"\n")
        dictionary = b"<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>" % (
            len(self.batch),
            len(head),
            len(data),
        )
        self.batch = []
        self.stream(number, dictionary, data)

    def _entry(self, number, kind, place, index):
        self.kinds[number], self.places[number], self.indexes[number] = kind, place, index

    def _write(self, data):
        self.file.write(data)
        self.position += len(data)


class PartWriter:
    """Copies objects of one source PDF into the output, each once, following references.

    `fixed` maps a source object (num, gen) to an output number chosen elsewhere (the
    document's page tree, its structure root) or to None: a reference to it is dropped
    (the part's own catalog and parent tree, which the output replaces)."""

    def __init__(self, writer, source, fixed=None):
        self.writer = writer
        self.source = source
        self.fixed = dict(fixed or {})
        self.numbers = {}
        self.todo = []

    def number(self, objgen) -> int | None:
        if objgen in self.fixed:
            return self.fixed[objgen]
        number = self.numbers.get(objgen)
        if number is None:
            number = self.numbers[objgen] = self.writer.reserve()
            self.todo.append(objgen)
        return number

    def assign(self, objgen, number):
        """Write the object `objgen` under `number`, reserved beforehand (a page that
        another part links to before it is written)."""
        if objgen in self.fixed or objgen in self.numbers:
            raise ValueError(f"object {objgen} is numbered already")
        self.numbers[objgen] = number
        self.todo.append(objgen)

    def syntax(self, value) -> bytes:
        """`value` (an object of the source, direct or a reference) in the output's numbers;
        what it refers to is written by the next `drain`."""
        return self.renumber(value.unparse())

    def renumber(self, data: bytes) -> bytes:
        return REFERENCE.sub(self._reference, data)

    def drain(self):
        """Write everything numbered so far, and what that refers to."""
        while self.todo:
            objgen = self.todo.pop()
            number = self.numbers[objgen]
            value = self.source.get_object(objgen)
            if isinstance(value, pikepdf.Stream):
                data = value.read_raw_bytes()  # as stored: its filters stay
                keys = {k: v for k, v in value.stream_dict.items() if k != "/Length"}
                dictionary = pikepdf.Dictionary(keys).unparse()[:-2] + b"/Length %d >>" % len(data)
                self.writer.stream(number, self.renumber(dictionary), data)
            else:
                self.writer.object(number, self.renumber(value.unparse(resolved=True)))

    def _reference(self, match):
        if match.group(1) is None:
            return match.group(0)  # a string: left as it is
        number = self.number((int(match.group(1)), int(match.group(2))))
        return b"null" if number is None else b"%d 0 R" % number
