"""RSS and Atom feeds: everything, and per checklist item. Feeds are read anonymously,
so they carry 社会公开 items only."""

from __future__ import annotations

import re

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils.feedgenerator import Atom1Feed

from gongkai.catalog.models import ChecklistItem
from gongkai.publishing.access import PUBLIC_READER

from .selectors import children_of, items_for

FEED_SIZE = 50


def public_items():
    return items_for(PUBLIC_READER).select_related("department").order_by("-first_published_at", "-id")


def with_records(items) -> list:
    """The items, each with its catalogue record (`catalogue.records_for`, one read)."""
    from gongkai.publishing.models import DisclosureItemPage

    from .catalogue import records_for

    items = list(items)
    records = {r["id"]: r for r in records_for(DisclosureItemPage.objects.filter(pk__in=[i.pk for i in items]))}
    for item in items:
        item.record = records.get(item.pk, {})
    return items


class LatestFeed(Feed):
    title = "信息公开网 · 最新公开信息"
    description = "新发布的主动公开信息"

    def link(self):
        return "/"

    def items(self):
        return with_records(public_items()[:FEED_SIZE])

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        """The catalogue record, one field a line (索引号 first)."""
        from .catalogue import record_text

        index = f"索引号：{item.record['index_number']}\n" if item.record.get("index_number") else ""
        return index + record_text(item.record)

    def item_categories(self, item):
        return [word for word in re.split(r"[、，,；;\s]+", item.record.get("keywords", "")) if word]

    def item_link(self, item):
        return item.url

    def item_pubdate(self, item):
        return item.first_published_at


class ChecklistItemFeed(LatestFeed):
    def get_object(self, request, number):
        item = ChecklistItem.objects.filter(number=number, is_active=True).first()
        if item is None or not hasattr(item, "page"):
            raise Http404
        return item

    def title(self, obj):
        return f"信息公开网 · {obj.number}. {obj.short_title}"

    def link(self, obj):
        return obj.page.url

    def items(self, obj):
        return with_records(children_of(public_items(), obj.page)[:FEED_SIZE])


class LatestAtomFeed(LatestFeed):
    feed_type = Atom1Feed
    subtitle = LatestFeed.description


class ChecklistItemAtomFeed(ChecklistItemFeed):
    feed_type = Atom1Feed
    subtitle = LatestFeed.description
