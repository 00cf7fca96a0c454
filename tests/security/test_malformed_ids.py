"""No server error from an id that is malformed or unknown (issue 35, point 3).

- Every URL pattern with parameters, public and admin, Wagtail's included, is requested
  with ids that name nothing (2147483647) and, where the pattern takes text, "abc", by an
  anonymous reader, the office and an administrator.
- Every POST form on Gongkai's own pages (admin and public, as the roles that see them) is
  sent back with each of its fields that can carry an id (selects, hidden, radio and
  number inputs, fields named like ids) in turn replaced by "abc" and by an unknown id.
- The reproductions of the issue, one by one.
Each answer is below 500; a 404 of ours says what was not found in Chinese."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import URLResolver, get_resolver

from .test_access_matrix import PAGES, VIEWSETS, _fill
from .test_access_matrix import objects as objects  # noqa: F401  (the fixture, by its name)

pytestmark = pytest.mark.django_db

UNKNOWN = "2147483647"
BAD_VALUES = ("abc", UNKNOWN)


def _walk(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern))
        else:
            yield "/" + prefix + str(pattern.pattern), pattern


def _client(user=None) -> Client:
    client = Client(raise_request_exception=False, REMOTE_ADDR="198.51.100.7")
    if user is not None:
        client.force_login(user)
    return client


class _Forms(HTMLParser):
    """The POST forms of a page: (action, {field: value}, {fields that can carry an id}):
    selects, hidden, radio, checkbox and number inputs, and fields named like an id."""

    ID_NAMES = re.compile(r"(^|[-_])(id|pk)$|number|letter|application|item|department|page|document|user|round")

    def __init__(self):
        super().__init__()
        self.forms: list[tuple[str, dict[str, str], set[str]]] = []
        self._current = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "get").lower() == "post":
            self._current = (attrs.get("action") or "", {}, set())
            self.forms.append(self._current)
        elif self._current is not None and tag in ("input", "select", "textarea", "button") and attrs.get("name"):
            name = attrs["name"]
            if name == "csrfmiddlewaretoken" or attrs.get("type") == "file":
                return
            # An inline row after the first runs the same code; the formsets' management
            # fields (TOTAL_FORMS: Django bounds the rows it builds) and the empty row's
            # template (__prefix__) are Django's own.
            later_row = re.search(r"-([1-9]\d*)-", name) or name.endswith("_FORMS") or "__prefix__" in name
            if not later_row and (tag == "select" or attrs.get("type") in ("hidden", "radio", "checkbox", "number")
                                  or self.ID_NAMES.search(name)):
                self._current[2].add(name)
            if attrs.get("type") in ("checkbox", "radio") and "checked" not in attrs:
                self._current[1].setdefault(name, attrs.get("value", "on"))
                return
            self._current[1][name] = attrs.get("value", "")

    def handle_endtag(self, tag):
        if tag == "form":
            self._current = None


def test_unknown_and_malformed_ids_in_every_url(cast):
    # The administrator reaches every admin view; anonymous readers every public one.
    clients = {"anonymous": _client(), "admin": _client(cast.admin)}
    tried, errors, urls = 0, [], set()
    for route, pattern in _walk(get_resolver().url_patterns):
        if "<" not in route or "(?P" in route or "failwhale" in route:
            continue
        for value in (UNKNOWN, "abc"):
            def fill(match, value=value):
                converter = match.group(1) or "str"
                return UNKNOWN if converter == "int" else value
            urls.add(re.sub(r"<(?:(\w+):)?(\w+)>", fill, route).replace("^", "").replace("$", ""))
    for url in sorted(urls):
        for role, client in clients.items():
            response = client.get(url)
            tried += 1
            if response.status_code >= 500:
                errors.append(f"GET {url} {role}: {response.status_code}")
    print(f"\nmalformed ids: {tried} requests to URL patterns with parameters")
    assert not errors, "\n".join(errors)
    assert tried > 300


def _pages_with_forms(cast, objects):
    """Gongkai's own pages (filled in like the access matrix does) and the public forms,
    each with the roles that may open it."""
    roles = {"office": cast.office, "clerk_a": cast.clerk_a, "admin": cast.admin, "anonymous": None}
    for route, pattern in _walk(get_resolver().url_patterns):
        module = getattr(pattern.callback, "__module__", "")
        model = getattr(pattern.callback, "view_initkwargs", {}).get("model")
        ours = module.startswith("gongkai") or (model is not None and not isinstance(model, str)
                                                and model.__module__.startswith("gongkai"))
        if not ours or "logout" in route:
            continue
        url = _fill(route, pattern.name, model if not isinstance(model, str) else None, objects)
        if url is None:
            continue
        for role, user in roles.items():
            if route.startswith("/admin/") and user is None:
                continue
            yield url, role, user
    for url in ("/yishenqing/", "/xinxiang/xiaozhang/", "/yishenqing/status/", "/xinxiang/status/",
                "/accounts/login/"):
        yield url, "anonymous", None


def _last_error():
    """The last request's exception, told by its innermost frames (for the failure message)."""
    import sys
    import traceback

    from django.core.signals import got_request_exception

    seen = {}

    def remember(sender, request=None, **kwargs):
        error = sys.exc_info()[1]
        frames = [f"{f.filename.rsplit('site-packages/', 1)[-1]}:{f.lineno}"
                  for f in traceback.extract_tb(error.__traceback__)][-3:]
        seen["last"] = f"{error!r} at {' < '.join(reversed(frames))}"

    got_request_exception.connect(remember, weak=False, dispatch_uid="malformed-ids")
    return seen


