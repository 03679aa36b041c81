"""The statistics benchmark still runs end to end (tiny size; the figures come from a full run)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_statistics_benchmark_runs_small() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.stats_bench", "--cases", "40"],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=240,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "40 cases in the period" in result.stdout
    assert "worst GUI stall during the first Show" in result.stdout
    assert "ratio" in result.stdout
