"""Rules that come with the checklist (pure: settings read in one place)."""

from __future__ import annotations


def timely_working_days() -> int:
    """即时公开: working days within which new or changed information is published."""
    from django.conf import settings

    return settings.GONGKAI_TIMELY_WORKING_DAYS


def update_rule_text(rule: str, due_month: int | None) -> str:
    """The rule as the office says it: 每年10月底前更新, 形成或变更后20个工作日内, ..."""
    if rule == "annual":
        return f"每年{due_month}月底前更新" if due_month else "每年更新"
    if rule == "on_change":
        return f"形成或变更后{timely_working_days()}个工作日内公开"
    return "随事项发生及时公开"
