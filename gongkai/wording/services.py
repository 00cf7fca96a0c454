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


def wording_findings(*, title: str, paragraphs: list[str], produced: date | None, published: date | None,
                     today: date | None = None) -> list[dict]:
    """The gate's findings (as its dicts: file, kind, kind_label, masked — the excerpt —,
    reason, location) for an item's title, body paragraphs and dates. Leaders are checked
    as of the item's 产生日期 (a document of 2023 names the leaders of 2023)."""
    today = today or timezone.localdate()
    forms, posts = wording_lists()
    as_of = produced if produced and produced <= today else today
    findings = []
    for location, text in [("标题", title)] + [(f"正文第{n}段", p) for n, p in enumerate(paragraphs, start=1)]:
        for found in text_findings(text, forms=forms, posts=posts, as_of=as_of):
            findings.append({"file": "正文" if location != "标题" else "标题", "kind": found.kind,
                             "kind_label": found.label, "masked": found.excerpt, "reason": found.reason,
                             "location": location, "maskable": False})
    for problem in item_dates(produced=produced, published=published, today=today):
        findings.append({"file": "元数据", "kind": "date", "kind_label": LABELS["date"], "masked": "",
                         "reason": problem, "location": "产生日期/发布日期", "maskable": False})
    return findings
