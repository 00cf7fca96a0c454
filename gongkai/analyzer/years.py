"""A university's report against its report of the year before (pure): the carry-over
(last year's 结转下年 is this year's 上年结转), how much of each part repeats last year's
sentences word for word, and the figures that changed by more than a set factor."""

from __future__ import annotations

from .analyze import PARTS

COPIED_SHARE = 0.6        # a part with at least this share of last year's sentences is flagged
COPIED_MIN_SENTENCES = 3
CHANGE_FACTOR = 3.0       # a figure this many times larger or smaller than last year's is shown
_LABELS = {"proactive_total": "主动公开信息", "applications_received": "收到申请", "complaints": "举报",
           "reconsiderations": "行政复议", "lawsuits": "行政诉讼", "mailbox_letters": "信箱来信"}


def _cell(result: dict, key: str):
    table = (result.get("tables") or {}).get("applications") or {}
    found = table.get("cells", {}).get(key)
    return found[0] if found else None


def year_over_year(previous: dict, current: dict) -> list[dict]:
    """Findings ({kind, message}) of `current` against `previous`, the same university's
    report of the year before."""
    found = []
    carried_out, carried_in = _cell(previous, "carried_out"), _cell(current, "carried_in")
    if carried_out is not None and carried_in is not None and carried_out != carried_in:
        found.append({"kind": "carry_over", "message": f"上年结转不一致：本年报告“上年结转”为 {carried_in} 件，"
                                                          f"上年报告“结转下年度继续办理”为 {carried_out} 件。"})
    names = dict(PARTS)
    before = {int(n): set(p) for n, p in (previous.get("part_prints") or {}).items()}
    for number, prints in sorted((int(n), p) for n, p in (current.get("part_prints") or {}).items()):
        if len(prints) < COPIED_MIN_SENTENCES or number not in before:
            continue
        share = sum(p in before[number] for p in prints) / len(prints)
        found.append({"kind": "repetition", "part": number, "share": round(share, 2),
                      "message": f"第{number}部分（{names[number]}）有 {share:.0%} 的句子与上年报告相同"
                                 + ("，疑似照搬上年。" if share >= COPIED_SHARE else "。")})
    for name, label in _LABELS.items():
        old = (previous.get("figures") or {}).get(name)
        new = (current.get("figures") or {}).get(name)
        if not old or not new or not old["value"] or not new["value"]:
            continue
        ratio = new["value"] / old["value"]
        if ratio >= CHANGE_FACTOR or ratio <= 1 / CHANGE_FACTOR:
            found.append({"kind": "change", "message": f"{label}：上年 {old['value']}{old['unit']}，本年 "
                                                       f"{new['value']}{new['unit']}，变化超过 {CHANGE_FACTOR:g} 倍，请核实。"})
    return found
