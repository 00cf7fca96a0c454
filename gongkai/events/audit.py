"""Verifying the event log's hash chain."""

from __future__ import annotations

from dataclasses import dataclass, field

from .chain import ALGORITHM_LABELS, GENESIS, SHA256, SM3
from .models import ChainHead, Event


@dataclass
class Broken:
    event_id: int | None
    reason: str


@dataclass
class Span:
    """A run of events chained with one algorithm (first and last event ids)."""

    algorithm: str
    first: int
    last: int
    count: int = 1

    @property
    def label(self) -> str:
        return ALGORITHM_LABELS.get(self.algorithm, self.algorithm)


@dataclass
class Verified:
    checked: int
    broken: Broken | None
    spans: list[Span] = field(default_factory=list)

    def __iter__(self):       # checked, broken = chain_verify()
        return iter((self.checked, self.broken))


def chain_verify() -> Verified:
    """Walks the chain in order: the events checked, the first broken link (or None) and
    which algorithm covers which events. SHA-256 after SM3 is a broken link: the chain
    moves to SM3 once and never back."""
    previous, result = GENESIS, Verified(0, None)
    for event in Event.objects.order_by("id").iterator(chunk_size=5000):
        spans = result.spans
        if event.algorithm not in ALGORITHM_LABELS:
            result.broken = Broken(event.pk, f"哈希算法“{event.algorithm}”未知（这条记录被修改）")
            return result
        if event.algorithm == SHA256 and spans and spans[-1].algorithm == SM3:
            result.broken = Broken(event.pk, "在 SM3 记录之后出现 SHA-256 记录（这条记录被修改或插入）")
            return result
        if event.prev_hash != previous:
            result.broken = Broken(event.pk, "与前一条记录的链接不符（前面的记录被删除、插入或修改）")
            return result
        if event.compute_hash() != event.hash:
            result.broken = Broken(event.pk, "内容与其哈希不符（这条记录被修改）")
            return result
        if spans and spans[-1].algorithm == event.algorithm:
            spans[-1].last, spans[-1].count = event.pk, spans[-1].count + 1
        else:
            spans.append(Span(event.algorithm, event.pk, event.pk))
        previous, result.checked = event.hash, result.checked + 1
    head = ChainHead.objects.filter(pk=1).first()
    if head and (head.last_hash != previous or head.count != result.checked):
        result.broken = Broken(None, f"链尾不符：应有 {head.count} 条记录，实有 {result.checked} 条（末尾的记录被删除）")
    return result
