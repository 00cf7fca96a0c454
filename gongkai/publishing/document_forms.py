"""The document upload form (a module of its own: Wagtail's document forms cannot be
imported while models load, and the page model imports `publishing.forms`)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from wagtail.documents.forms import BaseDocumentForm

from gongkai.privacy.documents import UnreadableFile, check_upload


class SafeDocumentForm(BaseDocumentForm):
    """Document uploads are checked like the gate reads them: type, size, zip bombs. A
    file that a new upload replaces is retained first (`publishing/files.py`)."""

    def __init__(self, *args, **kwargs):
        self.acting_user = kwargs.get("user")
        super().__init__(*args, **kwargs)

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload is None or not hasattr(upload, "chunks"):
            return upload
        try:
            check_upload(upload)
        except UnreadableFile as exc:
            raise ValidationError(str(exc)) from None
        return upload

    def save(self, commit=True):
        if commit and self.instance.pk and "file" in self.changed_data and self.original_file:
            from .files import file_retain
            from .models import RetainedFile

            before = type(self.instance).objects.get(pk=self.instance.pk)   # title, collection as they were
            file_retain(before, reason=RetainedFile.Reason.REPLACED, by=self.acting_user, file=self.original_file)
        return super().save(commit=commit)
