"""Sealing (SM4-GCM) and the blind index (HMAC-SM3): pure, given a keyring.

A sealed value is text, ``sm4$<key id>$<base64 of nonce ‖ ciphertext ‖ tag>``: GCM gives
confidentiality and integrity, so a changed byte is detected (not shown as garbage). The
associated data is the field's name (``applications.application.id_number``): a value
copied into another field does not open. A sealed file starts ``GKSM4 <key id>\\n``, then
the same nonce ‖ ciphertext ‖ tag. SM4 is OpenSSL's (GB/T 32907), through `cryptography`.
"""

from __future__ import annotations

import base64
import binascii
import re
import secrets

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, hmac
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from .keys import Keyring

PREFIX = "sm4$"
FILE_MAGIC = b"GKSM4 "
_NONCE, _TAG = 12, 16


class Unsealable(ValueError):
    """A value or file that cannot be opened: no key, an unknown key id, or tampered."""


def _encrypt(key: bytes, data: bytes, context: bytes) -> bytes:
    nonce = secrets.token_bytes(_NONCE)
    encryptor = Cipher(algorithms.SM4(key), modes.GCM(nonce)).encryptor()
    encryptor.authenticate_additional_data(context)
    body = encryptor.update(data) + encryptor.finalize()
    return nonce + body + encryptor.tag


def _decrypt(key: bytes, blob: bytes, context: bytes) -> bytes:
    if len(blob) < _NONCE + _TAG:
        raise Unsealable("密文长度不对（被截断或改动）")
    nonce, body, tag = blob[:_NONCE], blob[_NONCE:-_TAG], blob[-_TAG:]
    decryptor = Cipher(algorithms.SM4(key), modes.GCM(nonce, tag)).decryptor()
    decryptor.authenticate_additional_data(context)
    try:
        return decryptor.update(body) + decryptor.finalize()
    except InvalidTag:
        raise Unsealable("校验失败（密文被改动，或密钥不对）") from None


def _key(ring: Keyring | None, kid: str) -> bytes:
    if ring is None:
        raise Unsealable("未配置身份信息密钥")
    if kid not in ring.keys:
        raise Unsealable(f"密钥 {kid} 不在密钥文件中")
    return ring.keys[kid]


def is_sealed(value) -> bool:
    return isinstance(value, str) and value.startswith(PREFIX)


def key_id(token: str) -> str | None:
    """The key id a sealed value was sealed with (None for plain text)."""
    if not is_sealed(token):
        return None
    return token.split("$", 2)[1] if token.count("$") >= 2 else None


def seal(text: str, *, context: str, ring: Keyring) -> str:
    kid = ring.current
    blob = _encrypt(ring.keys[kid], text.encode("utf-8"), context.encode())
    return f"{PREFIX}{kid}${base64.b64encode(blob).decode('ascii')}"


def unseal(token: str, *, context: str, ring: Keyring | None) -> str:
    try:
        _, kid, payload = token.split("$", 2)
        blob = base64.b64decode(payload, validate=True)
    except (ValueError, binascii.Error):
        raise Unsealable("密文格式不对（被改动）") from None
    return _decrypt(_key(ring, kid), blob, context.encode()).decode("utf-8")


def seal_bytes(data: bytes, *, context: str, ring: Keyring) -> bytes:
    kid = ring.current
    return FILE_MAGIC + kid.encode("ascii") + b"\n" + _encrypt(ring.keys[kid], data, context.encode())


def file_key_id(head: bytes) -> str | None:
    """The key id of a sealed file from its first bytes (None: not sealed)."""
    match = re.match(rb"GKSM4 (k\d+)\n", head)
    return match.group(1).decode("ascii") if match else None


def unseal_bytes(data: bytes, *, context: str, ring: Keyring | None) -> bytes:
    kid = file_key_id(data[:32])
    if kid is None:
        raise Unsealable("不是加密文件")
    return _decrypt(_key(ring, kid), data[len(FILE_MAGIC) + len(kid) + 1:], context.encode())


def _normalized(value: str, kind: str) -> str:
    value = re.sub(r"\s", "", value or "")
    if kind == "phone":
        digits = re.sub(r"\D", "", value)
        return digits[2:] if digits.startswith("86") and len(digits) == 13 else digits
    return value.upper()


def blind_index(value: str, *, kind: str, ring: Keyring) -> str:
    """A keyed SM3 hash of the normalised value (ID numbers upper-cased without spaces;
    phones as digits, without +86), for finding records by exact value. Empty: ""."""
    normalized = _normalized(value, kind)
    if not normalized:
        return ""
    mac = hmac.HMAC(ring.index_key, hashes.SM3())
    mac.update(f"{kind}:{normalized}".encode())
    return mac.finalize().hex()
