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


def test_a_failure_in_the_future_never_locks_out_for_long(tmp_path: Path) -> None:
    import json

    (tmp_path / backoff.FILE_NAME).write_text(
        json.dumps({"failures": 10**18, "last_failure": 9e18})
    )
    assert backoff.remaining(tmp_path, now=1000.0) <= backoff.MAX_DELAY
    backoff.record_failure(tmp_path, now=1000.0)  # a huge count costs nothing to work with
    assert backoff.remaining(tmp_path, now=1000.0 + backoff.MAX_DELAY) == 0


def test_a_read_only_folder_keeps_the_count_in_memory(tmp_path: Path) -> None:
    from tests.support.readonly import read_only_folder

    with read_only_folder(tmp_path):
        for _ in range(4):
            backoff.record_failure(tmp_path, now=1000.0)
        assert backoff.remaining(tmp_path, now=1000.0) == backoff.delay_for(4) == 2
        backoff.record_success(tmp_path)
        assert backoff.remaining(tmp_path, now=1000.0) == 0
