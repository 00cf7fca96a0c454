"""Link checking: every external link of a checklist item and every link inside a
published item, checked on a schedule, politely and safely.

- Only http and https. A host that resolves to a private, loopback, link-local or reserved
  address is not fetched (`GONGKAI_LINKCHECK_ALLOW_PRIVATE` lifts this, for intranets and
  tests), and nothing under the platform's own /admin/ is ever requested, redirects included.
- HEAD first, GET when HEAD is refused; redirects followed by hand (at most 5), each hop
  recorded and checked like the first; a loop is reported as such.
- Timeouts on connect and on every read, an overall deadline per link, and at most 64 KB
  read from a body: a host that never answers, drips bytes or serves an enormous page
  cannot hold the worker.
- Per host one request at a time with a pause between them; a few hosts in parallel.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import quote, urljoin, urlsplit

from django.conf import settings
from django.utils import timezone

MAX_REDIRECTS = 5
MAX_BODY = 64 * 1024


@dataclass
class LinkResult:
    url: str
    ok: bool
    status: int | None = None
    reason: str = ""
    redirects: list[str] = field(default_factory=list)


class Refused(Exception):
    pass


def _own_admin(url: str) -> bool:
    own = urlsplit(settings.BASE_URL)
    parts = urlsplit(url)
    return parts.hostname == own.hostname and (parts.port or 80) == (own.port or 80) and \
        parts.path.startswith("/admin")


def _check_address(host: str, port: int, allow_private: bool | None) -> None:
    if allow_private is None:
        allow_private = getattr(settings, "GONGKAI_LINKCHECK_ALLOW_PRIVATE", False)
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except socket.gaierror as exc:
        raise Refused(f"域名无法解析（{exc.strerror}）") from None
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if address.is_private or address.is_loopback or address.is_link_local or address.is_reserved \
                or address.is_multicast or address.is_unspecified:
            raise Refused("内网地址，不检查")


def _request(url: str, method: str, timeout: float, deadline: float,
             allow_private: bool | None = None) -> tuple[int, str | None]:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise Refused("不是 http/https 链接")
    if _own_admin(url):
        raise Refused("平台管理后台的地址，不检查")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    _check_address(parts.hostname, port, allow_private)
    remaining = max(0.5, deadline - time.monotonic())
    if parts.scheme == "https":
        connection = http.client.HTTPSConnection(parts.hostname, port, timeout=min(timeout, remaining),
                                                 context=ssl.create_default_context())
    else:
        connection = http.client.HTTPConnection(parts.hostname, port, timeout=min(timeout, remaining))
    path = quote(parts.path or "/", safe="/%:@!$&'()*+,;=~") + (
        f"?{quote(parts.query, safe='/%:@!$&()*+,;=?~')}" if parts.query else "")
    try:
        connection.request(method, path, headers={"User-Agent": "Gongkai-linkcheck/1.0",
                                                  "Accept": "*/*"})
        response = connection.getresponse()
        if method == "GET":
            read = 0
            while read < MAX_BODY and time.monotonic() < deadline:
                chunk = response.read(min(8192, MAX_BODY - read))
                if not chunk:
                    break
                read += len(chunk)
        return response.status, response.getheader("Location")
    finally:
        connection.close()


def check_url(url: str, *, timeout: float = 10.0, budget: float = 30.0,
              allow_private: bool | None = None) -> LinkResult:
    """Whether `url` answers with a success status, following redirects. `allow_private`
    overrides GONGKAI_LINKCHECK_ALLOW_PRIVATE for this one check."""
    deadline = time.monotonic() + budget
    current, hops = url, []
    try:
        for _ in range(MAX_REDIRECTS + 1):
            status, location = _request(current, "HEAD", timeout, deadline, allow_private)
            if status in (403, 405, 501):
                status, location = _request(current, "GET", timeout, deadline, allow_private)
            if status in (301, 302, 303, 307, 308) and location:
                following = urljoin(current, location)
                if following in hops or following == url:
                    return LinkResult(url, False, status, "重定向循环", hops + [following])
                hops.append(following)
                current = following
                continue
            ok = 200 <= status < 400
            return LinkResult(url, ok, status, "" if ok else f"HTTP {status}", hops)
        return LinkResult(url, False, None, f"重定向超过 {MAX_REDIRECTS} 次", hops)
    except Refused as exc:
        return LinkResult(url, False, None, str(exc), hops)
    except (TimeoutError, socket.timeout):
        return LinkResult(url, False, None, "超时无响应", hops)
    except ssl.SSLError as exc:
        return LinkResult(url, False, None, f"证书或加密错误（{exc.reason or exc}）", hops)
    except (OSError, http.client.HTTPException) as exc:
        return LinkResult(url, False, None, f"无法访问（{type(exc).__name__}）", hops)


def check_urls(urls: list[str], *, timeout: float = 10.0, host_delay: float | None = None,
               hosts_in_parallel: int = 4) -> list[LinkResult]:
    """Checks many links: per host one at a time with `host_delay` seconds between
    requests, several hosts at once."""
    delay = settings.GONGKAI_LINKCHECK_HOST_DELAY if host_delay is None else host_delay
    by_host: dict[str, list[str]] = defaultdict(list)
    for url in dict.fromkeys(urls):
        by_host[urlsplit(url).hostname or ""].append(url)

    def run(host_urls: list[str]) -> list[LinkResult]:
        results = []
        for index, url in enumerate(host_urls):
            if index:
                time.sleep(delay)
            results.append(check_url(url, timeout=timeout))
        return results

    with ThreadPoolExecutor(max_workers=max(1, min(hosts_in_parallel, len(by_host) or 1))) as pool:
        return [r for group in pool.map(run, by_host.values()) for r in group]


class _Hrefs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href") or ""
            if href.startswith(("http://", "https://")):
                self.hrefs.append(href.strip())


def hrefs(html: str) -> list[str]:
    parser = _Hrefs()
    parser.feed(html or "")
    return parser.hrefs


def checklist_link_sources(link) -> list[dict]:
    """Where a checklist item's external link appears, as `LinkSource` fields: once per
    department answering for the item (or once, with none)."""
    from .models import LinkSource

    return [{"kind": LinkSource.Kind.CHECKLIST, "checklist_item": link.item, "department": department}
            for department in list(link.item.departments.all()) or [None]]


def links_collect() -> int:
    """Rebuilds the list of links to check from the checklist and the live items."""
    from django.db import transaction

    from gongkai.catalog.models import ChecklistLink
    from gongkai.publishing.models import DisclosureItemPage

    from .models import LinkSource, LinkStatus

    own = urlsplit(settings.BASE_URL).netloc
    sources: list[tuple[str, dict]] = []
    for link in ChecklistLink.objects.select_related("item").prefetch_related("item__departments"):
        sources.extend((link.url, fields) for fields in checklist_link_sources(link))
    for pk, department_id, body in DisclosureItemPage.objects.filter(live=True).values_list(
            "pk", "department_id", "body").iterator(chunk_size=2000):
        for url in hrefs(body):
            if urlsplit(url).netloc != own:
                sources.append((url, {"kind": LinkSource.Kind.ITEM, "page_id": pk, "department_id": department_id}))
    with transaction.atomic():
        LinkSource.objects.all().delete()
        known = {s.url: s for s in LinkStatus.objects.all()}
        for url, _ in sources:
            if url not in known:
                known[url] = LinkStatus.objects.create(url=url[:1000], host=(urlsplit(url).hostname or "")[:255])
        LinkSource.objects.bulk_create(LinkSource(link=known[url], **fields) for url, fields in sources)
        LinkStatus.objects.filter(sources__isnull=True).delete()
    return len(known)


def links_run(*, timeout: float = 10.0, host_delay: float | None = None) -> dict:
    """Checks every collected link and records what changed; returns counts."""
    from .models import LinkStatus

    urls = list(LinkStatus.objects.values_list("url", flat=True))
    return links_record(check_urls(urls, timeout=timeout, host_delay=host_delay))


def links_record(results: list[LinkResult]) -> dict:
    """Records check results (a link not seen before gets its row); returns counts."""
    from .models import LinkStatus

    statuses = {s.url: s for s in LinkStatus.objects.all()}
    now = timezone.now()
    newly_broken = recovered = 0
    for result in results:
        status = statuses.get(result.url)
        if status is None:
            status = statuses[result.url] = LinkStatus(url=result.url[:1000],
                                                       host=(urlsplit(result.url).hostname or "")[:255])
        if result.ok:
            recovered += status.ok is False
            status.failing_since = None
            status.last_ok_at = now
        else:
            newly_broken += status.ok is not False
            status.failing_since = status.failing_since or now
        status.ok, status.status_code, status.error = result.ok, result.status, result.reason[:300]
        status.redirects, status.last_checked_at = result.redirects, now
        status.save()
    return {"checked": len(results), "newly_broken": newly_broken, "recovered": recovered,
            "broken": sum(1 for s in statuses.values() if s.ok is False)}
