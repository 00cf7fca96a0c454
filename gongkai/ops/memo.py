"""What a process remembers across requests: the site with its home page, the university
profile — read on every page, changed rarely.

An entry is renewed after `seconds`, at once in this process when `clear` runs (connected to
the saves that change it), and sooner when the request has seen a newer content version than
the entry: the public page cache reads that version on every anonymous request
(`ops.pagecache`), so a page it stores is never rendered from an entry older than the
content it is filed under. Requests that bypass the page cache (signed-in and campus
readers) see another process's change within `seconds`.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable
from typing import Any

VERSION_ATTRIBUTE = "_gongkai_content_version"


class Remembered:
    def __init__(self, seconds: float):
        self.seconds = seconds
        self._values: dict[Hashable, tuple[float, int | None, Any]] = {}
        self._lock = threading.Lock()

    def get(self, request, key: Hashable, load: Callable[[], Any]) -> Any:
        seen = getattr(request, VERSION_ATTRIBUTE, None)
        now = time.monotonic()
        found = self._values.get(key)
        if found is None or now - found[0] > self.seconds or (seen is not None and seen != found[1]):
            found = (now, seen, load())
            with self._lock:
                self._values[key] = found
        return found[2]

    def clear(self, **kwargs) -> None:
        with self._lock:
            self._values.clear()
