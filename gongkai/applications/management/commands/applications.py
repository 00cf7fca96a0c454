"""`gongkai applications stats --from DATE --to DATE [--json]`: the national table."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from gongkai.applications.services import applications_table
from gongkai.ops.arguments import date_argument



class Command(BaseCommand):
    help = "依申请公开：stats --from 日期 --to 日期 [--json] 输出全国统一的统计表。"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        stats = sub.add_parser("stats", help="依申请公开情况统计表")
        stats.add_argument("--from", dest="start", required=True)
        stats.add_argument("--to", dest="end", required=True)
        stats.add_argument("--json", action="store_true", dest="as_json")

    def handle(self, *args, action, start, end, as_json, **options):
        start, end = date_argument(start), date_argument(end)
        if end < start:
            raise CommandError("结束日期早于开始日期。")
        table = applications_table(start=start, end=end)
        if as_json:
            self.stdout.write(json.dumps(table, ensure_ascii=False, indent=2))
            return
        columns = table["columns"]
        self.stdout.write("".ljust(24) + "".join(c["label"].rjust(8) for c in columns))

        def line(label, counts):
            self.stdout.write(label[:24].ljust(24) + "".join(str(counts[c["code"]]).rjust(10) for c in columns))

        line("一、本年新收申请数量", table["new"])
        line("二、上年结转申请数量", table["carried_in"])
        for row in table["results"]:
            line(row["label"], row["counts"])
            for item in row["items"]:
                line("  " + item["label"], item["counts"])
        line("（七）总计", table["results_total"])
        line("四、结转下年度继续办理", table["carried_out"])
        fees = table["fees"]
        self.stdout.write(f"收取信息处理费 {fees['charged_yuan']} 元（{fees['charged_applications']} 件），"
                          f"减免 {fees['waived_yuan']} 元（{fees['waived_applications']} 件）。")
