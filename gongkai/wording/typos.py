"""Likely typos (疑似错别字), as hints: they never block publishing.

Most typos in Chinese office writing come from the pinyin input method: the right syllable,
the wrong character (申清 for 申请, 办学条见 for 办学条件, 再接再励 for 再接再厉). The method
here needs nothing downloaded and runs on what ships with the platform and what the
university itself has published:

- jieba's bundled dictionary (about 350,000 words with frequencies) is the language
  model: a stretch of text is scored by its most probable segmentation into words;
- pypinyin's readings give each character its homophones (same syllable, any tone),
  limited to characters that occur in the dictionary's words often enough to be typed;
- a character is a suspect when the best segmentation leaves it alone (a single
  character, or a word the dictionary keeps only as a rare variant such as 再接再励);
  it is a hint when putting a homophone in its place makes a word and the stretch around
  it (three characters either side) becomes far more probable: by a factor of e^4.5
  (about 90) when a lone character joins a word, e^3 (20) when a rare fixed phrase of
  three or more characters becomes its common form.

To keep false alarms down (a hint that is usually wrong is worse than none):
- the corrected word must be common language (a dictionary frequency of 2,000 or more in
  some part of it that holds the changed character) or the university's own vocabulary
  (found in at least one of its published items);
- the original is left alone when it is the university's own usage: found in two or more
  of its published items, or twice in the text being checked (typos are not repeated);
- common function characters (的, 在, 对, 均…) are never suspects: telling 在 from 再 takes
  grammar, not words;
- modern words the 2013 dictionary lacks (微信, 官网, 公众号…) are in ``words.txt``.

Measured on the tests' corpus (tests/wording/test_typos.py prints recall per kind and the
false hints per 10,000 characters of the four real seed reports, each checked against the
other three as the university's own items).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .check import excerpt

JOIN_MARGIN = 4.5       # log-probability gain for a lone character that joins a word
PHRASE_MARGIN = 3.0     # for a rare variant of a fixed phrase (3+ characters)
COMMON = 2000           # dictionary frequency that makes a word common language
TYPED = 2000            # summed frequency that makes a character one people type
_SIDE = 3               # characters either side of the suspect that are scored
_LONGEST = 6            # the longest word looked up
_FUNCTION = set("的地得了是在再有和与及或也都就而等着过为以对把被从向到于其之这那一不均各该将已并且但")
_HAN = re.compile(r"[\u4e00-\u9fff]+")


@dataclass(frozen=True)
class Hint:
    start: int
    end: int
    wrong: str
    right: str
    excerpt: str
    gain: float

    @property
    def reason(self) -> str:
        return f"“{self.wrong}”疑为“{self.right}”"


@cache
def _model():
    """jieba's word frequencies, the modern words, and the homophones of typed characters."""
    import logging

    import jieba
    from pypinyin import Style, pinyin

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    freq, total = jieba.dt.FREQ, jieba.dt.total
    extra = {}
    for line in (Path(__file__).with_name("words.txt")).read_text(encoding="utf-8").splitlines():
        word = line.split("#")[0].strip()
        if word:
            extra[word] = COMMON
    weight: dict[str, int] = {}
    for word, count in freq.items():
        if count:
            for char in set(word):
                weight[char] = weight.get(char, 0) + count
    by_sound: dict[str, set[str]] = {}
    for char, count in weight.items():
        if count >= TYPED and "\u4e00" <= char <= "\u9fff":
            by_sound.setdefault(pinyin(char, style=Style.NORMAL)[0][0], set()).add(char)
    return freq, extra, math.log(total), by_sound


@cache
def _homophones(char: str) -> frozenset[str]:
    from pypinyin import Style, pinyin

    by_sound = _model()[3]
    found = set()
    for sound in set(pinyin(char, style=Style.NORMAL, heteronym=True)[0]):
        found |= by_sound.get(sound, set())
    found.discard(char)
    return frozenset(found)


def _frequency(word: str) -> int:
    freq, extra, _, _ = _model()
    return freq.get(word) or extra.get(word, 0)


def _best(text: str) -> tuple[float, list[str]]:
    """The most probable segmentation (log-probability, words) under the unigram model."""
    log_total = _model()[2]
    n = len(text)
    route: list[tuple[float, int]] = [(0.0, n)] * (n + 1)
    for i in range(n - 1, -1, -1):
        options = []
        for j in range(i + 1, min(n, i + _LONGEST) + 1):
            count = _frequency(text[i:j])
            if count or j == i + 1:
                options.append((math.log(count or 1) - log_total + route[j][0], j))
        route[i] = max(options)
    words, i = [], 0
    while i < n:
        j = route[i][1]
        words.append(text[i:j])
        i = j
    return route[0][0], words


def _word_at(words: list[str], index: int) -> tuple[str, int]:
    start = 0
    for word in words:
        if start <= index < start + len(word):
            return word, start
        start += len(word)
    raise IndexError(index)


def _common_around(word: str, index: int, seen: Callable[[str], int]) -> bool:
    """Whether some part of `word` (two characters or more) holding position `index` is
    common language or the university's own vocabulary."""
    for start in range(0, index + 1):
        for end in range(max(index + 1, start + 2), len(word) + 1):
            part = word[start:end]
            if _frequency(part) >= COMMON or seen(part) >= 1:
                return True
    return False


def _never(_: str) -> int:
    return 0


def typo_hints(text: str, *, seen: Callable[[str], int] = _never) -> list[Hint]:
    """The likely typos in `text`. `seen(s)` is the number of the university's published
    items that contain `s` (its own usage and vocabulary); without it, none."""
    hints: list[Hint] = []
    for run in _HAN.finditer(text):
        chars = run.group()
        if len(chars) < 2:
            continue
        suspects, start = [], 0
        for word in _best(chars)[1]:
            if len(word) == 1 or _frequency(word) <= 5:
                suspects.extend(range(start, start + len(word)))
            start += len(word)
        for index in suspects:
            if chars[index] in _FUNCTION:
                continue
            hint = _hint_at(chars, index, text, seen)
            if hint:
                offset = run.start()
                hints.append(Hint(hint[0] + offset, hint[1] + offset, hint[2], hint[3],
                                  excerpt(text, hint[0] + offset, hint[1] + offset), hint[4]))
    return _one_per_place(hints)


def _hint_at(chars: str, index: int, text: str, seen):
    left, right = max(0, index - _SIDE), min(len(chars), index + _SIDE + 1)
    window = chars[left:right]
    at = index - left
    before = _best(window)[0]
    best = None
    for other in _homophones(chars[index]):
        changed = window[:at] + other + window[at + 1:]
        after, words = _best(changed)
        word, start = _word_at(words, at)
        if len(word) < 2:
            continue
        original = window[start:start + len(word)]
        phrase = len(original) >= 3 and _frequency(original) > 0
        gain = after - before
        if gain <= (PHRASE_MARGIN if phrase else JOIN_MARGIN) or (best and gain <= best[4]):
            continue
        if not phrase and not _common_around(word, at - start, seen):
            continue
        if text.count(original) >= 2 or seen(original) >= 2:
            continue        # written so on purpose, or the university's own usage
        best = (left + start, left + start + len(word), original, word, gain)
    return best


def _one_per_place(hints: list[Hint]) -> list[Hint]:
    """Of hints over overlapping characters, the strongest."""
    kept: list[Hint] = []
    for hint in sorted(hints, key=lambda h: -h.gain):
        if all(hint.end <= k.start or hint.start >= k.end for k in kept):
            kept.append(hint)
    return sorted(kept, key=lambda h: h.start)

