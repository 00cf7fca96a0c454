"""Suggesting checklist items for a draft (pure: no Django).

Two sources, combined: keyword rules (each checklist item's keywords, found in the title
count more than in the text) and a multinomial naive Bayes model over character bigrams
trained on the items already filed — what this university files where. Suggestions are
shown with their reasons and never applied by themselves.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
_WORD = re.compile(r"[A-Za-z]{2,}")
_TITLE_WEIGHT = 3
TOP = 3


def features(title: str, text: str = "") -> Counter:
    """Character bigrams of the CJK runs and lower-cased ASCII words; the title's count
    several times, because the title says best what an item is."""
    counts: Counter = Counter()
    for weight, source in ((_TITLE_WEIGHT, title), (1, text)):
        for run in _CJK_RUN.findall(source):
            for i in range(len(run) - 1):
                counts[run[i:i + 2]] += weight
        for word in _WORD.findall(source):
            counts[word.lower()] += weight
    return counts


@dataclass
class NaiveBayes:
    """Multinomial naive Bayes with add-one smoothing."""

    doc_counts: Counter = field(default_factory=Counter)
    term_counts: dict = field(default_factory=lambda: defaultdict(Counter))
    term_totals: Counter = field(default_factory=Counter)
    vocabulary: set = field(default_factory=set)

    @classmethod
    def fit(cls, samples: Iterable[tuple[int, str, str]]) -> NaiveBayes:
        model = cls()
        for label, title, text in samples:
            counts = features(title, text)
            model.doc_counts[label] += 1
            model.term_counts[label].update(counts)
            model.term_totals[label] += sum(counts.values())
            model.vocabulary.update(counts)
        return model

    @property
    def size(self) -> int:
        return sum(self.doc_counts.values())

    def probabilities(self, title: str, text: str = "") -> dict[int, float]:
        if not self.doc_counts:
            return {}
        counts = features(title, text)
        known = {t: c for t, c in counts.items() if t in self.vocabulary}
        if not known:
            return {}
        total_docs, v = self.size, len(self.vocabulary)
        logs = {}
        for label, docs in self.doc_counts.items():
            terms, denominator = self.term_counts[label], self.term_totals[label] + v
            score = math.log(docs / total_docs)
            for term, count in known.items():
                score += count * math.log((terms[term] + 1) / denominator)
            logs[label] = score
        top = max(logs.values())
        weights = {label: math.exp(score - top) for label, score in logs.items()}
        norm = sum(weights.values())
        return {label: w / norm for label, w in weights.items()}


@dataclass(frozen=True)
class Suggestion:
    number: int
    score: float
    reasons: tuple[str, ...]


def suggest(title: str, text: str, *, keywords: dict[int, list[str]], model: NaiveBayes | None,
            top: int = TOP) -> list[Suggestion]:
    scores: dict[int, float] = defaultdict(float)
    reasons: dict[int, list[str]] = defaultdict(list)
    for number, words in keywords.items():
        in_title = [w for w in words if w and w in title]
        in_text = [w for w in words if w and w not in in_title and w in text]
        if in_title or in_text:
            # A longer keyword is more specific ("就业质量年度报告" beats "就业").
            scores[number] += sum(0.4 + 0.05 * len(w) for w in in_title)
            scores[number] += sum(0.1 + 0.01 * len(w) for w in in_text)
            reasons[number].append("关键词：" + "、".join(in_title + in_text))
    if model is not None:
        for number, probability in model.probabilities(title, text).items():
            if probability >= 0.05:
                scores[number] += probability
                reasons[number].append(f"与已归入该事项的信息相似（{probability:.0%}）")
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    return [Suggestion(number, round(score, 3), tuple(reasons[number])) for number, score in ranked]
