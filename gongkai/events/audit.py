"""Verifying the event log's hash chain."""

from __future__ import annotations

from dataclasses import dataclass

from .chain import GENESIS
from .models import ChainHead, Event


@dataclass
class Broken:
    event_id: int | None
    reason: str


def chain_verify() -> tuple[int, Broken | None]:
    """Walks the chain in order; returns (events checked, the first broken link or None)."""
    previous, checked = GENESIS, 0
    for event in Event.objects.order_by("id").iterator(chunk_size=5000):
        if event.prev_hash != previous:
            return checked, Broken(event.pk, "与前一条记录的链接不符（前面的记录被删除、插入或修改）")
        if event.compute_hash() != event.hash:
            return checked, Broken(event.pk, "内容与其哈希不符（这条记录被修改）")
        previous, checked = event.hash, checked + 1
    head = ChainHead.objects.filter(pk=1).first()
    if head and (head.last_hash != previous or head.count != checked):
        return checked, Broken(None, f"链尾不符：应有 {head.count} 条记录，实有 {checked} 条（末尾的记录被删除）")
    return checked, None
