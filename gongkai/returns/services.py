"""数据填报: checking and saving a department's answers, the XLSX template and its upload,
the office's review and lock, the reminders, the export, and the collected figures."""

from __future__ import annotations

import io
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone

from gongkai.events.services import event_record
from gongkai.org.models import Department
from gongkai.org.policy import policy

from .models import Answer, Field, Round, Value, sum_rules_parse

SCHEDULES = [("数据填报提醒", "gongkai.returns.services.returns_remind", "daily", 0)]
UPLOAD_LIMIT = 2 * 1024 * 1024
TEMPLATE_HEADER = ["代码", "指标", "单位", "要求", "填报值"]
MARKER = "gongkai-returns"
REMIND_WORKING_DAYS = 3
_LIMIT = Decimal(10) ** 16


class Problems(ValueError):
    """Everything wrong with a submission or an upload, each in one Chinese sentence."""

    def __init__(self, problems: list[str]):
        super().__init__("；".join(problems))
        self.problems = problems


def fields_for(round_: Round, department: Department) -> list[Field]:
    return list(round_.fields.filter(departments=department).order_by("sort_order", "id"))


def _number_text(number: Decimal) -> str:
    return f"{number.normalize():f}"


def value_parse(field: Field, raw) -> tuple[Decimal | str | None, str | None]:
    """(value, problem) for what was typed or found in a cell: full-width digits and
    thousands separators are forgiven; an empty cell is no value."""
    if raw is None or isinstance(raw, bool):
        return None, None if raw is None else f"应为{field.get_kind_display()}"
    if field.kind == Field.Kind.TEXT:
        text = unicodedata.normalize("NFKC", str(raw)).strip()
        if len(text) > 500:
            return None, "文字不能超过500字"
        return (text or None), None
    if isinstance(raw, (int, float, Decimal)):
        number = Decimal(str(raw))
    else:
        text = unicodedata.normalize("NFKC", str(raw)).strip()
        if not text:
            return None, None
        try:
            number = Decimal(text.replace(",", "").replace(" ", ""))
        except InvalidOperation:
            return None, f"应为{field.get_kind_display()}（填写的是“{text[:20]}”）"
    if not number.is_finite() or abs(number) >= _LIMIT:
        return None, "数值无效或过大"
    if field.kind == Field.Kind.INTEGER and number != number.to_integral_value():
        return None, f"应为整数（填写的是{_number_text(number)}）"
    if number.as_tuple().exponent < -4:
        return None, "最多4位小数"
    if field.minimum is not None and number < field.minimum:
        return None, f"不能小于{_number_text(field.minimum)}（填写的是{_number_text(number)}）"
    if field.maximum is not None and number > field.maximum:
        return None, f"不能大于{_number_text(field.maximum)}（填写的是{_number_text(number)}）"
    return number, None


def sum_problems(rules, values: dict[str, Decimal], labels: dict[str, str], *, only: set[str] | None = None) -> list[str]:
    """The sums that do not hold, among those whose every value is there (and, with
    `only`, whose every code is in it)."""
    problems = []
    for total, parts in rules:
        codes = [total, *parts]
        if only is not None and not set(codes) <= only:
            continue
        if any(values.get(code) is None for code in codes):
            continue
        added = sum((values[p] for p in parts), Decimal(0))
        if values[total] != added:
            problems.append(f"“{labels[total]}”（{_number_text(values[total])}）应等于"
                            + "+".join(f"“{labels[p]}”" for p in parts) + f"之和（{_number_text(added)}）")
    return problems


@dataclass
class Checked:
    values: dict[str, Decimal | str | None]
    errors: dict[str, str]         # field code → problem
    sums: list[str]


def answers_check(round_: Round, department: Department, raw: dict, *, final: bool) -> Checked:
    fields = fields_for(round_, department)
    values, errors = {}, {}
    for field in fields:
        value, problem = value_parse(field, raw.get(field.code))
        if problem is None and final and field.required and value is None:
            problem = "必须填写"
        if problem:
            errors[field.code] = problem
        values[field.code] = value
    labels = {f.code: f.label for f in round_.fields.all()}
    numbers = {code: v for code, v in values.items() if isinstance(v, Decimal)}
    sums = sum_problems(sum_rules_parse(round_.sums), numbers, labels, only=set(values)) if not errors else []
    return Checked(values, errors, sums)


