"""Change the passphrase in Settings, through the real page over a real vault: the current
passphrase or the recovery key first, the strength meter, refusals beside the fields, the key
derivation on a worker; afterwards only the new passphrase unlocks (the recovery key still does).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.support.typing import type_text
from tests.support.vaults import PASSPHRASE, create_vault
from triage_desktop.gui.context import AppContext
from triage_desktop.gui.settings import SettingsDialog
from triage_desktop.gui.settings.passphrase_page import CHANGED, PassphrasePage
from triage_desktop.gui.stall_meter import StallMeter
from triage_desktop.services.errors import WrongPassphrase
from triage_desktop.services.session import VaultService

NEW = "harbour violet slowly compass"


def page_of(dialog: SettingsDialog) -> PassphrasePage:
    dialog.show_page(dialog.passphrase)
    assert dialog.passphrase.isVisible()
    return dialog.passphrase


def fill(page: PassphrasePage, current: str, new: str, again: str | None = None) -> None:
    for edit, text in (
        (page.ui.currentEdit, current),
        (page.ui.newEdit, new),
        (page.ui.confirmEdit, new if again is None else again),
    ):
        edit.clear()
        type_text(edit, text)


def unlocks(folder: Path, passphrase: str) -> bool:
    service = VaultService(folder)
    try:
        service.unlock(passphrase)
    except WrongPassphrase:
        return False
    service.lock()
    return True


def test_the_passphrase_is_changed_from_settings_and_only_the_new_one_opens(
    qtbot: QtBot, open_dialog: SettingsDialog, screenshot_dir: Path
) -> None:
    context = open_dialog.context
    page = page_of(open_dialog)
    type_text(page.ui.newEdit, "short")
    assert page.ui.strengthLabel.text().startswith("Too short")
    assert page.ui.strengthBar.value() == 0
    fill(page, PASSPHRASE, NEW)
    assert page.ui.strengthLabel.text().split(".")[0] in {"Good", "Strong"}
    open_dialog.grab().save(str(screenshot_dir / "settings-passphrase-filled.png"))
    meter = StallMeter(interval_ms=5)
    meter.start()
    started = time.perf_counter()
    qtbot.mouseClick(page.ui.changeButton, Qt.MouseButton.LeftButton)
    assert time.perf_counter() - started < 1.0  # the key derivation is not on this thread
    assert page.ui.changeProgress.isVisible()
    assert page.ui.currentEdit.text() == ""  # the secret left the field at once
    qtbot.waitUntil(lambda: page.ui.passphraseStatus.text() == CHANGED, timeout=20000)
    assert meter.stop() < 1.0  # no blocking of the GUI thread a person would notice
    assert not page.ui.changeProgress.isVisible()
    assert page.ui.newEdit.text() == "" and page.ui.confirmEdit.text() == ""  # noqa: PT018
    open_dialog.grab().save(str(screenshot_dir / "settings-passphrase-changed.png"))
    context.tasks.wait_all()
    folder = context.service.folder
    context.service.lock()
    assert unlocks(folder, NEW)
    assert not unlocks(folder, PASSPHRASE)


@pytest.mark.parametrize(
    "case",
    [
        ("", NEW, NEW, "Type your current passphrase first.", "currentEdit"),
        (PASSPHRASE, "aaaaaaaaaaaa", "aaaaaaaaaaaa", "too easy to guess", "newEdit"),
        (PASSPHRASE, "short", "short", "at least 10 characters", "newEdit"),
        (PASSPHRASE, NEW, NEW + "!", "not the same", "confirmEdit"),
        (PASSPHRASE, PASSPHRASE, PASSPHRASE, "same as the current one", "newEdit"),
    ],
    ids=["no-current", "guessable", "short", "mismatch", "unchanged"],
)
def test_a_new_passphrase_that_will_not_do_is_refused_beside_the_fields(
    qtbot: QtBot, open_dialog: SettingsDialog, case: tuple[str, str, str, str, str]
) -> None:
    current, new, again, words, field = case
    page = page_of(open_dialog)
    if current:
        fill(page, current, new, again)
    else:
        fill(page, "x", new, again)
        page.ui.currentEdit.clear()
    qtbot.mouseClick(page.ui.changeButton, Qt.MouseButton.LeftButton)
    assert page.ui.passphraseError.isVisible()
    assert words in page.ui.passphraseError.text()
    assert page.ui.passphraseError.text().startswith("⚠ ")
    assert open_dialog.focusWidget() is getattr(page.ui, field)
    open_dialog.context.tasks.wait_all()
    folder = open_dialog.context.service.folder
    open_dialog.context.service.lock()
    assert unlocks(folder, PASSPHRASE)  # nothing changed


def test_a_wrong_current_passphrase_changes_nothing(
    qtbot: QtBot, open_dialog: SettingsDialog
) -> None:
    page = page_of(open_dialog)
    fill(page, "not my passphrase at all", NEW)
    qtbot.mouseClick(page.ui.changeButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(page.ui.passphraseError.isVisible, timeout=20000)
    assert "That is not the current passphrase. Nothing was changed." in (
        page.ui.passphraseError.text()
    )
    assert page.ui.newEdit.text() == NEW  # kept, to try again with the right current one
    context = open_dialog.context
    folder = context.service.folder
    context.tasks.wait_all()
    context.service.lock()
    assert unlocks(folder, PASSPHRASE)
    assert not unlocks(folder, NEW)


def test_the_recovery_key_stands_in_for_a_forgotten_passphrase(
    qtbot: QtBot, gui_context: AppContext, tmp_path: Path
) -> None:
    from tests.gui.settings.conftest import ScriptedPrompts, make_dialog

    folder = tmp_path / "forgotten"
    service, recovery = create_vault(folder, use_keychain=False)
    service.lock()
    service.unlock_with_recovery_key(recovery)  # what the unlock screen does
    context = AppContext(folder, service=service)
    from PySide6.QtCore import QSettings

    dialog = make_dialog(
        qtbot,
        context,
        ScriptedPrompts(),
        QSettings(str(tmp_path / "p.ini"), QSettings.Format.IniFormat),
    )
    page = page_of(dialog)
    page.ui.useRecoveryCheck.setFocus()
    qtbot.keyClick(page.ui.useRecoveryCheck, Qt.Key.Key_Space)
    assert page.ui.currentLabel.text() == "Rec&overy key"
    assert page.ui.currentEdit.accessibleName() == "Recovery key"
    fill(page, "AAAA-BBBB", NEW)  # mistyped: caught by its checksum
    qtbot.mouseClick(page.ui.changeButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(page.ui.passphraseError.isVisible, timeout=20000)
    assert "Nothing was changed." in page.ui.passphraseError.text()
    fill(page, recovery.replace("-", " "), NEW)
    qtbot.mouseClick(page.ui.changeButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.ui.passphraseStatus.text() == CHANGED, timeout=20000)
    context.tasks.wait_all()
    service.lock()
    assert unlocks(folder, NEW)
    assert not unlocks(folder, PASSPHRASE)
    service.unlock_with_recovery_key(recovery)  # the recovery key is unchanged
    service.lock()


def test_locking_or_closing_takes_the_secrets_out_of_the_fields(
    qtbot: QtBot, open_dialog: SettingsDialog
) -> None:
    page = page_of(open_dialog)
    fill(page, PASSPHRASE, NEW)
    open_dialog.context.locked.emit()
    assert [page.ui.currentEdit.text(), page.ui.newEdit.text(), page.ui.confirmEdit.text()] == [
        "",
        "",
        "",
    ]
