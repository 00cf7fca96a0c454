"""The workbench's sections: who sees what, in what order (issue 24)."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.workbench.sections import annual_report, sections_for

pytestmark = pytest.mark.django_db

DATA = {"applicant_type": "natural", "name": "张三", "id_type": "resident", "id_number": "11010519491231002X",
        "phone": "13800138000", "email": "z@example.cn", "delivery": "email", "purpose": ""}


def _submit(description, received_on):
    from gongkai.applications.services import application_submit

    return application_submit(data={**DATA, "description": description}, received_on=received_on).application


def test_applications_by_working_days_left_overdue_first(cast, time_machine):
    time_machine.move_to("2026-12-07 09:00 +0800", tick=False)
    later = _submit("还早", date(2026, 12, 4))
    soon = _submit("将到期", date(2026, 11, 18))           # due 2026-12-09: 2 working days left
    late = _submit("已逾期", date(2026, 11, 2))
    later_still = _submit("很晚", date(2026, 11, 2))
    later_still.received_on = date(2026, 11, 10)
    later_still.save()
    section = next(s for s in sections_for(cast.office) if s.key == "applications")
    texts = [row.text.split()[0] for row in section.rows]
    assert texts == [late.number, later_still.number, soon.number, later.number]
    assert section.rows[0].urgent and section.rows[0].note.startswith("已逾期")
    assert section.rows[2].urgent and section.rows[2].note.startswith("剩 2 个工作日")
    assert not section.rows[3].urgent


def test_who_sees_which_sections(cast, make_user):
    make_user("supervisor", "supervisor")
    from django.contrib.auth import get_user_model

    keys = {name: [s.key for s in sections_for(get_user_model().objects.get(username=name))]
            for name in ("office", "clerk_a", "head_a", "leader", "supervisor", "student")}
    assert keys["office"] == ["applications", "letters", "queue-review", "checklist", "links", "annual"]
    assert keys["clerk_a"] == keys["head_a"] == ["department-queue", "checklist", "routed"]
    assert "queue-sign_off" in keys["leader"]
    assert keys["supervisor"] == ["batches"]
    assert keys["student"] == []


@pytest.mark.parametrize("today,label,late", [
    (date(2026, 10, 20), "2025—2026学年", False),    # due 31 October 2026, not yet
    (date(2026, 12, 7), "2025—2026学年", True),      # not published by then: late
    (date(2026, 3, 1), "2024—2025学年", True),       # before 1 September: the year ended the August before last
])
def test_the_annual_reports_deadline(db, today, label, late):
    row = annual_report(today).rows[0]
    assert row.text.startswith(label)
    assert ("已逾期" in row.note) == late


def test_a_withdrawn_item_is_not_a_draft_to_finish(cast, budget_items):
    from gongkai.catalog.models import Scope
    from gongkai.portal.models import ChecklistItemPage
    from gongkai.publishing.models import DisclosureItemPage
    from gongkai.workbench.sections import department_queue

    budget_items["budget"].unpublish()
    parent = ChecklistItemPage.objects.get(checklist_item__number=19)
    draft = DisclosureItemPage(title="尚未提交的草稿", department=cast.dept_a, live=False,
                               scope=Scope.objects.get(code="public"), body="<p>草稿</p>")
    parent.add_child(instance=draft)
    draft.save_revision(user=cast.clerk_a)
    rows = department_queue(cast.clerk_a, [cast.dept_a.pk]).rows
    assert [row.text for row in rows] == ["尚未提交的草稿"] and rows[0].note == "草稿，尚未提交"
