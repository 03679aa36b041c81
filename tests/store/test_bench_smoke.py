"""The vault benchmark still runs (tiny sizes; the real figures come from a full run)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_vault_benchmark_runs_small() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "benchmarks/vault_bench.py",
            "--cases",
            "300",
            "--searches",
            "20",
            "--inserts",
            "10",
        ],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "search p95" in result.stdout
    assert "ratio" in result.stdout
