"""gunicorn for the portal's workload (read from the working directory; WEB_* variables).

Most requests wait on PostgreSQL (autosaves, pages); a few burn CPU (a login's PBKDF2, about
0.25 s). So: a few processes (the CPU-bound part) with threads each (the waiting part), the
"gthread" worker. Its main loop accepts connections while every thread is busy, and queues
them in the process: a burst waits instead of being refused, and `timeout` only restarts a
process that stops answering (not a slow request, as with the "sync" worker, which killed
requests mid-way and reset their connections).
"""

import multiprocessing
import os
import sys


def _number(name, default):
    return int(os.environ.get(name, default))


bind = os.environ.get("WEB_BIND", "0.0.0.0:8000")
worker_class = "gthread"
# Two processes per core for the CPU-bound part; threads for the requests waiting on the
# database. Each thread keeps a database connection (CONN_MAX_AGE): workers × threads must
# stay below PostgreSQL's max_connections (100 by default) with the Celery workers beside it.
# At most 8 by default: 8 × 4 = 32 connections, whatever the host's core count.
workers = _number("WEB_WORKERS", min(2 * multiprocessing.cpu_count(), 8))
threads = _number("WEB_THREADS", 4)
# Connections one process keeps open (idle keep-alive ones included).
worker_connections = _number("WEB_CONNECTIONS", 1000)
# Connections the kernel holds before gunicorn accepts them (capped by net.core.somaxconn).
backlog = _number("WEB_BACKLOG", 2048)
# Keep-alive outlasts the pause between an editor's autosaves (a few seconds) and a proxy's
# idle timeout (60 s at most of the common ones), so the server never closes a connection at
# the moment the client reuses it: that race was the "connection reset" under load.
keepalive = _number("WEB_KEEPALIVE", 75)
timeout = _number("WEB_TIMEOUT", 120)  # the longest request: an editor's own PDF (~2 s)
graceful_timeout = 30
# Replace a process now and then, staggered, so memory a large annex took is given back.
max_requests = _number("WEB_MAX_REQUESTS", 5000)
max_requests_jitter = max_requests // 10
accesslog = os.environ.get("WEB_ACCESS_LOG", "-") or None
# How long a thread may hold the GIL while another waits for it (Python's default: 5 ms). An
# autosave waits on the database eight times and needs the GIL back after each wait; in a
# process where another thread is rendering a page it waited up to a whole interval each
# time. At 1 ms the load test's autosave median fell from 45-91 ms to 23-43 ms (200 people).
switch_interval = float(os.environ.get("WEB_SWITCH_INTERVAL", "0.001"))


def post_fork(server, worker):
    """In every web process (not the master, which serves nothing)."""
    sys.setswitchinterval(switch_interval)
