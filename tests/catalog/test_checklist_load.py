"""Loading the national list and provincial variants into the catalogue."""

from __future__ import annotations

import pytest

from gongkai.catalog.checklist_file import ChecklistFileError
from gongkai.catalog.models import ChecklistCategory, ChecklistItem
from gongkai.catalog.services import checklist_load
from gongkai.events.models import Event
from gongkai.portal.models import ChecklistItemPage
from gongkai.portal.services import portal_tree_sync

pytestmark = pytest.mark.django_db

VARIANT = """\
name: 某省高等学校信息公开事项清单
source: 某省清单
categories:
  - {number: 11, name: 本省补充事项}
items:
  - number: 7
    national_number: 7
    title: 本科招生章程、招生计划及特殊类型招生办法（本省表述）
    links: [{title: 本科招生网, url: "https://zs.example.edu.cn/zc/"}]
  - number: 51
    category: 11
    title: 校园安全与应急管理信息
    departments: [保卫处, 后勤管理处]
    scope: campus
    update: {rule: per_event}
"""


def _catalogue_state():
    return [
        (i.number, i.national_number, i.title, i.category_id, i.default_scope_id, i.update_rule,
         i.due_month, tuple(d.name for d in i.departments.all()), tuple(l.url for l in i.links.all()))
        for i in ChecklistItem.objects.prefetch_related("departments", "links").order_by("number")
    ]


def test_migrate_loads_the_national_list_with_portal_columns():
    assert ChecklistCategory.objects.count() == 10
    assert ChecklistItem.objects.count() == 50
    item = ChecklistItem.objects.get(number=19)
    assert item.national_number == 19
    assert item.category.name == "财务、资产及收费信息"
    assert [d.name for d in item.departments.all()] == ["财务处"]
    assert item.default_scope.code == "public"
    assert item.update_rule_text() == "每年4月底前更新"
    assert ChecklistItemPage.objects.filter(live=True).count() == 50


def test_variant_rewords_and_adds_and_keeps_national_numbering(tmp_path):
    path = tmp_path / "province.yaml"
    path.write_text(VARIANT, encoding="utf-8")
    report = checklist_load(path=path)
    assert report.created == [51] and report.updated == [7]
    assert report.categories_created == [11]
    # 保卫处 is already responsible for national item 50; only 后勤管理处 is new.
    assert report.departments_created == ["后勤管理处"]
    seven = ChecklistItem.objects.get(number=7)
    assert seven.national_number == 7
    assert seven.title.endswith("（本省表述）")
    assert seven.national_title == "招生章程及特殊类型招生办法，分批次、分科类招生计划"
    assert seven.source == "某省清单"
    assert [l.url for l in seven.links.all()] == ["https://zs.example.edu.cn/zc/"]
    extra = ChecklistItem.objects.get(number=51)
    assert extra.national_number is None
    assert extra.default_scope.code == "campus" and extra.category.number == 11
    portal_tree_sync()
    page = ChecklistItemPage.objects.get(checklist_item=extra)
    assert page.get_parent().specific.category.number == 11
    assert Event.objects.filter(verb="checklist.load").exists()


def test_a_bad_file_changes_nothing(tmp_path):
    before, events = _catalogue_state(), Event.objects.count()
    path = tmp_path / "bad.yaml"
    path.write_text(VARIANT + "  - {number: 52, title: 缺类别的新事项, update: {rule: on_change}}\n"
                              "  - {number: 53, category: 99, title: 类别不存在, update: {rule: per_event}}\n",
                    encoding="utf-8")
    with pytest.raises(ChecklistFileError) as err:
        checklist_load(path=path)
    described = err.value.describe()
    assert "第16行：新增事项 52 缺少类别" in described
    assert "第17行：类别“99”不存在" in described
    assert _catalogue_state() == before
    assert Event.objects.count() == events
    assert not ChecklistCategory.objects.filter(number=11).exists()


def test_a_number_taken_by_another_national_item_is_refused(tmp_path):
    path = tmp_path / "clash.yaml"
    path.write_text("items:\n  - {number: 12, national_number: 7, title: 改号}\n", encoding="utf-8")
    with pytest.raises(ChecklistFileError, match="序号 12 已被其他事项使用"):
        checklist_load(path=path)


def test_renumbering_a_national_item(tmp_path):
    path = tmp_path / "renumber.yaml"
    path.write_text("items:\n  - {number: 60, national_number: 7, title: 招生章程（第60项）}\n",
                    encoding="utf-8")
    checklist_load(path=path)
    item = ChecklistItem.objects.get(national_number=7)
    assert item.number == 60
    assert not ChecklistItem.objects.filter(number=7).exists()


def test_reloading_the_national_list_keeps_edits_unless_reset():
    item = ChecklistItem.objects.get(number=2)
    item.title = "学校章程及规章制度（本校表述）"
    item.save()
    report = checklist_load()
    assert report.created == [] and report.updated == []
    assert ChecklistItem.objects.get(number=2).title.endswith("（本校表述）")
    report = checklist_load(reset=True)
    assert report.updated == [2]
    assert ChecklistItem.objects.get(number=2).title == "学校章程及制定的各项规章制度"


def test_dry_run_reports_and_writes_nothing(tmp_path):
    before = _catalogue_state()
    path = tmp_path / "province.yaml"
    path.write_text(VARIANT, encoding="utf-8")
    report = checklist_load(path=path, dry_run=True)
    assert report.created == [51] and report.dry_run
    assert "将新增 1 项" in report.summary()
    assert _catalogue_state() == before


def test_csv_variant(tmp_path):
    path = tmp_path / "province.csv"
    path.write_text("序号,国家清单序号,事项,责任部门\n25,25,校内中层干部任免、公开招聘信息,组织部、人事处\n",
                    encoding="utf-8-sig")
    report = checklist_load(path=path)
    assert report.updated == [25]
    assert ChecklistItem.objects.get(number=25).title == "校内中层干部任免、公开招聘信息"
