"""What a process remembers across requests: the site with its home page, the university
profile, the page at a URL with its attachments, the titles of a page's ancestors, which
pages carry view restrictions, the holiday table — read on every page, changed rarely.

Every entry is filed under the content version (`edge.models.ContentVersion`) current when
it was loaded, and is used only by a request that reads the same version: a request reads
the version once, on the first memo it asks (`request_version`; the public page cache reads
it anyway). Everything remembered here bumps that version when it changes (the content
signals in `edge.pagecache`), in whichever process changes it, at the commit of the change.
So an entry is never older than what the request could read from the database itself: a
change made in another process is seen at the next request, signed in or not.

A value loaded inside a transaction (which may hold a change not yet committed, or never
to be) is used but not kept. An entry is also renewed after `seconds` (a change made
around the signals, in SQL), and at once in this process when `clear` runs.
"""

from __future__ import annotations

import threading
import time
import weakref
from collections.abc import Callable, Hashable
from typing import Any

from django.db import connection

VERSION_ATTRIBUTE = "_gongkai_content_version"


def request_version(request) -> int | None:
    """The content version as this request reads it, read on the first call and kept on
    the request; None for no request (then entries live by age and `clear` alone)."""
    if request is None:
        return None
    version = getattr(request, VERSION_ATTRIBUTE, None)
    if version is None:
        from .content import content_version

        version = content_version()
        setattr(request, VERSION_ATTRIBUTE, version)
    return version


def _reads_committed() -> bool:
    """Whether what is read now is committed: no transaction is open, but a test's own
    (marked by Django's TestCase, as its `durable` check reads them)."""
    return all(getattr(block, "_from_testcase", False) for block in connection.atomic_blocks)


_all: weakref.WeakSet[Remembered] = weakref.WeakSet()


def clear_all() -> None:
    """Forgets everything remembered (the test suite, whose rolled-back transactions
    hand the same content version out again)."""
    for remembered in list(_all):
        remembered.clear()


class Remembered:
    """Values by key, each renewed after `seconds` or at another content version; at most
    `limit` keys (the oldest stored goes first) where keys come from the URL."""

    def __init__(self, seconds: float, limit: int | None = None):
        self.seconds = seconds
        self.limit = limit
        self._values: dict[Hashable, tuple[float, int | None, Any]] = {}
        self._lock = threading.Lock()
        _all.add(self)

    def get(self, request, key: Hashable, load: Callable[[], Any]) -> Any:
        seen = request_version(request)
        now = time.monotonic()
        found = self._values.get(key)
        if found is None or now - found[0] > self.seconds or seen != found[1]:
            found = (now, seen, load())
            if _reads_committed():
                with self._lock:
                    self._values.pop(key, None)
                    if self.limit is not None and len(self._values) >= self.limit:
                        del self._values[next(iter(self._values))]
                    self._values[key] = found
        return found[2]

    def clear(self, **kwargs) -> None:
        with self._lock:
            self._values.clear()