def answer_for(round_: Round, department: Department) -> Answer | None:
    return Answer.objects.select_related("round", "department").filter(round=round_, department=department).first()


@transaction.atomic
def answer_save(*, round_: Round, department: Department, raw: dict, by, submit: bool = False,
                at: datetime | None = None) -> Answer:
    """Saves the department's values (all or none); `submit` also requires every required
    value and the sums, and hands the answer to the office. `at`: when (default now; the
    demo gives past rounds their September)."""
    policy.require(by, "returns.fill", department)
    answer = Answer.objects.select_for_update().select_related("round").filter(
        round=round_, department=department).first()
    if answer is None:
        raise ValueError("本部门不在本轮填报范围内。")
    if not answer.editable:
        state = answer.round.get_state_display() if answer.round.state != Round.State.OPEN else answer.get_state_display()
        raise ValueError(f"本轮填报当前为“{state}”，不能修改。")
    checked = answers_check(round_, department, raw, final=submit)
    labels = {f.code: f.label for f in fields_for(round_, department)}
    if checked.errors or (submit and checked.sums):
        raise Problems([f"“{labels[code]}”：{problem}" for code, problem in checked.errors.items()] + checked.sums)
    now = at or timezone.now()
    existing = {v.field.code: v for v in answer.values.select_related("field")}
    for field in fields_for(round_, department):
        value = checked.values[field.code]
        number = value if isinstance(value, Decimal) else None
        text = value if isinstance(value, str) else ""
        old = existing.get(field.code)
        if old is None:
            Value.objects.create(answer=answer, field=field, number=number, text=text, by=by, at=now)
        elif (old.number, old.text) != (number, text):    # who gave a value, and when, changes with it
            old.number, old.text, old.by, old.at = number, text, by, now
            old.save(update_fields=["number", "text", "by", "at"])
    answer.state = Answer.State.SUBMITTED if submit else Answer.State.SAVED
    if submit:
        answer.submitted_at, answer.submitted_by = now, by
    answer.save(update_fields=["state", "submitted_at", "submitted_by"])
    event_record(actor=by, verb="returns.submit" if submit else "returns.save", target=answer.round,
                 data={"department": department.name})
    return answer


def answers_ensure(round_: Round) -> None:
    """An answer row for every department some field asks (fields may be added while the
    round is open)."""
    wanted = set(Department.objects.filter(pk__in=Field.departments.through.objects.filter(
        field__round=round_).values("department_id")).values_list("pk", flat=True))
    have = set(round_.answers.values_list("department_id", flat=True))
    Answer.objects.bulk_create([Answer(round=round_, department_id=pk) for pk in sorted(wanted - have)])


@transaction.atomic
def round_open(*, round_: Round, by) -> Round:
    policy.require(by, "returns.manage")
    if round_.state != Round.State.DRAFT:
        raise ValueError("该轮次已发布。")
    round_.full_clean()
    if not round_.fields.filter(departments__isnull=False).exists():
        raise ValueError("请先添加指标并指定填报部门。")
    round_.state = Round.State.OPEN
    round_.save(update_fields=["state"])
    answers_ensure(round_)
    event_record(actor=by, verb="returns.open", target=round_, data={"departments": round_.answers.count()})
    return round_


