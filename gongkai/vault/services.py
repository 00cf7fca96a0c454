"""The sealed data as a whole: which fields and files are sealed, the key made at first
use, the state shown to staff, sealing what was stored plain, and key rotation."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.db import connection, models, transaction

from .fields import FILE_CONTEXT, SealedStorage
from .keys import ENV, KeyFileError, Keyring, key_file, keyring
from .seal import PREFIX, Unsealable, file_key_id, key_id, seal, seal_bytes, unseal, unseal_bytes
from .store import quoted, sealed_fields, sealing_keyring


def sealed_file_fields() -> list[tuple[type, str]]:
    return [(model, f.name) for model in apps.get_models() for f in model._meta.concrete_fields
            if isinstance(f, models.FileField) and isinstance(f.storage, SealedStorage)]




@dataclass
class VaultStatus:
    ok: bool
    message: str
    by_key: dict[str, int] = field(default_factory=dict)    # sealed values per key id
    plain: int = 0                                          # identity values not sealed yet


def vault_status(*, count: bool = False) -> VaultStatus:
    """Whether identity data can be read: the keyring, one sealed value opened with it,
    and (with `count`) how many values each key seals and how many are still plain."""
    try:
        ring = keyring()
    except KeyFileError as exc:
        return VaultStatus(False, f"身份信息无法解密：{exc}")
    by_key, plain, sample = _census(full=count)
    if ring is None:
        if by_key:
            return VaultStatus(False, f"身份信息无法解密：未找到密钥（{key_file()} 或环境变量 {ENV}）。"
                                      "公开网站照常服务；申请人和来信人的身份信息显示为“无法解密”。", by_key, plain)
        return VaultStatus(True, "尚未保存身份信息；第一次保存时自动生成密钥。", by_key, plain)
    missing = sorted(set(by_key) - set(ring.keys))
    if missing:
        return VaultStatus(False, f"身份信息部分无法解密：密钥文件中没有 {'、'.join(missing)}。", by_key, plain)
    if sample:
        try:
            unseal(sample[1], context=sample[0], ring=ring)
        except Unsealable:
            return VaultStatus(False, "身份信息无法解密：配置的密钥打不开已加密的数据（密钥文件被换过？）。"
                                      "公开网站照常服务；身份信息显示为“无法解密”。", by_key, plain)
    return VaultStatus(True, f"身份信息以 SM4 加密保存，当前密钥 {ring.current}。", by_key, plain)


def _census(*, full: bool):
    """({key id: sealed values}, plain values, (context, token) of one sealed value); unless
    `full`, it stops at the first sealed value."""
    by_key, plain, sample = {}, 0, None
    with connection.cursor() as cursor:
        for model, columns in sealed_fields():
            for column in columns:
                limit = "" if full else " LIMIT 1"
                where = f"{quoted(column)} <> ''" if full else f"{quoted(column)} LIKE %s"
                cursor.execute(f"SELECT {quoted(column)} FROM {quoted(model._meta.db_table)} WHERE {where}{limit}",
                               [] if full else [PREFIX + "%"])
                for (value,) in cursor.fetchall():
                    kid = key_id(value)
                    if not kid:
                        plain += 1
                        continue
                    by_key[kid] = by_key.get(kid, 0) + 1
                    sample = sample or (columns[column], value)
                    if not full:
                        return by_key, plain, sample
    return by_key, plain, sample


@dataclass
class Progress:
    values: int = 0
    files: int = 0
    unreadable: list[str] = field(default_factory=list)


BATCH = 200


def reseal(*, batch: int = BATCH, on_batch=None) -> Progress:
    """Seals every identity value and file not sealed with the current key: plain ones
    (stored before sealing began) and those under an older key. Each batch of rows is one
    transaction and each file is replaced by rename, so an interrupted run (kill -9 at any
    point) loses nothing and the next run goes on from where it stopped. `on_batch(progress)`
    is called after each committed batch and file."""
    ring = sealing_keyring()
    progress = Progress()
    for model, columns in sealed_fields():
        names = [f.name for f in model._meta.concrete_fields if f.column in columns]
        _reseal_rows(model, names, ring, batch=batch, on_batch=on_batch, progress=progress)
    for model, name in sealed_file_fields():
        _reseal_files(model, name, ring, on_batch=on_batch, progress=progress)
    return progress


def migration_seal(model, names: list[str], *, files=(), indexes=None) -> None:
    """For a data migration (`model` is the historical model): seals the plain values of
    the fields `names` and the files of `files`, and fills the blind indexes
    (`indexes`: {field name: (index field name, kind)}) of every row."""
    ring = keyring()
    if ring is None:
        table = quoted(model._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT 1 FROM {table} LIMIT 1")
            if cursor.fetchone() is None:
                return          # nothing stored yet: the key is made at the first save
        ring = sealing_keyring()
    progress = Progress()
    _reseal_rows(model, names, ring, batch=BATCH, on_batch=None, progress=progress, indexes=indexes or {})
    for name in files:
        _reseal_files(model, name, ring, on_batch=None, progress=progress)


def _reseal_rows(model, names, ring, *, batch, on_batch, progress, indexes=None):
    from .seal import blind_index

    fields = [model._meta.get_field(name) for name in names]
    columns = [f.column for f in fields]
    contexts = {f.column: f"{model._meta.label_lower}.{f.name}" for f in fields}
    index_columns = {model._meta.get_field(name).column: (model._meta.get_field(index).column, kind)
                     for name, (index, kind) in (indexes or {}).items()}
    table, pk = quoted(model._meta.db_table), quoted(model._meta.pk.column)
    # With indexes to fill, every row; otherwise only rows with a value not under the current key.
    where = "1 = 1" if index_columns else " OR ".join(
        f"({quoted(c)} <> '' AND {quoted(c)} NOT LIKE %s)" for c in columns)
    base = [] if index_columns else [f"{PREFIX}{ring.current}$%"] * len(columns)
    last = None
    while True:
        params, after = list(base), ""
        if last is not None:
            after, params = f" AND {pk} > %s", params + [last]
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"SELECT {pk}, {', '.join(quoted(c) for c in columns)} FROM {table} "
                           f"WHERE ({where}){after} ORDER BY {pk} LIMIT {int(batch)}", params)
            rows = cursor.fetchall()
            for row in rows:
                changes = {}
                for column, value in zip(columns, row[1:]):
                    if not value:
                        continue
                    try:
                        plain = unseal(value, context=contexts[column], ring=ring) if key_id(value) else value
                    except Unsealable as exc:
                        progress.unreadable.append(f"{model._meta.label} {row[0]} {column}：{exc}")
                        continue
                    if column in index_columns:
                        index_column, kind = index_columns[column]
                        changes[index_column] = blind_index(plain, kind=kind, ring=ring)
                    if key_id(value) != ring.current:
                        changes[column] = seal(plain, context=contexts[column], ring=ring)
                        progress.values += 1
                if changes:
                    sets = ", ".join(f"{quoted(c)} = %s" for c in changes)
                    cursor.execute(f"UPDATE {table} SET {sets} WHERE {pk} = %s", [*changes.values(), row[0]])
        if not rows:
            return
        last = rows[-1][0]
        if on_batch:
            on_batch(progress)


def _reseal_files(model, name, ring, *, on_batch, progress):
    for record in model.objects.all().iterator():
        stored = getattr(record, name)
        if not stored:
            continue
        try:
            if _reseal_file(Path(stored.storage.path(stored.name)), ring):
                progress.files += 1
                if on_batch:
                    on_batch(progress)
        except (Unsealable, OSError) as exc:
            progress.unreadable.append(f"{model._meta.label} {record.pk} {stored.name}：{exc}")


def _reseal_file(path: Path, ring: Keyring) -> bool:
    data = path.read_bytes()
    kid = file_key_id(data[:32])
    if kid == ring.current:
        return False
    plain = unseal_bytes(data, context=FILE_CONTEXT, ring=ring) if kid else data
    temporary = path.with_name(f".{path.name}.reseal")
    with open(temporary, "wb") as handle:
        handle.write(seal_bytes(plain, context=FILE_CONTEXT, ring=ring))
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)
    return True


def keys_in_use() -> set[str]:
    used = set(vault_status(count=True).by_key)
    for model, name in sealed_file_fields():
        for record in model.objects.all().iterator():
            stored = getattr(record, name)
            if stored:
                try:
                    with open(stored.storage.path(stored.name), "rb") as handle:
                        kid = file_key_id(handle.read(32))
                except OSError:
                    continue
                if kid:
                    used.add(kid)
    return used


def sqlite_compact() -> None:
    """On SQLite, VACUUM: pages that held plain values before sealing are not left in
    the file."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM")



def identity_index(value, *, kind: str) -> str:
    """The blind index of an ID number (`kind="id"`) or a phone (`"phone"`): "" for none."""
    from .seal import blind_index

    if not value:
        return ""
    return blind_index(str(value), kind=kind, ring=sealing_keyring())
