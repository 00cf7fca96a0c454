"""Scanned pages and pictures: read by text recognition, never taken as clean."""

from __future__ import annotations

import struct
import zlib

import pytest
from django.core.management import call_command

from gongkai.privacy import ocr
from gongkai.privacy.documents import UnreadableFile, check_file, scan_file

from .conftest import ID, make_scan, make_scanned_pdf

ROSTER = ["2024年度国家助学金获得者名单公示",
          f"1  张三  计算机学院  身份证号：{ID}",
          "2  李四  外国语学院  联系电话：139 1234 5678",
          "3  王五  法学院  银行卡号：6222021234567890128",
          "公示期：2024年9月1日至9月7日  监督电话：0571-88880001"]


def found(scan):
    return sorted({(f.kind, f.masked, f.location) for f in scan})


@pytest.fixture(autouse=True)
def _ocr_runs(monkeypatch, tmp_path):
    """Recognition is part of the suite (scripts/test.sh installs tesseract-ocr-chi-sim):
    a machine without it fails here, it does not skip. Each test has its own cache."""
    assert ocr.unavailable_reason() is None, ocr.unavailable_reason()
    monkeypatch.setattr(ocr, "CACHE_DIR", tmp_path / "ocr-cache")


def test_a_scanned_page_in_a_pdf_is_read_and_located(tmp_path):
    path = make_scanned_pdf(tmp_path / "公示.pdf", ["第一页：说明（无个人信息）", make_scan(ROSTER)])
    scan = scan_file(path)
    assert found(scan) == [
        ("bank_card", "6222***********0128", "第2页（扫描页）"),
        ("id_card", "110105********002X", "第2页（扫描页）"),
        ("mobile", "139****5678", "第2页（扫描页）"),
    ]
    assert scan.unchecked == []


@pytest.mark.parametrize("suffix", [".png", ".jpg"])
def test_pictures_are_read(tmp_path, suffix):
    path = tmp_path / f"名单{suffix}"
    make_scan(ROSTER, seed=2).save(path)
    assert {kind for kind, _, _ in found(scan_file(path))} == {"id_card", "mobile", "bank_card"}
    assert {location for _, _, location in found(scan_file(path))} == {"图片（文字识别）"}


def test_a_clean_scan_is_clean(tmp_path):
    path = make_scanned_pdf(tmp_path / "通知.pdf", [make_scan(["关于做好2024年秋季学期开学工作的通知",
                                                               "各学院、各部门：", "请于9月1日前报到。"])])
    scan = scan_file(path)
    assert list(scan) == [] and scan.unchecked == []


def test_without_recognition_the_pages_are_unchecked_never_clean(tmp_path, monkeypatch, capsys):
    pdf = make_scanned_pdf(tmp_path / "公示.pdf", ["说明", make_scan(ROSTER), make_scan(["附表"], seed=3)])
    png = tmp_path / "名单.png"
    make_scan(ROSTER).save(png)
    monkeypatch.setattr(ocr, "unavailable_reason", lambda: "本机未安装文字识别程序（tesseract-ocr）")
    scan = scan_file(pdf)
    assert list(scan) == []
    assert scan.unchecked_message == ("2 页无法自动检查（第2页、第3页为扫描页；本机未安装文字识别程序（tesseract-ocr）），"
                                      "须人工核对。")
    assert scan_file(png).unchecked_message == "图片无法自动检查（本机未安装文字识别程序（tesseract-ocr）），须人工核对。"
    with pytest.raises(SystemExit) as exit_:
        call_command("scan", str(pdf))
    assert exit_.value.code == 2
    assert "2 页无法自动检查" in capsys.readouterr().err


def test_recognised_text_is_cached(tmp_path, monkeypatch):
    path = make_scanned_pdf(tmp_path / "公示.pdf", [make_scan(ROSTER)])
    first = found(scan_file(path))
    assert list((tmp_path / "ocr-cache").rglob("*.json"))

    def no_second_run(*args, **kwargs):
        raise AssertionError("recognised twice")

    import pytesseract
    monkeypatch.setattr(pytesseract, "image_to_data", no_second_run)
    assert found(scan_file(path)) == first


def _png_header_only(path, width, height):
    """A PNG whose header declares width × height pixels (a decompression bomb's shape)."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b""))
    return path


def test_bad_pictures_are_refused_with_a_reason(tmp_path):
    with pytest.raises(UnreadableFile, match="图片尺寸过大（10000×10000 像素"):
        check_file(_png_header_only(tmp_path / "炸弹.png", 10_000, 10_000))
    with pytest.raises(UnreadableFile, match="疑似解压炸弹"):
        check_file(_png_header_only(tmp_path / "巨大.png", 200_000, 200_000))   # beyond Pillow's own limit
    truncated = tmp_path / "损坏.jpg"
    make_scan(["x"]).save(truncated)
    truncated.write_bytes(truncated.read_bytes()[:2000])
    with pytest.raises(UnreadableFile, match="图片已损坏"):
        scan_file(truncated)
    import weasyprint  # noqa: F401  (it tells Pillow to fill in truncated images, process-wide)
    from PIL import ImageFile

    assert ImageFile.LOAD_TRUNCATED_IMAGES
    with pytest.raises(UnreadableFile, match="图片已损坏"):
        scan_file(truncated)
    lying = tmp_path / "其实是pdf.png"
    make_scanned_pdf(lying, ["x"])
    with pytest.raises(UnreadableFile, match="扩展名是 .png，内容却是PDF"):
        check_file(lying)


def test_a_page_fed_askew_is_straightened_before_reading(tmp_path):
    page = make_scan(ROSTER, skew=1.6, seed=4)
    assert abs(ocr.skew_angle(page) + 1.6) <= 0.2
    assert abs(ocr.skew_angle(make_scan(ROSTER, skew=0, seed=4))) <= 0.2
    recognised = ocr.recognise(page)
    assert abs(recognised.angle + 1.6) <= 0.2 and ID in recognised.text
