"""Template tags of the portal pages."""

from __future__ import annotations

import functools
import re

from django import template
from django.urls import get_script_prefix, reverse
from django.utils.safestring import mark_safe
from wagtail.models import Page, Site

from gongkai.edge.memo import Remembered

register = template.Library()


@register.simple_tag
def fixed_url(name: str) -> str:
    """`{% url name %}` for the links without arguments that every page carries (the
    navigation), reversed once per process: the URLconf does not change while a process
    runs, and the script prefix, which could, is part of the key."""
    return _reversed(name, get_script_prefix())


@functools.lru_cache(maxsize=64)
def _reversed(name: str, prefix: str) -> str:
    return reverse(name)


# The titles and URL paths of a page's ancestors, by the ancestors' tree paths: a few hundred
# columns and categories share them, and they change only with the content version.
_trails = Remembered(60)


@register.simple_tag(takes_context=True)
def breadcrumbs(context, page) -> list[tuple[str, str]]:
    """(title, URL) of the page's ancestors below the tree's root, home page first, where
    `get_ancestors` and `pageurl` load every ancestor whole: one small query (titles and
    URL paths), remembered per process (`gongkai.edge.memo`). A URL is the ancestor's path
    below the request's site root (the ancestors of a page served on a site are that
    site's pages)."""
    request = context.get("request")
    site = Site.find_for_request(request)
    root = site.root_page.url_path if site is not None else "/"
    steplen = Page.steplen
    paths = tuple(page.path[:n] for n in range(2 * steplen, len(page.path), steplen))
    trail = _trails.get(request, paths, lambda: list(
        Page.objects.filter(path__in=paths).order_by("path").values_list("title", "depth", "url_path")))
    return [("首页" if depth == 2 else title, "/" + url_path[len(root):] if url_path.startswith(root) else url_path)
            for title, depth, url_path in trail]


_TABLE_OPEN = re.compile(r"<table\b", re.IGNORECASE)
_TABLE_CLOSE = re.compile(r"</table\s*>", re.IGNORECASE)


@register.filter
def scrollable_tables(html):
    """Rich text with each table in a box of its own that scrolls sideways on a phone
    (never the page), reachable by keyboard (a focusable region, as axe requires)."""
    wrapped = _TABLE_OPEN.sub('<div class="table-wrap" tabindex="0" role="region" aria-label="表格（可左右滑动）"><table',
                              str(html))
    return mark_safe(_TABLE_CLOSE.sub("</table></div>", wrapped))


@register.simple_tag(takes_context=True)
def catalogue_record(context, page) -> dict:
    """The item's catalogue record (`portal.catalogue.item_record`)."""
    from gongkai.portal.catalogue import item_record

    return item_record(page, context.get("request"))


@register.simple_tag(takes_context=True)
def item_links(context, page):
    """The item's validity and its links to other items (`portal.item_links`)."""
    from gongkai.portal.item_links import item_links as links_of
    from gongkai.publishing.validity import validity_text

    return {"validity": validity_text(page), "links": links_of(page, context.get("request"))}


@register.simple_tag
def hot_terms() -> list[str]:
    """热搜词 for the header's search box (`search.stats.hot_terms`, remembered per process)."""
    from gongkai.search.stats import hot_terms as terms

    return terms()
