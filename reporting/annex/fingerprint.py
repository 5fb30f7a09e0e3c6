"""What an edition's content hash is taken over: cheap, exact inputs, no rendering.

The layout (the annex's templates, stylesheets and the code that renders them, and
pdf.RENDER_VERSION), the round or plan period as the title prints it, and every row the
annex prints: each signatory's name, code and (in a plan period) years, each block's title
and goal, each place, and each entry's id, version and the fields it prints. Building the
annex costs a few queries; rendering it to HTML just to hash it (as before) cost more, and
the worker then built it a second time from live data, so the file could hold newer text
than its hash. Now the worker builds it once, checks the hash, and renders exactly that
(editions.compile_edition).
"""

import hashlib
import json
from functools import cache
from pathlib import Path

from django.conf import settings
from django.utils import translation

from . import pdf

PACKAGE = Path(__file__).resolve().parent


@cache
def layout_version() -> str:
    """A digest of everything that shapes the output besides the data: read once per
    process (a deploy starts new processes)."""
    digest = hashlib.sha256(pdf.RENDER_VERSION.encode())
    files = [
        *sorted((Path(settings.BASE_DIR) / "templates/reporting/annex").glob("*.html")),
        *sorted((Path(settings.BASE_DIR) / "static/css").glob("annex*.css")),
        *sorted(PACKAGE.glob("*.py")),
    ]
    for path in files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def rows(annex):
    """The annex's printed data as plain values, in order."""
    round = annex.round
    yield ["round", round.pk, round.first_year, round.last_year, round.plan.code]
    yield ["plan", round.plan.title, annex.concept, annex.period]
    if annex.front is not None:
        front = annex.front
        yield ["front", front.introduction, [s.name for s in front.reported]]
        yield ["not reported", [s.name for s in front.not_reported]]
        yield ["synthesis", [[goal.number, text] for goal, text in front.synthesis]]
        yield ["charts", [[chart.title, chart.rows] for chart in front.charts]]
    for section in annex.sections:
        signatory = section.signatory
        yield ["signatory", signatory.pk, signatory.name, signatory.code, section.years]
        for block in section.themes:
            yield ["block", block.title, block.goal.number, block.goal.text]
            for part in block.parts:
                yield ["place", *[[str(place.label), place.text] for place in part.places]]
                for entry in part.entries:
                    yield [
                        "entry",
                        entry.pk,
                        entry.version,
                        entry.questions,
                        entry.kind,
                        entry.narrative,
                        str(entry.number),
                        str(entry.percentage),
                        entry.not_applicable,
                        entry.not_applicable_reason,
                    ]


def content_key(annex) -> str:
    digest = hashlib.sha256(layout_version().encode())
    # The annex is a Dutch document: its labels ("Strategisch doel 1") are hashed in Dutch,
    # whatever language the coordinator who asked for it reads the portal in.
    with translation.override("nl"):
        for row in rows(annex):
            digest.update(json.dumps(row, ensure_ascii=False, default=str).encode())
            digest.update(b"\n")
    return digest.hexdigest()
