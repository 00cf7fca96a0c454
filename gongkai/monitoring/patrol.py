"""巡查: a polite crawl of the university's own sites (its departments' and colleges'),
looking for what an inspector would find: exposed ID and mobile numbers and secrecy
markings in pages and attachments, broken links, stale pages.

Nothing but the configured hosts is ever fetched: the start URLs' hosts (or the hosts
kept under 监督检查 › 巡查站点); a link or a redirect elsewhere is reported as skipped.
Within a host the crawl follows robots.txt (for its user agent), waits `delay` seconds
between requests (at least one second by default), stops at `max_pages` and `max_depth`,
reads at most `max_bytes` of a response (a larger one is skipped, not read to the end),
gives up on a request after `timeout` seconds, follows at most `max_redirects` redirects
and reports a loop. What a response is comes from its bytes (PDF, DOCX, XLSX, HTML,
text), not from its Content-Type, which may lie. Pages are read with lxml's HTML parser;
pages and attachments are scanned by the same scanner as the privacy gate
(gongkai.privacy.documents.scan_file), so findings are masked and placed the same way.

Every event is one `Event` (url, kind, masked, location): `page` or `attachment` for
each thing read, a privacy kind (id_card, mobile, bank_card, email, secret_mark,
id_card_truncated), `broken_link`, `stale_page` or `skipped`.
"""

from __future__ import annotations

import io
import tempfile
import time
import zipfile
from collections import deque
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from gongkai.privacy.detect import KINDS
from gongkai.privacy.documents import UnreadableFile, scan_file

USER_AGENT = "GongkaiPatrol/1.0 (+university disclosure self-check; the disclosure office)"
REDIRECTS = {301, 302, 303, 307, 308}
BROKEN, STALE, SKIPPED, PAGE, ATTACHMENT = "broken_link", "stale_page", "skipped", "page", "attachment"


@dataclass(frozen=True)
class Limits:
    max_pages: int = 200
    max_depth: int = 4
    max_bytes: int = 20 * 1024 * 1024
    delay: float = 1.0
    timeout: float = 10.0
    max_redirects: int = 5
    stale_days: int = 730


@dataclass(frozen=True)
class Event:
    url: str
    kind: str
    masked: str
    location: str

    def as_json(self) -> dict:
        return {"url": self.url, "kind": self.kind, "masked": self.masked, "location": self.location}

    @property
    def is_finding(self) -> bool:
        return self.kind in KINDS


@dataclass
class HostReport:
    host: str
    pages: int = 0
    attachments: int = 0
    events: list[Event] = field(default_factory=list)

    def of(self, *kinds: str) -> list[Event]:
        return [e for e in self.events if e.kind in kinds]

    @property
    def findings(self) -> list[Event]:
        return [e for e in self.events if e.is_finding]


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def _sniff(body: bytes, content_type: str) -> str | None:
    """The suffix the scanner reads the body as, from its bytes."""
    head = body[:8]
    if head.startswith(b"%PDF-"):
        return ".pdf"
    if head.startswith(b"PK\x03\x04"):
        try:
            names = set(zipfile.ZipFile(io.BytesIO(body)).namelist())
        except zipfile.BadZipFile:
            return None
        return ".docx" if "word/document.xml" in names else ".xlsx" if "xl/workbook.xml" in names else None
    if head.startswith(b"\x89PNG") or head.startswith(b"\xff\xd8\xff"):
        return ".png" if head.startswith(b"\x89PNG") else ".jpg"
    text = body[:512].lstrip().lower()
    if text.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<meta", b"<!--")) or "html" in content_type:
        return ".html"
    if content_type.startswith("text/"):
        return ".txt"
    return None


