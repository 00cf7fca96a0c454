"""The applicant's side: the form, the receipt, the status page, and bad input."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongkai.applications.models import Application, Outcome
from gongkai.applications.services import application_conclude

from ..conftest import captcha

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(media_root):
    return media_root


def form_data(**extra):
    return {"applicant_type": "natural", "name": "张三", "id_type": "resident",
            "id_number": "11010519491231002X", "phone": "13800138000", "email": "zhang@example.cn",
            "description": "学校2024年部门预算中科研经费的明细", "purpose": "学术研究", "delivery": "email",
            "submission_key": "form-1", **captcha(), **extra}


def test_submit_receipt_and_status(client):
    page = client.get("/yishenqing/").content.decode()
    assert "依申请公开申请" in page and 'name="submission_key"' in page and "captcha" in page
    response = client.post("/yishenqing/", form_data())
    assert response.status_code == 302 and response["Location"] == "/yishenqing/receipt/"
    receipt = client.get("/yishenqing/receipt/").content.decode()
    application = Application.objects.get()
    code = re.search(r"查询码</dt><dd><strong>([A-Z0-9]{8})</strong>", receipt).group(1)
    assert application.number in receipt and "11010519491231002X" not in receipt
    # Anyone with the number and code sees the status, and nothing of the identity.
    other = client.__class__()
    looked_up = other.post("/yishenqing/status/", {"number": application.number, "query_code": code})
    assert looked_up.status_code == 302            # Post/Redirect/Get
    status = other.get(looked_up["Location"]).content.decode()
    assert "已受理" in status and "答复期限" in status
    assert "11010519491231002X" not in status and "13800138000" not in status and "张三" not in status
    wrong = other.post("/yishenqing/status/", {"number": application.number, "query_code": "AAAAAAAA"})
    assert "申请编号或查询码不正确" in wrong.content.decode()
    # Once the office replies, the applicant reads the reply.
    application_conclude(application=application, outcome=Outcome.objects.get(code="granted"),
                         reply_text="您申请的信息予以公开，见附件。")
    with CaptureQueriesContext(connection) as queries:
        status = other.get(looked_up["Location"]).content.decode()   # a refresh, without the code
    assert "（一）予以公开" in status and "您申请的信息予以公开" in status
    # content version, session, the application with its outcome, its pauses; nothing of
    # the applicant's identity or contacts is read
    assert len(queries.captured_queries) <= 4
    assert not [q for q in queries.captured_queries if "id_number" in q["sql"] or "phone" in q["sql"]]
    # The session remembers only what this visitor opened with the code.
    stranger = client.__class__().get(looked_up["Location"]).content.decode()
    assert "您申请的信息予以公开" not in stranger and "办理状态" not in stranger
    # Nor does another number, in a session that opened this one.
    assert client.post("/yishenqing/", form_data(submission_key="form-2")).status_code == 302
    second = Application.objects.exclude(pk=application.pk).get()
    guessed = other.get(f"/yishenqing/status/?number={second.number}").content.decode()
    assert second.number not in guessed and "办理状态" not in guessed and 'name="query_code"' in guessed


@pytest.mark.parametrize("field,value,message", [
    ("id_number", "110105194912310021", "身份证号码不正确"),
    ("phone", "12345", "联系电话不正确"),
    ("description", "", "这个字段是必须的"),
    ("captcha_1", "WRONG", "验证码不正确"),
])
def test_bad_input_is_answered_in_chinese_and_nothing_is_saved(client, field, value, message):
    response = client.post("/yishenqing/", form_data(**{field: value}))
    assert response.status_code == 200 and message in response.content.decode()
    assert "学校2024年部门预算" in response.content.decode() or field == "description"   # kept
    assert not Application.objects.exists()


def test_organisations_need_a_credit_code_and_contact(client):
    response = client.post("/yishenqing/", form_data(applicant_type="business", id_type="resident"))
    html = response.content.decode()
    assert "单位申请请填写联系人" in html and "单位申请请选择“统一社会信用代码”" in html
    ok = client.post("/yishenqing/", form_data(applicant_type="business", id_type="uscc",
                                               id_number="91110000600037341L", contact_person="李四",
                                               name="某科技有限公司"))
    assert ok.status_code == 302
    assert Application.objects.get().applicant_type == "business"


def test_a_double_click_creates_one_application(client):
    client.post("/yishenqing/", form_data())
    client.post("/yishenqing/", form_data())     # same submission key, new captcha
    assert Application.objects.count() == 1


def test_attachments_are_checked(client):
    fake = SimpleUploadedFile("材料.pdf", b"PK\x03\x04 not a pdf")
    response = client.post("/yishenqing/", {**form_data(), "attachments": [fake]})
    assert "文件内容与扩展名不符" in response.content.decode()
    exe = SimpleUploadedFile("run.exe", b"MZ")
    assert "类型不允许" in client.post("/yishenqing/", {**form_data(), "attachments": [exe]}).content.decode()
    good = SimpleUploadedFile("说明.txt", "补充说明".encode())
    client.post("/yishenqing/", {**form_data(), "attachments": [good]})
    assert Application.objects.get().attachments.count() == 1


def test_oversized_attachments_are_refused(client, monkeypatch):
    from gongkai.applications.forms import ApplicationForm

    monkeypatch.setattr(ApplicationForm.base_fields["attachments"], "max_bytes", 10)
    big = SimpleUploadedFile("说明.txt", "这份说明超过了十个字节的限制".encode())
    html = client.post("/yishenqing/", {**form_data(), "attachments": [big]}).content.decode()
    assert "附件“说明.txt”超过" in html and not Application.objects.exists()


def test_floods_are_limited(client):
    for n in range(5):
        assert client.post("/yishenqing/", form_data(submission_key=f"k{n}")).status_code == 302
    response = client.post("/yishenqing/", form_data(submission_key="k-6"))
    assert response.status_code == 429 and "提交过于频繁" in response.content.decode()
    assert Application.objects.count() == 5


def test_guessing_query_codes_is_limited(client):
    for _ in range(20):
        client.post("/yishenqing/status/", {"number": "2025-00001", "query_code": "AAAAAAAA"})
    response = client.post("/yishenqing/status/", {"number": "2025-00001", "query_code": "BBBBBBBB"})
    assert response.status_code == 429 and "查询过于频繁" in response.content.decode()


def test_invalid_posts_count_towards_the_limit_too(client):
    for _ in range(5):
        assert client.post("/yishenqing/", form_data(phone="12345")).status_code == 200
    response = client.post("/yishenqing/", form_data())
    assert response.status_code == 429 and "学校2024年部门预算" in response.content.decode()   # kept
    assert not Application.objects.exists()


def test_the_receipt_comes_in_a_signed_cookie_for_its_page_only(client):
    response = client.post("/yishenqing/", form_data())
    cookie = response.cookies["gongkai_receipt"]
    assert cookie["path"] == "/yishenqing/receipt/" and cookie["httponly"] and cookie["samesite"] == "Strict"
    assert "sessionid" not in response.cookies          # no session written for a submission
    assert "查询码" in client.get("/yishenqing/receipt/").content.decode()
    number, code = re.search(r'"(\d{4}-\d{5})", "([A-Z0-9]{8})"', client.cookies["gongkai_receipt"].value).groups()
    assert number == Application.objects.get().number
    # A cookie written by hand (another number, a changed code) is no receipt.
    client.cookies["gongkai_receipt"] = client.cookies["gongkai_receipt"].value.replace(code, "AAAAAAAA")
    forged = client.get("/yishenqing/receipt/")
    assert forged.status_code == 302 and forged["Location"] == "/yishenqing/status/"


def test_the_form_offers_real_choices_only(client):
    page = client.get("/yishenqing/").content.decode()
    assert "---------" not in page and "请选择证件类型" in page
    assert 'type="radio" name="applicant_type" value="natural"' in page


def test_an_id_number_that_a_district_table_rejects_is_accepted(client):
    from stdnum.cn import ric

    body = "33038219880808021"                    # a county-level city created after the birth year
    number = body + ric.calc_check_digit(body + "0")
    assert not ric.is_valid(number)               # a district table rejects it
    response = client.post("/yishenqing/", form_data(id_number=number))
    assert response.status_code == 302
    assert Application.objects.get().id_number == number
    wrong = number[:-1] + ("1" if number[-1] != "1" else "2")
    page = client.post("/yishenqing/", form_data(id_number=wrong, submission_key="form-2")).content.decode()
    assert "身份证号码不正确" in page
