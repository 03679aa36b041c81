"""Unlocking, listing, searching, previewing, exporting and backing up a 10,000-case vault never
run vault work on the GUI thread, and nothing holds it grossly.

The 50 ms budget itself is a benchmark figure (benchmarks/gui_bench.py prints each stall beside
the idle noise floor of the same run): on a shared 2-core machine a scheduler hiccup alone can
exceed it. What this test proves holds on any machine: every call into the vault service during
the flow ran off the GUI thread (watched on the real service, not stubbed), and no stall reached
the gross bound (tests/support/timing.py) that blocking work on the GUI thread would.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from benchmarks.gui_bench import make_vault, measure
from pytestqt.qtbot import QtBot

from tests.support.timing import GROSS_STALL_S, calls_on_the_gui_thread


@pytest.fixture(scope="module")
def big_vault(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    folder = tmp_path_factory.mktemp("big") / "vault"
    case_id = make_vault(folder, 10_000)
    return folder, case_id


@pytest.mark.slow
def test_a_10000_case_vault_never_blocks_the_gui_thread(
    qtbot: QtBot, big_vault: tuple[Path, int]
) -> None:
    folder, case_id = big_vault
    on_gui_thread: list[str] = []

    def watch(window: Any) -> None:
        calls_on_the_gui_thread(window._ensure_context().service, into=on_gui_thread)

    results = measure(folder, case_id, qtbot, before_unlock=watch)
    stalls = {name: value for name, value in results.items() if name.endswith("_stall_s")}
    assert set(stalls) == {
        "unlock_screen_warm_up_stall_s",
        "unlock_to_list_stall_s",
        "search_stall_s",
        "open_preview_export_stall_s",
        "backup_stall_s",
        "lock_stall_s",
    }
    # Locking closes the database and forgets the key from the GUI thread (MainWindow.lock), on
    # purpose: nothing may outlive the lock. Its stall is checked with the others below.
    others = sorted(set(on_gui_thread) - {"lock"})
    assert others == [], f"vault work on the GUI thread: {others}"
    gross = {name: round(value, 2) for name, value in stalls.items() if value > GROSS_STALL_S}
    assert gross == {}, f"GUI thread blocked (s): {gross}"
    assert results["unlock_to_list_s"] < 10 * GROSS_STALL_S  # the list arrives, not hangs


def test_the_watcher_sees_a_call_made_on_the_gui_thread(tmp_path: Path) -> None:
    """The check above cannot pass vacuously: a call from this (the main) thread is recorded,
    one from another thread is not, and the real method still runs and answers."""
    from tests.support.vaults import create_vault

    service, _recovery = create_vault(tmp_path / "vault", use_keychain=False)
    seen: list[str] = []
    calls_on_the_gui_thread(service, into=seen)
    assert service.count_cases() == 0
    worker = threading.Thread(target=service.count_cases)
    worker.start()
    worker.join()
    assert seen == ["count_cases"]
    service.lock()
