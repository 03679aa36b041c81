"""First use as fast as later use: the setup screens show the keychain check while it runs and
can run it again, the first-use work is queued while the officer types or reads, and that work
loads what it claims without opening a vault or writing a file (benchmarks/first_use.py times
the whole first day)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring
import pytest
from keyring.backends import fail
from pytestqt.qtbot import QtBot

from tests.support.typing import type_text
from triage_desktop.gui import setup_flow, warm_up, workspace_warm_up
from triage_desktop.gui.app import create_application
from triage_desktop.gui.context import AppContext
from triage_desktop.gui.main_window import MainWindow
from triage_desktop.gui.setup_flow import PAGE_KEYCHAIN, PAGE_RECOVERY, SetupFlow
from triage_desktop.vault.kdf import CHEAP_FOR_TESTS

PASSPHRASE = "maple lantern quietly orbit"


@pytest.fixture
def fresh_warm_ups(monkeypatch: pytest.MonkeyPatch) -> Iterator[set[warm_up.Job]]:
    """Which warm-ups were queued from now on (the real jobs still run; they are idempotent)."""
    queued: set[warm_up.Job] = set()
    monkeypatch.setattr(warm_up, "_started", queued)
    yield queued
    assert warm_up.wait()


def to_keychain_page(qtbot: QtBot, flow: SetupFlow) -> None:
    type_text(flow.name_edit, "Officer Fictional")
    flow.next_button.click()
    type_text(flow.passphrase_edit, PASSPHRASE)
    type_text(flow.confirm_edit, PASSPHRASE)
    flow.next_button.click()
    assert flow.pages.currentIndex() == PAGE_KEYCHAIN


def make_flow(qtbot: QtBot, folder: Path) -> SetupFlow:
    create_application()
    flow = SetupFlow(AppContext(folder), kdf=CHEAP_FOR_TESTS)
    qtbot.addWidget(flow)
    flow.resize(1280, 800)
    flow.show()
    qtbot.waitExposed(flow)
    return flow


def test_the_keychain_page_shows_the_check_running_and_waits_for_its_answer(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_warm_ups: set[warm_up.Job]
) -> None:
    answer = threading.Event()
    real = setup_flow._keychain_status

    def slow_keychain() -> Any:  # the OS keychain taking its time to answer
        answer.wait(30)
        return real()

    monkeypatch.setattr(setup_flow, "_keychain_status", slow_keychain)
    flow = make_flow(qtbot, tmp_path / "vault")
    to_keychain_page(qtbot, flow)
    assert flow._keychain_page.intro.text() == "Checking this computer's keychain…"
    assert flow.busy.isVisible()
    assert not flow.next_button.isEnabled()  # nothing to decide until the answer is in
    assert warm_up.VAULT_CREATION not in fresh_warm_ups  # the check goes first
    answer.set()
    qtbot.waitUntil(flow.keychain_check.isVisible, timeout=10_000)
    assert "available" in flow._keychain_page.intro.text()
    assert not flow.busy.isVisible()
    assert flow.next_button.isEnabled()
    assert warm_up.VAULT_CREATION in fresh_warm_ups  # queued while the officer decides
    flow.next_button.click()
    qtbot.waitUntil(lambda: flow.pages.currentIndex() == PAGE_RECOVERY, timeout=15_000)
    assert (
        workspace_warm_up.WORKSPACE in fresh_warm_ups
    )  # queued while the officer writes the key down
    flow.context.service.lock()


def test_check_again_finds_a_keychain_that_became_available(
    qtbot: QtBot, tmp_path: Path, in_memory_keyring: object
) -> None:
    keyring.set_keyring(fail.Keyring())
    flow = make_flow(qtbot, tmp_path / "vault")
    to_keychain_page(qtbot, flow)
    qtbot.waitUntil(flow.check_again_button.isVisible, timeout=10_000)
    assert "No secure keychain" in flow._keychain_page.intro.text()
    assert flow.passphrase_only.isVisible()
    keyring.set_keyring(in_memory_keyring)  # e.g. the officer unlocked their desktop keyring
    flow.check_again_button.click()
    qtbot.waitUntil(flow.keychain_check.isVisible, timeout=10_000)
    assert "available" in flow._keychain_page.intro.text()
    assert not flow.passphrase_only.isVisible()
    assert not flow.check_again_button.isVisible()


def test_opening_a_meeting_queues_the_documents_and_unlocking_does_not(
    qtbot: QtBot, tmp_path: Path, fresh_warm_ups: set[warm_up.Job]
) -> None:
    from tests.support.vaults import PASSPHRASE as VAULT_PASSPHRASE
    from tests.support.vaults import create_vault, details

    service, _recovery = create_vault(tmp_path / "vault", use_keychain=False)
    case = service.create_case(details("Warm"))
    service.lock()
    create_application()
    window = MainWindow(vault=str(tmp_path / "vault"))
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.vault_unlocked, timeout=15_000):
        window._unlock("passphrase", VAULT_PASSPHRASE)
    workspace = window.workspace
    assert workspace is not None
    qtbot.waitUntil(lambda: workspace.case_list.model.rowCount() == 1, timeout=10_000)
    assert warm_up.DOCUMENTS not in fresh_warm_ups  # the list and search get the machine
    workspace.open_meeting(case.id)
    assert warm_up.DOCUMENTS in fresh_warm_ups  # minutes before the review step needs it
    qtbot.waitUntil(lambda: workspace.meeting.opened_meeting is not None, timeout=15_000)
    window.lock()


def test_the_unlock_screen_warms_the_workspace_and_freezes_before_any_vault_opens(
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    fresh_warm_ups: set[warm_up.Job],
) -> None:
    from tests.support.vaults import create_vault

    service, _recovery = create_vault(tmp_path / "vault", use_keychain=False)
    service.lock()
    frozen: list[bool] = []
    monkeypatch.setattr(workspace_warm_up, "_frozen", False)
    monkeypatch.setattr(workspace_warm_up, "_openings", 0)
    monkeypatch.setattr("gc.freeze", lambda: frozen.append(True))  # the process's own stays
    create_application()
    window = MainWindow(vault=str(tmp_path / "vault"))
    qtbot.addWidget(window)
    window.show()
    assert workspace_warm_up.BEFORE_FIRST_UNLOCK not in fresh_warm_ups  # the first frame first
    qtbot.waitUntil(lambda: workspace_warm_up.BEFORE_FIRST_UNLOCK in fresh_warm_ups, timeout=5000)
    qtbot.waitUntil(warm_up.all_done, timeout=60_000)
    assert frozen == [True]  # once, while no vault was open
    assert workspace_warm_up.freeze_long_lived_objects() is False  # never a second time


def test_no_freeze_before_unlock_once_a_vault_has_opened(monkeypatch: pytest.MonkeyPatch) -> None:
    frozen: list[bool] = []
    monkeypatch.setattr(workspace_warm_up, "_frozen", False)
    monkeypatch.setattr(workspace_warm_up, "_openings", 0)
    monkeypatch.setattr("gc.freeze", lambda: frozen.append(True))
    workspace_warm_up.vault_opening()  # the officer pressed Unlock before the warm-up ran
    assert workspace_warm_up.freeze_long_lived_objects(before_unlock=True) is False
    assert workspace_warm_up.freeze_long_lived_objects() is True  # the unlock's own, first
    workspace_warm_up.vault_opening()  # a later session: case data may be garbage by now
    monkeypatch.setattr(workspace_warm_up, "_frozen", False)
    assert workspace_warm_up.freeze_long_lived_objects() is False
    assert frozen == [True]


WARM_ALL = """
import json, sys
from PySide6.QtCore import QCoreApplication
app = QCoreApplication([])
from triage_desktop.gui import warm_up, workspace_warm_up
from triage_desktop.documents import fonts
for job in workspace_warm_up.ALL_JOBS:
    warm_up.start(job)
assert warm_up.wait(300_000)
heavy = ("sqlalchemy", "alembic", "holidays", "reportlab", "pyhanko", "jinja2")
print(json.dumps({"loaded": [m for m in heavy if m in sys.modules],
                  "fonts": sorted(fonts._registered)}))
"""


def test_the_warm_ups_load_what_first_use_needs_and_write_nothing(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env = {
        **os.environ,
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "TRIAGE_DESKTOP_HOME": str(home / "vault"),
        "TMPDIR": str(home),
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    result = subprocess.run(
        [sys.executable, "-c", WARM_ALL],
        check=False,
        capture_output=True,
        text=True,
        env=env,
        cwd=home,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["loaded"] == ["sqlalchemy", "alembic", "holidays", "reportlab", "pyhanko", "jinja2"]
    assert seen["fonts"] == ["TriageCJK", "TriageSans", "TriageSans-Bold"]
    assert sorted(p.name for p in home.rglob("*")) == []  # no vault, no file, no cache
