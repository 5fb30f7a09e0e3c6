"""Rendering the annex's missing parts on this machine: a few threads, each feeding a
WeasyPrint worker process (pdf_worker.py) one part at a time. The parts' HTML is rendered
as the threads need more, and a part found in the cache is passed over, so a long or mostly
cached document costs little memory here. With a broker, fanout.py spreads the parts over
the worker machines instead."""

import json
import os
import queue
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from django.conf import settings

from . import pdf

# A worker process is replaced after this many parts, so none grows for long.
PARTS_PER_WORKER = 32


def render_missing(made, cache, *, workers=None, progress=None):
    """Render the parts of `made` (pdf.Parts) that are not in `cache` into it; afterwards
    `made.keys` holds every part's key. `progress(done, total)` counts parts ready.

    This thread renders the HTML (templates read the database, on this thread's
    connection), checks the cache, writes progress, and hands the parts to render to the
    threads through a short queue: only a few parts' HTML is in memory at a time."""
    count = min(workers or os.cpu_count() or 1, made.count)
    todo = queue.Queue(maxsize=count)
    ready = queue.Queue()
    errors = []
    done = 0

    def report():
        nonlocal done
        while not ready.empty():
            ready.get()
            done += 1
            if progress:
                progress(done, made.count)

    if progress:
        progress(done, made.count)
    url = pdf.base_url()
    with tempfile.TemporaryDirectory(prefix="annex-parts-") as scratch:
        threads = [
            threading.Thread(target=_work, args=(todo, cache, Path(scratch), url, ready, errors))
            for _ in range(count)
        ]
        for thread in threads:
            thread.start()
        for key, html in made.each():
            if errors:
                break
            if cache.has(key):
                ready.put(key)
            else:
                _hand(todo, (key, html), report)
            report()
        for _thread in threads:
            _hand(todo, None, report)  # one stop sign each
        for thread in threads:
            while thread.is_alive():
                thread.join(timeout=0.1)
                report()
        report()
    if errors:
        raise pdf.RenderError(errors[0])


def _hand(todo, item, report):
    """Queue `item`, reporting progress while the queue is full."""
    while True:
        try:
            todo.put(item, timeout=0.1)
            return
        except queue.Full:
            report()


def _work(todo, cache, scratch, url, ready, errors):
    """Render parts until the stop sign or a failure; start a worker process at the first
    part, and a fresh one every PARTS_PER_WORKER."""
    worker, rendered = None, 0
    try:
        while (item := todo.get()) is not None:
            if errors:
                continue  # drain to the stop sign, so the feeding thread never blocks
            key, html = item
            if worker is None or rendered == PARTS_PER_WORKER:
                _stop(worker)
                worker, rendered = _start(), 0
            error = _render(worker, key, html, scratch, url)
            if error:
                errors.append(pdf.failed(error))
                continue
            cache.put(key, scratch / key)
            for suffix in (".json", ".pdf"):
                (scratch / key).with_suffix(suffix).unlink()
            rendered += 1
            ready.put(key)
    finally:
        _stop(worker)


def _start():
    return subprocess.Popen(  # noqa: S603 - our own module, no shell
        [sys.executable, "-m", "reporting.annex.pdf_worker"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=settings.BASE_DIR,
    )


def _render(worker, key, html, scratch, url):
    """One part by the worker process; the error, if it failed."""
    source = scratch / f"{key}.html"
    source.write_text(html, encoding="utf-8")
    job = {"html": str(source), "base_url": url, "out": str(scratch / key)}
    worker.stdin.write(json.dumps(job) + "\n")
    worker.stdin.flush()
    answer = worker.stdout.readline()
    source.unlink(missing_ok=True)
    answer = json.loads(answer) if answer else {"ok": False, "error": "gestopt"}
    return None if answer["ok"] else answer["error"]


def _stop(worker):
    if worker is not None:
        worker.stdin.close()
        worker.wait()
        worker.stdout.close()
