"""Demo data creation rate: `gongkai demo --records N` on a fresh SQLite database.

    .venv/bin/python bench/demo_rate.py                      # 10 000, 100 000 and 1 000 000 items
    .venv/bin/python bench/demo_rate.py 100000               # other sizes
    BENCH_KEEP_DIR=/tmp/demos .venv/bin/python bench/demo_rate.py   # keep them (demo-N) for other benchmarks

Prints, per size, the wall time of the whole command (Django start-up included), the
items per second, and the peak memory of the command (it counts pages of the database the
command touched through SQLite's memory map, which are the OS page cache's, shared); then
the targets: 100 000 items in under 300 s (issue 2) and 1 000 000 in under 600 s (issue 10).
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from _common import MigratedTemplate, gongkai, target

DEFAULT_SIZES = [10_000, 100_000, 1_000_000]
GOALS = {100_000: ("demo_100k_seconds", 300), 1_000_000: ("demo_1m_seconds", 600)}


def main(sizes: list[int]) -> int:
    template = MigratedTemplate()
    ok = True
    try:
        print(f"{'records':>10} {'seconds':>9} {'items/s':>9} {'peak MB':>8}")
        for size in sizes:
            data_dir = template.fresh(f"demo-{size}")
            seconds, _, peak_mb = gongkai(["demo", "--records", str(size)], data_dir=data_dir)
            print(f"{size:>10} {seconds:>9.1f} {size / seconds:>9.0f} {peak_mb:>8.0f}", flush=True)
            if size in GOALS:
                name, goal = GOALS[size]
                ok &= target(name, seconds, goal, "s", lower_is_better=True)
            if os.environ.get("BENCH_KEEP_DIR"):
                keep = Path(os.environ["BENCH_KEEP_DIR"]) / f"demo-{size}"
                keep.parent.mkdir(parents=True, exist_ok=True)
                shutil.move(str(data_dir), keep)
    finally:
        template.close()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main([int(a) for a in sys.argv[1:]] or DEFAULT_SIZES))
