"""Database start-up check: one clear line instead of a traceback."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit


def describe_database() -> str:
    """The configured database as a short string, with any password hidden."""
    import os

    from django.conf import settings

    url = os.environ.get("DATABASE_URL")
    if not url:
        return f"SQLite {settings.DATABASES['default']['NAME']}"
    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        parts = parts._replace(netloc=netloc)
    return urlunsplit(parts)


def database_problem() -> str | None:
    """Connects once; returns a one-line Chinese explanation when that fails."""
    from django.db import connection
    from django.db.utils import Error

    try:
        connection.ensure_connection()
    except Error as exc:  # OperationalError, InterfaceError, ...
        first_line = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        return f"无法连接数据库 {describe_database()}：{first_line}"
    return None
