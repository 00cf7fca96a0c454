"""Suggestions for an item's 内容概述 and 关键词 in the catalogue record, read off its title
and text. They are shown beside the fields in the editor, each with a button that puts it
in the field (`publishing/catalogue_panel.html`); nothing is ever filled in by itself: a
summary is a statement the university makes, so a person chooses it.

- 内容概述: the body's opening sentences up to about 100 characters (the first
  paragraph of a 通知 says what it is about), without salutations ("各学院：") and
  without the boilerplate that starts many announcements ("现将有关事项通知如下").
- 关键词: jieba's TF-IDF keywords of the title and text (its dictionary ships with the
  package: nothing is downloaded), the checklist's own keywords found in the text first,
  words of one character and numbers left out.
"""

from __future__ import annotations

import logging
import re

SUMMARY_CHARS = 100
KEYWORDS = 5
_SENTENCE_END = re.compile(r"(?<=[。！？；])")
_SALUTATION = re.compile(r"^[^。，：]{1,30}[：:]$")
_BOILERPLATE = re.compile(r"现将[^。]*?(通知|公告|公示|报告)如下[。：:]?|特此(通知|公告|公示)[。]?|具体(事项|情况)如下[。：:]?")


def summary_suggestion(title: str, paragraphs: list[str]) -> str:
    """A summary from the body's opening sentences; the title when the body says nothing."""
    sentences: list[str] = []
    for paragraph in paragraphs:
        paragraph = paragraph.strip()
        if not paragraph or _SALUTATION.match(paragraph):
            continue
        for sentence in _SENTENCE_END.split(_BOILERPLATE.sub("", paragraph)):
            sentence = sentence.strip()
            if len(sentence) < 6:
                continue
            if sentences and len("".join(sentences)) + len(sentence) > SUMMARY_CHARS:
                return "".join(sentences)
            sentences.append(sentence)
        if len("".join(sentences)) >= SUMMARY_CHARS // 2:
            break
    text = "".join(sentences)
    if not text:
        return title.strip()
    return text if len(text) <= SUMMARY_CHARS + 20 else text[:SUMMARY_CHARS] + "……"


# Words every item of a university could carry: no help in finding one.
GENERIC = frozenset("学校 大学 学院 本校 我校 各部门 各单位 各学院 部门 单位 通知 公告 公示 工作 有关 相关 情况 根据 进行 关于"
                    " 现将 如下 特此 附件 以下 其中 按照 要求 规定 办法 公开 信息 万元 亿元 年收入 结果".split())


def keyword_suggestions(title: str, text: str, known: list[str] = (), university: str = "") -> list[str]:
    """Up to KEYWORDS keywords: the checklist's words the item uses (the longest of
    overlapping ones), then jieba's; generic words and parts of the university's name
    left out."""
    import jieba
    import jieba.analyse

    jieba.setLogLevel(logging.WARNING)
    whole = f"{title}\n{title}\n{text}"           # the title counts twice
    found: list[str] = []

    def add(word: str) -> None:
        if len(word) < 2 or word in GENERIC or (university and word in university):
            return
        if re.fullmatch(r"[\d.%年月日号第]+", word) or any(word in other for other in found):
            return
        found[:] = [other for other in found if other not in word] + [word]

    for word in sorted((w for w in known if w and w in whole), key=len, reverse=True):
        add(word)
    for word in jieba.analyse.extract_tags(whole, topK=KEYWORDS * 4):
        add(word)
    return found[:KEYWORDS]
