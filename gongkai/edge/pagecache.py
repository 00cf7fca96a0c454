"""The public page cache: anonymous readers outside the campus networks get pages from the
cache; everybody else gets them rendered.

Why this can never serve campus-only content to the wrong reader: only requests of the
*public reader* — no session or messages cookie (so nobody signed in) and an address outside
``GONGKAI_CAMPUS_NETWORKS`` — read or fill the cache, and what the portal renders for that
reader never holds a campus-only item (`gongkai.publishing.access`). Campus readers and
signed-in users bypass it in both directions.

Freshness: the key holds `ContentVersion`, which signals bump on every change of public
content; each request reads it (one primary-key lookup), so a publish or withdrawal is seen
by every process at its next request; the per-process memos (`edge.memo`) key on it too.
Entries also expire after `GONGKAI_PAGE_CACHE_SECONDS`.

nginx's micro-cache in front (deploy/nginx.conf) keeps what this cache answers until the end
of the second it was made in (``X-Accel-Expires: @<that second>``, which nginx reads and does
not pass on), not for a whole second from then: nginx counts expiry in whole seconds, so "one
second" kept a page for one to two. A publish is thus on the pages served through nginx by
the next full second plus one refresh, half a second on average.

Only GET and HEAD, only 200 responses without Set-Cookie or private/no-store caching, only
the portal's reading paths (not forms, sign-in, admin, attachments). Responses carry
``X-Gongkai-Cache: hit``, ``miss`` or ``bypass``.
"""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.core.cache import caches

from .addresses import client_address, is_campus_address
from .content import content_changed
from .memo import request_version

EXCLUDED_PREFIXES = ("/admin", "/documents", "/mulu", "/liulan", "/yishenqing", "/xinxiang", "/pingyi", "/accounts", "/cas",
                     "/captcha", "/static", "/media", "/django-admin")
_KEEP_HEADERS = ("Content-Type", "Content-Language", "Last-Modified", "X-Frame-Options", "Vary",
                 "Content-Security-Policy", "Referrer-Policy", "X-Content-Type-Options",
                 "Cross-Origin-Opener-Policy", "X-Gongkai-Found")


def is_public_reader(request) -> bool:
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return False
    return not is_campus_address(client_address(request))


class PublicPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self._cacheable_request(request):
            response = self.get_response(request)
            response.headers.setdefault("X-Gongkai-Cache", "bypass")
            return response
        cache = caches["pages"]
        # Hashed: a query string can be anything a visitor types, of any length.
        address = hashlib.sha256(f"{request.get_host()}{request.get_full_path()}".encode()).hexdigest()
        version = request_version(request)      # the one the per-process memos check against too
        key = f"page:{version}:{address}"
        stored = cache.get(key)
        if stored is not None:
            from django.http import HttpResponse

            status, headers, content = stored
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            response["X-Gongkai-Cache"] = "hit"
            response["X-Accel-Expires"] = f"@{int(time.time())}"
            return response
        response = self.get_response(request)
        if self._cacheable_response(response):
            headers = [(name, response[name]) for name in _KEEP_HEADERS if name in response]
            cache.set(key, (response.status_code, headers, response.content), settings.GONGKAI_PAGE_CACHE_SECONDS)
            response["X-Gongkai-Cache"] = "miss"
            response["X-Accel-Expires"] = f"@{int(time.time())}"
        else:
            response.headers.setdefault("X-Gongkai-Cache", "bypass")
        return response

    @staticmethod
    def _cacheable_request(request) -> bool:
        return (settings.GONGKAI_PAGE_CACHE_SECONDS > 0 and request.method in ("GET", "HEAD")
                and not request.path.startswith(EXCLUDED_PREFIXES) and is_public_reader(request))

    @staticmethod
    def _cacheable_response(response) -> bool:
        control = response.get("Cache-Control", "")
        return (response.status_code == 200 and not response.cookies and not getattr(response, "streaming", False)
                and "private" not in control and "no-store" not in control and "no-cache" not in control)


def connect_signals() -> None:
    """What changes public content: pages (publish, unpublish, edits, moves, deletion), the
    checklist and scopes (and who reads the finer ones), departments and channels, documents,
    the university settings, annual reports, Wagtail's sites and view restrictions (a page
    made private leaves the cache), the holiday table (deadlines on the status pages).
    What `edge.memo` remembers is among them."""
    from django.apps import apps
    from django.db.models.signals import m2m_changed, post_delete, post_save
    from wagtail.signals import page_published, page_unpublished

    page_published.connect(content_changed, dispatch_uid="gongkai-cache-published")
    page_unpublished.connect(content_changed, dispatch_uid="gongkai-cache-unpublished")
    for label in ("wagtailcore.Page", "publishing.DisclosureItemPage", "portal.ChecklistItemPage",
                  "portal.CategoryPage", "portal.PortalHomePage", "catalog.ChecklistItem",
                  "catalog.ChecklistCategory", "catalog.ChecklistLink", "catalog.Scope", "org.Department",
                  "publishing.Channel", "publishing.ItemAttachment", "wagtaildocs.Document",
                  "portal.UniversityProfile", "annual.AnnualReport",
                  "wagtailcore.PageViewRestriction", "wagtailcore.Site",
                  "workdays.CalendarDay", "workdays.ScheduleYear"):
        model = apps.get_model(label)
        post_save.connect(content_changed, sender=model, dispatch_uid=f"gongkai-cache-save-{label}")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"gongkai-cache-delete-{label}")
    m2m_changed.connect(content_changed, sender=apps.get_model("catalog.ChecklistItem").departments.through,
                        dispatch_uid="gongkai-cache-m2m-departments")
    m2m_changed.connect(content_changed, sender=apps.get_model("catalog.Scope").readers.through,
                        dispatch_uid="gongkai-cache-m2m-scope-readers")
