"""`gongkai catalogue export --out FILE.xlsx|csv [--scope campus]`: the 信息公开目录."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gongkai.catalog.models import Scope


class Command(BaseCommand):
    help = ("导出信息公开目录：每条已发布信息的索引号、信息名称、信息类别等 13 项和网址。"
            "默认只含社会公开的信息；--scope campus 同时含校内公开的。")

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["export"], help="export 导出")
        parser.add_argument("--out", required=True, help="输出文件，.xlsx 或 .csv")
        parser.add_argument("--scope", choices=["public", "campus"], default="public",
                            help="public（默认）只含社会公开的；campus 同时含校内公开的")

    def handle(self, *args, action, out, scope, **options):
        from gongkai.portal.catalogue import catalogue_rows, catalogue_write

        path = Path(out)
        if path.suffix.lower() not in (".xlsx", ".csv"):
            raise CommandError("输出文件须以 .xlsx 或 .csv 结尾。")
        if not path.parent.is_dir():
            raise CommandError(f"目录不存在：{path.parent}")
        scopes = (Scope.PUBLIC,) if scope == "public" else (Scope.PUBLIC, Scope.CAMPUS)
        count = catalogue_write(catalogue_rows(scopes), path)
        self.stdout.write(f"已导出 {count} 条信息的目录到 {path}")
