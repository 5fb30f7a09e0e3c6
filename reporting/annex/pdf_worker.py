"""A WeasyPrint worker process: renders annex sections to PDF, one job per line on stdin.

Runs without Django (`python -m reporting.annex.pdf_worker`), so it starts fast and its
memory is its own: the portal starts a few of these and lets each render a number of
sections before replacing it (see pdf.py). A job is a JSON line
{"html": path, "base_url": url, "out": path}; the worker writes `out`.pdf and `out`.json
(page count and headings with their pages) and answers one JSON line {"ok": true} or
{"ok": false, "error": "..."}.
"""

import json
import sys
from pathlib import Path


def render(html_path, base_url, out):
    from weasyprint import HTML

    document = HTML(filename=html_path, base_url=base_url, encoding="utf-8").render()
    meta = {"pages": len(document.pages), "headings": _headings(document.make_bookmark_tree())}
    tmp = Path(f"{out}.pdf.part")
    document.write_pdf(tmp, pdf_tags=True)  # tagged: the assembly keeps the tags (tags.py)
    Path(f"{out}.json").write_text(json.dumps(meta))
    tmp.replace(f"{out}.pdf")  # the PDF last: its presence means the section is complete


def _headings(tree):
    """[[label, page index, [children]], ...] from WeasyPrint's bookmark tree."""
    return [[label, target[0], _headings(children)] for label, target, children, _ in tree]


def main():
    for line in sys.stdin:
        job = json.loads(line)
        try:
            render(job["html"], job["base_url"], job["out"])
            answer = {"ok": True}
        except Exception as error:  # reported to the portal, which shows it
            answer = {"ok": False, "error": f"{type(error).__name__}: {error}"}
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
