"""登记、归档: `gongkai archive export` writes a period's items as a BagIt package with
their attachments, review records and catalogue metadata; `gongkai archive verify` names
any file changed, missing or added."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.utils import timezone
from wagtail.documents import get_document_model

from gongkai.publishing.models import ConfidentialityReview, ItemAttachment

pytestmark = pytest.mark.django_db


@pytest.fixture
def archived(budget_items, cast, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    document = get_document_model()(title="2025年部门预算表")
    document.file.save("budget 2025.xlsx", ContentFile(b"PK\x03\x04 budget table bytes"), save=False)
    document.save()
    budget = budget_items["budget"]
    budget.attachments.add(ItemAttachment(document=document, title="预算总表"))
    budget.save()
    ConfidentialityReview.objects.create(page=budget, reviewer=cast.office, conclusion="pass", opinion="无涉密内容。")
    return budget_items


def _run(*args) -> str:
    out = io.StringIO()
    try:
        call_command("archive", *args, stdout=out)
    except SystemExit as exit_:
        return f"{out.getvalue()}EXIT {exit_.code}"
    return out.getvalue()


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_export_holds_everything_and_is_the_same_bytes_twice(archived, tmp_path):
    year = str(timezone.localdate().year)
    printed = _run("export", "--period", year, "--out", str(tmp_path / "a"))
    assert "公开信息 2 条、附件 1 个" in printed
    _run("export", "--period", year, "--out", str(tmp_path / "b"))
    first, second = _files(tmp_path / "a"), _files(tmp_path / "b")
    assert first == second
    budget = archived["budget"]
    folder = f"data/items/{budget.index_number}"
    assert {f"{folder}/metadata.json", f"{folder}/content.html", f"{folder}/attachments/01-budget_2025.xlsx",
            "data/index.xlsx", "data/index.html", "bagit.txt", "bag-info.txt", "manifest-sha256.txt",
            "tagmanifest-sha256.txt"} <= set(first)
    assert first[f"{folder}/attachments/01-budget_2025.xlsx"] == b"PK\x03\x04 budget table bytes"
    metadata = json.loads(first[f"{folder}/metadata.json"])
    assert metadata["电子文件号"] == budget.index_number and metadata["内容描述"]["题名"] == "示范大学2025年部门预算"
    assert metadata["内容描述"]["责任者"] == "财务处" and metadata["权限管理"]["控制标识"] == "开放"
    assert metadata["电子属性"][1]["题名"] == "预算总表" and len(metadata["电子属性"][1]["数字摘要"]) == 64
    # The review was recorded after publication here: the acts are in time order.
    assert [(a["业务行为"], a["行为描述"], a["行为依据"]) for a in metadata["业务实体"]] == [
        ("发布", "已发布", ""), ("保密审查", "同意公开", "无涉密内容。")]
    assert metadata["信息公开目录"]["publisher"] == "财务处"
    internal = json.loads(first[f"data/items/{archived['internal'].index_number}/metadata.json"])
    assert internal["权限管理"] == {"控制标识": "控制", "公开范围": "校内公开"}
    index = first["data/index.html"].decode()
    assert f'<a href="items/{budget.index_number}/content.html">' in index and "共2条" in index
    assert "Gongkai-Items: 2" in first["bag-info.txt"].decode()
    assert "根据有关规定，现公开学校部门预算。" in first[f"{folder}/content.html"].decode()
    assert _run("verify", str(tmp_path / "a")).strip().endswith("校验通过：所有文件与校验清单一致。")


def test_verify_names_the_file_changed_missing_or_added(archived, tmp_path):
    out = tmp_path / "pkg"
    _run("export", "--period", str(timezone.localdate().year), "--out", str(out))
    attachment = next(out.rglob("01-budget_2025.xlsx"))
    content = bytearray(attachment.read_bytes())
    content[5] ^= 0x01                                      # one byte of one attachment
    attachment.write_bytes(bytes(content))
    printed = _run("verify", str(out))
    name = attachment.relative_to(out).as_posix()
    assert printed.splitlines() == [f"内容已改变：{name}", "校验未通过。", "EXIT 1"]
    (out / "data" / "index.html").unlink()
    (out / "data" / "extra.txt").write_text("x")
    (out / "bag-info.txt").write_text((out / "bag-info.txt").read_text() + "Note: edited\n")
    printed = _run("verify", str(out))
    assert "缺失：data/index.html" in printed and "清单外多出：data/extra.txt" in printed
    assert "内容已改变：bag-info.txt" in printed and f"内容已改变：{name}" in printed
    assert "不是有效的归档包" in _run("verify", str(tmp_path))


def test_export_refuses_a_directory_that_holds_something(archived, tmp_path):
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "keep.txt").write_text("keep")
    with pytest.raises(CommandError, match="已存在且不为空"):
        _run("export", "--period", "2025", "--out", str(tmp_path / "full"))
    assert (tmp_path / "full" / "keep.txt").read_text() == "keep"
    with pytest.raises(CommandError, match="无法识别"):
        _run("export", "--period", "去年", "--out", str(tmp_path / "x"))
