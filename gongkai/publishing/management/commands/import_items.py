"""`gongkai import_items FILE`: bring the current site's items in (CSV, XLSX, RSS/Atom)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from gongkai.publishing.import_file import ImportFileError
from gongkai.publishing.importing import items_import


class Command(BaseCommand):
    help = "从原网站导入公开信息（CSV、XLSX 或 RSS/Atom），先用 --dry-run 检查。"

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="只检查并报告，不导入")
        parser.add_argument("--map", action="append", default=[], metavar="栏目=序号",
                            help="原网站栏目对应的清单事项序号，可多次使用")
        parser.add_argument("--department", help="没有部门列时使用的部门")
        parser.add_argument("--skip-rejected", action="store_true", help="只导入无误的行")

    def handle(self, *args, file, dry_run, map, department, skip_rejected, **options):
        mapping = {}
        for entry in map:
            column, _, number = entry.rpartition("=")
            if not column or not number.strip().isdecimal():
                raise CommandError(f"--map “{entry}” 应写成 栏目名=清单序号。")
            mapping[column] = int(number)
        try:
            report = items_import(path=file, mapping=mapping, department=department,
                                  dry_run=dry_run, skip_rejected=skip_rejected)
        except (ImportFileError, ValueError) as exc:
            raise CommandError(f"无法导入：{exc}") from None
        for line in report.lines():
            self.stdout.write(line)
        if report.rejected and not report.imported and not dry_run:
            raise CommandError("未导入。")
