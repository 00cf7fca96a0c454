"""`gongkai mask IN OUT`: a masked copy of a PDF, DOCX, XLSX, TXT, HTML, JPG or PNG file."""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand

from gongkai.privacy.detect import KIND_LABELS
from gongkai.privacy.documents import UnreadableFile, mask_file


class Command(BaseCommand):
    help = ("生成脱敏副本（PDF、DOCX、XLSX、TXT、HTML、JPG、PNG）：PDF 中含个人信息的页面重绘为图片并涂黑，"
            "扫描页和图片经文字识别后涂黑。退出码：0 已全部处理，1 仍有需人工处理之处，2 文件无法读取。")

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
        if result.left.unchecked:
            self.stdout.write(f"仍需人工处理：{result.left.unchecked_message}")
        sys.exit(1 if result.left or result.left.unchecked else 0)
