"""The public letter form and the writer's lookup and rating forms."""

from __future__ import annotations

import re

from captcha.fields import CaptchaField
from django import forms

from gongkai.forms import PublicAttachmentsField

from .models import Letter

_PHONE = re.compile(r"^(?:\+?86[ -]?)?(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(?:-\d{1,6})?)$")
MAX_TEXT = 5000


class LetterForm(forms.ModelForm):
    """Letters are stored and shown as plain text: markup in them is kept as typed and
    escaped on every page (never rendered)."""

    text = forms.CharField(label="来信内容", max_length=MAX_TEXT, widget=forms.Textarea(attrs={"rows": 8}),
                           help_text=f"不超过 {MAX_TEXT} 字。")
    attachments = PublicAttachmentsField(max_files=3, max_bytes=5 * 1024 * 1024)
    captcha = CaptchaField(label="验证码", help_text="请输入图片中的字符，看不清可刷新页面。",
                           error_messages={"invalid": "验证码不正确，请重新输入。"})
    submission_key = forms.CharField(widget=forms.HiddenInput)

    class Meta:
        model = Letter
        fields = ["name", "phone", "email", "subject", "text", "consent_to_publish"]
        labels = {"consent_to_publish": "同意学校在去除个人信息后公开这封来信及答复"}

    def __init__(self, *args, mailbox, **kwargs):
        super().__init__(*args, **kwargs)
        self.mailbox = mailbox
        self.fields["name"].required = not mailbox.allow_anonymous
        self.fields["name"].help_text = "可不填（匿名来信）。" if mailbox.allow_anonymous else ""

    def clean_phone(self):
        value = self.cleaned_data["phone"].strip()
        if value and not _PHONE.match(value.replace(" ", "")):
            raise forms.ValidationError("联系电话不正确：请填写手机号码或带区号的固定电话。")
        return value

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("phone") and not cleaned.get("email") and "phone" not in self.errors \
                and "email" not in self.errors:
            self.add_error("email", "请至少填写联系电话或电子邮箱中的一项，以便答复。")
        return cleaned


class LookupForm(forms.Form):
    number = forms.CharField(label="来信编号", max_length=20)
    query_code = forms.CharField(label="查询码", max_length=20)


class RatingForm(forms.Form):
    rating = forms.ChoiceField(label="您对答复的评价", choices=Letter.Rating.choices, widget=forms.RadioSelect)
    comment = forms.CharField(label="意见（可选）", max_length=500, required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))
