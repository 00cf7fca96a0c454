"""`gongkai report build --period 2023-2024 --out DIR`: report.docx, report.pdf and
report.html of the period's annual report, and the check's findings. Exit 0 when the
check finds no error, 1 when it does."""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gongkai.annual.period import Period
from gongkai.annual.services import report_build, report_ensure


class Command(BaseCommand):
    help = "年度报告：build --period 2023-2024（或 2023）--out 目录 [--no-link-check]"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        build = sub.add_parser("build", help="生成年度报告的 DOCX、PDF、HTML 并检查")
        build.add_argument("--period", required=True, help="学年 2023-2024 或自然年 2023")
        build.add_argument("--out", required=True, help="输出目录")
        build.add_argument("--no-link-check", action="store_true", help="不检查外部链接（离线时）")

    def handle(self, *args, action, period, out, no_link_check, **options):
        try:
            span = Period.parse(period)
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        directory = Path(out)
        try:
            directory.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise CommandError(f"无法创建输出目录“{out}”：{exc.strerror or exc}") from None
        report = report_ensure(span)
        built = report_build(report, check_links=not no_link_check)
        (directory / "report.docx").write_bytes(built.docx)
        (directory / "report.pdf").write_bytes(built.pdf)
        (directory / "report.html").write_text(built.html, encoding="utf-8")
        self.stdout.write(f"{built.document.title}")
        self.stdout.write(f"已写入 {directory / 'report.docx'}、report.pdf（{built.pdf_engine}）、report.html")
        for note in built.notes:
            self.stdout.write(f"说明：{note}")
        if not built.findings:
            self.stdout.write("检查通过。")
        for finding in built.findings:
            self.stdout.write(str(finding))
        if any(f.level == "error" for f in built.findings):
            sys.exit(1)
