"""The gate's wording checks: found on the item like privacy findings (place and reason),
blocking plain approval, passed only with the office's recorded reason; the office's lists
refuse entries that would match everything."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from gongkai.events.models import Event
from gongkai.publishing.gate import gate_state
from gongkai.wording.models import LeaderPost, WrongForm

from .conftest import act, step_of, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def lists(db):
    WrongForm.objects.create(wrong="中华人民共合国", right="中华人民共和国")
    LeaderPost.objects.create(name="王建国", title="校长", start=date(2020, 1, 1))


def test_wording_findings_block_and_the_override_is_recorded(cast, draft, lists):
    item = submit(draft(title="2025—2027学年预算", body="<p>依据《中华人民共合国预算法》。</p><p>副校长王建国审定。</p>"),
                  cast.clerk_a)
    item = act(item, cast.head_a, "approve", comment="")
    scan = gate_state(item).scan
    assert [(f["location"], f["kind_label"], f["reason"]) for f in scan.findings] == [
        ("标题", "日期错误", "学年应为相邻两年（如2025—2026学年）"),
        ("正文第1段", "错误表述", "“中华人民共合国”应为“中华人民共和国”"),
        ("正文第2段", "领导姓名职务", "王建国现任校长，不是副校长")]
    task = item.current_workflow_task_state.task.specific
    assert [name for name, _, _ in task.get_actions(item, cast.office)] == ["reject", "override"]
    item = act(item, cast.office, "approve", comment="同意")
    assert not item.live and step_of(item) == "review"
    item = act(item, cast.office, "override", comment="同意", override_reason="标题为原文件名称，照录。")
    assert item.live
    assert Event.objects.filter(verb="review.override", target_id=str(item.pk)).exists()


def test_attachments_are_checked_too(cast, draft, document, lists, tmp_path):
    from ..privacy.conftest import make_docx

    path = make_docx(tmp_path / "通知.docx", paragraphs=["关于召开会议的通知", "副校长王建国出席。"])
    item = submit(draft(attachments=[document("通知.docx", path.read_bytes())]), cast.clerk_a)
    item = act(item, cast.head_a, "approve", comment="")
    assert [(f["file"], f["location"], f["reason"]) for f in gate_state(item).scan.findings] == [
        ("通知.docx", "第2段", "王建国现任校长，不是副校长")]


def test_a_clean_item_passes(cast, draft, lists):
    item = submit(draft(body="<p>依据《中华人民共和国预算法》，校长王建国审定。</p>"), cast.clerk_a)
    item = act(item, cast.head_a, "approve", comment="")
    assert gate_state(item).clean


def test_entries_that_would_match_everything_are_refused(cast, budget_items):
    for wrong, right, message in (("的", "地", "至少两个字"), ("2025", "2026", "至少两个字"),
                                  ("——", "—", "至少两个字"), ("人民共和", "中华人民共和国", "是正确写法"),
                                  ("预算", "决算", "出现在最近2条已发布信息中的1条里")):
        with pytest.raises(ValidationError, match=message):
            WrongForm(wrong=wrong, right=right).full_clean()
    WrongForm(wrong="示范学院", right="示范大学").full_clean()


def test_likely_typos_are_hints_that_do_not_block(cast, draft, document, lists, tmp_path):
    from ..privacy.conftest import make_docx

    path = make_docx(tmp_path / "说明.docx", paragraphs=["请各单位改善办学条见。"])
    item = submit(draft(body="<p>本年度共受理信息公开申清12件。</p>",
                        attachments=[document("说明.docx", path.read_bytes())]), cast.clerk_a)
    item = act(item, cast.head_a, "approve", comment="")
    scan = gate_state(item).scan
    assert scan.clean
    assert [(h["file"], h["location"], h["reason"]) for h in scan.hints] == [
        ("正文", "正文第1段", "“申清”疑为“申请”"), ("说明.docx", "第1段", "“办学条见”疑为“办学条件”")]
    item = act(item, cast.office, "approve", comment="同意")
    assert item.live
