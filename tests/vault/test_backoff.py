"""Failed unlocks back off, and the count survives a restart (it lives in a file)."""

from __future__ import annotations

from pathlib import Path

from triage_desktop.vault import backoff


def test_first_failures_are_free_then_doubling_then_capped() -> None:
    assert [backoff.delay_for(n) for n in range(7)] == [0, 0, 0, 1, 2, 4, 8]
    assert backoff.delay_for(100) == backoff.MAX_DELAY


def test_persisted_and_cleared(tmp_path: Path) -> None:
    for _ in range(4):
        backoff.record_failure(tmp_path, now=1000.0)
    assert backoff.remaining(tmp_path, now=1000.5) == 1.5
    assert backoff.remaining(tmp_path, now=1003.0) == 0
    backoff.record_success(tmp_path)
    assert backoff.remaining(tmp_path, now=1000.0) == 0


def test_damaged_counter_file_does_not_block(tmp_path: Path) -> None:
    (tmp_path / backoff.FILE_NAME).write_text("{not json")
    assert backoff.remaining(tmp_path) == 0
