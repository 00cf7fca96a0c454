"""The fuzz targets, each for a bounded time (FUZZ_SECONDS, 15 s by default)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
SECONDS = int(os.environ.get("FUZZ_SECONDS", "15"))


@pytest.mark.parametrize("target", ["attachment", "table", "report", "analyzer_text"])
def test_fuzz(target, tmp_path):
    corpus = tmp_path / "corpus"
    result = subprocess.run(
        [sys.executable, str(HERE / "fuzz_targets.py"), target, f"-max_total_time={SECONDS}", "-rss_limit_mb=3072",
         "-timeout=20", f"-artifact_prefix={tmp_path}/", str(corpus)],
        capture_output=True, text=True, timeout=SECONDS + 120, cwd=tmp_path)
    crashes = list(tmp_path.glob("crash-*")) + list(tmp_path.glob("timeout-*")) + list(tmp_path.glob("oom-*"))
    assert result.returncode == 0 and not crashes, (result.stderr[-3000:], crashes)
    assert "Done" in result.stderr or "DONE" in result.stderr or "#" in result.stderr


@pytest.mark.parametrize("target", ["attachment", "table", "report"])
def test_inputs_the_fuzzer_once_broke_us_with(target):
    """Inputs that made a reader fail with an unexpected error (a damaged zip's version or
    names, a workbook without sheets): each target now refuses them in its own words."""
    sys.path.insert(0, str(HERE))
    try:
        import fuzz_targets
    finally:
        sys.path.remove(str(HERE))
    for path in sorted((HERE / "regressions").iterdir()):
        fuzz_targets.TARGETS[target](path.read_bytes())
