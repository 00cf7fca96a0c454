"""Does a link answer? A polite, bounded check (HEAD, then GET when HEAD is refused):
short timeouts, a cap on redirects, only http(s), a few at a time. The monitoring issue's
scheduled link checker builds on this."""

from __future__ import annotations

import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import urlsplit


@dataclass
class LinkResult:
    url: str
    ok: bool
    status: int | None
    reason: str = ""


class _NoRedirectLoops(urllib.request.HTTPRedirectHandler):
    max_redirections = 5


def link_check(url: str, *, timeout: float = 5.0) -> LinkResult:
    if urlsplit(url).scheme not in ("http", "https"):
        return LinkResult(url, False, None, "不是 http/https 链接")
    opener = urllib.request.build_opener(_NoRedirectLoops)
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={"User-Agent": "Gongkai-linkcheck/1.0"})
        try:
            with opener.open(request, timeout=timeout) as response:
                return LinkResult(url, True, response.status)
        except urllib.error.HTTPError as exc:
            if method == "HEAD" and exc.code in (403, 405, 501):
                continue   # some servers refuse HEAD: ask again with GET
            return LinkResult(url, False, exc.code, f"HTTP {exc.code}")
        except (urllib.error.URLError, TimeoutError, OSError, ValueError) as exc:
            reason = getattr(exc, "reason", exc)
            return LinkResult(url, False, None, f"无法访问（{reason}）")
    return LinkResult(url, False, None, "无法访问")


def links_check(urls: list[str], *, timeout: float = 5.0, workers: int = 8) -> list[LinkResult]:
    unique = list(dict.fromkeys(urls))
    with ThreadPoolExecutor(max_workers=max(1, min(workers, len(unique) or 1))) as pool:
        return list(pool.map(lambda u: link_check(u, timeout=timeout), unique))
