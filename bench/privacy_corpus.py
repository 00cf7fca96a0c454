"""Recall and precision of the privacy gate on its labelled corpus, per kind and per file type.

    .venv/bin/python bench/privacy_corpus.py

The corpus is tests/privacy/corpus (51 files, 11 of them clean: TXT, HTML, DOCX, XLSX, PDF, scanned PDF,
pictures; labels written by its generator, make.py). Every file is scanned whole with
`scan_file` (text recognition on scanned pages, not cached), then compared with its labels
(tests/privacy/corpus/evaluate.py). Printed: a table per kind and per file type, what was
missed or falsely found, the time.
Targets (issue 23): recall and precision at least 0.98 for each kind.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from _common import target  # noqa: E402

from gongkai.privacy import ocr  # noqa: E402
from tests.privacy.corpus.evaluate import evaluate, report  # noqa: E402


def main() -> int:
    ocr.CACHE_DIR = None
    started = time.perf_counter()
    by_kind, by_type = evaluate()
    print(f"corpus scanned in {time.perf_counter() - started:.1f} s\n")
    report(by_kind, by_type)
    ok = True
    for kind in sorted(set(by_kind.hits) | set(by_kind.misses) | set(by_kind.false)):
        ok &= target(f"privacy_corpus_{kind}_recall", by_kind.recall(kind), 0.98, "", lower_is_better=False)
        ok &= target(f"privacy_corpus_{kind}_precision", by_kind.precision(kind), 0.98, "", lower_is_better=False)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
