"""`gongkai search QUERY [--json] [--limit N]`: what the public finds."""

from __future__ import annotations

import json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from gongkai.search.query import search


class Command(BaseCommand):
    help = "检索社会公开的信息（与信息公开网的检索相同），默认列出全部结果；reindex 重建索引。"

    def add_arguments(self, parser):
        parser.add_argument("query")
        parser.add_argument("--json", action="store_true", dest="as_json")
        parser.add_argument("--limit", type=int)
        parser.add_argument("--scope", default="public", help="public（默认）或 campus（含社会公开）")

    def handle(self, *args, query, as_json, limit, scope, **options):
        if query == "reindex" and not as_json:
            from gongkai.search.indexing import index_items

            self.stdout.write(f"已重建索引：{index_items()} 条。")
            return
        if limit is not None and limit < 1:
            raise CommandError("--limit 应为正整数。")
        codes = ["public", "campus"] if scope == "campus" else ["public"]
        results = search(query, scope_codes=codes).select_related("page")
        if limit:
            results = results[:limit]
        rows = [{"id": e.page_id, "title": e.title, "url": settings.BASE_URL + e.page.url} for e in results]
        if as_json:
            self.stdout.write(json.dumps(rows, ensure_ascii=False))
        else:
            for row in rows:
                self.stdout.write(f"{row['id']}  {row['title']}  {row['url']}")
