"""Every figure of a period that the platform records, in one place: what the annual
report prints, what `gongkai figures` shows, and what the office's 数据汇总 page lists.
Each domain keeps its own selector (and its definitions); this only collects them."""

from __future__ import annotations

from gongkai.applications.services import applications_table, search_first_figures
from gongkai.evaluation.services import evaluation_figures
from gongkai.mailbox.services import mailbox_figures
from gongkai.oversight.services import case_figures
from gongkai.publishing.channel_stats import channel_figures, items_published
from gongkai.portal.readership import views_in
from gongkai.publishing.validity import rules_figures
from gongkai.returns.services import returns_figures
from gongkai.worklog.services import work_figures

from .period import Period


def period_figures(period: Period) -> dict:
    start, end = period.start, period.end
    return {
        "period": period.as_dict(),
        "items": items_published(start, end),
        "rules": rules_figures(start, end),
        "views": {"total": views_in(start, end)},
        "channels": channel_figures(start, end),
        "applications": applications_table(start=start, end=end),
        # 先查后申请: items opened from the application form's suggestions instead of
        # applying; applications withdrawn because the information was found published.
        "search_first": search_first_figures(start, end),
        "mailbox": mailbox_figures(start, end),
        "cases": case_figures(start, end),
        "evaluation": evaluation_figures(start, end),
        # 工作台账: trainings, meetings, inspections and their findings, the disclosure
        # rules adopted, the leading group at the end of the period; and the figures
        # departments gave in the locked 数据填报 rounds of the period (`collected`).
        "work": {**work_figures(start, end), "collected": returns_figures(start, end)},
    }
