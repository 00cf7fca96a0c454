"""`gongkai mask IN OUT`: a masked copy of a TXT, DOCX, XLSX or HTML file."""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand

from gongkai.privacy.detect import KIND_LABELS
from gongkai.privacy.documents import UnreadableFile, mask_file


class Command(BaseCommand):
    help = "生成脱敏副本（TXT、DOCX、XLSX、HTML）。PDF 只能检查，请在原文件中处理。"

    def add_arguments(self, parser):
        parser.add_argument("source", help="原文件")
        parser.add_argument("target", help="脱敏副本的保存路径")

    def handle(self, *args, source, target, **options):
        try:
            result = mask_file(source, target)
        except UnreadableFile as exc:
            self.stderr.write(f"{source}：{exc}")
            sys.exit(2)
        self.stdout.write(f"已脱敏 {result.masked} 处，副本保存为 {target}。")
        for f in result.left:
            self.stdout.write(f"仍需人工处理：{f.location}  {KIND_LABELS[f.kind]}  {f.masked}")
        sys.exit(1 if result.left else 0)
