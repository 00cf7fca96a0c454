"""An applicant withdraws an open application, e.g. having found the information published."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.utils import timezone

from gongkai.applications.services import application_submit, search_first_figures

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted():
    done = application_submit(data={
        "applicant_type": "natural", "name": "张三", "id_type": "resident", "id_number": "11010519491231002X",
        "phone": "13800138000", "description": "学校2025年部门预算", "delivery": "email", "email": "a@example.cn"})
    return done.application, done.query_code


def opened(application, code) -> Client:
    visitor = Client()
    visitor.post("/yishenqing/status/", {"number": application.number, "query_code": code})
    return visitor


def test_the_applicant_withdraws_having_found_the_item(submitted):
    application, code = submitted
    visitor = opened(application, code)
    page = visitor.get(f"/yishenqing/status/?number={application.number}").content.decode()
    assert "撤回申请" in page and "已在信息公开网找到所需信息" in page
    response = visitor.post("/yishenqing/withdraw/", {"number": application.number, "reason": "found"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.withdrawn == "found" and application.outcome.code == "other.other"
    assert application.concluded_on == timezone.localdate() and "撤回申请" in application.reply_text
    page = visitor.get(response["Location"]).content.decode()
    assert "申请人撤回（已在信息公开网找到所需信息）" in page and "确认撤回" not in page
    today = timezone.localdate()
    assert search_first_figures(today, today)["withdrawn_found"] == 1
    assert search_first_figures(date(2020, 1, 1), date(2020, 12, 31))["withdrawn_found"] == 0


def test_only_the_visitor_who_opened_it_may_withdraw_and_only_once(submitted):
    application, code = submitted
    stranger = Client()
    stranger.post("/yishenqing/withdraw/", {"number": application.number, "reason": "not_needed"})
    application.refresh_from_db()
    assert not application.withdrawn and application.outcome_id is None
    visitor = opened(application, code)
    visitor.post("/yishenqing/withdraw/", {"number": application.number, "reason": "not_needed"})
    visitor.post("/yishenqing/withdraw/", {"number": application.number, "reason": "found"})     # again: no change
    application.refresh_from_db()
    assert application.withdrawn == "not_needed"
    assert visitor.post("/yishenqing/withdraw/", {"number": application.number, "reason": "nonsense"}).status_code == 302
    assert visitor.get("/yishenqing/withdraw/").status_code == 405