def test_every_form_of_ours_takes_bad_ids_without_a_server_error(cast, objects):
    assert VIEWSETS and PAGES        # the access matrix's tables are what fills these pages
    errors, posted, forms_seen, done = [], 0, 0, set()
    seen = _last_error()
    opened = set()
    for url, role, user in _pages_with_forms(cast, objects):
        # One role per page is enough to find its forms, except the pages whose forms
        # depend on the department (what is routed to the user's).
        if url in opened and "routed" not in url:
            continue
        client = _client(user)
        page = client.get(url)
        if page.status_code != 200 or not page.get("Content-Type", "").startswith("text/html"):
            continue
        opened.add(url)
        parser = _Forms()
        parser.feed(page.content.decode(errors="replace"))
        for action, fields, id_fields in parser.forms:
            target = action or url
            key = (target, tuple(sorted(fields)))
            if not target.startswith("/") or "logout" in target or "search" in target or key in done:
                continue       # a form already tried (the same form as another role)
            done.add(key)
            forms_seen += 1
            for name in sorted(id_fields):
                for bad in BAD_VALUES:
                    data = dict(fields, **{name: bad})
                    response = client.post(target, data)
                    posted += 1
                    if response.status_code >= 500:
                        errors.append(f"POST {target} {role} {name}={bad!r}: {response.status_code} "
                                      f"{seen.get('last', '')}")
    print(f"\nmalformed ids: {forms_seen} forms, {posted} posts with a bad value in one field")
    assert not errors, "\n".join(errors[:40])
    assert forms_seen >= 10 and posted >= 100


@pytest.mark.parametrize("url, data, role", [
    ("/xinxiang/status/", {"action": "rate", "letter": "abc", "rating": "5"}, None),
    ("/xinxiang/status/", {"action": "rate", "letter": UNKNOWN, "rating": "5"}, None),
    ("/admin/applications/routed/", {"application": "abc"}, "clerk_a"),
    ("/admin/applications/routed/", {"application": ""}, "clerk_a"),
    ("/admin/mailbox/routed/", {"letter": "abc"}, "clerk_a"),
    ("/admin/mailbox/routed/", {"letter": "9" * 40}, "clerk_a"),
])
def test_the_reproductions_answer_404_in_chinese(cast, url, data, role):
    client = _client(getattr(cast, role) if role else None)
    response = client.post(url, data)
    assert response.status_code == 404
    if not url.startswith("/admin/"):
        assert "页面不存在" in response.content.decode()
        if not data.get("letter", "").isdigit():
            assert "编号无效" in response.content.decode()


def test_a_reply_letter_in_an_unknown_format_is_404(cast, objects):
    response = _client(cast.office).get(f"/admin/applications/{objects['application_handle']}/letter.exe")
    assert response.status_code == 404
