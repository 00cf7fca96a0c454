"""上级转办: letters a higher authority passes on, registered by the office, answered by
the authority's date, and counted apart in the figures and the report."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.annual.build import report_document
from gongkai.annual.period import Period
from gongkai.annual.services import report_ensure
from gongkai.mailbox.models import Letter, Mailbox
from gongkai.mailbox.services import letter_answer, letter_route, letter_submit, mailbox_figures

pytestmark = pytest.mark.django_db


def _referral(client, **fields):
    data = {"referred_by": "省教育厅", "referral_number": "教转〔2025〕12号", "referral_due_on": "2025-03-10",
            "received_on": "2025-03-03", "mailbox": Mailbox.objects.first().pk, "subject": "食堂价格",
            "text": "反映食堂价格上涨。", "name": "张三", "phone": "", "email": ""}
    return client.post("/admin/mailbox/referral/", {**data, **fields})


def test_the_office_registers_a_referral_and_its_deadline_is_the_authoritys(client, cast):
    client.force_login(cast.office)
    assert "转办单位" in client.get("/admin/mailbox/referral/").content.decode()
    response = _referral(client)
    letter = Letter.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/admin/mailbox/{letter.pk}/handle/"
    assert (letter.referred_by, letter.referral_number, letter.referral_due_on) == (
        "省教育厅", "教转〔2025〕12号", date(2025, 3, 10))
    page = client.get(f"/admin/mailbox/{letter.pk}/handle/").content.decode()
    assert "省教育厅（教转〔2025〕12号），要求2025年3月10日前办结" in page
    # The box allows 15 working days; the authority wants it in a week: its date wins.
    letter_route(letter=letter, departments=[cast.dept_a], by=cast.office)
    assert letter.due_on == date(2025, 3, 10)
    with pytest.raises(ValueError, match="不能晚于省教育厅要求的办结日期"):
        letter_route(letter=letter, departments=[cast.dept_a], due_on=date(2025, 3, 20), by=cast.office)


def test_bad_referrals_are_refused_and_clerks_cannot_register(client, cast):
    client.force_login(cast.office)
    page = _referral(client, referral_due_on="2025-03-01").content.decode()
    assert "上级要求办结日期不能早于收到日期" in page
    assert "这个字段是必须的" in _referral(client, referred_by="").content.decode()
    assert not Letter.objects.exists()
    clerk = client.__class__()
    clerk.force_login(cast.clerk_a)
    assert _referral(clerk).status_code in (302, 403) and not Letter.objects.exists()


def test_referrals_are_counted_apart_in_figures_and_report(cast):
    box = Mailbox.objects.first()
    for n, (source, replied) in enumerate([("省教育厅", date(2025, 3, 6)), ("省教育厅", None),
                                           ("12345热线", date(2025, 4, 30))]):
        letter = letter_submit(mailbox=box, received_on=date(2025, 3, 3 + n), data={
            "subject": "来信", "text": "内容", "referred_by": source, "referral_due_on": date(2025, 4, 1)}).letter
        letter_route(letter=letter, departments=[cast.dept_a], by=cast.office)
        if replied:
            letter_answer(letter=letter, text="答复", on=replied, by=cast.office)
    letter_submit(mailbox=box, received_on=date(2025, 3, 9), data={"subject": "普通来信", "text": "内容"})
    figures = mailbox_figures(date(2024, 9, 1), date(2025, 8, 31))
    referred = figures["referred"]
    assert (referred["received"], referred["replied"], referred["late"]) == (3, 2, 2)
    assert referred["by_source"] == {"省教育厅": 2, "12345热线": 1}
    assert figures["total"]["received"] == 4
    text = report_document(report_ensure(Period.academic_year(2024))).text()
    assert "其中上级部门转办3件（省教育厅2件、12345热线1件），已办结2件，逾期2件。" in text
