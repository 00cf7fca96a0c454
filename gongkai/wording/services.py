"""The wording checks on an item (called by the gate, publishing/gate.py)."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from .check import LABELS, Post, item_dates, text_findings
from .models import LeaderPost, WrongForm


def wording_lists() -> tuple[list[tuple[str, str]], list[Post]]:
    forms = list(WrongForm.objects.filter(is_active=True).values_list("wrong", "right"))
    posts = [Post(p.name, p.title, p.start, p.end) for p in LeaderPost.objects.all()]
    return forms, posts


def _as_of(produced: date | None, today: date) -> date:
    return produced if produced and produced <= today else today


def _finding(found, *, file: str, location: str) -> dict:
    return {"file": file, "kind": found.kind, "kind_label": found.label, "masked": found.excerpt,
            "reason": found.reason, "location": location, "maskable": False}


def wording_in_file(path, *, name: str, produced: date | None, today: date | None = None) -> list[dict]:
    """The wording findings in an attachment's text, placed like the privacy scanner's
    (page, paragraph, cell). A file that cannot be read gives none (the privacy scan has
    already said why)."""
    from gongkai.privacy.documents import UnreadableFile, segments

    today = today or timezone.localdate()
    forms, posts = wording_lists()
    found = []
    try:
        for segment in segments(path):
            for item in text_findings(segment.text, forms=forms, posts=posts, as_of=_as_of(produced, today)):
                found.append(_finding(item, file=name, location=segment.location))
    except UnreadableFile:
        return []
    return found


def wording_findings(*, title: str, paragraphs: list[str], produced: date | None, published: date | None,
                     today: date | None = None) -> list[dict]:
    """The gate's findings (as its dicts: file, kind, kind_label, masked — the excerpt —,
    reason, location) for an item's title, body paragraphs and dates. Leaders are checked
    as of the item's 产生日期 (a document of 2023 names the leaders of 2023)."""
    today = today or timezone.localdate()
    forms, posts = wording_lists()
    as_of = _as_of(produced, today)
    findings = []
    for location, text in [("标题", title)] + [(f"正文第{n}段", p) for n, p in enumerate(paragraphs, start=1)]:
        for found in text_findings(text, forms=forms, posts=posts, as_of=as_of):
            findings.append(_finding(found, file="正文" if location != "标题" else "标题", location=location))
    for problem in item_dates(produced=produced, published=published, today=today):
        findings.append({"file": "元数据", "kind": "date", "kind_label": LABELS["date"], "masked": "",
                         "reason": problem, "location": "产生日期/发布日期", "maskable": False})
    return findings
