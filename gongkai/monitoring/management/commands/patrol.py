"""`gongkai patrol URL... [--json]`: crawls the given sites (only their hosts) and reports
exposed personal data and secrecy markings, broken links, stale pages and what it skipped
(see gongkai.monitoring.patrol). `--json`: one JSON object a line (url, kind, masked,
location). Exit 1 when anything personal or secret is found."""

from __future__ import annotations

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from gongkai.monitoring.patrol import ATTACHMENT, BROKEN, PAGE, SKIPPED, STALE, Limits, patrol


class Command(BaseCommand):
    help = "巡查学校各部门、学院网站：暴露的身份证号、手机号和密级标志，失效链接，长期未更新的页面"

    def add_arguments(self, parser):
        parser.add_argument("urls", nargs="+", help="起始地址（只访问这些地址所在的站点）")
        parser.add_argument("--json", action="store_true", dest="as_json")
        parser.add_argument("--max-pages", type=int, default=Limits.max_pages)
        parser.add_argument("--depth", type=int, default=Limits.max_depth)
        parser.add_argument("--delay", type=float, default=Limits.delay, help="同一站点两次请求的间隔秒数（不少于1）")

    def handle(self, *args, urls, as_json, max_pages, depth, delay, **options):
        if delay < 1:
            raise CommandError("请求间隔不能少于1秒：巡查不能给各站点增加负担。")
        if any(not u.startswith(("http://", "https://")) for u in urls):
            raise CommandError("起始地址须以 http:// 或 https:// 开头。")
        reports = patrol(urls, Limits(max_pages=max_pages, max_depth=depth, delay=delay))
        found = 0
        for report in reports:
            found += len(report.findings)
            if as_json:
                for event in report.events:
                    self.stdout.write(json.dumps(event.as_json(), ensure_ascii=False))
                continue
            self.stdout.write(f"{report.host}：网页 {report.pages} 个，附件 {report.attachments} 个；"
                              f"个人信息和密级标志 {len(report.findings)} 处，失效链接 {len(report.of(BROKEN))} 个，"
                              f"长期未更新 {len(report.of(STALE))} 个，跳过 {len(report.of(SKIPPED))} 个。")
            for event in report.events:
                if event.kind not in (PAGE, ATTACHMENT):
                    self.stdout.write(f"  [{event.kind}] {event.url} {event.location} {event.masked}".rstrip())
        if found:
            sys.exit(1)
