"""Template tags of the portal pages."""

from __future__ import annotations

from django import template
from wagtail.models import Site

register = template.Library()


@register.simple_tag(takes_context=True)
def breadcrumbs(context, page) -> list[tuple[str, str]]:
    """(title, URL) of the page's ancestors below the tree's root, home page first: one
    small query (titles and URL paths), where `get_ancestors` and `pageurl` load every
    ancestor whole. A URL is the ancestor's path below the request's site root (the
    ancestors of a page served on a site are that site's pages)."""
    site = Site.find_for_request(context.get("request"))
    root = site.root_page.url_path if site is not None else "/"
    trail = page.get_ancestors().filter(depth__gt=1).values_list("title", "depth", "url_path")
    return [("首页" if depth == 2 else title, "/" + url_path[len(root):] if url_path.startswith(root) else url_path)
            for title, depth, url_path in trail]
