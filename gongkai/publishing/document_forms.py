"""The document upload form (a module of its own: Wagtail's document forms cannot be
imported while models load, and the page model imports `publishing.forms`)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from wagtail.documents.forms import BaseDocumentForm

from gongkai.privacy.documents import UnreadableFile, check_upload


class SafeDocumentForm(BaseDocumentForm):
    """Document uploads are checked like the gate reads them: type, size, zip bombs."""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload is None or not hasattr(upload, "chunks"):
            return upload
        try:
            check_upload(upload)
        except UnreadableFile as exc:
            raise ValidationError(str(exc)) from None
        return upload
