"""`gongkai figures`: one JSON object with every recorded figure of a period."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from gongkai.annual.period import Period
from gongkai.mailbox.models import Mailbox
from gongkai.mailbox.services import letter_answer, letter_rate, letter_submit
from gongkai.oversight.models import Case

pytestmark = pytest.mark.django_db


def _run(*args) -> str:
    out = io.StringIO()
    call_command("figures", *args, stdout=out)
    return out.getvalue()


def test_json_has_every_figure(cast, budget_items):
    letter = letter_submit(mailbox=Mailbox.objects.get(code="xinxigongkai"),
                           data={"subject": "建议", "text": "内容", "email": "a@example.cn"},
                           received_on=date(2024, 10, 9)).letter
    letter_answer(letter=letter, text="答复", on=date(2024, 10, 10))
    letter_rate(letter=letter, rating="satisfied")
    Case.objects.create(kind="complaint", received_on=date(2024, 11, 1), parties="某人", matter="未公开预算")
    figures = json.loads(_run("--from", "2024-09-01", "--to", "2025-08-31", "--json"))
    assert set(figures) == {"period", "items", "rules", "views", "channels", "applications", "search_first", "mailbox", "cases",
                            "evaluation", "work"}
    assert figures["period"] == {"from": "2024-09-01", "to": "2025-08-31", "label": "2024—2025学年"}
    box = figures["mailbox"]["boxes"]["信息公开意见箱"]
    assert (box["received"], box["replied"], box["reply_rate"], box["satisfaction_rate"],
            box["average_working_days"]) == (1, 1, 100.0, 100.0, 1.0)
    assert figures["cases"]["complaints"]["pending"] == 1
    assert figures["applications"]["consistent"] is True
    assert json.loads(_run("--period", "2024-2025", "--json")) == figures
    # The budget items were published today, so today's calendar year has them.
    today = timezone.localdate()
    this_year = json.loads(_run("--period", str(today.year), "--json"))
    assert this_year["items"]["by_scope"] == {"社会": 1, "校内": 1}
    text = _run("--period", "2024-2025")
    assert "2024—2025学年" in text and "信箱：收到 1 件" in text and "举报 1 件" in text


@pytest.mark.parametrize("args,message", [
    (["--period", "2023-2025"], "相邻两年"),
    (["--period", "去年"], "无法识别"),
    (["--from", "2024-13-01", "--to", "2024-12-31"], "日期“2024-13-01”无效"),
    (["--from", "2024-12-01", "--to", "2024-01-01"], "结束日期早于开始日期"),
    ([], "请给出"),
])
def test_bad_arguments_are_explained(db, args, message):
    with pytest.raises(CommandError, match=message):
        _run(*args)


def test_periods():
    assert Period.parse("2023-24") == Period(date(2023, 9, 1), date(2024, 8, 31))
    assert Period.parse("2023—2024学年").label == "2023—2024学年"
    assert Period.parse("2023").label == "2023年" and Period.parse("2023").noun == "本年度"
    assert Period(date(2024, 1, 1), date(2024, 6, 30)).label == "2024年1月1日至2024年6月30日"


def test_the_figures_page_for_office_and_leaders(client, cast):
    Case.objects.create(kind="complaint", received_on=date(2024, 11, 1), parties="某人", matter="未公开预算")
    for user, allowed in ((cast.office, True), (cast.leader, True), (cast.clerk_a, False)):
        client.force_login(user)
        response = client.get("/admin/figures/", {"period": "2024-2025"})
        assert (response.status_code == 200) == allowed
    client.force_login(cast.office)
    page = client.get("/admin/figures/", {"period": "2024-2025"}).content.decode()
    assert "2024—2025学年" in page and "举报投诉" in page and "信息公开意见箱" in page
    page = client.get("/admin/figures/", {"period": "明年"}).content.decode()
    assert "无法识别" in page


def test_the_figures_page_draws_its_charts(client, cast, budget_items):
    from django.utils import timezone

    client.force_login(cast.office)
    year = timezone.localdate().year
    page = client.get("/admin/figures/", {"start": f"{year - 1}-01-01", "end": f"{year}-12-31"}).content.decode()
    assert page.count("<svg") >= 1 and "每月主动公开信息（条）" in page and "社会公开" in page
