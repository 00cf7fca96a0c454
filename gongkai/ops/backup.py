"""Backups: one archive with the database and the uploaded files — and no key.

- SQLite: SQLite's online backup API copies a consistent snapshot while the platform runs
  (WAL mode lets readers and the writer go on).
- PostgreSQL: `pg_dump --format=custom` (a consistent snapshot in one transaction);
  `pg_restore` puts it back into an empty database.
- Files: the media directory (attachments, documents, reports, letters' attachments),
  copied after the database snapshot — files are only ever added, so everything the
  snapshot refers to is there.
- No key: identity data is sealed (gongkai.vault) in the database and the files, and the
  identity keys and Django's secret key stay out of the archive (keep them apart, e.g.
  offline). The manifest names the identity keys the data needs, with a check value of
  each, and `restore` refuses to restore sealed data the configured keys cannot open. A
  restore without the old secret key gets a new one: sessions end, and the evaluation
  forms' keyed respondent hashes start afresh.
The archive is written 0600.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.db import connection

from gongkai.vault.keys import key_checks, keys_missing
from gongkai.vault.services import keys_in_use


class BackupError(RuntimeError):
    pass


def _database() -> dict:
    return settings.DATABASES["default"]


def _pg_url(db: dict) -> str:
    from urllib.parse import quote

    user = quote(db.get("USER") or "")
    password = f":{quote(db['PASSWORD'])}" if db.get("PASSWORD") else ""
    host = db.get("HOST") or "localhost"
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"postgresql://{user}{password}@{host}{port}/{db['NAME']}"


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    for candidate in sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), reverse=True):
        return str(candidate)
    raise BackupError(f"找不到 {name}：请安装 postgresql-client。")


def backup_create(out: Path) -> dict:
    """Writes the archive to `out` and returns its manifest."""
    from gongkai.applications.models import Application
    from gongkai.events.models import Event
    from gongkai.publishing.models import DisclosureItemPage

    db = _database()
    vendor = connection.vendor
    manifest = {"created_at": datetime.now().astimezone().isoformat(), "database": vendor,
                "counts": {"items": DisclosureItemPage.objects.count(), "applications": Application.objects.count(),
                           "events": Event.objects.count()},
                "identity_keys": key_checks(keys_in_use())}
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="gongkai-backup-") as tmp:
        tmp = Path(tmp)
        if vendor == "sqlite":
            source = sqlite3.connect(str(db["NAME"]))
            target = sqlite3.connect(str(tmp / "database.sqlite3"))
            try:
                source.backup(target)
            finally:
                target.close()
                source.close()
            database_file = tmp / "database.sqlite3"
        elif vendor == "postgresql":
            database_file = tmp / "database.pgdump"
            result = subprocess.run([_tool("pg_dump"), "--format=custom", "--no-owner", "--file", str(database_file),
                                     "--dbname", _pg_url(db)], capture_output=True, text=True)
            if result.returncode:
                raise BackupError(f"pg_dump 失败：{result.stderr.strip()[:500]}")
        else:
            raise BackupError(f"不支持的数据库：{vendor}")
        descriptor = os.open(str(out), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "wb") as handle, tarfile.open(fileobj=handle, mode="w:gz") as archive:
            data = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
            archive.add(str(database_file), arcname=database_file.name)
            media = Path(settings.MEDIA_ROOT)
            if media.exists():
                archive.add(str(media), arcname="media")
    return manifest


def _empty_sqlite(path: Path) -> bool:
    if not path.exists():
        return True
    with sqlite3.connect(str(path)) as db:
        return db.execute("SELECT count(*) FROM sqlite_master WHERE type='table'").fetchone()[0] == 0


def backup_restore(archive_path: Path) -> dict:
    """Restores an archive into this configuration's database and data directory, which
    must be empty (nothing is overwritten). Returns the archive's manifest."""
    archive_path = Path(archive_path)
    if not archive_path.exists():
        raise BackupError(f"找不到备份文件：{archive_path}")
    db = _database()
    try:
        archive = tarfile.open(str(archive_path), mode="r:gz")
    except (tarfile.TarError, OSError) as exc:
        raise BackupError(f"备份文件无法读取：{exc}") from None
    with archive, tempfile.TemporaryDirectory(prefix="gongkai-restore-") as tmp:
        tmp = Path(tmp)
        archive.extractall(str(tmp), filter="data")
        try:
            manifest = json.loads((tmp / "manifest.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            raise BackupError("备份文件缺少清单（manifest.json），不是 gongkai backup 生成的文件。") from None
        vendor = "postgresql" if "postgresql" in db["ENGINE"] else "sqlite" if "sqlite" in db["ENGINE"] else db["ENGINE"]
        if manifest["database"] != vendor:
            raise BackupError(f"备份来自 {manifest['database']}，当前配置的是 {vendor}：请用相同的数据库恢复。")
        missing = keys_missing(manifest.get("identity_keys", {}))
        if missing:
            raise BackupError(f"备份中的身份信息用密钥 {'、'.join(missing)} 加密，当前配置的密钥中没有（或不是同一把）："
                              "请先放好原密钥文件（GONGKAI_IDENTITY_KEY_FILE）再恢复。备份本身不含密钥。")
        if vendor == "sqlite":
            target = Path(db["NAME"])
            if not _empty_sqlite(target):
                raise BackupError(f"数据库 {target} 不是空的：恢复只写入空的数据目录，不覆盖现有数据。")
            target.parent.mkdir(parents=True, exist_ok=True)
            connection.close()
            for suffix in ("-wal", "-shm"):
                Path(f"{target}{suffix}").unlink(missing_ok=True)
            shutil.copyfile(tmp / "database.sqlite3", target)
        else:
            with connection.cursor() as cursor:
                cursor.execute("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")
                if cursor.fetchone()[0]:
                    raise BackupError("数据库不是空的：恢复只写入空数据库，不覆盖现有数据。")
            connection.close()
            result = subprocess.run([_tool("pg_restore"), "--no-owner", "--exit-on-error", "--dbname", _pg_url(db),
                                     str(tmp / "database.pgdump")], capture_output=True, text=True)
            if result.returncode:
                raise BackupError(f"pg_restore 失败：{result.stderr.strip()[:500]}")
        media = Path(settings.MEDIA_ROOT)
        if (tmp / "media").exists():
            shutil.copytree(tmp / "media", media, dirs_exist_ok=True)
    return manifest
