"""Database start-up check: one clear line instead of a traceback.

Every `gongkai` command that needs the database (and the web process at start) asks
`database_problem()` first: a database that cannot be opened or reached, or one whose
tables `gongkai migrate` has not created (or brought up to date) yet, is one Chinese line
saying what is wrong and what to run.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

MIGRATE_HINT = "请先运行 gongkai migrate（演示环境：scripts/demo.sh 会自动完成）"


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


def error_line(exc: BaseException) -> str:
    """The first line of a database error's message."""
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def database_problem(*, schema: bool = True) -> str | None:
    """Connects once; returns a one-line Chinese explanation when that fails, when the
    SQLite file does not exist yet, or (with `schema`) when migrations are not applied."""
    from django.db import connection
    from django.db.utils import Error

    if connection.vendor == "sqlite" and schema:
        name = Path(str(connection.settings_dict["NAME"]))
        if not name.exists():
            # Connecting would create an empty file: say what is missing instead.
            return f"数据库尚未创建（{describe_database()} 不存在）：{MIGRATE_HINT}"
    try:
        connection.ensure_connection()
    except Error as exc:  # OperationalError, InterfaceError, ...
        return f"无法连接数据库 {describe_database()}：{error_line(exc)}"
    if not schema:
        return None
    try:
        pending = unapplied_migrations()
    except Error as exc:
        return f"无法读取数据库 {describe_database()}：{error_line(exc)}"
    if pending is None:
        return f"数据库尚未初始化（{describe_database()} 中没有数据表）：{MIGRATE_HINT}"
    if pending:
        return f"数据库结构不是最新的（{pending} 个迁移未执行）：{MIGRATE_HINT}"
    return None


def unapplied_migrations() -> int | None:
    """How many migrations are not applied yet; None when none ever was."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor
    from django.db.migrations.recorder import MigrationRecorder

    if not MigrationRecorder(connection).has_table():
        return None
    executor = MigrationExecutor(connection)
    return len(executor.migration_plan(executor.loader.graph.leaf_nodes()))


# SQLite's messages for a database that is missing, unreadable, busy or without its tables
# (as opposed to a bug in a query: a syntax error, a missing column, a bad FTS5 query).
_SQLITE_UNAVAILABLE = ("no such table", "unable to open database", "file is not a database",
                       "database disk image is malformed", "disk i/o error", "database is locked",
                       "readonly database")
# PostgreSQL's SQLSTATEs for tables or schemas that are not there (migrations not run).
_POSTGRES_UNDEFINED = {"42P01", "3F000"}


def is_database_error(exc: BaseException) -> bool:
    """Whether `exc` says the database is down, unreadable or without its tables (rather
    than a bug in a query, which keeps its 500 and its traceback): what the web process
    answers with 503 and the commands report in one line."""
    from django.db.utils import InterfaceError, OperationalError, ProgrammingError

    if isinstance(exc, InterfaceError):
        return True
    cause = exc.__cause__
    if getattr(cause, "sqlstate", None) is not None:        # psycopg: connection and server errors
        return isinstance(exc, OperationalError) or cause.sqlstate in _POSTGRES_UNDEFINED
    if isinstance(exc, (OperationalError, ProgrammingError)):
        message = str(exc).lower()                         # SQLite, and psycopg before a server answered
        return any(text in message for text in _SQLITE_UNAVAILABLE) or (
            isinstance(exc, OperationalError) and "connection" in message)
    return False
