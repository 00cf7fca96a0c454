"""巡查 (`gongkai patrol`): a small site served here on loopback — pages, PDF/DOCX/XLSX
attachments with planted numbers, a redirect loop, an off-site link, a broken link, a
page robots.txt forbids, a PDF served as text/html, a too-large file — gives exactly the
planted findings, and never leaves the site."""

from __future__ import annotations

import io
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import CommandError, call_command

from gongkai.monitoring.patrol import BROKEN, SKIPPED, STALE, Limits, patrol

from ..privacy.conftest import ID, MOBILE, make_docx, make_pdf, make_xlsx

ID2 = "440106198807070010"
MOBILE2 = "13912345678"


def _site(tmp_path) -> dict[str, tuple[int, dict, bytes]]:
    pdf = make_pdf(tmp_path / "a.pdf", [f"拟录取名单 张三 身份证号 {ID}"]).read_bytes()
    lying = make_pdf(tmp_path / "b.pdf", [f"联系电话 {MOBILE2}"]).read_bytes()
    docx = make_docx(tmp_path / "c.docx", paragraphs=["资助名单", f"李四 手机 {MOBILE}"]).read_bytes()
    xlsx = make_xlsx(tmp_path / "d.xlsx", [["姓名", "身份证号"], ["王五", ID2]]).read_bytes()
    html = "text/html; charset=utf-8"

    def page(body: str, extra: dict | None = None):
        return 200, {"Content-Type": html, **(extra or {})}, (
            f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>t</title></head><body>{body}</body></html>").encode()

    return {
        "/robots.txt": (200, {"Content-Type": "text/plain"}, b"User-agent: *\nDisallow: /private/\n"),
        "/": page("<a href='/news.html'>新闻</a> <a href='/files/a.pdf'>名单</a> <a href='/loop1'>循环</a>"
                  "<a href='http://offsite.invalid/x.html'>外站</a> <a href='/missing.html'>坏链</a>"
                  "<a href='/private/secret.html'>内部</a> <a href='/old.html'>旧页</a>"
                  "<a href='/big.bin'>大文件</a> <a href='/away'>外跳</a>"),
        "/news.html": page("<p>学校新闻。</p><a href='/files/c.docx'>资助</a> <a href='/files/d.xlsx'>表</a>"
                           "<a href='/files/b'>联系方式</a><a href='/'>首页</a><!-- 备注：无 -->"),
        "/old.html": page("<p>2019年的通知。</p>", {"Last-Modified": "Tue, 01 Jan 2019 00:00:00 GMT"}),
        "/private/secret.html": page(f"<p>身份证号 {ID}</p>"),
        "/files/a.pdf": (200, {"Content-Type": "application/pdf"}, pdf),
        "/files/b": (200, {"Content-Type": "text/html"}, lying),           # a PDF that says it is HTML
        "/files/c.docx": (200, {"Content-Type": "application/octet-stream"}, docx),
        "/files/d.xlsx": (200, {"Content-Type": "application/vnd.ms-excel"}, xlsx),
        "/loop1": (302, {"Location": "/loop2"}, b""),
        "/loop2": (302, {"Location": "/loop1"}, b""),
        "/away": (302, {"Location": "http://elsewhere.invalid/"}, b""),
        "/big.bin": (200, {"Content-Type": "application/octet-stream"}, b"0" * 300_000),
    }


@pytest.fixture
def site(tmp_path):
    routes = _site(tmp_path)
    requested: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            requested.append(self.path)
            if self.path == "/slow":
                time.sleep(1.5)
            status, headers, body = routes.get(self.path, (404, {"Content-Type": "text/html"}, b"not found"))
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", requested
    server.shutdown()


FAST = Limits(delay=0.02, max_bytes=200_000, timeout=5)


def test_exactly_the_planted_findings_and_nothing_off_site(db, site):
    root, requested = site
    (report,) = patrol([root + "/"], FAST)
    findings = sorted((e.url.removeprefix(root), e.kind, e.masked) for e in report.findings)
    assert findings == [("/files/a.pdf", "id_card", "110105********002X"),
                        ("/files/b", "mobile", "139****5678"),
                        ("/files/c.docx", "mobile", "138****8000"),
                        ("/files/d.xlsx", "id_card", "440106********0010")]
    assert all(e.location for e in report.findings)
    assert (report.pages, report.attachments) == (3, 4)
    assert sorted(e.url.removeprefix(root) for e in report.of("page", "attachment")) == [
        "/", "/files/a.pdf", "/files/b", "/files/c.docx", "/files/d.xlsx", "/news.html", "/old.html"]
    skipped = {e.url.removeprefix(root): e.location for e in report.of(SKIPPED)}
    assert "重定向循环" in skipped["/loop1"]
    assert skipped["http://offsite.invalid/x.html"].startswith("站外链接，未访问")
    assert skipped["http://elsewhere.invalid/"].startswith("重定向到站外，未访问")
    assert skipped["/private/secret.html"] == "robots.txt 不允许访问"
    assert skipped["/big.bin"].startswith("超过大小上限")
    assert [e.url.removeprefix(root) for e in report.of(BROKEN)] == ["/missing.html"]
    assert [e.url.removeprefix(root) for e in report.of(STALE)] == ["/old.html"]
    # Only the site was asked, robots.txt first, nothing forbidden, every page once.
    assert requested[0] == "/robots.txt" and "/private/secret.html" not in requested
    assert len(requested) == len(set(requested))


def test_limits_on_pages_and_depth(db, site):
    root, requested = site
    (report,) = patrol([root + "/"], Limits(delay=0.02, max_pages=2, max_bytes=200_000))
    assert report.pages + report.attachments == 2
    assert any("已达页面数上限 2" in e.location for e in report.of(SKIPPED))
    (shallow,) = patrol([root + "/"], Limits(delay=0.02, max_depth=1, max_bytes=200_000))
    assert any("超过深度上限 1" in e.location and e.url.endswith("/files/c.docx") for e in shallow.of(SKIPPED))
    (slow,) = patrol([root + "/slow"], Limits(delay=0.02, timeout=0.3))
    assert [(e.url.removeprefix(root), e.location) for e in slow.events] == [("/slow", "请求超时")]


def test_the_command_writes_json_lines_and_keeps_one_request_a_second(db, site):
    root, requested = site
    with pytest.raises(CommandError, match="不能少于1秒"):
        call_command("patrol", root + "/", "--delay", "0.5")
    out = io.StringIO()
    started = time.monotonic()
    with pytest.raises(SystemExit) as exit_:
        call_command("patrol", root + "/files/a.pdf", "--json", "--depth", "0", stdout=out)
    assert exit_.value.code == 1
    assert time.monotonic() - started >= 1.0         # robots.txt, then the PDF a second later
    assert requested == ["/robots.txt", "/files/a.pdf"]
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert lines == [{"url": root + "/files/a.pdf", "kind": "attachment", "masked": "", "location": "PDF，深度0"},
                     {"url": root + "/files/a.pdf", "kind": "id_card", "masked": "110105********002X",
                      "location": "第1页"}]


def test_the_weekly_job_patrols_the_configured_hosts_and_tells_who_must_act(cast, site):
    from gongkai.monitoring.models import Notice, PatrolHost
    from gongkai.monitoring.patrol import patrol_job

    root, requested = site
    PatrolHost.objects.create(name="财务处网站", url=root + "/files/a.pdf", department=cast.dept_a)
    PatrolHost.objects.create(name="停用的站点", url="http://127.0.0.1:9/", is_active=False)
    assert patrol_job() == 1
    assert requested == ["/robots.txt", "/files/a.pdf"]            # the inactive host is never asked
    office = Notice.objects.get(recipient=cast.office, kind="patrol")
    assert "财务处网站" in office.body and "个人信息和密级标志1处" in office.body
    clerk = Notice.objects.get(recipient=cast.clerk_a, kind="patrol")
    assert "110105********002X" in clerk.body and ID not in clerk.body
    assert not Notice.objects.filter(recipient=cast.clerk_b, kind="patrol").exists()
