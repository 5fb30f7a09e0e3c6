"""The web server's worker: gunicorn's "gthread" (a few threads per process), with a
listening socket of its own per process (`reuse_port`, SO_REUSEPORT).

With one socket shared by all processes, the kernel hands a new connection to whichever
process happens to wake first, and a browser keeps its connection (keep-alive) for minutes:
under the 200-person load test two of four processes served 80% of the requests while the
others idled, and autosaves queued behind the busy ones' threads. With a socket per process
the kernel spreads the connections evenly.

The one thing SO_REUSEPORT adds: a process that stops (a restart after `max_requests`, a
deploy) keeps receiving its share of new connections on its socket until it exits, and
those would be reset. So a stopping process takes what is queued on its socket and closes
it at once; the kernel sends the next connections to the others.
"""

import select

from gunicorn.workers.gthread import ThreadWorker


class Worker(ThreadWorker):
    def set_accept_enabled(self, enabled):
        super().set_accept_enabled(enabled)
        if enabled or self.alive or not self.cfg.reuse_port:
            return
        for listener in self.sockets:
            while select.select([listener], [], [], 0)[0]:
                self.accept(listener)  # served before the process stops
            listener.close()
