"""Which columns are sealed, and the key to seal with: made at the first save of a new
installation, refused where sealed data exists without its key."""

from __future__ import annotations

import os
import time

from django.apps import apps
from django.db import connection

from .keys import ENV, KeyFileError, Keyring, key_file, keyring, keyring_forget, keyring_new, keyring_write
from .seal import PREFIX


class IdentityKeyMissing(RuntimeError):
    """No key to seal with, and sealed data exists (making a new key would hide it)."""

    def __init__(self):
        super().__init__(f"身份信息加密密钥缺失：数据库中已有加密的身份信息，但未找到密钥（{key_file()} 或环境变量 {ENV}）。"
                         "请放回原密钥文件；新的身份信息暂时无法保存。")


def sealed_fields() -> list[tuple[type, list[str]]]:
    """Every model with sealed columns (fields marked `sealed`: fields.SealedMixin), with
    their column names."""
    found = []
    for model in apps.get_models():
        columns = [f.column for f in model._meta.concrete_fields if getattr(f, "sealed", False)]
        if columns:
            found.append((model, columns))
    return found


def _quote(name: str) -> str:
    return connection.ops.quote_name(name)


def sealed_rows_exist() -> bool:
    tables = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        for model, columns in sealed_fields():
            if model._meta.db_table not in tables:
                continue        # during migrations: an app not migrated yet
            where = " OR ".join(f"{_quote(c)} LIKE %s" for c in columns)
            cursor.execute(f"SELECT 1 FROM {_quote(model._meta.db_table)} WHERE {where} LIMIT 1",
                           [PREFIX + "%"] * len(columns))
            if cursor.fetchone():
                return True
    return False


def sealing_keyring() -> Keyring:
    """The keyring to seal with. On a new installation (no key, nothing sealed yet) the
    key file is made here, once; with sealed data and no key, IdentityKeyMissing."""
    try:
        ring = keyring()
    except KeyFileError:
        raise IdentityKeyMissing() from None
    if ring is not None:
        return ring
    if sealed_rows_exist():
        raise IdentityKeyMissing()
    path = key_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        descriptor = os.open(str(path), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        # Another process made it first and is writing it (whole, by rename): wait for it.
        for _ in range(100):
            if path.stat().st_size:
                break
            time.sleep(0.02)
    else:
        os.close(descriptor)
        keyring_write(keyring_new(), path)
    keyring_forget()
    ring = keyring()
    if ring is None:
        raise IdentityKeyMissing()
    return ring
