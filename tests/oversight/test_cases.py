"""The register of complaints, reconsiderations and lawsuits, and its figures."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from gongkai.events.models import Event
from gongkai.oversight.models import Case
from gongkai.oversight.services import case_figures

pytestmark = pytest.mark.django_db


def _case(kind, received, result="pending", concluded=None, after=False):
    case = Case(kind=kind, received_on=received, parties="某申请人", matter="对答复不服", result=result,
                concluded_on=concluded, after_reconsideration=after)
    case.full_clean()
    case.save()
    return case


def test_figures_by_kind_and_result_at_the_end_of_the_period(db):
    _case("complaint", date(2024, 3, 1), "corrected", date(2024, 4, 1))
    _case("complaint", date(2024, 11, 1), "maintained", date(2025, 1, 10))   # decided after: pending then
    _case("reconsideration", date(2024, 5, 1), "maintained", date(2024, 7, 1))
    _case("litigation", date(2024, 6, 1))
    _case("litigation", date(2024, 8, 1), "other", date(2024, 10, 1), after=True)
    _case("complaint", date(2023, 12, 1), "maintained", date(2024, 1, 5))   # received before the period
    figures = case_figures(date(2024, 1, 1), date(2024, 12, 31))
    zero = {"maintained": 0, "corrected": 0, "other": 0, "pending": 0}
    assert figures["complaints"] == {**zero, "corrected": 1, "pending": 1, "total": 2}
    assert figures["reconsiderations"] == {**zero, "maintained": 1, "total": 1}
    assert figures["litigation"]["direct"] == {**zero, "pending": 1, "total": 1}
    assert figures["litigation"]["after_reconsideration"] == {**zero, "other": 1, "total": 1}
    assert figures["total"] == 5
    assert case_figures(date(2025, 1, 1), date(2025, 12, 31))["complaints"]["total"] == 0


def test_inconsistent_entries_are_refused_in_chinese(db):
    with pytest.raises(ValidationError) as error:
        _case("complaint", date(2024, 3, 1), "corrected")
    assert "请填写审结日期" in str(error.value)
    with pytest.raises(ValidationError) as error:
        _case("complaint", date(2024, 3, 1), after=True)
    assert "只有行政诉讼" in str(error.value)
    with pytest.raises(ValidationError) as error:
        _case("litigation", date(2024, 3, 1), "maintained", date(2024, 2, 1))
    assert "不能早于收到日期" in str(error.value)


def test_the_office_registers_in_the_admin_and_it_is_logged(client, cast):
    client.force_login(cast.office)
    response = client.post("/admin/oversight/new/", {
        "kind": "reconsideration", "received_on": "2024-05-01", "parties": "张三", "matter": "对不予公开答复不服",
        "result": "pending", "reference": "", "authority": "省教育厅", "note": ""})
    assert response.status_code == 302, response.content.decode()[:2000]
    case = Case.objects.get()
    assert Event.objects.filter(verb="case.register", target_id=str(case.pk), actor=cast.office).exists()
    clerk = client.__class__()
    clerk.force_login(cast.clerk_a)
    assert clerk.get("/admin/oversight/").status_code in (302, 403)
