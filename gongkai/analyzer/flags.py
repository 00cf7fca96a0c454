"""What a supervisor should look at in an analysed report (pure)."""

from __future__ import annotations

import re
from datetime import date

from .years import COPIED_SHARE


def expected_period(text: str) -> tuple[date, date] | None:
    """'2023-2024' (academic year) or '2023' (calendar year) as dates; None if blank."""
    text = (text or "").strip()
    m = re.fullmatch(r"(\d{4})\s*[-—–~至]\s*(\d{4})", text)
    if m and int(m.group(2)) == int(m.group(1)) + 1:
        return date(int(m.group(1)), 9, 1), date(int(m.group(2)), 8, 31)
    m = re.fullmatch(r"(\d{4})", text)
    if m:
        return date(int(m.group(1)), 1, 1), date(int(m.group(1)), 12, 31)
    return None


def flags(result: dict, *, period: str = "") -> list[str]:
    if "parts" not in result:
        return [result.get("verdict", "无法读取")]
    found = []
    if not result.get("is_report"):
        found.append(result.get("verdict", "不是年度报告"))
    if result["missing_parts"]:
        found.append("缺少部分：" + "、".join(result["missing_parts"]))
    if not result.get("university"):
        found.append("未识别学校名称")
    wanted = expected_period(period)
    start, end = result.get("period_start"), result.get("period_end")
    if wanted and (start, end) != (wanted[0].isoformat(), wanted[1].isoformat()):
        stated = f"{start} 至 {end}" if start else "未识别"
        found.append(f"期间不符：报告为 {stated}，应为 {wanted[0]} 至 {wanted[1]}")
    found += contradictions(result)
    found += [finding["message"] for finding in result.get("table_findings", [])]
    found += [finding["message"] for finding in result.get("year_findings", [])
              if finding["kind"] != "repetition" or finding["share"] >= COPIED_SHARE]
    return found


def _value(result: dict, name: str):
    figure = result["figures"].get(name)
    return None if figure is None else figure["value"]


def contradictions(result: dict) -> list[str]:
    """Figures that cannot all be true."""
    found = []
    received = _value(result, "applications_received")
    granted = _value(result, "applications_granted")
    refused = _value(result, "applications_refused")
    if received is not None and (granted or 0) + (refused or 0) > received:
        found.append(f"数字矛盾：予以公开 {granted or 0} 件与不予公开 {refused or 0} 件之和大于收到的申请 {received} 件")
    letters, replied = _value(result, "mailbox_letters"), _value(result, "mailbox_replied")
    if letters is not None and replied is not None and replied > letters:
        found.append(f"数字矛盾：信箱回复 {replied} 件多于来信 {letters} 件")
    total = _value(result, "proactive_total")
    campus, public = result.get("proactive_campus"), result.get("proactive_public")
    if total is not None and campus is not None and public is not None and campus + public != total:
        found.append(f"数字矛盾：校内公开 {campus} 条与社会公开 {public} 条之和不等于总数 {total} 条")
    return found
