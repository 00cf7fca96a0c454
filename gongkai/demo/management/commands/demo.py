"""`gongkai demo`: create or top up the demo university and print its sign-ins."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from gongkai.demo.services import DEFAULT_RECORDS, demo_ensure
from gongkai.ops.arguments import date_argument


class Command(BaseCommand):
    help = "创建或补足演示大学（可重复运行，只增不删）。"

    def add_arguments(self, parser):
        parser.add_argument("--records", type=int, default=DEFAULT_RECORDS,
                            help=f"公开信息总条数（默认 {DEFAULT_RECORDS}；基准测试用 100000）")
        parser.add_argument("--seed", type=int, default=20240901, help="随机种子")
        parser.add_argument("--today", type=date_argument, default=None,
                            help="以哪一天为“今天”生成演示数据（YYYY-MM-DD；默认：北京时间的今天）")

    def handle(self, *args, records: int, seed: int, today=None, **options):
        if records < 0:
            raise CommandError("--records 不能为负数。")
        started = time.perf_counter()
        report = demo_ensure(records=records, seed=seed, today=today)
        elapsed = time.perf_counter() - started
        out = self.stdout
        out.write(f"演示大学：{report.university}")
        out.write(f"公开信息：共 {report.items_total} 条（本次新增 {report.items_created} 条，"
                  f"用时 {elapsed:.1f} 秒）")
        out.write("\n登录账号（工作人员登录管理后台 /admin/；校园用户在 /accounts/login/ 登录后可查阅校内公开信息）：")
        width = max(len(a.username) for a in report.accounts)
        for a in report.accounts:
            out.write(f"  {a.username.ljust(width)}  密码 {a.password}  {a.role_label}：{a.name}——{a.purpose}")
