"""Form fields shared across domains, and reading numbers from query strings."""

from __future__ import annotations

from django import forms


def query_number(value) -> int | None:
    """A number from a query string (an id, a year, a page, a checklist number), or None
    for anything that is not a plausible one: not a number, characters int() refuses (str.isdigit()
    accepts "³"), or past the database's integers (a 400-digit number)."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 2**31 else None


def object_or_404(queryset, value, what: str = "记录"):
    """The object whose id is `value` (from a form or a query string), or a 404 with a
    Chinese message when `value` is not an id at all ("abc", "", a 400-digit number) or no
    such object exists: never a server error from the lookup."""
    from django.http import Http404
    from django.shortcuts import get_object_or_404

    number = query_number(value)
    if number is None:
        raise Http404(f"{what}编号无效。")
    return get_object_or_404(queryset, pk=number)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented pattern): cleans each, returns a list."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        items = [item for item in (data if isinstance(data, (list, tuple)) else [data]) if item]
        if not items:
            super().clean(None, initial)   # raises "required" when the field is required
            return []
        return [super(MultipleFileField, self).clean(item, initial) for item in items]


class PublicAttachmentsField(MultipleFileField):
    """Files the public sends with a form (applications, letters): a few, small, of the
    kinds the privacy reader can open, and each one checked to open (a renamed or broken
    file is refused with its name)."""

    SUFFIXES = {".pdf", ".docx", ".xlsx", ".txt"}

    def __init__(self, *args, max_files: int = 3, max_bytes: int = 10 * 1024 * 1024, **kwargs):
        self.max_files, self.max_bytes = max_files, max_bytes
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", f"附件（可选，最多 {max_files} 个，每个不超过 "
                                   f"{max_bytes / 1024 / 1024:g} MB：PDF、DOCX、XLSX、TXT）")
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        from pathlib import Path

        from gongkai.privacy.documents import UnreadableFile, check_upload

        files = super().clean(data, initial)
        if len(files) > self.max_files:
            raise forms.ValidationError(f"附件最多 {self.max_files} 个。")
        for upload in files:
            if upload.size > self.max_bytes:
                raise forms.ValidationError(f"附件“{upload.name}”超过 {self.max_bytes / 1024 / 1024:g} MB。")
            if Path(upload.name).suffix.lower() not in self.SUFFIXES:
                raise forms.ValidationError(f"附件“{upload.name}”的类型不允许：请上传 PDF、DOCX、XLSX 或 TXT。")
            try:
                check_upload(upload)
            except UnreadableFile as exc:
                raise forms.ValidationError(f"附件“{upload.name}”：{exc}") from None
        return files


def action_post(request, actions: dict, perform) -> None:
    """One posted action of a handling page (the office's page for an application or a
    letter): `actions` maps the action's name to a tuple whose first element is its form;
    `perform(action, cleaned_data)` does it and returns the success message or raises
    ValueError with the reason. The outcome is told with Django's messages."""
    from django.contrib import messages

    action = request.POST.get("action", "")
    form_class = actions.get(action, (None,))[0]
    form = form_class(request.POST) if form_class else None
    if form is not None and form.is_valid():
        try:
            messages.success(request, perform(action, form.cleaned_data))
        except ValueError as exc:
            messages.error(request, str(exc))
        return
    errors = "；".join(f"{form.fields[f].label if f in form.fields else ''}{' '.join(e)}"
                      for f, e in (form.errors.items() if form else [])) or "操作无效。"
    messages.error(request, f"未执行：{errors}")
