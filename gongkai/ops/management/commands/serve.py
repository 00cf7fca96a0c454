"""`gongkai serve`: the production server (gunicorn) on this machine."""

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
                            default=int(os.environ.get("WEB_CONCURRENCY", str(os.cpu_count() or 2))))
        parser.add_argument("--threads", type=int, default=4)

    def handle(self, *args, host, port, workers, threads, **options):
        argv = [
            sys.executable, "-m", "gunicorn", "gongkai.wsgi:application",
            "--bind", f"{host}:{port}",
            "--workers", str(workers), "--threads", str(threads),
            "--access-logfile", "-", "--timeout", "60",
        ]
        self.stdout.write(f"启动 gunicorn：http://{host}:{port}/")
        sys.stdout.flush()
        os.execv(sys.executable, argv)
