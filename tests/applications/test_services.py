"""Applications in the database: numbers, query codes, pauses, conclusion, the table."""

from __future__ import annotations

import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from gongkai.applications.models import Application, Outcome
from gongkai.applications.services import (
    application_conclude, application_deadline, application_extend, application_for_applicant,
    application_pause, application_resume, application_submit,
)
from gongkai.events.models import Event

pytestmark = pytest.mark.django_db
D = date.fromisoformat


def data(**extra):
    return {"applicant_type": "natural", "name": "张三", "id_type": "resident",
            "id_number": "11010519491231002X", "phone": "13800138000",
            "description": "2024年学校部门预算中的科研经费明细", "purpose": "学术研究",
            "delivery": "email", "email": "zhang@example.cn", **extra}


def test_numbers_are_unique_and_gap_free_per_year():
    numbers = [application_submit(data=data(), received_on=D(day)).application.number
               for day in ["2025-12-30", "2025-12-31", "2026-01-02", "2026-01-05"]]
    assert numbers == ["2025-00001", "2025-00002", "2026-00001", "2026-00002"]
    assert Event.objects.filter(verb="application.receive").count() == 4


def test_a_second_click_creates_nothing():
    first = application_submit(data=data(), submission_key="k-1")
    again = application_submit(data=data(), submission_key="k-1")
    assert again.duplicate and again.application.pk == first.application.pk
    assert Application.objects.count() == 1


def test_the_applicant_gets_in_with_number_and_query_code_only():
    submitted = application_submit(data=data())
    number, code = submitted.application.number, submitted.query_code
    assert len(code) == 8 and code not in submitted.application.query_code_hash
    assert application_for_applicant(number, code) == submitted.application
    assert application_for_applicant(number, code.lower()) == submitted.application
    assert application_for_applicant(number, "WRONGCOD") is None
    assert application_for_applicant("2099-00001", code) is None
    assert submitted.application.masked_id_number == "110105********002X"


def test_bad_identity_data_is_refused():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        application_submit(data=data(applicant_type="martian"))
    assert not Application.objects.exists()


def test_deadline_follows_the_recorded_pauses_and_extension(cast):
    app = application_submit(data=data(), received_on=D("2025-09-26")).application
    assert application_deadline(app).due == D("2025-10-23")
    application_pause(application=app, kind="supplement", started_on=D("2025-09-29"), note="请写明预算年度")
    app.refresh_from_db()
    assert app.status == "supplement" and application_deadline(app).clock_stopped
    application_resume(application=app, kind="supplement", ended_on=D("2025-10-10"))
    assert application_deadline(app).due == D("2025-10-30")
    application_extend(application=app, days=5, reason="需多个部门汇总", by=cast.office)
    deadline = application_deadline(app)
    assert deadline.due == D("2025-11-06") and "经批准延期 5 个工作日" in deadline.explain()
    with pytest.raises(ValueError, match="延期不得超过 15 个工作日"):
        application_extend(application=app, days=16, reason="x")


def test_stats_command_prints_a_consistent_table(cast):
    granted = Outcome.objects.get(code="granted")
    refused = Outcome.objects.get(code="refused.third_party")
    a = application_submit(data=data(), received_on=D("2024-08-20")).application
    application_conclude(application=a, outcome=refused, reply_text="涉及第三方商业秘密", concluded_on=D("2024-09-05"))
    b = application_submit(data=data(applicant_type="business", id_type="uscc", id_number="91110000600037341L"),
                           received_on=D("2024-10-08")).application
    application_conclude(application=b, outcome=granted, reply_text="予以公开", concluded_on=D("2024-10-20"))
    application_submit(data=data(), received_on=D("2025-08-25"))
    out = StringIO()
    call_command("applications", "stats", "--from", "2024-09-01", "--to", "2025-08-31", "--json", stdout=out)
    table = json.loads(out.getvalue())
    assert table["new"]["total"] == 2 and table["carried_in"]["total"] == 1
    assert table["results_total"]["total"] == 2 and table["carried_out"]["total"] == 1
    assert table["new"]["business"] == 1
    for column in table["new"]:
        assert table["new"][column] + table["carried_in"][column] == \
            table["results_total"][column] + table["carried_out"][column]
    text = StringIO()
    call_command("applications", "stats", "--from", "2024-09-01", "--to", "2025-08-31", stdout=text)
    assert "一、本年新收申请数量" in text.getvalue() and "四、结转下年度继续办理" in text.getvalue()


def test_fees_by_application_count_in_the_month_then_paid_or_waived(cast):
    from gongkai.applications.services import (
        application_fee_notice, application_fee_paid, application_fee_waive, applications_table,
    )

    apps = [application_submit(data=data(), received_on=D("2025-03-03")).application for _ in range(12)]
    with pytest.raises(ValueError, match="不收取信息处理费"):
        application_fee_notice(application=apps[9], method="per_application")      # the 10th: free
    assert application_fee_notice(application=apps[10], method="per_application",
                                  notice_on=D("2025-03-04"), by=cast.office) == 100
    apps[10].refresh_from_db()
    assert apps[10].status == "fee" and application_deadline(apps[10]).clock_stopped
    application_fee_paid(application=apps[10], paid_on=D("2025-03-06"))
    assert application_deadline(apps[10]).due == D("2025-03-26")   # 03-24 + 2 paused working days
    assert application_fee_notice(application=apps[11], method="per_page", pages=101,
                                  notice_on=D("2025-03-04")) == 720
    application_fee_waive(application=apps[11], reason="申请人为在校学生，用于毕业论文", on=D("2025-03-05"))
    fees = applications_table(start=D("2025-01-01"), end=D("2025-12-31"))["fees"]
    assert fees == {"charged_yuan": 100, "charged_applications": 1, "waived_yuan": 720, "waived_applications": 1}
