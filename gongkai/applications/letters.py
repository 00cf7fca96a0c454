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


def reply_letter_text(application: Application) -> tuple[str, list[str]]:
    """The letter's title and paragraphs."""
    from gongkai.portal.services import university_profile

    if application.outcome is None:
        raise ValueError("申请尚未办结，没有答复告知书。")
    template = ReplyTemplate.objects.filter(group=application.outcome.group).first()
    body = template.body if template else DEFAULT_BODY.get(application.outcome.group, "{答复内容}")
    profile = university_profile()
    values = _Blank({
        "申请人": application.name, "申请编号": application.number, "收到日期": _d(application.received_on),
        "所需信息": application.description, "答复内容": application.reply_text,
        "办理结果": str(application.outcome), "法律依据": (template.legal_basis if template else DEFAULT_BASIS),
        "学校": profile.name, "信息公开机构": profile.office_name, "日期": _d(application.concluded_on or timezone.localdate()),
    })
    paragraphs = [f"{application.name}："] + [line.format_map(values) for line in body.splitlines() if line.strip()]
    paragraphs.append(f"依据：{values['法律依据']}。" if values["法律依据"] else "")
    paragraphs.append(REMEDY)
    return (template.title if template else "信息公开申请答复告知书"), [p for p in paragraphs if p] + \
        ["", f"{profile.name}{profile.office_name}", values["日期"]]


def reply_letter_docx(application: Application) -> bytes:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    title, paragraphs = reply_letter_text(application)
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


def reply_letter_pdf(application: Application) -> bytes:
    """The same letter as PDF (WeasyPrint, with the CJK fonts Debian's fonts-noto-cjk installs)."""
    from django.utils.html import escape
    from weasyprint import HTML

    title, paragraphs = reply_letter_text(application)
    body = []
    for index, text in enumerate(paragraphs):
        css = "greeting" if index == 0 else "sign" if index >= len(paragraphs) - 2 else ""
        body.append(f'<p class="{css}">{escape(text) or "&nbsp;"}</p>')
    html = (f'<!DOCTYPE html><html lang="zh-Hans"><head><meta charset="utf-8"><style>{LETTER_CSS}</style></head>'
            f'<body><h1>{escape(title)}</h1><p class="number">编号：{escape(application.number)}</p>'
            f'{"".join(body)}</body></html>')
    return HTML(string=html).write_pdf()
