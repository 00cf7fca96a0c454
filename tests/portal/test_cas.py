"""Campus sign-in by CAS (统一身份认证), against a fake CAS server on loopback."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import pytest

pytestmark = pytest.mark.django_db

SUCCESS = """<cas:serviceResponse xmlns:cas="http://www.yale.edu/tp/cas"><cas:authenticationSuccess>
<cas:user>20230101</cas:user></cas:authenticationSuccess></cas:serviceResponse>"""
FAILURE = """<cas:serviceResponse xmlns:cas="http://www.yale.edu/tp/cas">
<cas:authenticationFailure code="INVALID_TICKET">ticket not recognized</cas:authenticationFailure></cas:serviceResponse>"""


class FakeCAS(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - http.server's name
        url = urlparse(self.path)
        ticket = parse_qs(url.query).get("ticket", [""])[0]
        body = SUCCESS if url.path.endswith("serviceValidate") and ticket == "ST-good" else FAILURE
        self.send_response(200)
        self.send_header("Content-Type", "text/xml; charset=utf-8")
        self.end_headers()
        self.wfile.write(body.encode())

    def log_message(self, *args):
        pass


@pytest.fixture
def cas_server(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeCAS)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.CAS_SERVER_URL = f"http://127.0.0.1:{server.server_port}/cas/"
    yield settings.CAS_SERVER_URL
    server.shutdown()


def test_no_cas_configured_no_cas_route(client, settings):
    settings.CAS_SERVER_URL = None
    assert client.get("/cas/login/").status_code == 404
    assert "统一身份认证登录" not in client.get("/accounts/login/").content.decode()


def test_campus_user_signs_in_by_cas_and_reads_campus_items(client, cas_server, budget_items):
    from django.contrib.auth import get_user_model

    assert "统一身份认证登录" in client.get("/accounts/login/").content.decode()
    first = client.get("/cas/login/", {"next": "/category-3/item-19/"})
    assert first.status_code == 302 and first["Location"].startswith(cas_server + "login?service=")
    assert client.get("/cas/login/", {"next": "/category-3/item-19/", "ticket": "ST-bad"}).status_code in (302, 403)
    assert "财务处内部经费分配方案" not in client.get("/category-3/item-19/").content.decode()
    back = client.get("/cas/login/", {"next": "/category-3/item-19/", "ticket": "ST-good"})
    assert back.status_code == 302 and back["Location"] == "/category-3/item-19/"
    assert "财务处内部经费分配方案" in client.get("/category-3/item-19/").content.decode()
    user = get_user_model().objects.get(username="20230101")
    assert not user.memberships.exists()          # a campus user: no workflow role
