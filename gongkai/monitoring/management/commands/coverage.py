"""`gongkai coverage [--json] [--date DATE]`: the checklist's coverage, one object per item
(`number`, `title`, `status` — current, overdue, empty or link_broken — `last_updated`,
`departments`)."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand

from gongkai.monitoring.coverage import coverage
from gongkai.ops.arguments import date_argument


class Command(BaseCommand):
    help = "清单事项覆盖情况：[--json] [--date 日期]"

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", dest="as_json")
        parser.add_argument("--date", help="按某一天判断（默认今天）")

    def handle(self, *args, as_json, date, **options):
        rows = coverage(today=date_argument(date) if date else None)
        if as_json:
            self.stdout.write(json.dumps([r.as_json() for r in rows], ensure_ascii=False, indent=2))
            return
        for row in rows:
            self.stdout.write(f"{row.number:>3}. {row.status_label:<6} {str(row.last_updated or '—'):<10}  "
                              f"{row.title[:30]}  {'、'.join(row.departments)}")