class _Host:
    """One host's crawl: its robots.txt, its pace, its queue."""

    def __init__(self, origin: str, client: httpx.Client, limits: Limits, allowed: set[str]):
        self.origin, self.client, self.limits, self.allowed = origin, client, limits, allowed
        self.report = HostReport(host=origin)
        self._last = 0.0
        self.robots = RobotFileParser()
        self.robots.parse([])

    def _wait(self) -> None:
        pause = self.limits.delay - (time.monotonic() - self._last)
        if pause > 0:
            time.sleep(pause)
        self._last = time.monotonic()

    def _get(self, url: str) -> tuple[int, dict, bytes | None, str]:
        """(status, headers, body or None when too large, final URL); raises httpx errors."""
        self._wait()
        with self.client.stream("GET", url) as response:
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > self.limits.max_bytes:
                return response.status_code, dict(response.headers), None, url
            chunks, size = [], 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > self.limits.max_bytes:
                    return response.status_code, dict(response.headers), None, url
                chunks.append(chunk)
            return response.status_code, dict(response.headers), b"".join(chunks), url

    def load_robots(self) -> None:
        try:
            status, _, body, _ = self._get(self.origin + "/robots.txt")
        except httpx.HTTPError:
            return
        if status == 200 and body is not None:
            self.robots.parse(body.decode("utf-8", "replace").splitlines())

    def fetch(self, url: str, referrer: str) -> tuple[bytes, dict, str] | None:
        """The body of `url` after redirects within the allowed hosts, or None (the reason
        recorded as an event)."""
        chain = [url]
        while True:
            try:
                status, headers, body, _ = self._get(url)
            except httpx.TimeoutException:
                return self._skip(url, "请求超时")
            except httpx.HTTPError as exc:
                return self._broken(url, referrer, f"无法连接（{type(exc).__name__}）")
            if status in REDIRECTS and "location" in headers:
                target = urldefrag(urljoin(url, headers["location"]))[0]
                if target in chain:
                    return self._skip(chain[0], f"重定向循环：{' → '.join(chain + [target])}")
                if len(chain) > self.limits.max_redirects:
                    return self._skip(chain[0], f"重定向超过{self.limits.max_redirects}次")
                if _origin(target) not in self.allowed:
                    return self._skip(target, f"重定向到站外，未访问（自 {chain[0]}）")
                if not self.robots.can_fetch(USER_AGENT, target):
                    return self._skip(target, "robots.txt 不允许访问")
                chain.append(target)
                url = target
                continue
            if status >= 400:
                return self._broken(chain[0], referrer, f"HTTP {status}")
            if body is None:
                return self._skip(url, f"超过大小上限 {_size(self.limits.max_bytes)}，未读取")
            return body, headers, url

    def _skip(self, url: str, reason: str) -> None:
        self.report.events.append(Event(url, SKIPPED, "", reason))
        return None

    def _broken(self, url: str, referrer: str, reason: str) -> None:
        where = f"链接自 {referrer}" if referrer else "起始地址"
        self.report.events.append(Event(url, BROKEN, "", f"{where}：{reason}"))
        return None


def _size(count: int) -> str:
    return f"{count / 1024 / 1024:g} MB" if count >= 1024 * 1024 else f"{count // 1024} KB"


def _links(body: bytes, base: str) -> list[str]:
    import lxml.html

    try:
        document = lxml.html.document_fromstring(body)
    except (ValueError, lxml.etree.ParserError):
        return []
    document.make_links_absolute(base, resolve_base_href=True)
    found = []
    for element in document.xpath("//a[@href] | //iframe[@src] | //frame[@src]"):
        target = element.get("href") or element.get("src") or ""
        target = urldefrag(target.strip())[0]
        if urlsplit(target).scheme in ("http", "https"):
            found.append(target)
    return list(dict.fromkeys(found))


