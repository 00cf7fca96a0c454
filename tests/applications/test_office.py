"""The office's side of applications in the admin."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.applications.models import Application, Outcome
from gongkai.applications.services import application_submit
from gongkai.org.policy import policy

from ..conftest import PASSWORD
from .test_services import data

pytestmark = pytest.mark.django_db


def test_office_registers_a_posted_application_and_replies(client, cast, time_machine):
    time_machine.move_to("2025-09-30 10:00 +0800")
    client.login(username="office", password=PASSWORD)
    response = client.post("/admin/applications/new/", {
        "channel": "post", "received_on": "2025-09-26", "applicant_type": "natural", "name": "王五",
        "id_type": "resident", "id_number": "11010519491231002X", "phone": "0571-88880001",
        "description": "2024年度学生资助资金使用情况", "delivery": "paper", "departments": [cast.dept_a.pk]})
    assert response.status_code == 302, response.content.decode()[:2000]
    application = Application.objects.get()
    assert (application.channel, application.received_on, application.number) == ("post", date(2025, 9, 26), "2025-00001")
    listing = client.get("/admin/applications/").content.decode()
    assert "2025-00001" in listing and "2025-10-23（剩 23 天）" in listing
    granted = Outcome.objects.get(code="granted")
    client.post(f"/admin/applications/edit/{application.pk}/", {
        "departments": [cast.dept_a.pk], "outcome": granted.pk, "reply_text": "予以公开，见附件。"})
    application.refresh_from_db()
    assert application.outcome == granted and application.status == "answered"
    assert "已办结" in client.get("/admin/applications/").content.decode()


def test_only_the_office_handles_applications(client, cast):
    client.login(username="clerk_a", password=PASSWORD)
    assert client.get("/admin/applications/").status_code in (302, 403)


def test_routed_departments_may_read_their_applications(cast):
    application = application_submit(data=data()).application
    application.departments.add(cast.dept_a)
    assert policy.can(cast.clerk_a, "application.view", application)
    assert not policy.can(cast.clerk_b, "application.view", application)
    assert policy.can(cast.office, "application.view", application)
    assert not policy.can(cast.campus, "application.view", application)


def test_reply_letter_docx_from_the_editable_template(client, cast):
    import io

    import docx

    from gongkai.applications.models import ReplyTemplate
    from gongkai.applications.services import application_conclude

    application = application_submit(data=data(), received_on=date(2025, 9, 26)).application
    refused = Outcome.objects.get(code="refused.third_party")
    application_conclude(application=application, outcome=refused, concluded_on=date(2025, 10, 20),
                         reply_text="该信息涉及合作企业的商业秘密，经征求意见，权利人不同意公开。")
    template = ReplyTemplate.objects.get(group="（三）不予公开")
    template.legal_basis = "《高等学校信息公开办法》第十条"
    template.save()
    client.login(username="office", password=PASSWORD)
    response = client.get(f"/admin/applications/{application.pk}/letter.docx")
    assert response.status_code == 200
    document = docx.Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert document.paragraphs[0].text == "信息公开申请答复告知书"
    assert "张三：" in text and "2025年9月26日" in text and application.number in text
    assert "不予公开，理由如下" in text and "权利人不同意公开" in text
    assert "依据：《高等学校信息公开办法》第十条。" in text and "2025年10月20日" in text
    rfonts = document.paragraphs[2].runs[0]._element.rPr.rFonts
    assert rfonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia") == "仿宋"
    pdf = client.get(f"/admin/applications/{application.pk}/letter.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert b"CJK" in _inflated(pdf.content)    # a CJK font (Noto … CJK) is embedded, no missing glyphs
    import pypdfium2
    page_text = pypdfium2.PdfDocument(pdf.content)[0].get_textpage().get_text_bounded()
    assert "信息公开申请答复告知书" in page_text and "权利人不同意公开" in page_text.replace("\r\n", "").replace("\n", "")
    client.logout()
    client.login(username="clerk_a", password=PASSWORD)
    assert client.get(f"/admin/applications/{application.pk}/letter.docx").status_code in (302, 403)


def test_delivery_is_recorded(client, cast):
    from gongkai.events.models import Event

    application = application_submit(data=data()).application
    client.login(username="office", password=PASSWORD)
    client.post(f"/admin/applications/edit/{application.pk}/", {
        "departments": [], "outcome": "", "reply_text": "", "delivered_on": "2025-10-21",
        "delivery_note": "电子邮件发送至 zhang@example.cn"})
    application.refresh_from_db()
    assert application.delivered_on == date(2025, 10, 21)
    assert Event.objects.filter(verb="application.deliver", target_id=str(application.pk)).exists()


def test_due_soon_and_overdue_on_the_dashboards_and_in_reminders(client, cast, time_machine, mailoutbox):
    from gongkai.applications.services import application_pause, applications_due

    cast.office.email = "office@example.edu.cn"
    cast.office.save()
    cast.clerk_a.email = "clerk@example.edu.cn"
    cast.clerk_a.save()
    time_machine.move_to("2025-10-21 09:00 +0800", tick=False)
    due_soon = application_submit(data=data(description="即将到期的申请"), received_on=date(2025, 9, 26)).application
    due_soon.departments.add(cast.dept_a)                       # due 2025-10-23
    overdue = application_submit(data=data(description="已经逾期的申请"), received_on=date(2025, 9, 1)).application
    later = application_submit(data=data(description="还早的申请"), received_on=date(2025, 10, 20)).application
    abandoned = application_submit(data=data(description="补正逾期的申请"), received_on=date(2025, 9, 1)).application
    application_pause(application=abandoned, kind="supplement", started_on=date(2025, 9, 3),
                      respond_by=date(2025, 9, 20))
    due = {d.application.number: d for d in applications_due()}
    assert set(due) == {due_soon.number, overdue.number, abandoned.number}
    assert due[due_soon.number].note == "还剩 2 天" and due[overdue.number].note == "已逾期"
    assert "可按“申请人无正当理由逾期不补正”办结" in due[abandoned.number].note
    assert later.number not in due
    client.login(username="office", password=PASSWORD)
    home = client.get("/admin/").content.decode()
    assert "依申请公开期限提醒" in home and overdue.number in home
    client.login(username="clerk_a", password=PASSWORD)
    home = client.get("/admin/").content.decode()
    assert due_soon.number in home and overdue.number not in home     # routed to 财务处 only
    # The daily digest (monitoring) carries the deadlines: the office all, the department its own.
    from gongkai.monitoring.jobs import send_digests

    send_digests()
    mails = {m.to[0]: m.body for m in mailoutbox}
    assert set(mails) == {"office@example.edu.cn", "clerk@example.edu.cn"}
    assert overdue.number in mails["office@example.edu.cn"] and due_soon.number in mails["office@example.edu.cn"]
    assert due_soon.number in mails["clerk@example.edu.cn"] and overdue.number not in mails["clerk@example.edu.cn"]


def test_the_office_handles_an_application_step_by_step(client, cast, time_machine):
    from gongkai.applications.models import DraftAnswer
    from gongkai.events.models import Event

    time_machine.move_to("2025-09-29 09:00 +0800", tick=False)
    application = application_submit(data=data(), received_on=date(2025, 9, 26)).application
    client.login(username="office", password=PASSWORD)
    url = f"/admin/applications/{application.pk}/handle/"
    page = client.get(url).content.decode()
    assert "11010519491231002X" in page and "2025年10月23日" in page     # the office sees identity

    def act(action, **fields):
        response = client.post(url, {"action": action, **fields}, follow=True)
        return [str(m) for m in response.context["messages"]]

    assert act("route", departments=[cast.dept_a.pk]) == ["已分送承办部门。"]
    assert act("supplement", note="请写明预算年度", respond_by="2025-10-17") == ["已记录补正告知，期限暂停计算。"]
    assert act("supplement_received", on="2025-10-10") == ["已收到补正材料，期限重新计算。"]
    assert act("extend", days="20", reason="x") == ["延期不得超过 15 个工作日。"]
    assert act("extend", days="5", reason="需财务处汇总") == ["已记录延期。"]

    # The routed department drafts an answer; it sees the question, not the person.
    client.logout()
    client.login(username="clerk_a", password=PASSWORD)
    routed = client.get("/admin/applications/routed/").content.decode()
    assert application.number in routed and "11010519491231002X" not in routed and "张三" not in routed
    client.post("/admin/applications/routed/", {"application": application.pk, "text": "建议予以公开，附明细表。"})
    assert DraftAnswer.objects.get(application=application).department == cast.dept_a
    client.logout()
    client.login(username="clerk_b", password=PASSWORD)
    assert application.number not in client.get("/admin/applications/routed/").content.decode()
    refused = client.post("/admin/applications/routed/", {"application": application.pk, "text": "x"})
    assert refused.status_code in (302, 403) and DraftAnswer.objects.count() == 1

    client.logout()
    client.login(username="office", password=PASSWORD)
    assert "建议予以公开，附明细表。" in client.get(url).content.decode()
    granted = Outcome.objects.get(code="granted")
    assert act("conclude", outcome=granted.pk, reply_text="予以公开，见附件。") == ["已办结。可下载答复告知书。"]
    assert act("deliver", delivered_on="2025-11-03", delivery_note="电子邮件") == ["已记录送达。"]
    application.refresh_from_db()
    assert application.outcome == granted and application.delivered_on == date(2025, 11, 3)
    verbs = set(Event.objects.filter(target_id=str(application.pk)).values_list("verb", flat=True))
    assert {"application.route", "application.pause.supplement", "application.extend", "application.draft",
            "application.conclude", "application.deliver"} <= verbs


def _inflated(pdf: bytes) -> bytes:
    """The PDF with its Flate streams decompressed (font names live in object streams)."""
    import re
    import zlib

    parts = [pdf]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            parts.append(zlib.decompress(match.group(1)))
        except zlib.error:
            pass
    return b"".join(parts)


def test_fee_notice_letter(client, cast):
    import io

    import docx

    from gongkai.applications.services import application_fee_notice

    apps = [application_submit(data=data(), received_on=date(2025, 3, 3)).application for _ in range(11)]
    application_fee_notice(application=apps[10], method="per_application", notice_on=date(2025, 3, 4))
    client.login(username="office", password=PASSWORD)
    response = client.get(f"/admin/applications/{apps[10].pk}/letter.docx?kind=fee")
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs)
    assert "信息处理费缴费通知书" in text and "100 元（按件计收）" in text
    assert "请于2025年4月1日前缴纳" in text          # 20 working days after 2025-03-04
    # No fee, no notice: a message, not an error page.
    assert client.get(f"/admin/applications/{apps[0].pk}/letter.pdf?kind=fee").status_code == 302
