"""有效性 (已修订 / 已废止 / 已失效) and 政策解读: set, shown, filtered, counted."""

from __future__ import annotations

import json
from datetime import date, datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.forms.utils import ErrorDict

from gongkai.catalog.models import Scope
from gongkai.events.models import Event
from gongkai.portal.models import ChecklistItemPage
from gongkai.publishing.models import DisclosureItemPage
from gongkai.publishing.validity import rules_figures

from ..conftest import PASSWORD

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def rule(cast):
    """A published rule (规章制度, checklist item 2) and a way to make more."""
    def make(title, *, scope="public", **fields):
        column = ChecklistItemPage.objects.get(checklist_item__number=2)
        item = DisclosureItemPage(title=title, department=cast.dept_a, live=False, body="<p>第一条 为规范管理，制定本办法。</p>",
                                  scope=Scope.objects.get(code=scope), **fields)
        column.add_child(instance=item)
        item.save_revision(user=cast.clerk_a).publish()
        return DisclosureItemPage.objects.get(pk=item.pk)
    return make


def test_a_revising_rule_marks_the_one_it_revises_on_publication(rule, client, time_machine):
    time_machine.move_to(datetime(2025, 6, 1, 10, 0, tzinfo=SHANGHAI), tick=False)
    old = rule("示范大学差旅费管理办法")
    time_machine.move_to(datetime(2026, 3, 2, 10, 0, tzinfo=SHANGHAI), tick=False)
    new = rule("示范大学差旅费管理办法（2026年修订）", supersedes=old, supersedes_kind="revises")
    old.refresh_from_db()
    assert (old.validity, old.validity_date, old.replaced_by_id) == ("revised", date(2026, 3, 2), new.pk)
    assert Event.objects.filter(verb="item.validity", target_id=str(old.pk)).exists()

    page = client.get(old.url).content.decode()
    assert "本信息已于2026年3月2日修订" in page and f'href="{new.url}"' in page
    column = client.get("/category-1/item-2/").content.decode()
    assert '<span class="tag tag-validity">已修订</span>' in column
    current = client.get("/category-1/item-2/?validity=current").content.decode()
    assert "示范大学差旅费管理办法（2026年修订）" in current and f'href="{old.url}"' not in current
    search = client.get("/search/?q=差旅费").content.decode()
    assert search.count("tag-validity") == 1

    old.save_revision().publish()          # edited and published again: still revised
    assert DisclosureItemPage.objects.get(pk=old.pk).validity == "revised"
    out = StringIO()
    call_command("items", "--json", stdout=out)
    assert {row["title"]: row["validity"] for row in json.loads(out.getvalue())}[old.title] == "revised"


def test_the_office_marks_validity_and_nobody_else_may(rule, client, cast):
    old = rule("示范大学科研经费管理办法")
    replacement = rule("示范大学科研经费管理规定")
    client.login(username="clerk_a", password=PASSWORD)
    assert client.get(f"/admin/items/{old.pk}/validity/").status_code in (302, 403)
    assert client.post(f"/admin/items/{old.pk}/validity/", {"validity": "repealed"}).status_code in (302, 403)
    assert DisclosureItemPage.objects.get(pk=old.pk).validity == "current"

    client.login(username="office", password=PASSWORD)
    wrong = client.post(f"/admin/items/{old.pk}/validity/", {"validity": "repealed", "replaced_by": "NO-SUCH"})
    assert "没有索引号为“NO-SUCH”的已发布信息" in wrong.content.decode()
    response = client.post(f"/admin/items/{old.pk}/validity/", {
        "validity": "repealed", "on": "2026-01-15", "replaced_by": replacement.index_number, "reason": "校长办公会决定"})
    assert response.status_code == 302
    old.refresh_from_db()
    assert (old.validity, old.validity_date, old.replaced_by_id) == ("repealed", date(2026, 1, 15), replacement.pk)
    assert "修改有效性" in client.get(f"/admin/pages/{old.pk}/edit/").content.decode()
    client.post(f"/admin/items/{old.pk}/validity/", {"validity": "current"})     # a mistake undone
    old.refresh_from_db()
    assert (old.validity, old.validity_date, old.replaced_by_id) == ("current", None, None)


def test_an_interpretation_and_its_document_link_to_each_other_for_readers_who_may_read_both(rule, client):
    document = rule("示范大学本科生奖学金评定办法")
    reading = rule("《示范大学本科生奖学金评定办法》政策解读", interprets=document)
    campus_reading = rule("奖学金评定办法校内问答", interprets=document, scope="campus")
    page = client.get(document.url).content.decode()
    assert "政策解读" in page and f'href="{reading.url}"' in page
    assert campus_reading.title not in page                   # not named to the public
    assert f'本信息是对<a href="{document.url}">{document.title}</a>的解读' in client.get(reading.url).content.decode()
    client.login(username="student", password=PASSWORD)
    assert campus_reading.title in client.get(document.url).content.decode()


def test_the_editor_refuses_links_that_cannot_be(rule, cast):
    item = rule("示范大学差旅费管理办法")
    draft_only = DisclosureItemPage(title="草稿", department=cast.dept_a, live=False,
                                    scope=Scope.objects.get(code="public"))
    ChecklistItemPage.objects.get(checklist_item__number=2).add_child(instance=draft_only)
    form_class = DisclosureItemPage.get_edit_handler().get_form_class()
    form = form_class(instance=item, for_user=cast.office)
    form.cleaned_data, form._errors = {}, ErrorDict()
    form._clean_links({"supersedes": item, "interprets": draft_only, "supersedes_kind": ""})
    assert "不能选择本信息自己" in str(form.errors["supersedes"])
    assert "尚未发布" in str(form.errors["interprets"])
    assert "修订还是废止" in str(form.errors["supersedes_kind"])

    others = DisclosureItemPage(title="教务处的规定", department=cast.dept_b, live=True,
                                scope=Scope.objects.get(code="public"))
    ChecklistItemPage.objects.get(checklist_item__number=2).add_child(instance=others)
    for user, refused in ((cast.clerk_a, True), (cast.office, False)):
        form = form_class(instance=draft_only, for_user=user)
        form.cleaned_data, form._errors = {}, ErrorDict()
        form._clean_links({"supersedes": others, "supersedes_kind": "repeals"})
        assert ("只能选择本部门的信息" in str(form.errors.get("supersedes", ""))) is refused


def test_rules_adopted_revised_and_repealed_are_counted_for_the_report(rule, cast, time_machine):
    time_machine.move_to(datetime(2024, 5, 1, 10, 0, tzinfo=SHANGHAI), tick=False)
    old = rule("示范大学公务接待管理办法")
    gone = rule("示范大学会议费管理办法")
    time_machine.move_to(datetime(2025, 3, 1, 10, 0, tzinfo=SHANGHAI), tick=False)
    rule("示范大学公务接待管理办法（2025年修订）", supersedes=old, supersedes_kind="revises")
    rule("示范大学数据安全管理办法")
    rule("关于废止《示范大学会议费管理办法》的通知", supersedes=gone, supersedes_kind="repeals")
    figures = rules_figures(date(2024, 9, 1), date(2025, 8, 31))
    assert (figures["adopted"], figures["revised"], figures["repealed"], figures["expired"]) == (2, 1, 1, 0)
    assert figures["current"] == 3               # the revision, the new rule and the repealing notice
    assert figures["titles"]["repealed"] == ["示范大学会议费管理办法"]
    out = StringIO()
    call_command("figures", "--period", "2024-2025", stdout=out)
    assert "规章制度：制定 2 项，修订 1 项，废止 1 项" in out.getvalue()
