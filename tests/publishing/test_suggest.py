"""Checklist suggestions: keyword rules plus a model of what is already filed."""

from __future__ import annotations

import pytest

from gongkai.publishing.suggest import NaiveBayes, features, suggest

from ..conftest import PASSWORD

KEYWORDS = {19: ["预算"], 20: ["决算"], 33: ["就业质量年度报告"], 32: ["就业率", "毕业生规模"],
            18: ["招标", "采购", "中标"]}


def test_features_are_bigrams_with_the_title_weighted():
    counts = features("部门预算", "预算表")
    assert counts["预算"] == 3 + 1 and counts["部门"] == 3 and counts["算表"] == 1


def test_keywords_decide_clear_cases_and_longer_keywords_win():
    assert suggest("示范大学2025年部门预算", "", keywords=KEYWORDS, model=None)[0].number == 19
    top = suggest("2025届毕业生就业质量年度报告", "就业率 96%", keywords=KEYWORDS, model=None)
    assert [s.number for s in top] == [33, 32]
    assert top[0].reasons == ("关键词：就业质量年度报告",)
    assert suggest("无关的标题", "", keywords=KEYWORDS, model=None) == []


def test_the_model_learns_where_this_university_files_things():
    model = NaiveBayes.fit([
        (18, "实验室仪器设备采购项目招标公告", ""), (18, "图书采购中标结果公示", ""),
        (37, "国家奖学金评审办法", ""), (37, "家庭经济困难学生认定办法", ""),
        (25, "公开招聘工作人员公告", ""), (25, "中层干部任职前公示", ""),
    ])
    # No keyword matches; the filed items decide.
    found = suggest("学生宿舍空调设备采购项目成交公告", "", keywords={}, model=model)
    assert found[0].number == 18 and "相似" in found[0].reasons[0]
    assert suggest("困难学生资助认定结果", "", keywords={}, model=model)[0].number == 37


@pytest.mark.django_db
def test_suggestions_on_demo_data_and_in_the_editor(settings, tmp_path, client, cast):
    from gongkai.demo.services import demo_ensure
    from gongkai.publishing.models import DisclosureItemPage
    from gongkai.publishing.suggestions import suggestions_for

    settings.DATA_DIR = tmp_path
    demo_ensure(records=300)
    hits, total = 0, 0
    for item in DisclosureItemPage.objects.all()[:100]:
        number = item.get_parent().specific.checklist_item.number
        found = [i.number for i, _ in suggestions_for(item.title)]
        hits += number in found
        total += 1
    assert hits / total >= 0.9   # the right item is among the top three
    # In the editor: shown with reasons, never applied.
    item = DisclosureItemPage.objects.filter(title__contains="部门预算").first()
    parent_before = item.get_parent().pk
    client.login(username="office", password=PASSWORD)
    html = client.get(f"/admin/pages/{item.pk}/edit/").content.decode()
    assert "清单事项建议" in html and "19. 收支预算总表" in html and "关键词：预算" in html
    item.refresh_from_db()
    assert item.get_parent().pk == parent_before
