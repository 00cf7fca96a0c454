"""The identity keys: where they live and how they change.

Never in the database, never in a backup. Read from the environment variable
``GONGKAI_IDENTITY_KEYS`` (the file's text) when set, else from the file
``settings.GONGKAI_IDENTITY_KEY_FILE`` (``<data dir>/identity.keys`` unless set; keep it
elsewhere, e.g. ``/etc/gongkai/identity.keys``, in production). The file::

    # comments
    index <64 hex digits>       the blind index's HMAC-SM3 key (never rotated)
    key k1 <32 hex digits>      an SM4 key; earlier lines only decrypt
    key k2 <32 hex digits>      the last key line seals everything new

Processes notice a changed file (its modification time) within a second, so a rotation's
new key reaches running servers before data is sealed with it. The file is written whole
and renamed into place (never half-written), mode 0600.
"""

from __future__ import annotations

import os
import re
import secrets
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

ENV = "GONGKAI_IDENTITY_KEYS"
_KEY_ID = re.compile(r"^k\d+$")


class KeyFileError(ValueError):
    """The key file is unreadable or malformed (the message says where, in Chinese)."""


@dataclass(frozen=True)
class Keyring:
    keys: dict[str, bytes]      # key id → 16-byte SM4 key, in the file's order
    index_key: bytes            # 32 bytes, HMAC-SM3 for the blind index

    @property
    def current(self) -> str:
        return list(self.keys)[-1]

    def text(self) -> str:
        lines = ["# 身份信息加密密钥（SM4）与检索索引密钥（HMAC-SM3）。不得放入数据库或备份；丢失后加密数据无法恢复。",
                 f"index {self.index_key.hex()}"]
        lines += [f"key {kid} {key.hex()}" for kid, key in self.keys.items()]
        return "\n".join(lines) + "\n"


def keyring_parse(text: str) -> Keyring:
    keys, index = {}, None
    for number, raw in enumerate(text.replace(";", "\n").splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        parts = line.split()
        try:
            if parts[0] == "index" and len(parts) == 2:
                index = bytes.fromhex(parts[1])
                if len(index) != 32:
                    raise ValueError
            elif parts[0] == "key" and len(parts) == 3 and _KEY_ID.match(parts[1]) and parts[1] not in keys:
                keys[parts[1]] = bytes.fromhex(parts[2])
                if len(keys[parts[1]]) != 16:
                    raise ValueError
            else:
                raise ValueError
        except ValueError:
            raise KeyFileError(f"密钥文件第 {number} 行格式不对（应为“index 64位十六进制”或“key k数字 32位十六进制”）。") from None
    if index is None or not keys:
        raise KeyFileError("密钥文件缺少 index 行或 key 行。")
    return Keyring(keys, index)


def key_file() -> Path:
    return Path(settings.GONGKAI_IDENTITY_KEY_FILE)


_cache: dict = {"at": 0.0, "stamp": None, "ring": None}


def keyring() -> Keyring | None:
    """The configured keyring, or None when there is none (no variable, no file). A
    malformed one raises KeyFileError."""
    text = os.environ.get(ENV)
    if text:
        stamp = ("env", text)
    else:
        path, now, cached = key_file(), time.monotonic(), _cache["stamp"]
        if cached and cached[0] != "env" and cached[1] == str(path) and now - _cache["at"] < 1.0:
            return _cache["ring"]
        try:
            info = path.stat()
            stamp = ("file", str(path), info.st_mtime_ns, info.st_size)
        except FileNotFoundError:
            stamp = ("none", str(path))
        _cache["at"] = now
    if stamp != _cache["stamp"]:
        if stamp[0] == "env":
            ring = keyring_parse(stamp[1])
        elif stamp[0] == "file":
            try:
                ring = keyring_parse(Path(stamp[1]).read_text(encoding="utf-8"))
            except OSError as exc:
                raise KeyFileError(f"密钥文件无法读取：{exc}") from None
        else:
            ring = None
        _cache.update(stamp=stamp, ring=ring)
    return _cache["ring"]


def keyring_forget() -> None:
    _cache.update(at=0.0, stamp=None, ring=None)


def keyring_write(ring: Keyring, path: Path | None = None) -> Path:
    """Writes the keyring whole (a temporary file renamed into place), mode 0600."""
    path = Path(path or key_file())
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(prefix=".identity-", dir=str(path.parent))
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(ring.text())
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, 0o600)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    keyring_forget()
    return path


def keyring_new() -> Keyring:
    return Keyring({"k1": secrets.token_bytes(16)}, secrets.token_bytes(32))


def key_add() -> str:
    """Adds a new SM4 key to the file; from now on it seals. Returns its id."""
    ring = keyring()
    if ring is None:
        raise KeyFileError("没有密钥文件：先运行 gongkai keys create。")
    if os.environ.get(ENV):
        raise KeyFileError(f"密钥来自环境变量 {ENV}：请在那里加入新密钥，不能由本命令改写。")
    number = max(int(kid[1:]) for kid in ring.keys) + 1
    kid = f"k{number}"
    keyring_write(Keyring({**ring.keys, kid: secrets.token_bytes(16)}, ring.index_key))
    return kid


def key_retire(kid: str) -> None:
    """Removes an old key from the file (the caller has checked nothing uses it)."""
    ring = keyring()
    if ring is None or kid not in ring.keys:
        raise KeyFileError(f"密钥 {kid} 不在密钥文件中。")
    if kid == ring.current:
        raise KeyFileError(f"{kid} 是当前密钥，不能停用。")
    if os.environ.get(ENV):
        raise KeyFileError(f"密钥来自环境变量 {ENV}：请在那里删去旧密钥。")
    keyring_write(Keyring({k: v for k, v in ring.keys.items() if k != kid}, ring.index_key))


def _check_value(key: bytes) -> str:
    from cryptography.hazmat.primitives import hashes, hmac

    mac = hmac.HMAC(key, hashes.SM3())
    mac.update(b"gongkai identity key check")
    return mac.finalize().hex()[:16]


def key_checks(kids) -> dict[str, str]:
    """{key id: check value} of the keys `kids` (for a backup's manifest: which keys its
    data needs, and a value that tells the same key again without revealing it; None for
    a key not configured here)."""
    ring = keyring()
    return {kid: _check_value(ring.keys[kid]) if ring and kid in ring.keys else None for kid in sorted(kids)}


def keys_missing(checks: dict[str, str]) -> list[str]:
    """The key ids of `checks` the configured keyring lacks or holds a different key for."""
    try:
        ring = keyring()
    except KeyFileError:
        ring = None
    return [kid for kid, check in sorted(checks.items())
            if ring is None or kid not in ring.keys or (check and _check_value(ring.keys[kid]) != check)]
