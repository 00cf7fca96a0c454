"""The gate on its labelled corpus (tests/privacy/corpus): recall and precision per kind
and per file type at least 0.98 (issue 23). The figures are printed by
bench/privacy_corpus.py; the platform's acceptance uses another labelled set."""

from __future__ import annotations

import json
from pathlib import Path


from gongkai.privacy import ocr

from .corpus.evaluate import evaluate, file_type, report

CORPUS = Path(__file__).parent / "corpus"


def test_the_corpus_has_every_file_type_and_clean_files():
    labels = json.loads((CORPUS / "labels.json").read_text(encoding="utf-8"))
    assert len(labels) >= 40
    assert all((CORPUS / "files" / name).is_file() for name in labels)
    types = {file_type(name) for name in labels}
    assert types == {"txt", "html", "docx", "xlsx", "pdf", "pdf（扫描）", "图片"}
    clean = [name for name, found in labels.items() if not found]
    assert len(clean) >= 8 and {file_type(name) for name in clean} >= {"txt", "html", "docx", "xlsx", "pdf"}
    kinds = {kind for found in labels.values() for kind, _ in found}
    assert kinds == {"id_card", "id_card_truncated", "mobile", "bank_card", "email", "secret_mark"}


def test_recall_and_precision_per_kind_and_file_type(monkeypatch):
    assert ocr.unavailable_reason() is None, ocr.unavailable_reason()
    monkeypatch.setattr(ocr, "CACHE_DIR", None)
    by_kind, by_type = evaluate()
    report(by_kind, by_type)
    for tally in (by_kind, by_type):
        for key in set(tally.hits) | set(tally.misses) | set(tally.false):
            assert tally.recall(key) >= 0.98, (key, by_kind.wrong)
            assert tally.precision(key) >= 0.98, (key, by_kind.wrong)


def test_every_corpus_file_masks_clean(tmp_path, monkeypatch):
    """Masked copies of the corpus hold nothing but what is left for a person (secrecy markings)."""
    from gongkai.privacy.documents import mask_file

    monkeypatch.setattr(ocr, "CACHE_DIR", tmp_path / "ocr-cache")
    labels = json.loads((CORPUS / "labels.json").read_text(encoding="utf-8"))
    for name, planted in sorted(labels.items()):
        if not planted:
            continue
        result = mask_file(CORPUS / "files" / name, tmp_path / name)
        assert {f.kind for f in result.left} <= {"secret_mark"} and not result.left.unchecked, (name, result.left)
        assert result.masked >= sum(1 for kind, _ in planted if kind != "secret_mark"), name
