"""The reply letter (告知书) as DOCX, from the office's template for the outcome's group."""

from __future__ import annotations

import io
from datetime import date

from django.utils import timezone

from .models import Application, ReplyTemplate

DEFAULT_BODY = {
    "（一）予以公开": "您于{收到日期}提出的信息公开申请（编号：{申请编号}）收悉。经审查，您申请获取的“{所需信息}”属于可以公开的信息，现予以公开。\n{答复内容}",
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）": "您于{收到日期}提出的信息公开申请（编号：{申请编号}）收悉。经审查，您申请获取的“{所需信息}”部分可以公开，现提供可以公开的部分；其余部分不予公开，理由如下：\n{答复内容}",
    "（三）不予公开": "您于{收到日期}提出的信息公开申请（编号：{申请编号}）收悉。经审查，您申请获取的“{所需信息}”不予公开，理由如下：\n{答复内容}",
    "（四）无法提供": "您于{收到日期}提出的信息公开申请（编号：{申请编号}）收悉。经审查，您申请获取的“{所需信息}”本校无法提供：\n{答复内容}",
    "（五）不予处理": "您于{收到日期}提出的信息公开申请（编号：{申请编号}）收悉。经审查，本校对该申请不予处理：\n{答复内容}",
    "（六）其他处理": "您于{收到日期}提出的信息公开申请（编号：{申请编号}）：\n{答复内容}",
}
DEFAULT_BASIS = "《高等学校信息公开办法》（教育部令第29号）"
FEE_GROUP = "收费通知"
FEE_BODY = ("您于{收到日期}提出的信息公开申请（编号：{申请编号}）收悉。因申请的数量或者频次明显超过合理范围，"
            "根据有关规定，本申请需缴纳信息处理费 {费用} 元（{收费方式}）。\n"
            "请于{缴费期限}前缴纳。缴费前答复期限暂停计算；逾期未缴纳的，学校不再处理该申请。")
FEE_BASIS = "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"
REMEDY = ("如对本答复有异议，可以自收到本告知书之日起依法向学校信息公开工作机构反映，"
          "或者向省级教育行政部门举报、投诉。")


class _Blank(dict):
    def __missing__(self, key):
        return "{" + key + "}"


def _d(day: date | None) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


def reply_templates_ensure() -> None:
    for group, body in DEFAULT_BODY.items():
        ReplyTemplate.objects.get_or_create(group=group, defaults={"body": body, "legal_basis": DEFAULT_BASIS})
    ReplyTemplate.objects.get_or_create(group=FEE_GROUP, defaults={
        "title": "信息处理费缴费通知书", "body": FEE_BODY, "legal_basis": FEE_BASIS})


def reply_letter_text(application: Application, kind: str = "reply") -> tuple[str, list[str]]:
    """The letter's title and paragraphs: the reply (by outcome) or the fee notice."""
    from django.conf import settings

    from gongkai.portal.services import university_profile
    from gongkai.workdays.services import workday_calendar

    if kind == "fee":
        if not application.fee_amount:
            raise ValueError("该申请没有收费通知。")
        group, default_body, default_basis = FEE_GROUP, FEE_BODY, FEE_BASIS
        day = application.fee_notice_on
    else:
        if application.outcome is None:
            raise ValueError("申请尚未办结，没有答复告知书。")
        group = application.outcome.group
        default_body, default_basis = DEFAULT_BODY.get(group, "{答复内容}"), DEFAULT_BASIS
        day = application.concluded_on
    template = ReplyTemplate.objects.filter(group=group).first()
    body = template.body if template else default_body
    basis = template.legal_basis if template else default_basis
    profile = university_profile()
    pay_by = ""
    if application.fee_notice_on:
        pay_by = _d(workday_calendar().add(application.fee_notice_on,
                                           settings.GONGKAI_FEE_PAYMENT_WORKING_DAYS).day)
    values = _Blank({
        "申请人": application.name, "申请编号": application.number, "收到日期": _d(application.received_on),
        "所需信息": application.description, "答复内容": application.reply_text,
        "办理结果": str(application.outcome or ""), "法律依据": basis,
        "学校": profile.name, "信息公开机构": profile.office_name, "日期": _d(day or timezone.localdate()),
        "费用": str(application.fee_amount or ""), "收费方式": application.get_fee_method_display(),
        "缴费期限": pay_by,
    })
    paragraphs = [f"{application.name}："] + [line.format_map(values) for line in body.splitlines() if line.strip()]
    paragraphs.append(f"依据：{basis}。" if basis else "")
    if kind == "reply":
        paragraphs.append(REMEDY)
    return (template.title if template else "信息公开申请答复告知书"), [p for p in paragraphs if p] + \
        ["", f"{profile.name}{profile.office_name}", values["日期"]]


def reply_letter_docx(application: Application, kind: str = "reply") -> bytes:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    title, paragraphs = reply_letter_text(application, kind)
    document = docx.Document()

    def font(run, name: str, size: int, bold: bool = False):
        # 仿宋 / 黑体 as Word and WPS expect them (the East Asian font slot).
        run.font.name = name
        run.font.size = Pt(size)
        run.font.bold = bold
        run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)

    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    font(heading.add_run(title), "黑体", 18, bold=True)
    number = document.add_paragraph()
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    font(number.add_run(f"编号：{application.number}"), "仿宋", 14)
    for index, text in enumerate(paragraphs):
        paragraph = document.add_paragraph()
        if index >= len(paragraphs) - 2:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        elif index > 0:
            paragraph.paragraph_format.first_line_indent = Pt(32)
        font(paragraph.add_run(text), "仿宋", 16)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


LETTER_CSS = """
@page { size: A4; margin: 3.7cm 2.6cm 3.5cm 2.8cm; }
body { font-family: "Noto Serif CJK SC", "FangSong", "Noto Sans CJK SC", serif; font-size: 16pt; line-height: 1.8; }
h1 { font-family: "Noto Sans CJK SC", "SimHei", sans-serif; font-size: 20pt; text-align: center; margin: 0 0 .3em; }
.number { text-align: center; margin: 0 0 1.2em; }
p { margin: 0; text-indent: 2em; }
p.greeting { text-indent: 0; }
p.sign { text-align: right; text-indent: 0; }
"""


def reply_letter_pdf(application: Application, kind: str = "reply") -> bytes:
    """The same letter as PDF (WeasyPrint, with the CJK fonts Debian's fonts-noto-cjk installs)."""
    from django.utils.html import escape
    from weasyprint import HTML

    title, paragraphs = reply_letter_text(application, kind)
    body = []
    for index, text in enumerate(paragraphs):
        css = "greeting" if index == 0 else "sign" if index >= len(paragraphs) - 2 else ""
        body.append(f'<p class="{css}">{escape(text) or "&nbsp;"}</p>')
    html = (f'<!DOCTYPE html><html lang="zh-Hans"><head><meta charset="utf-8"><style>{LETTER_CSS}</style></head>'
            f'<body><h1>{escape(title)}</h1><p class="number">编号：{escape(application.number)}</p>'
            f'{"".join(body)}</body></html>')
    return HTML(string=html).write_pdf()
