"""When the database is down, unreadable or has no tables yet: the web process answers 503
with a page that needs no database, and logs one clear line instead of a stack trace.

Django turns an exception anywhere in the middleware or a view into `handler500`'s
response and logs it on ``django.request``; `server_error` answers database errors with
503 (and every other error with the plain 500 page), and `DatabaseErrorLine` rewrites the
log record of a database error to one line naming the database and what to run.
"""

from __future__ import annotations

import logging
import sys

from django.http import HttpResponse
from django.template import loader

from gongkai.db import MIGRATE_HINT, describe_database, error_line, is_database_error


def server_error(request) -> HttpResponse:
    """handler500. Renders without a request context: the context processors read the
    database, which may be what failed."""
    exc = sys.exc_info()[1]
    if exc is not None and is_database_error(exc):
        response = HttpResponse(loader.get_template("portal/503.html").render(), status=503)
        response["Retry-After"] = "60"
        return response
    return HttpResponse(loader.get_template("portal/500.html").render(), status=500)


class DatabaseErrorLine(logging.Filter):
    """Logging filter: a database error's record becomes one line, without the traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        if exc is not None and is_database_error(exc):
            record.msg = "数据库不可用，已返回 503（%s %s）：%s：%s"
            record.args = (getattr(getattr(record, "request", None), "path", ""), describe_database(),
                           error_line(exc), hint_for(exc))
            record.exc_info = record.exc_text = None
        return True


def hint_for(exc: BaseException) -> str:
    text = str(exc)
    if "no such table" in text or "does not exist" in text:
        return f"数据表不存在，{MIGRATE_HINT}"
    return "请检查数据库是否在运行、DATABASE_URL 和数据目录是否正确"
