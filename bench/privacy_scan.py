"""Privacy scan speed: MB of extracted text per second, and a 200-page PDF.

    .venv/bin/python bench/privacy_scan.py

The text is what attachments hold: the four seed annual reports (prose with figures)
and table rows (names, amounts, dates, 文号, phone numbers, a few ID numbers), about
20 MB in all, scanned on one core by `gongkai.privacy.detect.find`. The PDF has 200
pages of 40 lines of Chinese text each, made here with reportlab, scanned whole
(extraction included) by `gongkai.privacy.documents.scan_file`.
Targets (issue 3 / issue 10): at least 20 MB/s; the 200-page PDF in under 5 s.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _common import target  # noqa: E402

from gongkai.privacy.detect import find  # noqa: E402
from gongkai.privacy.documents import scan_file  # noqa: E402

SEEDS = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds"
TEXT_MB = 20
PDF_PAGES = 200


def corpus(megabytes: int) -> str:
    rng = random.Random(7)
    prose = "\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))) if SEEDS.exists() else ""
    rows = []
    for n in range(2000):
        rows.append(f"{n + 1}\t张{n % 97}同学\t计算机学院\t{rng.randint(1000, 99999)}.{rng.randint(0, 99):02d}元\t"
                    f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}\t示大财〔2024〕{rng.randint(1, 200)}号\t"
                    f"0571-8888{rng.randint(1000, 9999)}")
        if n % 200 == 0:
            rows.append("联系人手机 13800138000，身份证号 11010519491231002X")
    block = prose + "\n" + "\n".join(rows) + "\n"
    size = len(block.encode("utf-8"))
    return block * max(1, megabytes * 1024 * 1024 // size)


def text_throughput() -> float:
    text = corpus(TEXT_MB)
    size_mb = len(text.encode("utf-8")) / 1e6
    find(text[:100_000])  # warm up the compiled patterns
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        findings = find(text)
        best = min(best, time.perf_counter() - started)
    print(f"text scan: {size_mb:.1f} MB, {len(findings)} findings, best of 3 {best:.2f} s")
    return size_mb / best


def pdf_seconds() -> float:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "200页.pdf"
        pdf = canvas.Canvas(str(path))
        line = "根据《高等学校信息公开办法》，学校对2024年度预算执行情况予以公开，金额 123456.78 元。"
        for page in range(PDF_PAGES):
            pdf.setFont("STSong-Light", 10)
            for i in range(40):
                pdf.drawString(30, 800 - 19 * i, f"{page + 1}-{i + 1} {line}")
            pdf.showPage()
        pdf.save()
        size = path.stat().st_size
        started = time.perf_counter()
        findings = scan_file(path)
        seconds = time.perf_counter() - started
    print(f"200-page PDF: {size / 1e6:.1f} MB, {len(findings)} findings, {seconds:.2f} s")
    return seconds


def main() -> int:
    ok = target("privacy_scan_mb_per_s", text_throughput(), 20, "MB/s", lower_is_better=False)
    ok &= target("privacy_scan_pdf_200_pages", pdf_seconds(), 5, "s", lower_is_better=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
