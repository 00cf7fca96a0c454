"""The analyzer on the four real seed reports; expected values read from them by hand."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from gongkai.analyzer.service import analyze_file

FIXTURES = Path(__file__).parent / "fixtures"
ALL_PARTS = [1, 2, 3, 4, 5, 6, 7, 8]

# file: (university, period, parts present, {figure: value}; every other figure is None)
EXPECTED = {
    "001_727a4e13868eb6ad.txt": (
        "江西工程职业学院", ("2023-09-01", "2024-08-31"), [1, 2, 3, 4, 5, 6],
        # 1435 条 stated; "无依申请公开和不予公开事项"; "没有收到…投诉与举报材料".
        {"proactive_total": 1435, "applications_received": 0, "applications_granted": 0,
         "applications_refused": 0, "fees_charged": 0, "complaints": 0},
    ),
    "002_50f587dc805b33df.txt": (
        "湖南科技学院", ("2023-01-01", "2023-12-31"), [1, 2, 3, 4, 5, 6, 7],
        # No overall total; "书记、校长信箱”共收到有效信件13件，回复和有效办理13件".
        {"applications_received": 0, "applications_granted": 0, "applications_refused": 0,
         "fees_charged": 0, "complaints": 0, "reconsiderations": 0, "lawsuits": 0,
         "mailbox_letters": 13, "mailbox_replied": 13},
    ),
    "003_fee14801d5004170.txt": (
        "衢州学院", ("2021-09-01", "2022-08-31"), [1, 2, 3, 4, 5, 6],
        # "累计公开各类信息2092条"; "处理答复校长信箱、书记信箱相关问题58件".
        {"proactive_total": 2092, "applications_received": 0, "applications_granted": 0,
         "applications_refused": 0, "fees_charged": 0, "complaints": 0, "reconsiderations": 0,
         "lawsuits": 0, "mailbox_letters": 58, "mailbox_replied": 58},
    ),
    "004_09c3c66765e44a08.txt": (
        "荆楚理工学院", ("2020-09-01", "2021-08-31"), ALL_PARTS,
        {"applications_received": 0, "applications_granted": 0, "applications_refused": 0,
         "fees_charged": 0, "complaints": 0, "reconsiderations": 0, "lawsuits": 0},
    ),
}
HEADINGS = {
    ("001_727a4e13868eb6ad.txt", 1): "一、学校信息公开总体情况",
    ("001_727a4e13868eb6ad.txt", 5): "五、学校信息公开举报情况",
    ("002_50f587dc805b33df.txt", 2): "二、信息公开情况",
    ("003_fee14801d5004170.txt", 4): "四、对信息公开评议情况",
    ("004_09c3c66765e44a08.txt", 8): "八、清单事项公开情况表",
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_seed(name):
    university, (start, end), present, figures = EXPECTED[name]
    status, result = analyze_file(FIXTURES / name)
    assert status == 0 and result["is_report"]
    assert result["university"] == university
    assert (result["period_start"], result["period_end"]) == (start, end)
    assert [p["number"] for p in result["parts"] if p["present"]] == present
    assert len(result["missing_parts"]) == 8 - len(present)
    for part_number in present:
        assert result["parts"][part_number - 1]["heading"]
    for figure in ["proactive_total", "applications_received", "applications_granted",
                   "applications_refused", "fees_charged", "complaints", "reconsiderations",
                   "lawsuits", "mailbox_letters", "mailbox_replied"]:
        got = result["figures"][figure]
        if figure in figures:
            assert got is not None and got["value"] == figures[figure], figure
            assert got["sentence"], figure
        else:
            assert got is None, figure


@pytest.mark.parametrize("name,part", sorted(HEADINGS))
def test_headings_as_written(name, part):
    _, result = analyze_file(FIXTURES / name)
    assert result["parts"][part - 1]["heading"] == HEADINGS[(name, part)]


def test_figures_carry_their_sentence_unit_and_derivation():
    _, result = analyze_file(FIXTURES / "001_727a4e13868eb6ad.txt")
    total = result["figures"]["proactive_total"]
    assert total["unit"] == "条" and not total["approximate"]
    assert "我校主动公开信息有 1435 条" in total["sentence"]
    granted = result["figures"]["applications_granted"]
    assert granted["derived"] and "无依申请公开" in granted["sentence"]
    assert not result["figures"]["applications_refused"]["derived"]   # stated: 无…不予公开事项
    assert (result["proactive_campus"], result["proactive_public"]) == (573, 862)
    _, quzhou = analyze_file(FIXTURES / "003_fee14801d5004170.txt")
    assert "已去除网页导航等 2 行。" in quzhou["notes"]


def test_command_prints_json(tmp_path):
    gongkai = str(Path(sys.executable).with_name("gongkai"))
    result = subprocess.run([gongkai, "analyze-report", str(FIXTURES / "002_50f587dc805b33df.txt"), "--json"],
                            capture_output=True, text=True, env={"GONGKAI_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["university"] == "湖南科技学院"
    assert data["missing_parts"] == ["清单事项公开情况表"]
    assert data["figures"]["mailbox_letters"]["value"] == 13
    assert set(data) >= {"university", "period_start", "period_end", "parts", "missing_parts", "figures"}
