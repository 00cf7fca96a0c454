"""Importing a year's holiday schedule from the admin (the same file as the command)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone

from gongkai.org.policy import policy

from .schedule_file import ScheduleFileError
from .services import schedule_import


class ImportForm(forms.Form):
    year = forms.IntegerField(label="年份", min_value=2000, max_value=2100)
    source = forms.CharField(label="来源（文号）", max_length=200, required=False)
    file = forms.FileField(label="节假日安排文件（CSV：日期,类型,名称）")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 200_000:
            raise forms.ValidationError("文件过大。")
        if not upload.name.lower().endswith(".csv"):
            raise forms.ValidationError("请上传 CSV 文件。")
        return upload


def import_schedule(request):
    policy.require(request.user, "workdays.manage")
    form = ImportForm(request.POST or None, request.FILES or None,
                      initial={"year": timezone.localdate().year + 1})
    if request.method == "POST" and form.is_valid():
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "schedule.csv"
            path.write_bytes(form.cleaned_data["file"].read())
            try:
                count = schedule_import(path=path, year=form.cleaned_data["year"],
                                        source=form.cleaned_data["source"], by=request.user)
            except (ScheduleFileError, UnicodeDecodeError) as exc:
                form.add_error("file", f"文件有误，未做任何修改：{exc}")
            else:
                messages.success(request, f"已导入 {form.cleaned_data['year']} 年的节假日安排：{count} 天。")
                return redirect("wagtailadmin_home")
    return TemplateResponse(request, "workdays/import.html", {"form": form})
