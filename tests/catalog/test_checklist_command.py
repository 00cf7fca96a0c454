"""`gongkai checklist` as an operator uses it."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def test_json_prints_the_fifty_items_with_their_fields():
    out = StringIO()
    call_command("checklist", "--json", stdout=out)
    rows = json.loads(out.getvalue())
    assert [r["number"] for r in rows] == list(range(1, 51))
    for row in rows:
        assert {"number", "category", "title", "departments", "scope", "update_rule", "links"} <= set(row)
        assert row["departments"], row["number"]
        assert row["scope"] in {"社会公开", "校内公开"}
        assert row["update_rule"]["kind"] in {"annual", "on_change", "per_event"}
    by_number = {r["number"]: r for r in rows}
    assert by_number[6]["category"] == "基本信息"
    assert by_number[6]["update_rule"]["text"] == "每年10月底前更新"
    assert by_number[15]["update_rule"]["text"] == "形成或变更后20个工作日内公开"
    # The first link is the item's own column on the portal.
    assert by_number[19]["links"][0].endswith("/category-3/item-19/")


def test_table_output_lists_categories_and_items():
    out = StringIO()
    call_command("checklist", stdout=out)
    text = out.getvalue()
    assert "一、基本信息" in text and "十、其他" in text
    assert " 50. 自然灾害" in text


def test_load_of_a_malformed_file_is_refused_with_the_line(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("items:\n  - {number: 51, title: 甲, update: {rule: yearly}}\n", encoding="utf-8")
    with pytest.raises(CommandError) as err:
        call_command("checklist", "load", str(path))
    assert "未做任何修改" in str(err.value)
    assert "第2行：更新规则“yearly”无效" in str(err.value)


def test_load_prints_a_summary(tmp_path):
    path = tmp_path / "ok.yaml"
    path.write_text("categories: [{number: 11, name: 补充}]\n"
                    "items:\n  - {number: 51, category: 11, title: 新事项, update: {rule: per_event}}\n",
                    encoding="utf-8")
    out = StringIO()
    call_command("checklist", "load", str(path), stdout=out)
    assert "已新增 1 项" in out.getvalue()
    out = StringIO()
    call_command("checklist", "--json", stdout=out)
    assert json.loads(out.getvalue())[-1]["links"][0].endswith("/category-11/item-51/")
