"""Search latency: the bigram index beside a LIKE '%q%' scan over the same rows.

    .venv/bin/python bench/search_latency.py            # 100 000 items
    .venv/bin/python bench/search_latency.py 1000000    # other sizes

Builds a fresh demo of N items (SQLite), then, in one process, runs 300 queries of 2–6
characters cut from random items' text, each twice: through `gongkai.search.query.search`
(the portal's first page: 20 results and the count) and as a plain LIKE scan over the
same table. Prints median and p95 of both, and checks every query found its item
(recall). Targets (issue 10): median under 10 ms and p95 under 30 ms.
"""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

from _common import MigratedTemplate, gongkai, target

QUERIES = 300


def measure(data_dir: str) -> int:
    os.environ["GONGKAI_DATA_DIR"] = data_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    import django

    django.setup()
    from gongkai.search.models import SearchEntry
    from gongkai.search.query import search

    rng = random.Random(11)
    ids = list(SearchEntry.objects.filter(scope="public").values_list("id", flat=True))
    samples = []
    for entry_id in rng.sample(ids, min(QUERIES, len(ids))):
        entry = SearchEntry.objects.get(pk=entry_id)
        length = rng.randint(2, 6)
        start = rng.randrange(0, max(1, len(entry.text) - length))
        query = entry.text[start:start + length]
        if len(query.strip()) >= 2:
            samples.append((query, entry.page_id))
    indexed, scanned, missed = [], [], 0
    for query, page_id in samples:
        started = time.perf_counter()
        results = search(query, scope_codes=["public"])
        list(results.values_list("page_id", flat=True)[:20])   # the first page …
        results.count()                                        # … and the count
        indexed.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        like = SearchEntry.objects.filter(scope="public", text__contains=query).order_by("-published")
        list(like.values_list("page_id", flat=True)[:20])
        like.count()
        scanned.append((time.perf_counter() - started) * 1000)
        if not results.filter(page_id=page_id).exists():
            missed += 1
    def p95(values):
        return statistics.quantiles(values, n=20)[-1]
    print(f"{len(samples)} queries over {len(ids)} public items")
    print(f"index: median {statistics.median(indexed):.1f} ms, p95 {p95(indexed):.1f} ms")
    print(f"LIKE : median {statistics.median(scanned):.1f} ms, p95 {p95(scanned):.1f} ms")
    print(f"recall: {len(samples) - missed}/{len(samples)}")
    ok = target("search_median_ms", statistics.median(indexed), 10, "ms", lower_is_better=True)
    ok &= target("search_p95_ms", p95(indexed), 30, "ms", lower_is_better=True)
    ok &= target("search_recall_percent", 100 * (len(samples) - missed) / len(samples), 100, "%",
                 lower_is_better=False)
    return 0 if ok else 1


def main(size: int) -> int:
    template = MigratedTemplate()
    try:
        data_dir = template.fresh(f"search-{size}")
        seconds, _, _ = gongkai(["demo", "--records", str(size)], data_dir=data_dir)
        print(f"demo of {size} items built in {seconds:.0f} s")
        python = str(Path(__file__).resolve().parent.parent / ".venv" / "bin" / "python")
        return subprocess.call([python, __file__, "--measure", str(data_dir)],
                               cwd=Path(__file__).resolve().parent)
    finally:
        template.close()


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--measure":
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
        sys.exit(measure(sys.argv[2]))
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000))
