"""Shared helpers for the benchmarks: fresh data directories and result lines.

Every benchmark prints its figures, and one line per target in the form
``TARGET <name>: <measured> (goal <goal>) ok`` or ``... FAIL``, which `bench/run.sh`
collects.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
GONGKAI = REPO / ".venv" / "bin" / "gongkai"


def gongkai(args: list[str], *, data_dir: Path, env: dict | None = None
            ) -> tuple[float, str, float]:
    """Runs `gongkai ARGS` in `data_dir`; returns (seconds, stdout, peak MB of the run)."""
    environment = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    environment["GONGKAI_DATA_DIR"] = str(data_dir)
    environment.update(env or {})
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        process = subprocess.Popen([str(GONGKAI), *args], env=environment, stdout=out, stderr=err)
        # wait4 gives this child's own peak memory (RUSAGE_CHILDREN keeps the maximum
        # over every child so far).
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if process.returncode != 0:
            sys.exit(f"gongkai {' '.join(args)} failed:\n{err.read()}")
        return elapsed, out.read(), usage.ru_maxrss / 1024


class MigratedTemplate:
    """A migrated SQLite data directory, copied for each run so runs start equal."""

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="gongkai-bench-"))
        self.template = self.root / "template"
        gongkai(["migrate", "--noinput", "-v", "0"], data_dir=self.template)

    def fresh(self, name: str) -> Path:
        target = self.root / name
        shutil.copytree(self.template, target)
        return target

    def close(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


def demo_data(name: str, records: int) -> tuple[Path, "MigratedTemplate | None"]:
    """The data directory a benchmark reads: BENCH_DATA_DIR (an existing demo, migrated to
    this code), or a fresh demo of `records` items; and the template to close after, if any."""
    if os.environ.get("BENCH_DATA_DIR"):
        data_dir = Path(os.environ["BENCH_DATA_DIR"])
        gongkai(["migrate", "--noinput", "-v", "0"], data_dir=data_dir)
        return data_dir, None
    template = MigratedTemplate()
    data_dir = template.fresh(name)
    seconds, _, _ = gongkai(["demo", "--records", str(records)], data_dir=data_dir)
    print(f"demo --records {records}: {seconds:.1f} s", flush=True)
    return data_dir, template


def target(name: str, measured: float, goal: float, unit: str, *, lower_is_better: bool) -> bool:
    ok = measured <= goal if lower_is_better else measured >= goal
    relation = "<=" if lower_is_better else ">="
    shown = f"{measured:.3g}" if abs(measured) < 10 else f"{measured:.1f}"
    print(f"TARGET {name}: {shown} {unit} (goal {relation} {goal:g} {unit}) "
          f"{'ok' if ok else 'FAIL'}", flush=True)
    return ok
