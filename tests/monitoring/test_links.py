"""The link checker against a local HTTP server: answers, failures, loops, slowness,
enormous pages, refusals; a broken link is reported, told to its department, and recovers."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from gongkai.catalog.models import ChecklistItem, ChecklistLink
from gongkai.monitoring.links import check_url, hrefs, links_collect, links_run
from gongkai.monitoring.models import LinkSource, LinkStatus

pytestmark = pytest.mark.django_db
STATE = {"flaky": 404}


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_HEAD(self):
        self._answer(head=True)

    def do_GET(self):
        self._answer(head=False)

    def _answer(self, head: bool):
        path = self.path
        if path == "/ok":
            self._send(200)
        elif path == "/missing":
            self._send(404)
        elif path == "/error":
            self._send(500)
        elif path == "/no-head":
            self._send(405 if head else 200)
        elif path == "/loop-a":
            self._send(302, {"Location": "/loop-b"})
        elif path == "/loop-b":
            self._send(302, {"Location": "/loop-a"})
        elif path == "/moved":
            self._send(301, {"Location": "/ok"})
        elif path == "/to-admin":
            self._send(302, {"Location": "http://127.0.0.1:8000/admin/"})
        elif path == "/slow":
            time.sleep(3)
            self._send(200)
        elif path == "/huge":
            self.send_response(200 if head else 200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            if not head:
                try:
                    for _ in range(100_000):          # ~800 MB if read to the end
                        self.wfile.write(b"x" * 8192)
                except (BrokenPipeError, ConnectionResetError):
                    pass
        elif path == "/flaky":
            self._send(STATE["flaky"])
        else:
            self._send(404)

    def _send(self, status, headers=None):
        self.send_response(status)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.send_header("Content-Length", "0")
        self.end_headers()


@pytest.fixture
def server(settings):
    settings.GONGKAI_LINKCHECK_ALLOW_PRIVATE = True
    settings.BASE_URL = "http://127.0.0.1:8000"
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_answers_failures_and_redirects(server):
    assert check_url(f"{server}/ok").ok
    assert check_url(f"{server}/no-head").ok                 # HEAD refused, GET answers
    moved = check_url(f"{server}/moved")
    assert moved.ok and moved.redirects == [f"{server}/ok"]
    assert check_url(f"{server}/missing").reason == "HTTP 404"
    assert check_url(f"{server}/error").reason == "HTTP 500"
    loop = check_url(f"{server}/loop-a")
    assert not loop.ok and loop.reason == "重定向循环"
    admin = check_url(f"{server}/to-admin")
    assert not admin.ok and "管理后台" in admin.reason   # never followed into our admin


def test_slow_enormous_and_refused(server, settings):
    started = time.monotonic()
    slow = check_url(f"{server}/slow", timeout=1)
    assert not slow.ok and slow.reason == "超时无响应" and time.monotonic() - started < 2.5
    started = time.monotonic()
    assert check_url(f"{server}/huge").ok and time.monotonic() - started < 5   # capped, not read whole
    assert check_url("ftp://example.org/file").reason == "不是 http/https 链接"
    assert check_url("javascript:alert(1)").reason == "不是 http/https 链接"
    settings.GONGKAI_LINKCHECK_ALLOW_PRIVATE = False
    assert check_url(f"{server}/ok").reason == "内网地址，不检查"
    assert check_url("http://169.254.169.254/latest/meta-data/").reason == "内网地址，不检查"


def test_hrefs():
    assert hrefs('<p><a href="https://a.cn/x">a</a><a href="/local">b</a><a href="mailto:x@y">c</a></p>') == [
        "https://a.cn/x"]


def test_a_broken_link_is_reported_told_and_recovers(server, cast, budget_items):
    from django.core import mail

    from gongkai.monitoring.jobs import send_digests
    from gongkai.monitoring.models import Notice

    item = ChecklistItem.objects.get(number=19)
    item.departments.set([cast.dept_a])
    ChecklistLink.objects.create(item=item, url=f"{server}/flaky")
    page = budget_items["budget"]
    page.body = f'<p>详见<a href="{server}/ok">预算表</a>。</p>'
    page.save_revision().publish()
    assert links_collect() == 2
    assert LinkSource.objects.get(link__url=f"{server}/ok").department == cast.dept_a
    result = links_run(host_delay=0)
    assert result == {"checked": 2, "newly_broken": 1, "recovered": 0, "broken": 1}
    broken = LinkStatus.objects.get(url=f"{server}/flaky")
    assert broken.ok is False and broken.failing_since is not None and broken.error == "HTTP 404"
    since = broken.failing_since
    links_run(host_delay=0)
    assert LinkStatus.objects.get(url=f"{server}/flaky").failing_since == since   # since when it failed
    cast.clerk_a.email = "clerk@example.cn"
    cast.clerk_a.save()
    assert send_digests() >= 1
    notice = Notice.objects.get(recipient=cast.clerk_a)
    assert f"{server}/flaky" in notice.body and notice.emailed
    assert any(f"{server}/flaky" in m.body for m in mail.outbox)
    assert not Notice.objects.filter(recipient=cast.clerk_b, body__contains="flaky").exists()
    from django.test import Client

    reader = Client()
    reader.force_login(cast.clerk_a)
    assert f"{server}/flaky" in reader.get("/admin/monitoring/notices/").content.decode()   # what was sent to me
    assert f"{server}/flaky" in reader.get("/admin/monitoring/links/").content.decode()
    STATE["flaky"] = 200
    try:
        assert links_run(host_delay=0)["recovered"] == 1
    finally:
        STATE["flaky"] = 404
    recovered = LinkStatus.objects.get(url=f"{server}/flaky")
    assert recovered.ok and recovered.failing_since is None


def test_hosts_are_asked_politely(server):
    from gongkai.monitoring.links import check_urls

    started = time.monotonic()
    results = check_urls([f"{server}/ok", f"{server}/missing", f"{server}/ok"], host_delay=0.5)
    assert len(results) == 2 and time.monotonic() - started >= 0.5   # one host: one at a time, with a pause
