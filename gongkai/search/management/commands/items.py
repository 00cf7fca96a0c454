"""`gongkai items --json [--scope campus]`: published items with their searchable text."""

from __future__ import annotations

import json

from django.conf import settings
from django.core.management.base import BaseCommand

from gongkai.search.models import SearchEntry


class Command(BaseCommand):
    help = "列出已发布的公开信息（--scope campus 列出校内公开的）：id、索引号、标题、可检索的文字、网址、有效性、浏览次数。"

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", dest="as_json")
        parser.add_argument("--scope", default="public", help="public（默认）或 campus")

    def handle(self, *args, as_json, scope, **options):
        from gongkai.portal.models import ViewTotal

        views = dict(ViewTotal.objects.values_list("page_id", "total"))
        rows = [{"id": e.page_id, "index_number": e.page.index_number, "title": e.title, "text": e.text,
                 "url": settings.BASE_URL + e.page.url, "validity": e.page.validity,
                 "views": views.get(e.page_id, 0)}
                for e in SearchEntry.objects.filter(scope=scope).select_related("page").order_by("page_id")]
        if as_json:
            self.stdout.write(json.dumps(rows, ensure_ascii=False))
        else:
            for row in rows:
                self.stdout.write(f"{row['id']}  {row['index_number'] or '-'}  {row['title']}  {row['url']}")
