"""`gongkai backup [--out FILE]`: an online, consistent backup (see gongkai.ops.backup)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from gongkai.ops.backup import BackupError, backup_create


class Command(BaseCommand):
    help = "在线备份：数据库、上传的文件和密钥打包为一个文件（默认 数据目录/backups/）"

    def add_arguments(self, parser):
        parser.add_argument("--out", help="备份文件路径（.tar.gz）")

    def handle(self, *args, out, **options):
        path = Path(out) if out else Path(settings.DATA_DIR) / "backups" / \
            f"gongkai-{datetime.now():%Y%m%d-%H%M%S}.tar.gz"
        try:
            manifest = backup_create(path)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        counts = manifest["counts"]
        self.stdout.write(f"已备份到 {path}（{manifest['database']}；公开信息 {counts['items']} 条，"
                          f"申请 {counts['applications']} 件，操作日志 {counts['events']} 条）。")
