"""Wording checks (pure: no Django): what an inspector counts as 严重错别字、严重表述错误.

- Wrong forms: a maintained list of wrong forms and their right ones (中华人民共合国 →
  中华人民共和国, the university's former or wrong names).
- Leaders: a name next to a leadership title (副校长王某, 王某副校长) checked against the
  leadership table as of the document's date: a title the person does not hold, or no
  longer held then (a former leader named as current).
- Dates that cannot be: a day that does not exist (2025年2月30日), a 学年 whose years are
  not consecutive (2023—2025学年).

Each finding says where (the excerpt) and why. None of these are hints: they block like
privacy findings, and the office may override with a recorded reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

WRONG_FORM, LEADER, DATE = "wrong_form", "leader", "date"
LABELS = {WRONG_FORM: "错误表述", LEADER: "领导姓名职务", DATE: "日期错误"}
# Titles that make a name a leader's mention, besides those in the table.
COMMON_TITLES = ("党委书记", "党委副书记", "校长", "副校长", "纪委书记", "总会计师", "校长助理", "党委常委",
                 "院长", "副院长", "书记", "副书记")
_CONTEXT = 8
_DAY = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_ACADEMIC = re.compile(r"(?<!\d)(\d{4})\s*[-—–－~～至]\s*(\d{4})\s*学年")


@dataclass(frozen=True)
class Post:
    name: str
    title: str
    start: date
    end: date | None

    def held_on(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Finding:
    kind: str
    excerpt: str
    reason: str

    @property
    def label(self) -> str:
        return LABELS[self.kind]


def excerpt(text: str, start: int, end: int) -> str:
    left, right = max(0, start - _CONTEXT), min(len(text), end + _CONTEXT)
    return ("…" if left else "") + text[left:right] + ("…" if right < len(text) else "")


def wrong_forms_in(text: str, forms: Iterable[tuple[str, str]]) -> list[Finding]:
    found = []
    for wrong, right in forms:
        start = text.find(wrong)
        while start != -1:
            found.append(Finding(WRONG_FORM, excerpt(text, start, start + len(wrong)),
                                 f"“{wrong}”应为“{right}”"))
            start = text.find(wrong, start + len(wrong))
    return found


def leaders_in(text: str, posts: list[Post], as_of: date) -> list[Finding]:
    names = sorted({p.name for p in posts}, key=len, reverse=True)
    if not names:
        return []
    titles = sorted({p.title for p in posts} | set(COMMON_TITLES), key=len, reverse=True)
    title_re = "|".join(map(re.escape, titles))
    found = []
    for name in names:
        if name not in text:
            continue
        mine = [p for p in posts if p.name == name]
        pattern = re.compile(rf"({title_re})(?:同志)?{re.escape(name)}|{re.escape(name)}(?:同志)?({title_re})")
        for match in pattern.finditer(text):
            title = match.group(1) or match.group(2)
            if any(p.title == title and p.held_on(as_of) for p in mine):
                continue
            current = "、".join(p.title for p in mine if p.held_on(as_of))
            former = [p for p in mine if p.title == title and p.end is not None and p.end < as_of]
            if former:
                reason = f"{name}已于{former[-1].end.year}年{former[-1].end.month}月{former[-1].end.day}日卸任{title}"
                reason += f"，现任{current}" if current else ""
            else:
                reason = f"{name}现任{current}，不是{title}" if current else f"领导名单中{name}未任{title}"
            found.append(Finding(LEADER, excerpt(text, match.start(), match.end()), reason))
    return found


def dates_in(text: str) -> list[Finding]:
    found = []
    for match in _DAY.finditer(text):
        year, month, day = (int(g) for g in match.groups())
        try:
            date(year, month, day)
        except ValueError:
            found.append(Finding(DATE, excerpt(text, match.start(), match.end()),
                                 f"日期“{year}年{month}月{day}日”不存在"))
    for match in _ACADEMIC.finditer(text):
        first, second = int(match.group(1)), int(match.group(2))
        if second != first + 1:
            found.append(Finding(DATE, excerpt(text, match.start(), match.end()),
                                 f"学年应为相邻两年（如{first}—{first + 1}学年）"))
    return found


def item_dates(*, produced: date | None, published: date | None, today: date) -> list[str]:
    """The item's own dates: 产生日期 in the future, 发布日期 before 产生日期."""
    problems = []
    if produced and produced > today:
        problems.append(f"产生日期{produced.year}年{produced.month}月{produced.day}日晚于今天")
    if produced and published and published < produced:
        problems.append(f"发布日期{published.year}年{published.month}月{published.day}日早于产生日期"
                        f"{produced.year}年{produced.month}月{produced.day}日")
    return problems


def text_findings(text: str, *, forms, posts: list[Post], as_of: date) -> list[Finding]:
    return wrong_forms_in(text, forms) + leaders_in(text, posts, as_of) + dates_in(text)
