"""`gongkai checklist`: show the checklist, or load the national list or a provincial file."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from gongkai.catalog.checklist_file import ChecklistFileError
from gongkai.catalog.selectors import checklist_as_dicts, checklist_items
from gongkai.catalog.services import checklist_load


class Command(BaseCommand):
    help = "信息公开事项清单：显示（--json 输出 JSON），或 load [文件] 载入国家清单或省级清单。"

    def add_arguments(self, parser):
        parser.add_argument("action", nargs="?", choices=["show", "load"], default="show",
                            help="show（默认）显示清单；load 载入清单文件")
        parser.add_argument("file", nargs="?",
                            help="load 的清单文件（.yaml 或 .csv）；省略时载入国家清单")
        parser.add_argument("--json", action="store_true", dest="as_json", help="以 JSON 输出清单")
        parser.add_argument("--dry-run", action="store_true", help="只检查并报告，不写入")
        parser.add_argument("--reset", action="store_true",
                            help="重新载入国家清单时覆盖已修改的事项（默认只补充缺少的事项）")

    def handle(self, *args, action, file, as_json: bool, dry_run: bool, reset: bool, **options):
        if action == "load":
            self._load(file, dry_run=dry_run, reset=reset)
        elif file:
            raise CommandError("只有 load 需要文件参数。")
        elif as_json:
            self._print_json()
        else:
            self._print_table()

    def _load(self, file, *, dry_run: bool, reset: bool) -> None:
        from gongkai.portal.services import portal_tree_sync

        try:
            report = checklist_load(path=file, dry_run=dry_run, reset=reset)
        except ChecklistFileError as exc:
            raise CommandError(f"清单文件有误，未做任何修改：\n{exc.describe()}") from None
        if not dry_run:
            portal_tree_sync()
        self.stdout.write(report.summary())

    def _print_json(self) -> None:
        from gongkai.portal.models import ChecklistItemPage

        urls = ChecklistItemPage.column_urls()
        rows = checklist_as_dicts(column_url=lambda item: urls.get(item.pk))
        self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))

    def _print_table(self) -> None:
        category = None
        for item in checklist_items():
            if item.category_id != category:
                category = item.category_id
                self.stdout.write(f"\n{item.category}")
            departments = "、".join(d.name for d in item.departments.all())
            self.stdout.write(f"  {item.number:>3}. {item.title}  [{item.default_scope}；"
                              f"{item.update_rule_text()}；{departments}]")
