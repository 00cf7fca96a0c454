"""`gongkai serve`: the production server (gunicorn) on this machine.

Processes, not threads, by default: two gunicorn workers per core, one thread each (the
`gthread` worker, so browsers keep their connections alive). A Django request is mostly
Python, and Python threads of one process take turns on one interpreter lock. Our reading
(it fits the idle cores seen under the old default; not traced directly): under load a
thread that holds SQLite's write lock waits behind its siblings' work at every statement
(the interpreter hands the lock round every 5 ms), and every other writer waits with it.
Measured on the two-core benchmark machine (issue 10, `bench/intake.py`, interleaved runs):
2 workers × 4 threads took 163–253 applications/s, 4 workers × 1 thread 207–330/s, with
the dynamic pages (`bench/dynamic_pages.py`) well above their target either way. Two per
core so that a worker waiting on the database or a slow upload does not leave its core idle.
`--workers` (or WEB_CONCURRENCY) and `--threads` change it: a PostgreSQL on another machine,
where requests wait longer on the network, may want `--threads 2`.
"""

from __future__ import annotations

import os
import sys

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "以 gunicorn 启动平台。"

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--workers", type=int,
                            default=int(os.environ.get("WEB_CONCURRENCY", str(2 * (os.cpu_count() or 1)))))
        parser.add_argument("--threads", type=int, default=1)

    def handle(self, *args, host, port, workers, threads, **options):
        argv = [
            sys.executable, "-m", "gunicorn", "gongkai.wsgi:application",
            "--bind", f"{host}:{port}", "--worker-class", "gthread",
            "--workers", str(workers), "--threads", str(threads),
            "--access-logfile", "-", "--timeout", "60",
        ]
        self.stdout.write(f"启动 gunicorn：http://{host}:{port}/")
        self._identity_warning()
        sys.stdout.flush()
        os.execv(sys.executable, argv)

    def _identity_warning(self):
        """Says when identity data cannot be read (the site is served all the same; staff
        see “无法解密”). Best effort: a database that is not there yet is the web
        process's to report (503), not this."""
        from django.db import DatabaseError

        from gongkai.vault.services import vault_status

        try:
            status = vault_status()
        except DatabaseError:
            return
        if not status.ok:
            self.stderr.write(status.message)