@transaction.atomic
def answer_review(*, answer: Answer, by, accept: bool, comment: str = "", at: datetime | None = None) -> Answer:
    """The office accepts a submitted answer, or returns it with a comment."""
    policy.require(by, "returns.manage")
    if answer.round.state != Round.State.OPEN:
        raise ValueError("该轮次不在填报中。")
    if accept and answer.state != Answer.State.SUBMITTED:
        raise ValueError(f"{answer.department.name}的填报当前为“{answer.get_state_display()}”，不能确认。")
    if not accept:
        if answer.state not in (Answer.State.SUBMITTED, Answer.State.ACCEPTED):
            raise ValueError(f"{answer.department.name}尚未提交，无需退回。")
        if not comment.strip():
            raise ValueError("退回时请写明需要修改的地方。")
    answer.state = Answer.State.ACCEPTED if accept else Answer.State.RETURNED
    answer.comment = "" if accept else comment.strip()
    answer.reviewed_at, answer.reviewed_by = at or timezone.now(), by
    answer.save(update_fields=["state", "comment", "reviewed_at", "reviewed_by"])
    event_record(actor=by, verb="returns.accept" if accept else "returns.return", target=answer.round,
                 reason=answer.comment, data={"department": answer.department.name})
    return answer


@transaction.atomic
def round_lock(*, round_: Round, by, at: datetime | None = None) -> Round:
    """Locks a round whose every answer the office has accepted: its values are final."""
    policy.require(by, "returns.manage")
    if round_.state != Round.State.OPEN:
        raise ValueError("只有填报中的轮次可以锁定。")
    waiting = [a.department.name for a in round_.answers.select_related("department")
               if a.state != Answer.State.ACCEPTED]
    if waiting:
        raise ValueError(f"以下部门的填报尚未确认：{'、'.join(waiting)}。")
    problems = round_problems(round_)
    if problems:
        raise ValueError("合计关系不成立：" + "；".join(problems) + "。")
    round_.state, round_.locked_at = Round.State.LOCKED, at or timezone.now()
    round_.save(update_fields=["state", "locked_at"])
    event_record(actor=by, verb="returns.lock", target=round_)
    return round_


def round_totals(round_: Round, *, states=(Answer.State.SUBMITTED, Answer.State.ACCEPTED)) -> list[dict]:
    """Each field with every department's value (who gave it, when) and, for numbers,
    their sum."""
    values: dict[int, list[Value]] = {}
    for value in (Value.objects.filter(answer__round=round_, answer__state__in=states)
                  .select_related("answer__department", "by")
                  .order_by("answer__department__sort_order", "answer__department_id", "pk")):
        values.setdefault(value.field_id, []).append(value)
    rows = []
    for field in round_.fields.order_by("sort_order", "id"):
        given = values.get(field.pk, [])
        numbers = [v.number for v in given if v.number is not None]
        rows.append({
            "code": field.code, "label": field.label, "unit": field.unit, "kind": field.kind,
            "total": (sum(numbers, Decimal(0)) if numbers else None) if field.kind != Field.Kind.TEXT else None,
            "values": [{"department": v.answer.department.name, "value": v.display,
                        "by": (v.by.get_full_name() or v.by.username) if v.by else "",
                        "at": timezone.localtime(v.at).isoformat(timespec="seconds")} for v in given],
        })
    return rows


def round_problems(round_: Round) -> list[str]:
    """The sums across departments, on what has been submitted or accepted."""
    rows = round_totals(round_)
    totals = {r["code"]: r["total"] for r in rows if r["total"] is not None}
    return sum_problems(sum_rules_parse(round_.sums), totals, {r["code"]: r["label"] for r in rows})


def _as_number(total: Decimal | None):
    if total is None:
        return None
    return int(total) if total == total.to_integral_value() else float(total)


def returns_figures(start: date, end: date) -> list[dict]:
    """The locked rounds whose data period lies within [start, end], with their values."""
    rounds = Round.objects.filter(state=Round.State.LOCKED, period_start__gte=start, period_end__lte=end)
    return [{"round": r.title, "period": {"from": r.period_start.isoformat(), "to": r.period_end.isoformat()},
             "fields": {row["code"]: {**{k: row[k] for k in ("label", "unit", "values")}, "total": _as_number(row["total"])}
                        for row in round_totals(r, states=(Answer.State.ACCEPTED,))}}
            for r in rounds.order_by("period_start", "pk")]


# --- the XLSX template ------------------------------------------------------------------

