"""Recall and precision of the privacy gate on the labelled corpus, per kind and per file type.

    .venv/bin/python tests/privacy/corpus/evaluate.py     (bench/privacy_corpus.py runs it too)

Each file is scanned with `gongkai.privacy.documents.scan_file`; its findings, as a set of
(kind, masked value), are compared with its labels (make.py). A value labelled and not
found is a miss; a finding not labelled is a false alarm (in a file that must stay clean,
any finding is). A file that cannot be read, or has pages that could not be checked,
counts all its labels as missed.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent


@dataclass
class Tally:
    hits: Counter = field(default_factory=Counter)
    misses: Counter = field(default_factory=Counter)
    false: Counter = field(default_factory=Counter)
    wrong: list[str] = field(default_factory=list)     # what went wrong, per file

    def recall(self, key) -> float:
        total = self.hits[key] + self.misses[key]
        return self.hits[key] / total if total else 1.0

    def precision(self, key) -> float:
        total = self.hits[key] + self.false[key]
        return self.hits[key] / total if total else 1.0


def file_type(name: str) -> str:
    suffix = Path(name).suffix.lower().lstrip(".")
    if name.startswith("s") and suffix == "pdf":
        return "pdf（扫描）"
    return {"jpg": "图片", "png": "图片"}.get(suffix, suffix)


def evaluate(folder: Path = HERE / "files", labels_path: Path = HERE / "labels.json") -> tuple[Tally, Tally]:
    """(per kind, per file type) tallies over the corpus."""
    from gongkai.privacy.documents import UnreadableFile, scan_file

    labels = json.loads(labels_path.read_text(encoding="utf-8"))
    by_kind, by_type = Tally(), Tally()
    for name, planted in sorted(labels.items()):
        expected = {(kind, masked) for kind, masked in planted}
        try:
            scan = scan_file(folder / name)
            found = {(f.kind, "*" if f.kind == "secret_mark" else f.masked) for f in scan}
            if scan.unchecked:
                found = set()
                by_kind.wrong.append(f"{name}: {scan.unchecked_message}")
        except UnreadableFile as exc:
            found = set()
            by_kind.wrong.append(f"{name}: {exc}")
        kind_of_file = file_type(name)
        for item in expected & found:
            by_kind.hits[item[0]] += 1
            by_type.hits[kind_of_file] += 1
        for item in expected - found:
            by_kind.misses[item[0]] += 1
            by_type.misses[kind_of_file] += 1
            by_kind.wrong.append(f"{name}: missed {item}")
        for item in found - expected:
            by_kind.false[item[0]] += 1
            by_type.false[kind_of_file] += 1
            by_kind.wrong.append(f"{name}: false alarm {item}")
    return by_kind, by_type


def report(by_kind: Tally, by_type: Tally, out=sys.stdout) -> None:
    for title, tally in (("kind", by_kind), ("file type", by_type)):
        keys = sorted(set(tally.hits) | set(tally.misses) | set(tally.false))
        print(f"{title:<20} {'labelled':>8} {'found':>6} {'recall':>7} {'precision':>9}", file=out)
        for key in keys:
            print(f"{key:<20} {tally.hits[key] + tally.misses[key]:>8} {tally.hits[key] + tally.false[key]:>6} "
                  f"{tally.recall(key):>7.3f} {tally.precision(key):>9.3f}", file=out)
        print(file=out)
    for line in by_kind.wrong:
        print(f"  {line}", file=out)


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parents[2]))
    report(*evaluate())
