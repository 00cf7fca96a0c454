"""An application's reply deadline (pure: no Django).

The rules (regulations.md §2–3; the numbers are settings, these are the defaults):

- the reply is due within 15 working days of receipt, the day of receipt not counted;
- an extension of at most 15 working days, approved by the office head, moves it on;
- 补正: the office asks the applicant to supplement the application (within 7 working
  days of receipt); the period starts again from the day the supplement arrives; no
  supplement by the date given means the application is treated as abandoned;
- time spent consulting a third party (第三方意见) or waiting for a fee to be paid does
  not count: the working days of such a pause are added to the deadline.

`compute_deadline` returns the date and every step of how it was reached, so the office
(and the applicant) can see why the deadline is what it is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from gongkai.workdays.calendar import WorkdayCalendar

SUPPLEMENT, THIRD_PARTY, FEE = "supplement", "third_party", "fee"
PAUSE_LABELS = {SUPPLEMENT: "补正", THIRD_PARTY: "征求第三方意见", FEE: "等待缴费"}


@dataclass(frozen=True)
class Pause:
    kind: str                 # SUPPLEMENT, THIRD_PARTY or FEE
    started: date             # the notice went out
    ended: date | None        # the supplement / opinion / payment arrived; None: still waiting


@dataclass(frozen=True)
class Rules:
    reply_days: int = 15
    max_extension_days: int = 15
    supplement_notice_days: int = 7


@dataclass
class Deadline:
    due: date | None          # None while the clock is stopped (waiting for a supplement)
    provisional: bool
    steps: list[str] = field(default_factory=list)
    clock_stopped: bool = False

    def explain(self) -> str:
        return "；".join(self.steps)


def _d(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def compute_deadline(calendar: WorkdayCalendar, *, received: date, rules: Rules = Rules(),
                     extension_days: int = 0, pauses: list[Pause] = ()) -> Deadline:
    if not 0 <= extension_days <= rules.max_extension_days:
        raise ValueError(f"延期不得超过 {rules.max_extension_days} 个工作日")
    start, steps = received, [f"{_d(received)}收到申请（当日不计）"]
    provisional = False
    # A supplement restarts the period from the day it arrives (the last one counts).
    for pause in sorted((p for p in pauses if p.kind == SUPPLEMENT), key=lambda p: p.started):
        if pause.ended is None:
            steps.append(f"{_d(pause.started)}通知补正，等待申请人补正，期限暂停计算")
            return Deadline(None, False, steps, clock_stopped=True)
        start = pause.ended
        steps.append(f"{_d(pause.ended)}收到补正材料，期限重新计算")
    due = calendar.add(start, rules.reply_days)
    provisional |= due.provisional
    steps.append(f"答复期限 {rules.reply_days} 个工作日，至{_d(due.day)}")
    day = due.day
    if extension_days:
        extended = calendar.add(day, extension_days)
        provisional |= extended.provisional
        day = extended.day
        steps.append(f"经批准延期 {extension_days} 个工作日，至{_d(day)}")
    for pause in sorted((p for p in pauses if p.kind != SUPPLEMENT), key=lambda p: p.started):
        if pause.started > day:
            continue   # after the deadline: it cannot move it
        label = PAUSE_LABELS[pause.kind]
        if pause.ended is None:
            steps.append(f"{_d(pause.started)}起{label}，期限暂停计算")
            return Deadline(None, provisional, steps, clock_stopped=True)
        # Working days in (started, ended] do not count toward the period.
        paused = calendar.count(pause.started, pause.ended)
        if paused:
            moved = calendar.add(day, paused)
            provisional |= moved.provisional
            day = moved.day
        steps.append(f"{label} {_d(pause.started)}至{_d(pause.ended)}，"
                     f"不计入 {paused} 个工作日，至{_d(day)}")
    if provisional:
        steps.append("期限涉及尚未录入节假日安排的年份，为暂定")
    return Deadline(day, provisional, steps)


def supplement_notice_due(calendar: WorkdayCalendar, *, received: date, rules: Rules = Rules()) -> date:
    """The last day to send a supplement notice (补正告知)."""
    return calendar.add(received, rules.supplement_notice_days).day
