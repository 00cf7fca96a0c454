"""`gongkai restore FILE`: puts a backup back into an empty data directory or database."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from gongkai.ops.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = "恢复备份到空的数据目录（SQLite）或空数据库（PostgreSQL），不覆盖现有数据"

    def add_arguments(self, parser):
        parser.add_argument("archive", help="gongkai backup 生成的文件")

    def handle(self, *args, archive, **options):
        try:
            manifest = backup_restore(archive)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        counts = manifest["counts"]
        self.stdout.write(f"已恢复 {manifest['created_at']} 的备份（公开信息 {counts['items']} 条，"
                          f"申请 {counts['applications']} 件，操作日志 {counts['events']} 条）。"
                          "如有新的数据库迁移，请再运行 gongkai migrate。")
