"""The web server (gunicorn.conf.py, nap_portal/gunicorn_worker.py): a listening socket per
process (SO_REUSEPORT), so the kernel spreads connections over the processes. A process
that stops (a restart after `max_requests`, a deploy) keeps its socket until it exits, and
the kernel goes on queueing a share of new connections there: unless the process serves
those and closes its socket at once, they are reset. Clients keep asking while processes
are restarted one at a time; not one request may fail."""

import http.client
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.conf import settings

CLIENTS = 6
RESTARTS = 4


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(port):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", "/", headers={"Connection": "close"})
        response = connection.getresponse()
        return response.status, response.read().decode()
    finally:
        connection.close()


def workers(arbiter):
    """The arbiter's worker processes."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat[stat.rindex(")") + 2 :].split()[1]) == arbiter:
                found.append(int(entry.name))
    return found


@pytest.fixture
def server():
    port = free_port()
    environment = {
        **os.environ,
        "WEB_BIND": f"127.0.0.1:{port}",
        "WEB_WORKERS": "2",
        "WEB_THREADS": "2",
        "WEB_MAX_REQUESTS": "0",  # restarted by the test instead
        "WEB_ACCESS_LOG": "",
    }
    process = subprocess.Popen(  # noqa: S603 - our own server
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "tests.wsgi_hello:app"],
        cwd=settings.BASE_DIR,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                get(port)
                break
            except OSError:
                time.sleep(0.1)
        yield process, port
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.mark.skipif(not hasattr(socket, "SO_REUSEPORT"), reason="SO_REUSEPORT is Linux's")
def test_a_restarting_process_resets_no_connection(server):
    process, port = server
    answers, errors, done = [], [], threading.Event()

    def client():
        while not done.is_set():
            try:
                answers.append(get(port))
            except OSError as error:  # a reset, a refused or a dropped connection
                errors.append(repr(error))

    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for _ in range(RESTARTS):
        time.sleep(0.5)
        before = workers(process.pid)
        os.kill(before[0], signal.SIGTERM)  # a graceful stop, as after max_requests
        for _ in range(100):  # until its successor is up
            time.sleep(0.1)
            now = workers(process.pid)
            if len(now) == 2 and before[0] not in now:
                break
        time.sleep(1)
    done.set()
    for thread in threads:
        thread.join()
    assert errors == []
    assert {status for status, _pid in answers} == {200}
    assert len({pid for _status, pid in answers}) >= 2 + RESTARTS - 1  # they did restart
