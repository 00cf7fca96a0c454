"""Model fields and file storage that seal what they store.

`SealedCharField` and `SealedEmailField` validate and edit like CharField and EmailField
(the plain value's length, the e-mail's form) and store a sealed text column. Reading a
value that cannot be opened (no key, a key not in the file, a changed byte) gives an
`Unreadable`: it shows as “无法解密”, never raises, and saving the record again keeps
the sealed value as it was. Equality lookups on these fields find nothing (each seal is
randomised): use the blind index fields beside them.

`SealedStorage` keeps files sealed on disk: saved sealed, opened plain.
"""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.db import models

from .keys import KeyFileError, keyring
from .seal import Unsealable, file_key_id, is_sealed, seal, seal_bytes, unseal, unseal_bytes
from .store import sealing_keyring

UNREADABLE = "无法解密"
FILE_CONTEXT = "identity-file"


class Unreadable(str):
    """A sealed value that cannot be opened: reads “无法解密”, keeps the sealed text."""

    def __new__(cls, token: str, reason: str):
        value = super().__new__(cls, UNREADABLE)
        value.token, value.reason = token, reason
        return value


class SealedMixin:
    sealed = True       # store.sealed_fields finds the sealed columns by this

    def get_internal_type(self):
        return "TextField"

    @property
    def seal_context(self) -> str:
        return f"{self.model._meta.label_lower}.{self.name}"

    def from_db_value(self, value, expression, connection):
        if not is_sealed(value):
            return value
        try:
            return unseal(value, context=self.seal_context, ring=keyring())
        except (Unsealable, KeyFileError) as exc:
            return Unreadable(value, str(exc))

    def get_prep_value(self, value):
        if isinstance(value, Unreadable):
            return value.token
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return seal(value, context=self.seal_context, ring=sealing_keyring())


class SealedCharField(SealedMixin, models.CharField):
    pass


class SealedEmailField(SealedMixin, models.EmailField):
    pass


class SealedStorage(FileSystemStorage):
    """Files sealed at rest (the media directory, and so the backups, hold ciphertext)."""

    def _save(self, name, content):
        content.seek(0)
        sealed = seal_bytes(content.read(), context=FILE_CONTEXT, ring=sealing_keyring())
        return super()._save(name, ContentFile(sealed))

    def _open(self, name, mode="rb"):
        with super()._open(name, "rb") as handle:
            data = handle.read()
        if file_key_id(data[:32]) is None:
            return ContentFile(data, name=name)       # stored before sealing began
        return ContentFile(unseal_bytes(data, context=FILE_CONTEXT, ring=keyring()), name=name)


def sealed_storage():
    """The storage of identity files (a callable, so migrations do not pin a path)."""
    return SealedStorage()
