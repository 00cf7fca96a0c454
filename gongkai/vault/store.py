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
    """No key to seal with where sealed data exists (a new key would hide it), or a key
    that does not open what is sealed (sealing more with it would mix two keys under one
    name)."""

    def __init__(self, *, wrong: bool = False):
        where = f"{key_file()} 或环境变量 {ENV}"
        super().__init__(f"身份信息加密密钥{'不对' if wrong else '缺失'}：数据库中已有加密的身份信息，但"
                         f"{'配置的密钥打不开它们' if wrong else '未找到密钥'}（{where}）。"
                         "请放回原密钥文件；新的身份信息暂时无法保存。")


def sealed_fields() -> list[tuple[type, dict[str, str]]]:
    """Every model with sealed columns (fields marked `sealed`: fields.SealedMixin), with
    {column: the field's associated data, SealedMixin.seal_context}."""
    found = []
    for model in apps.get_models():
        columns = {f.column: f.seal_context for f in model._meta.concrete_fields if getattr(f, "sealed", False)}
        if columns:
            found.append((model, columns))
    return found


def quoted(name: str) -> str:
    return connection.ops.quote_name(name)


def sealed_rows_exist() -> bool:
    tables = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        for model, columns in sealed_fields():
            if model._meta.db_table not in tables:
                continue        # during migrations: an app not migrated yet
            where = " OR ".join(f"{quoted(c)} LIKE %s" for c in columns)
            cursor.execute(f"SELECT 1 FROM {quoted(model._meta.db_table)} WHERE {where} LIMIT 1",
                           [PREFIX + "%"] * len(columns))
            if cursor.fetchone():
                return True
    return False


_verified: dict[str, bool] = {}


def _opens_what_is_sealed(ring: Keyring) -> bool:
    """Whether the current key opens a value already sealed under its name (checked once
    per keyring a process sees; True when nothing is sealed under it yet)."""
    from .seal import Unsealable, unseal

    if ring.text() in _verified:
        return _verified[ring.text()]
    opens = True
    with connection.cursor() as cursor:
        for model, columns in sealed_fields():
            found = None
            for column in columns:
                cursor.execute(f"SELECT {quoted(column)} FROM {quoted(model._meta.db_table)} "
                               f"WHERE {quoted(column)} LIKE %s LIMIT 1", [f"{PREFIX}{ring.current}$%"])
                found = cursor.fetchone()
                if found:
                    try:
                        unseal(found[0], context=columns[column], ring=ring)
                    except Unsealable:
                        opens = False
                    break
            if found:
                break
        else:
            return True         # nothing sealed under this key yet: check again next time
    _verified[ring.text()] = opens
    return opens


def sealing_keyring() -> Keyring:
    """The keyring to seal with. On a new installation (no key, nothing sealed yet) the
    key file is made here, once; with sealed data and no key, IdentityKeyMissing."""
    try:
        ring = keyring()
    except KeyFileError:
        raise IdentityKeyMissing() from None
    if ring is not None:
        if not _opens_what_is_sealed(ring):
            raise IdentityKeyMissing(wrong=True)
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
