"""The letter's life: the public form, the office, the department, the writer's rating,
publication with consent — and bad input."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.events.models import Event
from gongkai.mailbox.models import Letter, Mailbox
from gongkai.mailbox.services import letter_answer, letter_publish, letter_route, letter_submit

from ..conftest import captcha

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(media_root):
    return media_root


def form(**extra):
    return {"subject": "图书馆开放时间", "text": "建议考试周延长图书馆开放时间。", "email": "reader@example.cn",
            "submission_key": "k-1", **captcha(), **extra}


def test_anonymous_letter_receipt_reply_and_rating(client, cast):
    assert "校长信箱" in client.get("/xinxiang/").content.decode()
    response = client.post("/xinxiang/xiaozhang/", form())
    assert response.status_code == 302 and response["Location"] == "/xinxiang/receipt/"
    receipt = client.get("/xinxiang/receipt/").content.decode()
    letter = Letter.objects.get()
    code = re.search(r"查询码</dt><dd><strong>([A-Z0-9]{8})</strong>", receipt).group(1)
    assert letter.number in receipt and letter.name == "" and letter.mailbox.code == "xiaozhang"
    # A second click on the same form creates nothing.
    assert client.post("/xinxiang/xiaozhang/", form()).status_code == 302
    assert Letter.objects.count() == 1

    letter_route(letter=letter, departments=[cast.dept_a])
    letter_answer(letter=letter, text="考试周图书馆开放至23点。", by=cast.office)
    page = client.post("/xinxiang/status/", {"number": letter.number, "query_code": code}).content.decode()
    assert "考试周图书馆开放至23点" in page and "提交评价" in page
    page = client.post("/xinxiang/status/", {"action": "rate", "letter": letter.pk, "rating": "basic"}).content.decode()
    assert "感谢您的评价" in page
    letter.refresh_from_db()
    assert letter.rating == "basic"
    # Rating again is refused; so is rating by someone who never gave the code.
    page = client.post("/xinxiang/status/", {"action": "rate", "letter": letter.pk, "rating": "unsatisfied"})
    assert "已经评价过" in page.content.decode()
    stranger = client.__class__()
    assert stranger.post("/xinxiang/status/", {"action": "rate", "letter": letter.pk,
                                               "rating": "unsatisfied"}).status_code == 302
    letter.refresh_from_db()
    assert letter.rating == "basic"
    assert list(Event.objects.filter(target_type="mailbox.letter").values_list("verb", flat=True)) == [
        "letter.receive", "letter.route", "letter.answer", "letter.rate"]


def test_wrong_code_and_no_contact_and_named_boxes(client):
    Mailbox.objects.filter(code="shuji").update(allow_anonymous=False)
    page = client.post("/xinxiang/shuji/", form(email="")).content.decode()
    assert "请至少填写联系电话或电子邮箱" in page and "这个字段是必须的" in page   # name required here
    assert "建议考试周延长图书馆开放时间" in page   # what was typed is kept
    assert not Letter.objects.exists()
    letter = letter_submit(mailbox=Mailbox.objects.get(code="shuji"),
                           data={"name": "李四", "subject": "主题", "text": "关于校车线路的建议",
                                 "phone": "13800138000"}).letter
    page = client.post("/xinxiang/status/", {"number": letter.number, "query_code": "AAAAAAAA"}).content.decode()
    assert "来信编号或查询码不正确" in page and "关于校车线路的建议" not in page


def test_markup_is_kept_as_text_and_escaped(client, cast):
    client.post("/xinxiang/xiaozhang/", form(subject="<b>粗体</b>", text="<script>alert(1)</script>你好"))
    letter = Letter.objects.get()
    assert letter.text == "<script>alert(1)</script>你好"
    office = client.__class__()
    office.force_login(cast.office)
    page = office.get(f"/admin/mailbox/{letter.pk}/handle/").content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;你好" in page and "<script>alert(1)" not in page


def test_oversized_text_and_attachments_and_floods(client):
    page = client.post("/xinxiang/xiaozhang/", form(text="长" * 5001)).content.decode()
    assert "5000" in page and not Letter.objects.exists()
    fake = SimpleUploadedFile("scan.pdf", b"not a pdf at all")
    page = client.post("/xinxiang/xiaozhang/", {**form(), "attachments": [fake]}).content.decode()
    assert "附件“scan.pdf”" in page and not Letter.objects.exists()
    # Every post counts towards the limit, refused ones too: 2 above, 3 here, the 6th is refused.
    for n in range(3):
        assert client.post("/xinxiang/xiaozhang/", form(submission_key=f"f{n}")).status_code == 302
    response = client.post("/xinxiang/xiaozhang/", form(submission_key="f-6"))
    assert response.status_code == 429 and "提交过于频繁" in response.content.decode()
    assert "建议考试周延长图书馆开放时间" in response.content.decode()   # nothing typed is lost
    assert Letter.objects.count() == 3


def test_attachment_is_kept_private(client, cast):
    note = SimpleUploadedFile("说明.txt", "附件内容".encode())
    client.post("/xinxiang/xiaozhang/", {**form(), "attachments": [note]})
    letter = Letter.objects.get()
    assert letter.attachments.get().original_name == "说明.txt"
    assert "说明.txt" not in client.get("/xinxiang/").content.decode()


def test_department_drafts_office_approves(client, cast):
    letter = letter_submit(mailbox=Mailbox.objects.get(code="xiaozhang"),
                           data={"name": "王五", "phone": "13800138000", "subject": "食堂价格", "text": "食堂涨价了"}).letter
    office = client.__class__()
    office.force_login(cast.office)
    office.post(f"/admin/mailbox/{letter.pk}/handle/", {"action": "route", "departments": [cast.dept_a.pk]})
    letter.refresh_from_db()
    assert letter.status == "routed" and letter.due_on is not None
    office.post(f"/admin/mailbox/{letter.pk}/handle/", {"action": "route", "departments": [cast.dept_a.pk],
                                                         "due_on": "2099-01-05"})
    letter.refresh_from_db()
    assert letter.due_on.isoformat() == "2099-01-05"

    clerk_b = client.__class__()
    clerk_b.force_login(cast.clerk_b)
    assert "食堂涨价了" not in clerk_b.get("/admin/mailbox/routed/").content.decode()
    assert clerk_b.post("/admin/mailbox/routed/", {"letter": letter.pk, "text": "越权"}).status_code in (302, 403)
    letter.refresh_from_db()
    assert letter.draft_text == ""

    clerk_a = client.__class__()
    clerk_a.force_login(cast.clerk_a)
    page = clerk_a.get("/admin/mailbox/routed/").content.decode()
    assert "食堂涨价了" in page and "王五" not in page and "13800138000" not in page   # no identity
    assert clerk_a.get(f"/admin/mailbox/{letter.pk}/handle/").status_code in (302, 403)
    clerk_a.post("/admin/mailbox/routed/", {"letter": letter.pk, "text": "价格已回调。"})
    letter.refresh_from_db()
    assert letter.status == "drafted" and letter.draft_department == cast.dept_a

    office.post(f"/admin/mailbox/{letter.pk}/handle/", {"action": "send_back", "reason": "请说明回调幅度。"})
    letter.refresh_from_db()
    assert letter.status == "routed" and "回调幅度" in clerk_a.get("/admin/mailbox/routed/").content.decode()
    clerk_a.post("/admin/mailbox/routed/", {"letter": letter.pk, "text": "价格已回调 10%。"})
    office.post(f"/admin/mailbox/{letter.pk}/handle/", {"action": "answer", "text": "价格已回调 10%。"})
    letter.refresh_from_db()
    assert letter.status == "answered" and letter.reply_department == cast.dept_a

    # Leaders read letters but do not act; clerks never see the office list.
    leader = client.__class__()
    leader.force_login(cast.leader)
    assert "王五" in leader.get(f"/admin/mailbox/{letter.pk}/handle/").content.decode()
    leader.post(f"/admin/mailbox/{letter.pk}/handle/", {"action": "invalidate", "reason": "x"})
    letter.refresh_from_db()
    assert letter.status == "answered"
    assert clerk_a.get("/admin/mailbox/letters/").status_code in (302, 403)


def test_publication_needs_consent_and_shows_the_edited_copy(client, cast):
    box = Mailbox.objects.get(code="xiaozhang")
    private = letter_submit(mailbox=box, data={"name": "赵六", "phone": "13800138000", "subject": "宿舍",
                                               "text": "我是赵六，电话13800138000，宿舍漏水。"}).letter
    letter_answer(letter=private, text="已维修。")
    with pytest.raises(ValueError, match="未同意公开"):
        letter_publish(letter=private, subject="宿舍漏水", text="宿舍漏水。", reply="已维修。")
    shared = letter_submit(mailbox=box, data={"name": "赵六", "phone": "13800138000", "subject": "宿舍",
                                              "text": "我是赵六，电话13800138000，宿舍漏水。",
                                              "consent_to_publish": True}).letter
    letter_answer(letter=shared, text="已维修。")
    office = client.__class__()
    office.force_login(cast.office)
    page = office.get(f"/admin/mailbox/{shared.pk}/handle/").content.decode()
    assert "我是×××，电话138****8000" in page   # the starting point has the name and phone masked
    office.post(f"/admin/mailbox/{shared.pk}/handle/", {"action": "publish", "subject": "宿舍漏水",
                                                         "text": "宿舍漏水。", "reply": "已维修。"})
    listing = client.get("/xinxiang/").content.decode()
    assert "宿舍漏水" in listing
    page = client.get(f"/xinxiang/letters/{shared.number}/").content.decode()
    assert "已维修" in page and "赵六" not in page and "13800138000" not in page
    assert client.get(f"/xinxiang/letters/{private.number}/").status_code == 404
