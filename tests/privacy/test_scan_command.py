"""`gongkai scan` and `gongkai mask` as an operator runs them."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command


def run(*args):
    out, err = StringIO(), StringIO()
    with pytest.raises(SystemExit) as exit_:
        call_command(*args, stdout=out, stderr=err)
    return exit_.value.code, out.getvalue(), err.getvalue()


def test_scan_a_directory_of_every_type(documents):
    code, out, err = run("scan", str(documents), "--json")
    assert code == 1 and err == ""
    rows = json.loads(out)
    assert {(r["file"].rsplit("/", 1)[-1], r["kind"]) for r in rows} == {
        ("公示.pdf", "id_card"), ("公示.pdf", "secret_mark"),
        ("通知.docx", "mobile"), ("通知.docx", "bank_card"), ("通知.docx", "secret_mark"),
        ("名单.xlsx", "email"),
        ("说明.txt", "mobile"), ("页面.html", "email"),
    }
    for row in rows:
        assert {"file", "kind", "masked", "location"} <= set(row)
        assert "*" in row["masked"] or row["kind"] == "secret_mark"


def test_clean_file_exits_zero(tmp_path):
    clean = tmp_path / "clean.txt"
    clean.write_text("本通知自发布之日起施行。文号 示大〔2024〕1号。", encoding="utf-8")
    code, out, _ = run("scan", str(clean), "--json")
    assert code == 0 and json.loads(out) == []
    code, out, _ = run("scan", str(clean))
    assert code == 0 and "未发现" in out


def test_unreadable_file_exits_two_with_a_message(documents, bad_files):
    code, out, err = run("scan", str(bad_files["encrypted"]), str(documents / "说明.txt"), "--json")
    assert code == 2
    assert "PDF 已加密" in err
    assert [r["kind"] for r in json.loads(out)] == ["mobile"]   # the readable file still counts


def test_mask_command(documents, tmp_path):
    target = tmp_path / "masked.docx"
    code, out, _ = run("mask", str(documents / "通知.docx"), str(target))
    assert code == 1   # the 内部资料 marking is left for a person
    assert "已脱敏 2 处" in out and "仍需人工处理：第1节页眉  密级标志  内部资料" in out
    code, out, _ = run("mask", str(documents / "公示.pdf"), str(tmp_path / "x.pdf"))
    assert code == 1 and "已脱敏 1 处" in out and "密级标志  秘密★1年" in out    # the ID number is gone
    broken = tmp_path / "损坏.pdf"
    broken.write_bytes(b"%PDF-1.4 not really")
    code, _, err = run("mask", str(broken), str(tmp_path / "y.pdf"))
    assert code == 2 and "PDF 已损坏" in err