def _book_bytes(book) -> bytes:
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def template_xlsx(round_: Round, department: Department) -> bytes:
    """The department's fields in a sheet to fill in column E, with the round's marker in a
    hidden sheet (an upload is checked against it)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    sheet = book.active
    sheet.title = "填报"
    sheet.append(TEMPLATE_HEADER)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    fill = PatternFill("solid", fgColor="FFF2CC")
    for field in fields_for(round_, department):
        sheet.append([field.code, field.label, field.unit, field.requirement, None])
        cell = sheet.cell(row=sheet.max_row, column=5)
        cell.fill = fill
        if field.kind != Field.Kind.TEXT:
            rule = DataValidation(type="whole" if field.kind == Field.Kind.INTEGER else "decimal",
                                  operator="between", formula1=str(field.minimum if field.minimum is not None else -_LIMIT + 1),
                                  formula2=str(field.maximum if field.maximum is not None else _LIMIT - 1),
                                  showErrorMessage=True, error=field.requirement, errorTitle="填报值不符合要求")
            sheet.add_data_validation(rule)
            rule.add(cell)
    for letter, width in zip("ABCDE", (16, 36, 8, 30, 16)):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    notes = book.create_sheet("说明")
    for line in [round_.title, f"填报部门：{department.name}", f"数据期间：{round_.period_start}至{round_.period_end}",
                 f"填报截止：{round_.deadline}", "请只在“填报”表的“填报值”列填写，不要改动其他列和行。",
                 *(round_.instructions.splitlines())]:
        notes.append([line])
    marker = book.create_sheet("_gongkai")
    marker.append([MARKER, round_.pk, department.code])
    marker.sheet_state = "hidden"
    return _book_bytes(book)


def template_read(round_: Round, department: Department, upload) -> dict:
    """The values of an uploaded template, by field code; raises Problems listing every
    problem by cell (wrong file, another round's or department's template, missing or
    extra columns and rows, text in number cells, values out of range)."""
    from openpyxl import load_workbook

    if upload.size > UPLOAD_LIMIT:
        raise Problems([f"文件过大（{upload.size // 1024} KB），模板文件不应超过 {UPLOAD_LIMIT // 1024 // 1024} MB。"])
    try:
        book = load_workbook(upload, read_only=True, data_only=True)
    except Exception:   # openpyxl raises many kinds for a file that is not a workbook
        raise Problems(["无法读取该文件：请上传从本页下载的 XLSX 模板（.xlsx）。"]) from None
    try:
        if "_gongkai" not in book.sheetnames or "填报" not in book.sheetnames:
            raise Problems(["该文件不是本平台的填报模板：请从本页下载模板后填写。"])
        marker = next(book["_gongkai"].iter_rows(min_row=1, max_row=1, values_only=True), ())
        if len(marker) < 3 or marker[0] != MARKER or str(marker[1]) != str(round_.pk):
            raise Problems([f"该文件是其他轮次的模板，不是“{round_.title}”的：请重新下载模板。"])
        if marker[2] != department.code:
            raise Problems([f"该文件是其他部门的模板，不是{department.name}的：请重新下载模板。"])
        rows = list(book["填报"].iter_rows(values_only=True))
    finally:
        book.close()
    return _template_values(round_, department, rows)


def _template_values(round_: Round, department: Department, rows: list[tuple]) -> dict:
    from openpyxl.utils import get_column_letter

    problems: list[str] = []
    header = [str(c).strip() if c is not None else "" for c in (rows[0] if rows else ())]
    while header and not header[-1]:
        header.pop()
    missing = [h for h in TEMPLATE_HEADER if h not in header]
    extra = [h for h in header if h and h not in TEMPLATE_HEADER]
    if missing:
        problems.append(f"第1行缺少列：{'、'.join(missing)}")
    if extra:
        problems.append(f"第1行多出列：{'、'.join(extra)}")
    if missing or extra:
        raise Problems(problems)
    code_at, value_at = header.index("代码"), header.index("填报值")
    fields = {f.code: f for f in fields_for(round_, department)}
    raw, seen = {}, {}
    value_column = get_column_letter(value_at + 1)
    for number, row in enumerate(rows[1:], start=2):
        row = tuple(row) + (None,) * (len(header) - len(row))
        if all(c is None or str(c).strip() == "" for c in row):
            continue
        code = str(row[code_at]).strip() if row[code_at] is not None else ""
        field = fields.get(code)
        if field is None:
            problems.append(f"第{number}行：代码“{code}”不是本部门在本轮要填报的指标" if code else f"第{number}行：缺少代码")
            continue
        if code in seen:
            problems.append(f"第{number}行：指标“{field.label}”与第{seen[code]}行重复")
            continue
        seen[code] = number
        value, problem = value_parse(field, row[value_at])
        if problem:
            problems.append(f"{value_column}{number}（{field.label}）：{problem}")
        raw[code] = row[value_at]
    for code, field in fields.items():
        if code not in seen:
            problems.append(f"缺少指标“{field.label}”（代码 {code}）的行")
    if problems:
        raise Problems(problems)
    return raw


def round_export(round_: Round) -> bytes:
    """The round as one workbook: 汇总 (each field, its total, one column per department)
    and 明细 (each value with who gave it and when, and the answer's state)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    answers = list(round_.answers.select_related("department"))
    rows = round_totals(round_, states=[s.value for s in Answer.State])
    book = Workbook()
    summary = book.active
    summary.title = "汇总"
    departments = [a.department.name for a in answers]
    summary.append(["代码", "指标", "单位", "合计", *departments])
    for row in rows:
        by_department = {v["department"]: v["value"] for v in row["values"]}
        summary.append([row["code"], row["label"], row["unit"], _as_number(row["total"]),
                        *[by_department.get(name, "") for name in departments]])
    detail = book.create_sheet("明细")
    states = {a.department.name: a.get_state_display() for a in answers}
    detail.append(["指标", "单位", "填报部门", "填报值", "填报人", "填报时间", "状态"])
    for row in rows:
        for value in row["values"]:
            detail.append([row["label"], row["unit"], value["department"], value["value"], value["by"], value["at"],
                           states.get(value["department"], "")])
    for sheet in (summary, detail):
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
    return _book_bytes(book)


# --- reminders -------------------------------------------------------------------------

def returns_remind(today: date | None = None) -> int:
    """Mails the departments that have not submitted: once within three working days
    before the deadline, once after it. Returns how many departments were told."""
    from django.contrib.auth import get_user_model

    from gongkai.monitoring.jobs import notice_send
    from gongkai.org.models import Role
    from gongkai.workdays.services import workday_calendar

    today = today or timezone.localdate()
    calendar = workday_calendar()
    told = 0
    waiting = (Answer.objects.filter(round__state=Round.State.OPEN, state__in=[
        Answer.State.PENDING, Answer.State.SAVED, Answer.State.RETURNED]).select_related("round", "department"))
    for answer in waiting:
        deadline = answer.round.deadline
        if today > deadline and answer.reminded_after is None:
            field, subject = "reminded_after", f"数据填报已逾期：{answer.round.title}"
            body = f"{answer.department.name}：“{answer.round.title}”的填报截止日期{deadline:%Y年%m月%d日}已过，请尽快填报并提交。"
        elif calendar.before(deadline, REMIND_WORKING_DAYS) <= today <= deadline and answer.reminded_before is None:
            field, subject = "reminded_before", f"数据填报即将截止：{answer.round.title}"
            body = f"{answer.department.name}：“{answer.round.title}”将于{deadline:%Y年%m月%d日}截止，请按时填报并提交。"
        else:
            continue
        if answer.state == Answer.State.RETURNED and answer.comment:
            body += f"\n信息公开办退回意见：{answer.comment}"
        people = get_user_model().objects.filter(memberships__department=answer.department, is_active=True,
                                                 memberships__role__in=[Role.CLERK, Role.HEAD]).distinct()
        for person in people:
            notice_send(person, subject, body, kind="returns")
        setattr(answer, field, today)
        answer.save(update_fields=[field])
        event_record(actor=None, verb="returns.remind", target=answer.round,
                     data={"department": answer.department.name, "kind": field, "recipients": len(people)})
        told += 1
    return told
