"""Writes kept in a process and done together: the view beacons (`portal.readership`) and
the search statistics (`search.stats`), which come with page reads and must not each cost
a write (on SQLite, a turn of the database's one write lock).

A `Batch` keeps what it is given; `add` says when it is time to write (every
`GONGKAI_VIEW_FLUSH_SECONDS`, or at `size` entries); `take` hands over what is kept. What
a process kept and had not written when it stops is written at exit (`at_exit`); a
process killed outright loses those few seconds of counts, which is the price of not
writing on every read.
"""

from __future__ import annotations

import atexit
import threading
import time
from collections.abc import Callable

from django.conf import settings


class Batch:
    def __init__(self, size: int = 500):
        self.size = size
        self._items: list = []
        self._lock = threading.Lock()
        self._last = time.monotonic()

    def add(self, item) -> bool:
        """Keeps `item`; True when the caller should write now."""
        with self._lock:
            self._items.append(item)
            return (len(self._items) >= self.size
                    or time.monotonic() - self._last >= settings.GONGKAI_VIEW_FLUSH_SECONDS)

    def take(self) -> list:
        with self._lock:
            items, self._items = self._items, []
            self._last = time.monotonic()
        return items

    def put_back(self, items: list) -> None:
        """Items taken but not written (tests: another process's batch)."""
        with self._lock:
            self._items.extend(items)

    def kept(self) -> list:
        with self._lock:
            return list(self._items)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


def at_exit(flush: Callable[[], object]) -> None:
    """Runs `flush` when the process exits; a database gone by then loses the batch."""
    def run() -> None:
        try:
            flush()
        except Exception:
            pass
    atexit.register(run)


# Rows per statement: 3 × 300 parameters stay under SQLite's oldest limit (999).
CHUNK_ROWS = 300


def rows_upserted(table: str, columns: list[str], rows: list[tuple], conflict: str):
    """`INSERT INTO table (columns) VALUES (…), (…) ON CONFLICT <conflict>` in chunks of
    CHUNK_ROWS (both databases take it); yields each statement's returned rows."""
    from django.db import connection

    names = ", ".join(f'"{c}"' for c in columns)
    for start in range(0, len(rows), CHUNK_ROWS):
        chunk = rows[start:start + CHUNK_ROWS]
        placeholders = ", ".join("(" + ", ".join(["%s"] * len(columns)) + ")" for _ in chunk)
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {table} ({names}) VALUES {placeholders} ON CONFLICT {conflict}",
                           [value for row in chunk for value in row])
            yield cursor.fetchall() if "RETURNING" in conflict else []
