"""Coverage-guided fuzzing (atheris) of what reads untrusted files: attachments (PDF, DOCX,
XLSX, HTML, TXT), import tables (CSV/XLSX) and feeds, and the report analyzer.

    .venv/bin/python tests/fuzz/fuzz_targets.py TARGET -max_total_time=20 [corpus]

Each target may refuse an input only with its own "cannot read this" error (the message the
user sees); any other exception is a bug and ends the run with a non-zero exit. The suite
runs every target for a bounded time (tests/fuzz/test_fuzz.py).
"""

from __future__ import annotations

import io
import os
import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["gongkai", "docx", "openpyxl", "defusedxml"]):
    # The readers the platform uses lazily are imported here, so they are instrumented too.
    import defusedxml.ElementTree  # noqa: F401
    import docx  # noqa: F401
    import openpyxl  # noqa: F401

    from gongkai.analyzer.analyze import analyze_text
    from gongkai.analyzer.reading import UnreadableReport, read_report
    from gongkai.privacy.documents import UnreadableFile, check_file, segments
    from gongkai.publishing.import_file import parse_date, read_rows
    from gongkai.tabular import TableFileError

TMP = Path(tempfile.mkdtemp(prefix="gongkai-fuzz-"))


def _file(data: bytes, suffixes: list[str]) -> Path:
    """The first byte picks the kind of file; the rest is its content."""
    suffix = suffixes[data[0] % len(suffixes)] if data else suffixes[0]
    path = TMP / f"input{suffix}"
    path.write_bytes(data[1:])
    return path


def attachment(data: bytes) -> None:
    """What every upload goes through: the type check, then the text for the privacy scan."""
    path = _file(data, [".pdf", ".docx", ".xlsx", ".html", ".txt"])
    try:
        check_file(path)
        for _ in segments(path):
            pass
    except UnreadableFile:
        pass


def table(data: bytes) -> None:
    path = _file(data, [".csv", ".xlsx", ".xml"])
    try:
        for row in read_rows(path):
            try:
                parse_date(row.fields.get("published", ""))
            except ValueError:
                pass
    except TableFileError:
        pass


def report(data: bytes) -> None:
    path = _file(data, [".txt", ".docx", ".pdf", ".html"])
    try:
        text, _ = read_report(path)
    except UnreadableReport:
        return
    analyze_text(text)


def analyzer_text(data: bytes) -> None:
    analyze_text(data.decode("utf-8", errors="replace"))


TARGETS = {"attachment": attachment, "table": table, "report": report, "analyzer_text": analyzer_text}


def seeds(directory: Path) -> None:
    """A few valid inputs of each kind to start from."""
    import docx
    import openpyxl
    from reportlab.pdfgen import canvas

    directory.mkdir(parents=True, exist_ok=True)
    document = docx.Document()
    document.add_paragraph("一、信息公开工作概述 学生 张三 身份证号 11010519491231002X")
    buffer = io.BytesIO()
    document.save(buffer)
    (directory / "docx").write_bytes(b"\x01" + buffer.getvalue())     # .docx for attachment and report
    book = openpyxl.Workbook()
    book.active.append(["标题", "发布日期"])
    book.active.append(["预算", "2024-09-01"])
    buffer = io.BytesIO()
    book.save(buffer)
    (directory / "xlsx").write_bytes(b"\x02" + buffer.getvalue())     # .xlsx for attachment
    (directory / "xlsx-table").write_bytes(b"\x01" + buffer.getvalue())
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.drawString(72, 720, "Report 2024 phone 13800138000")
    pdf.save()
    (directory / "pdf").write_bytes(b"\x00" + buffer.getvalue())      # .pdf for attachment
    (directory / "pdf-report").write_bytes(b"\x02" + buffer.getvalue())
    (directory / "html").write_bytes(b"\x03<html><body><p>\xe5\x85\xac\xe5\xbc\x80 13800138000</p></body></html>")
    (directory / "csv").write_bytes("\x00标题,发布日期\n预算,2024年9月1日\n".encode())
    (directory / "txt").write_bytes("\x04二、主动公开情况\n本学年主动公开信息1435条。".encode())
    (directory / "rss").write_bytes(b"\x02<rss><channel><item><title>t</title><pubDate>Mon, 02 Sep 2024 08:00:00 +0800"
                                    b"</pubDate></item></channel></rss>")


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    target = TARGETS[sys.argv[1]]
    argv = [sys.argv[0]] + sys.argv[2:]
    corpus = [a for a in argv[1:] if not a.startswith("-")]
    if corpus:
        seeds(Path(corpus[0]))
    atheris.Setup(argv, target)
    atheris.Fuzz()
