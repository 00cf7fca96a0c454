"""The public application form (依申请公开申请表)."""

from __future__ import annotations

import re

from captcha.fields import CaptchaField
from django import forms
from stdnum.cn import uscc

from gongkai.forms import PublicAttachmentsField
from gongkai.privacy.detect import valid_id_number

from .models import Application

MAX_ATTACHMENTS = 3
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
_PHONE = re.compile(r"^(?:\+?86[ -]?)?(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(?:-\d{1,6})?)$")
_DOCUMENT = re.compile(r"^[A-Z0-9]{5,20}$")


class ApplicationForm(forms.ModelForm):
    """Free texts have limits (an application is a request, not a document store; found by
    the hostile-input test): the description 5 000 characters, the purpose 1 000."""

    attachments = PublicAttachmentsField(max_files=MAX_ATTACHMENTS, max_bytes=MAX_ATTACHMENT_BYTES)
    captcha = CaptchaField(label="验证码", help_text="请输入图片中的字符，看不清可刷新页面。",
                           error_messages={"invalid": "验证码不正确，请重新输入。"})
    submission_key = forms.CharField(widget=forms.HiddenInput)
    description = forms.CharField(label="所需信息的名称或内容描述", max_length=5000,
                                  widget=forms.Textarea(attrs={"rows": 5}), help_text="不超过 5000 字。")
    purpose = forms.CharField(label="用途", max_length=1000, required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))

    class Meta:
        model = Application
        fields = ["applicant_type", "name", "contact_person", "id_type", "id_number", "phone", "email",
                  "address", "description", "purpose", "delivery"]
        widgets = {
            "applicant_type": forms.RadioSelect,
            "delivery": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 5}),
            "purpose": forms.Textarea(attrs={"rows": 2}),
        }
        labels = {"name": "姓名或单位名称", "contact_person": "联系人（单位申请时填写）"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Radio buttons without the model's blank "---------" choice: the applicant picks one.
        for name in ("applicant_type", "delivery"):
            self.fields[name].choices = [c for c in self.fields[name].choices if c[0] != ""]
        self.fields["id_type"].choices = [("", "请选择证件类型")] + [
            c for c in self.fields["id_type"].choices if c[0] != ""]

    def clean_id_number(self):
        value = re.sub(r"\s", "", self.cleaned_data["id_number"]).upper()
        id_type = self.cleaned_data.get("id_type")
        if id_type == Application.IdType.RESIDENT:
            # Any district code: people keep their numbers when districts are renamed or merged.
            if not valid_id_number(value):
                raise forms.ValidationError("身份证号码不正确：请核对位数、出生日期和最后一位校验码。")
        elif id_type == Application.IdType.USCC:
            if not uscc.is_valid(value):
                raise forms.ValidationError("统一社会信用代码不正确：应为 18 位，请核对最后一位校验码。")
        elif not _DOCUMENT.match(value):
            raise forms.ValidationError("证件号码格式不正确：应为 5 到 20 位字母或数字。")
        return value

    def clean_phone(self):
        value = self.cleaned_data["phone"].strip()
        if not _PHONE.match(value.replace(" ", "")):
            raise forms.ValidationError("联系电话不正确：请填写手机号码或带区号的固定电话。")
        return value

    def clean(self):
        cleaned = super().clean()
        applicant = cleaned.get("applicant_type")
        if applicant and applicant != Application.Applicant.NATURAL:
            if not cleaned.get("contact_person"):
                self.add_error("contact_person", "单位申请请填写联系人。")
            if cleaned.get("id_type") not in (Application.IdType.USCC, Application.IdType.OTHER):
                self.add_error("id_type", "单位申请请选择“统一社会信用代码”。")
        if cleaned.get("delivery") == Application.Delivery.EMAIL and not cleaned.get("email"):
            self.add_error("email", "选择电子邮件获取时请填写电子邮箱。")
        return cleaned


class StatusForm(forms.Form):
    number = forms.CharField(label="申请编号", max_length=20)
    query_code = forms.CharField(label="查询码", max_length=20)
