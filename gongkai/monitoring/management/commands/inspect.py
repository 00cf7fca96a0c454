"""`gongkai inspect [--date DATE] [--json]`: the inspectors' veto indicators applied to the
portal and its records (see gongkai.monitoring.inspect); the run is kept for the admin's
网站自查 page. Exit 1 when any indicator fails."""

from __future__ import annotations

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from gongkai.monitoring.inspect import self_check
from gongkai.ops.arguments import date_argument


class Command(BaseCommand):
    help = "网站自查：按《政府网站与政务新媒体检查指标》的单项否决指标检查本站 [--date 日期] [--json]"

    def add_arguments(self, parser):
        parser.add_argument("--date", help="按某一天检查（默认今天）")
        parser.add_argument("--json", action="store_true", dest="as_json")

    def handle(self, *args, date, as_json, **options):
        try:
            day = date_argument(date) if date else None
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        run = self_check(day)
        if as_json:
            self.stdout.write(json.dumps({"date": run.day.isoformat(), "failed": run.failed, "indicators": run.results},
                                         ensure_ascii=False, indent=2))
        else:
            for row in run.results:
                self.stdout.write(f"{'合格' if row['passed'] else '不合格'}  {row['name']}（{row['threshold']}）"
                                  + (f"：{row['evidence_total']}处" if row["evidence_total"] and not row["passed"] else ""))
                for line in row["evidence"][:10] if not row["passed"] else []:
                    self.stdout.write(f"    {line}")
            self.stdout.write(f"共{len(run.results)}项，不合格{run.failed}项。")
        if run.failed:
            sys.exit(1)