def _scan(host: _Host, url: str, body: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"document{suffix}"
        path.write_bytes(body)
        try:
            found = scan_file(path, name=url)
        except UnreadableFile as exc:
            host.report.events.append(Event(url, SKIPPED, "", f"无法读取：{exc}"))
            return
    for finding in found:
        host.report.events.append(Event(url, finding.kind, finding.masked, finding.location))


def _stale(host: _Host, url: str, headers: dict, today) -> None:
    modified = headers.get("last-modified")
    if not modified:
        return
    try:
        when = parsedate_to_datetime(modified).date()
    except (TypeError, ValueError):
        return
    if (today - when).days > host.limits.stale_days:
        host.report.events.append(Event(url, STALE, "", f"最后修改于{when.year}年{when.month}月{when.day}日"))


def patrol(start_urls: list[str], limits: Limits = Limits(), *, today=None) -> list[HostReport]:
    """Crawls each start URL's host (and nothing else); one report per host."""
    from django.utils import timezone

    today = today or timezone.localdate()
    starts = [urldefrag(u.strip())[0] for u in start_urls if urlsplit(u.strip()).scheme in ("http", "https")]
    allowed = {_origin(u) for u in starts}
    reports = []
    with httpx.Client(follow_redirects=False, timeout=limits.timeout, headers={"User-Agent": USER_AGENT},
                      trust_env=False) as client:
        for origin in dict.fromkeys(_origin(u) for u in starts):
            host = _Host(origin, client, limits, allowed)
            host.load_robots()
            queue = deque((u, 0, "") for u in starts if _origin(u) == origin)
            seen = {u for u, _, _ in queue}
            while queue:
                url, depth, referrer = queue.popleft()
                if host.report.pages + host.report.attachments >= limits.max_pages:
                    host._skip(url, f"已达页面数上限 {limits.max_pages}，未访问")
                    continue
                if not host.robots.can_fetch(USER_AGENT, url):
                    host._skip(url, "robots.txt 不允许访问")
                    continue
                fetched = host.fetch(url, referrer)
                if fetched is None:
                    continue
                body, headers, final = fetched
                suffix = _sniff(body, headers.get("content-type", "").lower())
                if suffix is None:
                    host._skip(final, "无法识别的文件类型，未检查")
                    continue
                if suffix == ".html":
                    host.report.pages += 1
                    host.report.events.append(Event(final, PAGE, "", f"深度{depth}"))
                    _stale(host, final, headers, today)
                else:
                    host.report.attachments += 1
                    host.report.events.append(Event(final, ATTACHMENT, "", f"{suffix[1:].upper()}，深度{depth}"))
                _scan(host, final, body, suffix)
                if suffix != ".html":
                    continue
                for link in _links(body, final):
                    if link in seen:
                        continue
                    seen.add(link)
                    if _origin(link) not in allowed:
                        host._skip(link, f"站外链接，未访问（见于 {final}）")
                    elif depth + 1 > limits.max_depth:
                        host._skip(link, f"超过深度上限 {limits.max_depth}，未访问")
                    else:
                        queue.append((link, depth + 1, final))
            reports.append(host.report)
    return reports


SCHEDULES = [("站点巡查", "gongkai.monitoring.patrol.patrol_job", "weekly", 0)]


def patrol_job() -> int:
    """The weekly patrol of the hosts kept in the admin: the office gets every host's
    summary, each host's department its own findings. Returns the findings' count."""
    from django.contrib.auth import get_user_model

    from gongkai.events.services import event_record
    from gongkai.org.models import Role

    from .jobs import notice_send
    from .models import PatrolHost

    hosts = list(PatrolHost.objects.filter(is_active=True).select_related("department"))
    if not hosts:
        return 0
    reports = {r.host: r for r in patrol([h.url for h in hosts])}
    users = get_user_model().objects.filter(is_active=True)
    lines, found = [], 0
    for host in hosts:
        report = reports.get(_origin(host.url))
        if report is None:
            continue
        found += len(report.findings)
        summary = (f"{host.name}（{report.host}）：网页{report.pages}个，附件{report.attachments}个；个人信息和密级标志"
                   f"{len(report.findings)}处，失效链接{len(report.of(BROKEN))}个，长期未更新{len(report.of(STALE))}个，"
                   f"跳过{len(report.of(SKIPPED))}个。")
        lines.append(summary)
        details = [f"- {e.url} {e.location}：{e.masked}" for e in report.findings[:50]]
        if host.department and report.findings:
            people = users.filter(memberships__department=host.department,
                                  memberships__role__in=[Role.CLERK, Role.HEAD]).distinct()
            for person in people:
                notice_send(person, f"站点巡查发现问题：{host.name}", summary + "\n" + "\n".join(details), kind="patrol")
    for person in users.filter(memberships__role=Role.OFFICE).distinct():
        notice_send(person, "站点巡查结果", "\n".join(lines), kind="patrol")
    event_record(actor=None, verb="monitoring.patrol", data={"hosts": len(hosts), "findings": found})
    return found
