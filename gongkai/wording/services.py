"""The wording checks on an item (called by the gate, publishing/gate.py): findings that
block, and likely typos (typos.py) that are only hints."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.apps import apps
from django.utils import timezone

from .check import LABELS, Post, item_dates, text_findings
from .models import CORPUS_ITEMS, LeaderPost, WrongForm
from .typos import typo_hints

# Typo hints read at most this many characters of an item (title, body, attachments): a
# long annex is checked at its start, and the gate stays within a web request.
TYPO_CHARACTERS = 200_000


@dataclass
class Wording:
    findings: list[dict] = field(default_factory=list)
    hints: list[dict] = field(default_factory=list)


class OwnItems:
    """The university's own usage for the typo hints: how many of its latest published
    items (title and body) hold a string. Read once, on first use, for one scan; the item
    being checked is left out."""

    def __init__(self, exclude=None):
        self.exclude, self._texts, self.budget = exclude, None, TYPO_CHARACTERS

    def __call__(self, part: str) -> int:
        if self._texts is None:
            items = apps.get_model("publishing", "DisclosureItemPage").objects.filter(live=True)
            if self.exclude:
                items = items.exclude(pk=self.exclude)
            rows = items.order_by("-first_published_at").values_list("title", "body")[:CORPUS_ITEMS]
            self._texts = [f"{title}\n{body}" for title, body in rows]
        return sum(part in text for text in self._texts)

    def hints(self, text: str, *, file: str, location: str, forms: list[tuple[str, str]]) -> list[dict]:
        """The typo hints in `text`, but not those inside one of the office's wrong forms
        (already a finding)."""
        text, self.budget = text[:max(self.budget, 0)], self.budget - len(text)
        listed = [wrong for wrong, _ in forms if wrong in text]
        return [{"file": file, "location": location, "excerpt": h.excerpt, "reason": h.reason,
                 "wrong": h.wrong, "right": h.right} for h in typo_hints(text, seen=self)
                if not any(h.wrong in wrong for wrong in listed)]


def wording_lists() -> tuple[list[tuple[str, str]], list[Post]]:
    forms = list(WrongForm.objects.filter(is_active=True).values_list("wrong", "right"))
    posts = [Post(p.name, p.title, p.start, p.end) for p in LeaderPost.objects.all()]
    return forms, posts


def _as_of(produced: date | None, today: date) -> date:
    return produced if produced and produced <= today else today


def _finding(found, *, file: str, location: str) -> dict:
    return {"file": file, "kind": found.kind, "kind_label": found.label, "masked": found.excerpt,
            "reason": found.reason, "location": location, "maskable": False}


def wording_in_file(path, *, name: str, produced: date | None, own: OwnItems,
                    today: date | None = None) -> Wording:
    """The wording findings and typo hints in an attachment's text, placed like the privacy
    scanner's (page, paragraph, cell). A file that cannot be read gives none (the privacy
    scan has already said why)."""
    from gongkai.privacy.documents import UnreadableFile, segments

    today = today or timezone.localdate()
    forms, posts = wording_lists()
    found = Wording()
    try:
        for segment in segments(path):
            for item in text_findings(segment.text, forms=forms, posts=posts, as_of=_as_of(produced, today)):
                found.findings.append(_finding(item, file=name, location=segment.location))
            found.hints += own.hints(segment.text, file=name, location=segment.location, forms=forms)
    except UnreadableFile:
        return Wording()
    return found


def wording_findings(*, title: str, paragraphs: list[str], produced: date | None, published: date | None,
                     own: OwnItems, today: date | None = None) -> Wording:
    """The gate's findings (as its dicts: file, kind, kind_label, masked — the excerpt —,
    reason, location) for an item's title, body paragraphs and dates, and the typo hints
    (file, location, excerpt, reason, wrong, right). Leaders are checked as of the item's
    产生日期 (a document of 2023 names the leaders of 2023)."""
    today = today or timezone.localdate()
    forms, posts = wording_lists()
    as_of = _as_of(produced, today)
    found = Wording()
    for location, text in [("标题", title)] + [(f"正文第{n}段", p) for n, p in enumerate(paragraphs, start=1)]:
        file = "正文" if location != "标题" else "标题"
        for item in text_findings(text, forms=forms, posts=posts, as_of=as_of):
            found.findings.append(_finding(item, file=file, location=location))
        found.hints += own.hints(text, file=file, location=location, forms=forms)
    for problem in item_dates(produced=produced, published=published, today=today):
        found.findings.append({"file": "元数据", "kind": "date", "kind_label": LABELS["date"], "masked": "",
                               "reason": problem, "location": "产生日期/发布日期", "maskable": False})
    return found
