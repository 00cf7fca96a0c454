"""Identity data at rest (商用密码): applicants' and letter writers' names, ID numbers,
phones, e-mail and postal addresses, and the files they send, stored sealed with SM4-GCM
under keys that live outside the database (`keys.py`), found again through a keyed SM3
index (`seal.blind_index`). See docs/crypto.md."""
