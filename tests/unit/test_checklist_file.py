"""Reading checklist files (pure: no database)."""

from __future__ import annotations

import pytest

from gongkai.catalog.checklist_file import (
    ChecklistFileError, parse_csv, parse_yaml, read_checklist_file,
)
from gongkai.catalog.services import NATIONAL_FILE


def test_national_list_has_ten_categories_and_fifty_items():
    spec = read_checklist_file(NATIONAL_FILE)
    assert spec.national
    assert [c.number for c in spec.categories] == list(range(1, 11))
    assert sorted(i.number for i in spec.items) == list(range(1, 51))
    per_category = [sum(1 for i in spec.items if i.category == c) for c in range(1, 11)]
    # The counts the regulations state for 一/二/三, and 50 in all.
    assert per_category[:3] == [6, 8, 7]
    for item in spec.items:
        assert item.title and item.departments, item.number
        assert item.scope in {"public", "campus"}
        assert item.update_rule in {"annual", "on_change", "per_event"}
        assert (item.due_month is not None) == (item.update_rule == "annual"), item.number


def test_wordings_match_the_regulations_text():
    spec = read_checklist_file(NATIONAL_FILE)
    titles = {i.number: i.title for i in spec.items}
    assert titles[6] == "信息公开年度报告"
    assert titles[19] == "收支预算总表、收入预算表、支出预算表、财政拨款支出预算表"
    assert titles[42] == "学术不端行为查处机制"


def test_yaml_syntax_error_names_the_line():
    text = "name: x\nitems:\n  - {number: 51, title: 新事项\n  - {number: 52}\n"
    with pytest.raises(ChecklistFileError) as err:
        parse_yaml(text)
    assert err.value.errors[0][0] in (3, 4)
    assert "YAML" in err.value.describe()


def test_unknown_field_and_bad_values_are_reported_with_their_lines():
    text = (
        "name: 某省清单\n"
        "items:\n"
        "  - number: 51\n"
        "    title: 校园安全信息\n"
        "    colour: red\n"
        "    update: {rule: annual}\n"
        "  - number: abc\n"
        "    title: 第二项\n"
    )
    with pytest.raises(ChecklistFileError) as err:
        parse_yaml(text)
    described = err.value.describe()
    assert "第3行：未知的字段：colour" in described
    assert "第3行：每年更新的事项需要指定更新月份" in described
    assert "第7行：序号应为正整数" in described


def test_duplicate_numbers_name_both_lines():
    text = "items:\n  - {number: 51, title: 甲}\n  - {number: 51, title: 乙}\n"
    with pytest.raises(ChecklistFileError) as err:
        parse_yaml(text)
    assert err.value.errors == [(3, "序号 51 重复（第2行已使用）。")]


def test_csv_with_chinese_headers():
    text = (
        "序号,国家清单序号,类别,事项,责任部门,公开范围,更新规则,更新月份,链接\n"
        "7,7,,招生章程（本省改写）,招生办公室,社会公开,每年,6,https://zs.example.edu.cn/zc/\n"
        "51,,10,校园安全信息,保卫处；后勤处,校内公开,随事项,,\n"
    )
    spec = parse_csv(text, default_name="某省")
    first, second = spec.items
    assert (first.number, first.national_number, first.due_month) == (7, 7, 6)
    assert first.links == [("", "https://zs.example.edu.cn/zc/")]
    assert second.departments == ["保卫处", "后勤处"]
    assert (second.scope, second.update_rule, second.category) == ("campus", "per_event", 10)


def test_csv_saved_by_excel_in_gb18030(tmp_path):
    path = tmp_path / "清单.csv"
    path.write_bytes("序号,事项,类别,更新规则\n51,校园安全信息,10,随事项\n".encode("gb18030"))
    spec = read_checklist_file(path)
    assert spec.items[0].title == "校园安全信息"


def test_csv_bad_header_and_row_width():
    with pytest.raises(ChecklistFileError) as err:
        parse_csv("序号,事项,颜色\n51,甲,红\n")
    assert err.value.errors[0][0] == 1 and "颜色" in err.value.errors[0][1]
    with pytest.raises(ChecklistFileError) as err:
        parse_csv("序号,事项\n51,甲\n52\n")
    assert err.value.errors == [(3, "列数为 1，表头为 2 列。")]


def test_links_must_be_http(tmp_path):
    text = "items:\n  - {number: 51, title: 甲, links: ['javascript:alert(1)']}\n"
    with pytest.raises(ChecklistFileError) as err:
        parse_yaml(text)
    assert "应以 http:// 或 https:// 开头" in err.value.describe()


def test_unsupported_and_unreadable_files(tmp_path):
    with pytest.raises(ChecklistFileError, match="不支持的文件类型"):
        read_checklist_file(tmp_path / "x.docx")
    with pytest.raises(ChecklistFileError, match="无法读取文件"):
        read_checklist_file(tmp_path / "missing.yaml")
    empty = tmp_path / "empty.yaml"
    empty.write_text("name: 空\n")
    with pytest.raises(ChecklistFileError, match="没有任何事项"):
        read_checklist_file(empty)
