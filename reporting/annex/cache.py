"""The section cache: the annex PDF's rendered parts by content key, in the configured storage
(settings.STORAGES["annex_cache"]): a folder on one machine, S3-compatible object storage
when several worker machines share the rendering. A part is two objects: `key.json` (pages
and headings) and `key.pdf`, written in that order, so a part whose PDF is there is whole.
"""

import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, storages

SUFFIXES = (".json", ".pdf")


@dataclass
class RenderedSection:
    path: Path
    pages: int
    headings: list  # [[label, page, [[label, page, []], ...]]] as the worker found them


class SectionCache:
    def __init__(self, storage=None):
        self.storage = storage if storage is not None else storages["annex_cache"]

    @classmethod
    def at(cls, folder=None):
        """The configured cache, or one in `folder` (the benchmark's and tests' own)."""
        if folder is None:
            return cls()
        return cls(FileSystemStorage(location=folder, allow_overwrite=True))

    def has(self, key) -> bool:
        return self.storage.exists(f"{key}.pdf")

    def put(self, key, stem: Path):
        """Store the part rendered at `stem`.json and `stem`.pdf (a local render)."""
        for suffix in SUFFIXES:
            name, source = f"{key}{suffix}", stem.with_suffix(suffix)
            if self._local:
                # Copied next to its place and renamed: a reader never sees half a file.
                target = Path(self.storage.path(name))
                target.parent.mkdir(parents=True, exist_ok=True)
                partial = target.with_name(f"{target.name}.{os.getpid()}.part")
                shutil.copyfile(source, partial)
                partial.replace(target)
            else:
                with source.open("rb") as file:
                    self.storage.save(name, File(file, name=name))

    def put_source(self, key, html):
        """The part's HTML, for a worker elsewhere to render (kept out of the task's message)."""
        self.storage.save(f"{key}.html", ContentFile(html.encode(), name=f"{key}.html"))

    def source(self, key) -> str:
        return self._read(f"{key}.html").decode()

    def drop_source(self, key):
        self.storage.delete(f"{key}.html")

    def get(self, key, scratch: Path) -> RenderedSection:
        """The part as a local file: in place on the filesystem, else fetched into `scratch`."""
        meta = json.loads(self._read(f"{key}.json"))
        name = f"{key}.pdf"
        if self._local:
            path = Path(self.storage.path(name))
        else:
            path = scratch / name
            with self.storage.open(name, "rb") as source, path.open("wb") as target:
                shutil.copyfileobj(source, target, 1 << 20)
        return RenderedSection(path=path, **meta)

    def _read(self, name):
        with self.storage.open(name, "rb") as file:
            return file.read()

    @property
    def _local(self):
        return isinstance(self.storage, FileSystemStorage)
