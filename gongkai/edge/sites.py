"""Wagtail's site lookup, remembered per process for a minute.

Wagtail finds the request's site with a query on every request (`Site.find_for_request`),
and caches the answer only on the request, as `request._wagtail_site`; routing then loads
the root page's specific form (a second query). Sites and the home page change rarely, so
`SiteMiddleware` keeps both per host and port for SITE_SECONDS and hands each request its
own copies (so that what a request caches on the site or its root page is not shared with
the next). A change made in this process is seen at once (a saved site or page, any
publish or unpublish); one made in another process at the next request, by the content
version (`gongkai.edge.memo`).
"""

from __future__ import annotations

import copy

from django.db.models.signals import post_delete, post_save
from django.http.request import split_domain_port
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished

from .memo import Remembered

SITE_SECONDS = 60
_sites = Remembered(SITE_SECONDS)
clear = _sites.clear

post_save.connect(clear, sender=Site, dispatch_uid="gongkai-sites-saved")
post_delete.connect(clear, sender=Site, dispatch_uid="gongkai-sites-deleted")
post_save.connect(clear, sender=Page, dispatch_uid="gongkai-sites-root-saved")
page_published.connect(clear, dispatch_uid="gongkai-sites-page-published")
page_unpublished.connect(clear, dispatch_uid="gongkai-sites-page-unpublished")


def _find(request) -> Site | None:
    site = Site._find_for_request(request)
    if site is not None:
        site.root_page = site.root_page.specific
    return site


class SiteMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = (split_domain_port(request._get_raw_host())[0], request.get_port())
        site = _sites.get(request, key, lambda: _find(request))
        if site is not None:
            site = copy.copy(site)
            site.root_page = copy.copy(site.root_page)
        request._wagtail_site = site
        return self.get_response(request)
