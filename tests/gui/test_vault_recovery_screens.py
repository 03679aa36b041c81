"""The vault's recovery paths as the officer meets them on screen: the set-up screen refuses a
guessable passphrase with the same estimate the vault enforces, and an interrupted restore shows
the unlock screen (never first-run set-up) and is finished by the unlock."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.support.typing import type_text
from triage_desktop.gui.app import create_application
from triage_desktop.gui.context import AppContext
from triage_desktop.gui.setup_flow import PAGE_PASSPHRASE, SetupFlow
from triage_desktop.vault.kdf import CHEAP_FOR_TESTS


def test_ten_identical_characters_are_refused_on_the_setup_screen(
    qtbot: QtBot, tmp_path: Path, screenshot_dir: Path
) -> None:
    create_application()
    flow = SetupFlow(AppContext(tmp_path / "vault"), kdf=CHEAP_FOR_TESTS)
    qtbot.addWidget(flow)
    flow.resize(1280, 800)
    flow.show()
    qtbot.waitExposed(flow)
    type_text(flow.name_edit, "Officer Fictional")
    qtbot.mouseClick(flow.next_button, Qt.MouseButton.LeftButton)
    assert flow.pages.currentIndex() == PAGE_PASSPHRASE
    type_text(flow.passphrase_edit, "aaaaaaaaaa")
    type_text(flow.confirm_edit, "aaaaaaaaaa")
    qtbot.mouseClick(flow.next_button, Qt.MouseButton.LeftButton)
    assert flow.pages.currentIndex() == PAGE_PASSPHRASE  # not let through
    assert "too easy to guess" in flow.message.text()
    assert flow.strength_label.text().startswith("Weak")
    assert flow.window().grab().save(str(screenshot_dir / "setup-weak-passphrase.png"))
    assert not (tmp_path / "vault" / "keyslots.json").exists()


def test_an_interrupted_restore_shows_unlock_not_setup_and_finishes_on_unlock(
    qtbot: QtBot, tmp_path: Path, screenshot_dir: Path
) -> None:
    import json
    import os
    import shutil

    from tests.support.vaults import PASSPHRASE, create_vault, details
    from triage_desktop.gui.main_window import MainWindow
    from triage_desktop.paths import RESTORE_JOURNAL

    folder = tmp_path / "vault"
    service, _ = create_vault(folder)
    service.create_case(details())
    service.backup(tmp_path / "backup")
    service.lock()
    # Killed half-way through a restore: the live files moved aside, the backup's not yet in.
    for name in ("vault.db", "keyslots.json"):
        shutil.copyfile(tmp_path / "backup" / name, folder / f".restoring-{name}")
    safety = folder / "safety-copies" / "before-restore-20990101T000000Z"
    safety.mkdir(parents=True)
    for name in ("vault.db", "keyslots.json"):
        os.replace(folder / name, safety / name)
    journal = {"format": 1, "safety": str(safety.relative_to(folder))}
    (folder / RESTORE_JOURNAL).write_text(json.dumps(journal))

    create_application()
    window = MainWindow(vault=str(folder), kdf=CHEAP_FOR_TESTS)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.pages.currentWidget() is window.unlock_screen  # never first-run setup
    assert window.setup_flow is None
    type_text(window.unlock_screen.ui.secretEdit, PASSPHRASE)
    with qtbot.waitSignal(window.vault_unlocked, timeout=15000):
        qtbot.keyClick(window.unlock_screen.ui.secretEdit, Qt.Key.Key_Return)
    assert window.context is not None
    assert window.context.service.count_cases() == 1
    assert not (folder / RESTORE_JOURNAL).exists()
    window.close()
