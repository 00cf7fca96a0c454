"""`gongkai keys`: the identity keys (docs/crypto.md).

- ``keys status``: where the keys are, the current key, how many values each key seals,
  how many are still plain; exit 1 when something cannot be read.
- ``keys create``: makes the key file (refused when one exists or sealed data exists).
- ``keys seal``: seals what was stored plain (after an upgrade; the migration does it
  too), then compacts SQLite so no plain page is left in the file.
- ``keys rotate [--batch N]``: adds a new key and re-seals everything under it. Resumable:
  while values or files remain under an older key, it goes on with the current key
  instead of adding another. Prints its progress after each committed batch.
- ``keys retire KID``: removes an old key once nothing is sealed with it.
"""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandError

from gongkai.vault.keys import KeyFileError, key_add, key_file, key_retire, keyring, keyring_new, keyring_write
from gongkai.vault.services import BATCH, keys_in_use, reseal, sqlite_compact, vault_status
from gongkai.vault.store import IdentityKeyMissing, sealed_rows_exist


class Command(BaseCommand):
    help = "身份信息密钥：status 状态、create 生成、seal 加密存量数据、rotate 轮换、retire 停用旧密钥"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("status", help="密钥位置、当前密钥、各密钥加密的数据条数")
        sub.add_parser("create", help="生成密钥文件（已有密钥或已有加密数据时拒绝）")
        sub.add_parser("seal", help="加密尚未加密的身份信息并压缩 SQLite 数据库")
        rotate = sub.add_parser("rotate", help="新增密钥并用它重新加密全部身份信息（中断后再次运行即继续）")
        rotate.add_argument("--batch", type=int, default=BATCH, help=f"每批行数（默认 {BATCH}）")
        retire = sub.add_parser("retire", help="停用不再使用的旧密钥")
        retire.add_argument("kid", help="密钥编号，如 k1")

    def handle(self, *args, action, **options):
        try:
            getattr(self, f"_{action}")(**options)
        except (KeyFileError, IdentityKeyMissing) as exc:
            raise CommandError(str(exc)) from None

    def _status(self, **options):
        status = vault_status(count=True)
        self.stdout.write(status.message)
        self.stdout.write(f"密钥文件：{key_file()}")
        for kid, count in sorted(status.by_key.items()):
            self.stdout.write(f"  {kid}：{count} 项")
        if status.plain:
            self.stdout.write(f"  未加密：{status.plain} 项（运行 gongkai keys seal）")
        if not status.ok:
            sys.exit(1)

    def _create(self, **options):
        if keyring() is not None:
            raise CommandError(f"已有密钥（{key_file()}），未改动。")
        if sealed_rows_exist():
            raise CommandError("数据库中已有加密的身份信息：新密钥无法解密它们。请放回原密钥文件。")
        path = keyring_write(keyring_new())
        self.stdout.write(f"已生成密钥文件：{path}（权限 0600）。请另行妥善保存一份，备份中不含密钥。")

    def _seal(self, **options):
        progress = reseal(on_batch=self._progress)
        sqlite_compact()
        self._done(progress, "加密")

    def _rotate(self, *, batch, **options):
        ring = keyring()
        if ring is None:
            raise CommandError(f"没有密钥（{key_file()}）：无从轮换。")
        older = {kid for kid in keys_in_use() if kid != ring.current}
        if older:
            self.stdout.write(f"继续上次未完成的轮换：仍有数据使用 {'、'.join(sorted(older))}，改用 {ring.current}。")
        else:
            self.stdout.write(f"新密钥 {key_add()} 已加入密钥文件。")
        self.stdout.flush()
        progress = reseal(batch=batch, on_batch=self._progress)
        sqlite_compact()
        self._done(progress, "重新加密")
        ring = keyring()
        for kid in ring.keys:
            if kid != ring.current:
                self.stdout.write(f"旧密钥 {kid} 已不再使用，可以停用：gongkai keys retire {kid}")

    def _retire(self, *, kid, **options):
        if kid in keys_in_use():
            raise CommandError(f"仍有数据使用密钥 {kid}：先运行 gongkai keys rotate 完成轮换。")
        key_retire(kid)
        self.stdout.write(f"密钥 {kid} 已从密钥文件中删除。")

    def _progress(self, progress):
        self.stdout.write(f"已处理：{progress.values} 项数据，{progress.files} 个文件")
        self.stdout.flush()

    def _done(self, progress, verb):
        self.stdout.write(f"完成：{verb} {progress.values} 项数据、{progress.files} 个文件。")
        for problem in progress.unreadable:
            self.stdout.write(f"无法解密：{problem}")
        if progress.unreadable:
            sys.exit(1)
