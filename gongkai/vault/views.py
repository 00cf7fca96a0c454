"""Handing a sealed file to the staff member allowed to read it (the caller checks who)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.http import content_disposition_header

from .keys import KeyFileError
from .seal import Unsealable


def sealed_download(request, attachment, *, owner, verb: str, back: str):
    """An attachment a member of the public sent (`attachment.file`, `original_name`),
    opened (unsealed) as a download, the download logged as `verb` on `owner`; when it
    cannot be opened, back to `back` with the reason in Chinese (never a 500)."""
    from gongkai.events.services import event_record

    event_record(actor=request.user, verb=verb, target=owner, data={"attachment": attachment.pk})
    try:
        with attachment.file.open("rb") as handle:
            data = handle.read()
    except (Unsealable, KeyFileError, OSError) as exc:
        messages.error(request, f"附件无法解密或读取（{exc}）：请运维人员检查身份信息密钥（gongkai keys status）。")
        return redirect(back)
    response = HttpResponse(data, content_type="application/octet-stream")
    response["Content-Disposition"] = content_disposition_header(True, str(attachment.original_name))
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response
