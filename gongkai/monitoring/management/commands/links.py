"""`gongkai links check`: collects and checks every link now (the daily job does the same)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from gongkai.monitoring.jobs import check_links
from gongkai.monitoring.models import LinkStatus


class Command(BaseCommand):
    help = "链接检查：check 立即检查全部链接"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("check", help="收集并检查全部链接")

    def handle(self, *args, action, **options):
        result = check_links()
        self.stdout.write(f"检查 {result['checked']} 个链接：失效 {result['broken']} 个"
                          f"（新失效 {result['newly_broken']}，恢复 {result['recovered']}）。")
        for status in LinkStatus.objects.filter(ok=False):
            self.stdout.write(f"  {status.url}  {status.error}")
