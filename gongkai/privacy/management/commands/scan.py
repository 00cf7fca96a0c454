"""`gongkai scan FILE... [--json]`: personal data and secrecy markings in files."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand

from gongkai.privacy.detect import KIND_LABELS
from gongkai.privacy.documents import SUPPORTED, UnreadableFile, scan_file


class Command(BaseCommand):
    help = ("检查文件中的身份证号、手机号、银行卡号、统一社会信用代码、邮箱和密级标志。"
            "扫描页和图片经文字识别后检查。退出码：0 未发现，1 有发现，2 有文件或页面无法读取。")

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="文件或目录（目录中的 PDF、DOCX、XLSX、TXT、HTML、JPG、PNG 逐一检查）")
        parser.add_argument("--json", action="store_true", dest="as_json", help="以 JSON 输出发现")

    def handle(self, *args, paths, as_json, **options):
        findings, unreadable = [], 0
        for path in _expand(paths):
            try:
                found = scan_file(path)
            except UnreadableFile as exc:
                unreadable += 1
                self.stderr.write(f"{path}：{exc}")
                continue
            findings.extend(found)
            if found.unchecked:
                unreadable += 1
                self.stderr.write(f"{path}：{found.unchecked_message}")
        if as_json:
            self.stdout.write(json.dumps([f.as_dict() for f in findings], ensure_ascii=False, indent=2))
        else:
            for f in findings:
                self.stdout.write(f"{f.file}  {f.location}  {KIND_LABELS[f.kind]}  {f.masked}")
            if not findings and not unreadable:
                self.stdout.write("未发现个人信息或密级标志。")
        sys.stdout.flush()
        sys.exit(2 if unreadable else 1 if findings else 0)


def _expand(paths: list[str]) -> list[Path]:
    """Files as given; directories walked for supported files, in a stable order."""
    result = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            result.extend(sorted(p for p in path.rglob("*")
                                 if p.is_file() and p.suffix.lower() in SUPPORTED))
        else:
            result.append(path)
    return result
