"""Demo data creation rate: `gongkai demo --records N` on a fresh SQLite database.

    .venv/bin/python bench/demo_rate.py              # 10 000 and 100 000 items
    .venv/bin/python bench/demo_rate.py 1000000      # other sizes

Prints, per size, the wall time of the whole command (Django start-up included), the
items per second, and the peak memory of the command; then the targets:
100 000 items in minutes, not hours (issue 2: goal under 300 s).
"""

from __future__ import annotations

import sys

from _common import MigratedTemplate, gongkai, target

DEFAULT_SIZES = [10_000, 100_000]
GOAL_100K_SECONDS = 300


def main(sizes: list[int]) -> int:
    template = MigratedTemplate()
    ok = True
    try:
        print(f"{'records':>10} {'seconds':>9} {'items/s':>9} {'peak MB':>8}")
        for size in sizes:
            data_dir = template.fresh(f"demo-{size}")
            seconds, _, peak_mb = gongkai(["demo", "--records", str(size)], data_dir=data_dir)
            print(f"{size:>10} {seconds:>9.1f} {size / seconds:>9.0f} {peak_mb:>8.0f}", flush=True)
            if size == 100_000:
                ok &= target("demo_100k_seconds", seconds, GOAL_100K_SECONDS, "s",
                             lower_is_better=True)
    finally:
        template.close()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main([int(a) for a in sys.argv[1:]] or DEFAULT_SIZES))
