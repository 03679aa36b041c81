"""The import benchmark still runs end to end (tiny sizes; the figures come from a full run)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]


def test_import_benchmark_runs_small() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.import_bench", "--cases", "40", "--reports", "40"],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=240,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "40 reports" in result.stdout
    assert "worst GUI stall while import" in result.stdout
