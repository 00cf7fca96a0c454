"""Reads for the portal. Every listing of disclosure items goes through `visible_items`.

The portal's own page tree (categories, columns) is read by the page models themselves
(`models.py`), which call in here for items: imports go one way, models to selectors."""

from __future__ import annotations

from gongkai.publishing.access import reader_for
from gongkai.publishing.models import DisclosureItemPage


def items_for(reader):
    """Live disclosure items a reader may read."""
    return DisclosureItemPage.objects.live().filter(scope__code__in=reader.scope_codes)


def visible_items(request):
    """Live disclosure items the request's reader may read."""
    return items_for(reader_for(request))


def latest_items(request, *, limit: int):
    return list(
        visible_items(request)
        .select_related("department")
        .order_by("-first_published_at", "-id")[:limit]
    )


def children_of(queryset, page):
    """Wagtail's `child_of` as a range of tree paths, the same rows: `child_of` asks
    `path LIKE 'prefix%'`, which SQLite cannot read off the path index (its LIKE ignores
    case, so it skips indexes). With the planner's statistics (`ops.maintenance`), one
    column's count and first page of a 100 000-item portal take 4 ms by range, 65 ms by
    LIKE."""
    return queryset.filter(path__range=page._get_children_path_interval(page.path), depth=page.depth + 1)


def column_items(item_page, request):
    """The items of a checklist item's column, newest first."""
    return (
        children_of(visible_items(request), item_page)
        .select_related("department")
        .order_by("-first_published_at", "-id")
    )
