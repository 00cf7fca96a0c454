"""`gongkai archive export --period 2025-2026 --out DIR` and `gongkai archive verify DIR`
(see gongkai.ops.archive)."""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gongkai.annual.period import Period
from gongkai.ops.archive import ArchiveError, archive_export, archive_verify


class Command(BaseCommand):
    help = "归档：export 导出一个期间公开的全部信息（附件、审查记录、目录元数据、校验清单）；verify 校验归档包"

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="action", required=True)
        export = commands.add_parser("export", help="导出归档包")
        export.add_argument("--period", required=True, help="学年 2025-2026 或自然年 2025")
        export.add_argument("--out", required=True, help="目标目录（新建或空目录）")
        verify = commands.add_parser("verify", help="校验归档包")
        verify.add_argument("path", help="归档包目录")

    def handle(self, *args, action, **options):
        if action == "export":
            try:
                period = Period.parse(options["period"])
                counts = archive_export(period, Path(options["out"]))
            except (ValueError, ArchiveError) as exc:
                raise CommandError(str(exc)) from None
            self.stdout.write(f"已导出{period.label}公开信息 {counts['items']} 条、附件 {counts['attachments']} 个"
                              f"到 {options['out']}。")
            return
        result = archive_verify(Path(options["path"]))
        for label, names in (("内容已改变", result.changed), ("缺失", result.missing), ("清单外多出", result.added)):
            for name in names:
                self.stdout.write(f"{label}：{name}")
        for problem in result.problems:
            self.stdout.write(problem)
        if not result.ok:
            self.stdout.write("校验未通过。")
            sys.exit(1)
        self.stdout.write("校验通过：所有文件与校验清单一致。")
