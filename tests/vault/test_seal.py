"""Sealing and the blind index, against the standards' own examples and tampering."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from gongkai.vault.keys import KeyFileError, keyring_new, keyring_parse
from gongkai.vault.seal import Unsealable, blind_index, key_id, seal, seal_bytes, unseal, unseal_bytes


def test_the_cipher_is_sm4_of_gb_t_32907():
    # GB/T 32907-2016, appendix A, example 1: key = plaintext = 0123456789abcdeffedcba9876543210.
    key = bytes.fromhex("0123456789abcdeffedcba9876543210")
    encryptor = Cipher(algorithms.SM4(key), modes.ECB()).encryptor()
    assert (encryptor.update(key) + encryptor.finalize()).hex() == "681edf34d206965e86b3e94f536e4246"


def test_sealed_values_open_only_as_sealed():
    ring = keyring_new()
    token = seal("11010519491231002X", context="applications.application.id_number", ring=ring)
    assert token.startswith("sm4$k1$") and "11010519491231002X" not in token and key_id(token) == "k1"
    assert seal("张三", context="c", ring=ring) != seal("张三", context="c", ring=ring)     # random nonce
    assert unseal(token, context="applications.application.id_number", ring=ring) == "11010519491231002X"
    with pytest.raises(Unsealable, match="校验失败"):               # copied into another field
        unseal(token, context="applications.application.phone", ring=ring)
    head, body = token.rsplit("$", 1)
    changed = body[:10] + ("A" if body[10] != "A" else "B") + body[11:]
    with pytest.raises(Unsealable, match="校验失败"):               # one character changed
        unseal(f"{head}${changed}", context="applications.application.id_number", ring=ring)
    with pytest.raises(Unsealable, match="格式"):
        unseal(f"{head}$***", context="applications.application.id_number", ring=ring)
    with pytest.raises(Unsealable, match="校验失败"):               # another installation's key
        unseal(token, context="applications.application.id_number", ring=keyring_new())
    with pytest.raises(Unsealable, match="未配置"):
        unseal(token, context="applications.application.id_number", ring=None)


def test_files_are_sealed_whole():
    ring = keyring_new()
    data = "身份证复印件 11010519491231002X".encode() * 100
    sealed = seal_bytes(data, context="identity-file", ring=ring)
    assert sealed.startswith(b"GKSM4 k1\n") and "11010519491231002X".encode() not in sealed
    assert unseal_bytes(sealed, context="identity-file", ring=ring) == data
    broken = bytearray(sealed)
    broken[-20] ^= 1
    with pytest.raises(Unsealable):
        unseal_bytes(bytes(broken), context="identity-file", ring=ring)


def test_the_blind_index_finds_the_same_number_however_written():
    ring = keyring_new()
    same = {blind_index(v, kind="id", ring=ring) for v in ("11010519491231002X", "110105 19491231 002x", " 11010519491231002X")}
    assert len(same) == 1 and len(same.pop()) == 64
    phones = {blind_index(v, kind="phone", ring=ring) for v in ("13800138000", "138 0013 8000", "+86 138-0013-8000")}
    assert len(phones) == 1
    assert blind_index("13800138000", kind="phone", ring=ring) != blind_index("13800138000", kind="id", ring=ring)
    assert blind_index("13800138000", kind="phone", ring=ring) != blind_index("13800138000", kind="phone",
                                                                                ring=keyring_new())
    assert blind_index("", kind="phone", ring=ring) == ""


def test_the_key_file_is_read_strictly():
    ring = keyring_new()
    assert keyring_parse(ring.text()) == ring
    assert keyring_parse(ring.text() + "key k2 " + "ab" * 16 + "\n").current == "k2"
    for bad, where in (("index 00\nkey k1 " + "00" * 16, "第 1 行"), (f"index {'00' * 32}\nkey x1 {'00' * 16}", "第 2 行"),
                       (f"index {'00' * 32}", "缺少")):
        with pytest.raises(KeyFileError, match=where):
            keyring_parse(bad)
