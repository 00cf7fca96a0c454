"""数据填报: a round defined by the office, filled in by departments in the admin or by an
XLSX template, reviewed, returned, locked; reminders by mail; values in the figures and
the report, each with who gave it and when."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from gongkai.annual.build import report_document
from gongkai.annual.figures import period_figures
from gongkai.annual.period import Period
from gongkai.annual.services import report_ensure
from gongkai.returns import services
from gongkai.returns.models import Answer, Field, Round, Value

pytestmark = pytest.mark.django_db

YEAR = Period.academic_year(2024)


@pytest.fixture
def round_(cast):
    cast.clerk_a.email = "clerk_a@example.cn"
    cast.clerk_a.save()
    r = Round.objects.create(title="2024—2025学年信息公开数据填报", period_start=YEAR.start, period_end=YEAR.end,
                             deadline=date(2025, 9, 19), sums="enrol_total = enrol_ug + enrol_pg")
    for order, (code, label, unit, kind, low, high, departments) in enumerate([
            ("enrol_ug", "本科生招生人数", "人", "integer", 0, 20000, [cast.dept_a]),
            ("enrol_pg", "研究生招生人数", "人", "integer", 0, 20000, [cast.dept_a]),
            ("enrol_total", "招生总人数", "人", "integer", 0, 40000, [cast.dept_a]),
            ("news", "网站发布新闻数", "条", "integer", 0, None, [cast.dept_a, cast.dept_b]),
            ("paper_ratio", "校报电子版阅读占比", "%", "decimal", 0, 100, [cast.dept_b]),
            ("remark", "其他说明", "", "text", None, None, [cast.dept_b])]):
        field = Field.objects.create(round=r, code=code, label=label, unit=unit, kind=kind, sort_order=order,
                                     minimum=low, maximum=high, required=code != "remark")
        field.departments.set(departments)
    services.round_open(round_=r, by=cast.office)
    return r


def _template_rows(content: bytes) -> list[list]:
    return [list(row) for row in load_workbook(io.BytesIO(content))["填报"].iter_rows(values_only=True)]


def _filled(round_, department, values: dict, *, edit=None) -> SimpleUploadedFile:
    book = load_workbook(io.BytesIO(services.template_xlsx(round_, department)))
    sheet = book["填报"]
    for row in sheet.iter_rows(min_row=2):
        if row[0].value in values:
            row[4].value = values[row[0].value]
    if edit:
        edit(book)
    stream = io.BytesIO()
    book.save(stream)
    return SimpleUploadedFile("filled.xlsx", stream.getvalue())


def test_a_department_fills_in_the_admin_submits_and_the_office_locks(client, cast, round_):
    assert sorted(a.department.name for a in round_.answers.all()) == ["教务处", "财务处"]
    client.force_login(cast.clerk_a)
    url = f"/admin/returns/{round_.pk}/{cast.dept_a.code}/"
    page = client.get(url).content.decode()
    assert "本科生招生人数（人）" in page and "校报电子版阅读占比" not in page     # only its own fields
    # Full-width digits and thousands separators are forgiven; a wrong sum blocks submitting.
    response = client.post(url, {"enrol_ug": "３,２００", "enrol_pg": "800", "enrol_total": "4100", "news": "120",
                                 "action": "submit"})
    assert response.status_code == 400
    assert "“招生总人数”（4100）应等于“本科生招生人数”+“研究生招生人数”之和（4000）" in response.content.decode()
    assert not Value.objects.exists()
    client.post(url, {"enrol_ug": "３,２００", "enrol_pg": "800", "enrol_total": "4000", "news": "120",
                      "action": "submit"})
    answer = round_.answers.get(department=cast.dept_a)
    assert answer.state == "submitted"
    assert {v.field.code: v.number for v in answer.values.select_related("field")} == {
        "enrol_ug": Decimal(3200), "enrol_pg": Decimal(800), "enrol_total": Decimal(4000), "news": Decimal(120)}
    assert all(v.by == cast.clerk_a for v in answer.values.all())
    # Submitted: no more changes until the office returns it.
    response = client.post(url, {"enrol_ug": "1", "action": "save"})
    assert response.status_code == 400 and "本轮填报当前为“已提交”，不能修改。" in response.content.decode()
    # The office returns it with a comment; the clerk corrects one value, which alone changes hands.
    office = client.__class__()
    office.force_login(cast.office)
    office.post(f"/admin/returns/{round_.pk}/", {"action": "return", "answer": answer.pk, "comment": "新闻数请核实"})
    answer.refresh_from_db()
    assert (answer.state, answer.comment) == ("returned", "新闻数请核实")
    assert "新闻数请核实" in client.get(url).content.decode()
    before = Value.objects.get(field__code="enrol_ug").at
    client.post(url, {"enrol_ug": "3200", "enrol_pg": "800", "enrol_total": "4000", "news": "126", "action": "submit"})
    assert Value.objects.get(field__code="enrol_ug").at == before
    # The office cannot lock while a department has not answered.
    office.post(f"/admin/returns/{round_.pk}/", {"action": "accept", "answer": answer.pk})
    response = office.post(f"/admin/returns/{round_.pk}/", {"action": "lock"}, follow=True)
    assert "以下部门的填报尚未确认：教务处" in response.content.decode()
    services.answer_save(round_=round_, department=cast.dept_b, raw={"news": 30, "paper_ratio": "12.5"},
                         by=cast.clerk_b, submit=True)
    office.post(f"/admin/returns/{round_.pk}/", {"action": "accept", "answer": round_.answers.get(department=cast.dept_b).pk})
    office.post(f"/admin/returns/{round_.pk}/", {"action": "lock"})
    round_.refresh_from_db()
    assert round_.state == "locked"
    # Locked: the values feed the figures and the report, with who gave them and when.
    collected = period_figures(YEAR)["work"]["collected"]
    assert [c["round"] for c in collected] == ["2024—2025学年信息公开数据填报"]
    fields = collected[0]["fields"]
    assert fields["news"]["total"] == 156 and fields["paper_ratio"]["total"] == 12.5
    assert sorted((v["department"], v["value"], v["by"]) for v in fields["news"]["values"]) == [
        ("教务处", "30", "clerk_b"), ("财务处", "126", "clerk_a")]
    text = report_document(report_ensure(YEAR)).text()
    assert "据“2024—2025学年信息公开数据填报”，本科生招生人数3200人、研究生招生人数800人、招生总人数4000人、网站发布新闻数156条" in text
    # The export: totals per field and one column per department; every value with its giver.
    book = load_workbook(io.BytesIO(office.get(f"/admin/returns/{round_.pk}/export.xlsx").content))
    summary = [list(r) for r in book["汇总"].iter_rows(values_only=True)]
    assert summary[0][:4] == ["代码", "指标", "单位", "合计"] and sorted(summary[0][4:]) == ["教务处", "财务处"]
    news = dict(zip(summary[0], next(row for row in summary if row[0] == "news")))
    assert (news["合计"], news["财务处"], news["教务处"]) == (156, "126", "30")
    assert len(list(book["明细"].iter_rows())) == 1 + 4 + 3      # the optional remark, left empty, too


def test_a_department_sees_and_changes_only_its_own_answers(client, cast, round_):
    client.force_login(cast.clerk_a)
    other = f"/admin/returns/{round_.pk}/{cast.dept_b.code}/"
    assert client.get(other).status_code in (302, 403)
    assert client.post(other, {"news": "1", "action": "save"}).status_code in (302, 403)
    assert client.get(f"{other}template.xlsx").status_code in (302, 403)
    assert client.get(f"/admin/returns/{round_.pk}/").status_code in (302, 403)
    assert not Value.objects.exists()
    listing = client.get("/admin/returns/").content.decode()
    assert "（财务处）" in listing and "（教务处）" not in listing
    with pytest.raises(Exception, match="权限"):
        services.answer_save(round_=round_, department=cast.dept_b, raw={"news": 1}, by=cast.clerk_a)


def test_the_template_round_trip_and_every_problem_by_cell(client, cast, round_):
    content = services.template_xlsx(round_, cast.dept_a)
    rows = _template_rows(content)
    assert rows[0] == ["代码", "指标", "单位", "要求", "填报值"]
    assert [r[0] for r in rows[1:]] == ["enrol_ug", "enrol_pg", "enrol_total", "news"]
    assert rows[1][3] == "整数，0～20000，必填"
    client.force_login(cast.clerk_a)
    url = f"/admin/returns/{round_.pk}/{cast.dept_a.code}/"
    # Text in a number cell, a value out of range, a fraction in an integer cell: every one by cell.
    bad = _filled(round_, cast.dept_a, {"enrol_ug": "约三千", "enrol_pg": 30000, "enrol_total": 10.5, "news": 5})
    response = client.post(url, {"upload": bad})
    page = response.content.decode()
    assert response.status_code == 400
    assert "E2（本科生招生人数）：应为整数（填写的是“约三千”）" in page
    assert "E3（研究生招生人数）：不能大于20000（填写的是30000）" in page
    assert "E4（招生总人数）：应为整数（填写的是10.5）" in page
    assert not Value.objects.exists()
    # Missing and extra columns, missing and unknown rows.

    def reshape(book):
        sheet = book["填报"]
        sheet["F1"] = "备注"
        sheet.delete_rows(3)
        sheet.append(["stolen", "别的指标", "", "", 1])
        sheet["D1"] = None

    response = client.post(url, {"upload": _filled(round_, cast.dept_a, {}, edit=reshape)})
    page = response.content.decode()
    assert "第1行缺少列：要求" in page and "第1行多出列：备注" in page
    response = client.post(url, {"upload": _filled(round_, cast.dept_a, {"enrol_ug": 1},
                                                    edit=lambda b: (b["填报"].delete_rows(3),
                                                                    b["填报"].append(["stolen", "x", "", "", 1])))})
    page = response.content.decode()
    assert "第5行：代码“stolen”不是本部门在本轮要填报的指标" in page and "缺少指标“研究生招生人数”（代码 enrol_pg）的行" in page
    # Another department's template, another round's, a file that is not a workbook, a plain workbook.
    response = client.post(url, {"upload": SimpleUploadedFile("b.xlsx", services.template_xlsx(round_, cast.dept_b))})
    assert "该文件是其他部门的模板" in response.content.decode()
    other_round = Round.objects.create(title="另一轮", period_start=YEAR.start, period_end=YEAR.end, deadline=date(2025, 9, 1))
    book = load_workbook(io.BytesIO(content))
    book["_gongkai"]["B1"] = other_round.pk
    stream = io.BytesIO()
    book.save(stream)
    assert "该文件是其他轮次的模板" in client.post(url, {"upload": SimpleUploadedFile("o.xlsx", stream.getvalue())}).content.decode()
    assert "无法读取该文件" in client.post(url, {"upload": SimpleUploadedFile("x.xlsx", b"not a zip")}).content.decode()
    plain = io.BytesIO()
    Workbook().save(plain)
    assert "不是本平台的填报模板" in client.post(url, {"upload": SimpleUploadedFile("p.xlsx", plain.getvalue())}).content.decode()
    assert not Value.objects.exists()
    # A good template is saved (not submitted).
    good = _filled(round_, cast.dept_a, {"enrol_ug": 3200, "enrol_pg": "８００", "enrol_total": 4000, "news": 120})
    response = client.post(url, {"upload": good})
    assert response.status_code == 302
    answer = round_.answers.get(department=cast.dept_a)
    assert answer.state == "saved" and answer.values.count() == 4


def test_reminders_before_and_after_the_deadline_by_mail(cast, round_):
    services.answer_save(round_=round_, department=cast.dept_b, raw={"news": 1, "paper_ratio": 1}, by=cast.clerk_b,
                         submit=True)
    # Deadline Friday 19 September 2025: three working days before is Tuesday the 16th.
    assert services.returns_remind(date(2025, 9, 15)) == 0
    assert services.returns_remind(date(2025, 9, 16)) == 1
    assert [m.to for m in mail.outbox] == [["clerk_a@example.cn"]] and "即将截止" in mail.outbox[0].subject
    assert services.returns_remind(date(2025, 9, 17)) == 0            # once before
    assert services.returns_remind(date(2025, 9, 22)) == 1            # once after
    assert "已逾期" in mail.outbox[1].subject and len(mail.outbox) == 2
    assert services.returns_remind(date(2025, 9, 23)) == 0
    answer = Answer.objects.get(round=round_, department=cast.dept_a)
    assert (answer.reminded_before, answer.reminded_after) == (date(2025, 9, 16), date(2025, 9, 22))


def test_bad_definitions_are_refused(cast, round_):
    from django.core.exceptions import ValidationError

    round_.sums = "enrol_total = enrol_ug + nothing"
    with pytest.raises(ValidationError, match="不是本轮的数值指标：nothing"):
        round_.full_clean()
    round_.sums = "total is a + b"
    with pytest.raises(ValidationError, match="不是“合计代码 = 代码 \\+ 代码”的形式"):
        round_.full_clean()
    field = Field(round=round_, code="1x", label="x", minimum=5, maximum=1)
    with pytest.raises(ValidationError) as error:
        field.full_clean()
    assert "代码须以英文字母开头" in str(error.value) and "最大值不能小于最小值" in str(error.value)
