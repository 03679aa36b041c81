"""docs/settings.md, claim by claim, through the real settings dialog over a real vault
(issue 13: every claim true)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from tests.gui.settings.conftest import ScriptedPrompts, make_dialog
from triage_desktop.documents.identity import create_self_issued
from triage_desktop.gui.context import AppContext
from triage_desktop.gui.settings import SettingsDialog
from triage_desktop.gui.settings.documents_page import MAX_PKCS12
from triage_desktop.services.documents_service import DocumentsService


def _setting_entries(dialog: SettingsDialog) -> list[str]:
    rows = dialog.context.service._database().read(
        lambda con: con.execute(
            "SELECT action FROM audit_log WHERE action LIKE 'setting:%' ORDER BY seq"
        ).fetchall()
    )
    return [action for (action,) in rows]


def test_save_writes_only_the_setting_that_changed(
    qtbot: QtBot, open_dialog: SettingsDialog
) -> None:
    before = _setting_entries(open_dialog)
    ui = open_dialog.security.ui
    ui.autoLockSpin.setFocus()
    ui.autoLockSpin.selectAll()
    qtbot.keyClicks(ui.autoLockSpin, "9")
    with qtbot.waitSignal(open_dialog.settings_changed, timeout=10_000) as saved:
        qtbot.keyClick(open_dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert saved.args[0].auto_lock_minutes == 9
    assert open_dialog.context.settings == saved.args[0]  # the one copy, replaced
    assert _setting_entries(open_dialog)[len(before) :] == ["setting:auto_lock_minutes"]


def test_on_save_the_page_with_the_problem_comes_forward_with_its_field(
    qtbot: QtBot, open_dialog: SettingsDialog
) -> None:
    ui = open_dialog.records.ui
    open_dialog.show_page(open_dialog.records)
    ui.retentionSpin.setFocus()
    ui.retentionSpin.selectAll()
    qtbot.keyClicks(ui.retentionSpin, "0")
    open_dialog.show_page(open_dialog.backup)  # the officer moved on
    qtbot.mouseClick(open_dialog.save_button, Qt.MouseButton.LeftButton)
    open_dialog.context.tasks.wait_all()
    assert open_dialog.ui.pageStack.currentWidget() is open_dialog.records
    assert open_dialog.focusWidget() is ui.retentionSpin
    assert ui.retentionError.text().startswith("⚠")


def test_a_pkcs12_file_over_1_mb_is_refused_and_the_certificate_kept(
    qtbot: QtBot, open_dialog: SettingsDialog, prompts: ScriptedPrompts, tmp_path: Path
) -> None:
    assert MAX_PKCS12 == 1_000_000  # "at most 1 MB"
    big = tmp_path / "huge.p12"
    big.write_bytes(b"\0" * (MAX_PKCS12 + 1))
    page = open_dialog.documents
    open_dialog.show_page(page)
    prompts.open_files.append(big)
    qtbot.mouseClick(page.ui.importButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "too large" in page.ui.certificateMessage.text(), timeout=10_000)
    assert page.ui.certificateMessage.text().startswith("⚠")
    assert "No signing certificate yet" in page.ui.subjectValue.text()


def test_known_problem_a_self_signed_import_without_a_chain_shows_as_self_issued(
    qtbot: QtBot, gui_context: AppContext, prompts: ScriptedPrompts, preferences: QSettings
) -> None:
    """docs/settings.md, Known problems: when this fails, the problem is fixed; update the doc."""
    own = create_self_issued("Officer Elsewhere", "DRLRO", "University of Example")
    DocumentsService(gui_context.service).import_identity(own.to_pkcs12(b"pw"), b"pw")
    page = make_dialog(qtbot, gui_context, prompts, preferences).documents
    assert "Officer Elsewhere" in page.ui.subjectValue.text()
    assert "self-issued" in page.ui.subjectValue.text()
    assert page.ui.renewButton.isEnabled()


def test_the_shell_locks_then_restores_and_returns_to_the_unlock_screen(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """Restore, steps 3 and 4: the dialog's request reaches the main window, which locks as it
    always does, asks for the backup's passphrase, restores, and says so on the unlock screen."""
    from PySide6.QtWidgets import QDialogButtonBox

    from tests.gui.test_failures import open_window, unlock
    from tests.support.typing import type_text
    from tests.support.vaults import PASSPHRASE, create_vault, details
    from triage_desktop.gui.settings.restore import RestoreDialog

    folder = tmp_path / "vault"
    service, _ = create_vault(folder)
    kept = service.create_case(details("IN-THE-BACKUP"))
    backup = service.backup(tmp_path / "backup")
    service.create_case(details("AFTER-THE-BACKUP"))
    service.lock()
    window = open_window(qtbot, folder)
    unlock(qtbot, window)
    assert window.workspace is not None
    with qtbot.waitSignal(window.vault_locked, timeout=15_000):
        window.workspace.restore_requested.emit(backup)  # what Settings emits once confirmed
    qtbot.waitUntil(lambda: bool(_visible(window, RestoreDialog)), timeout=10_000)
    restore = _visible(window, RestoreDialog)[0]
    type_text(restore.secret_edit, PASSPHRASE)
    ok = restore.buttons.button(QDialogButtonBox.StandardButton.Ok)
    with qtbot.waitSignal(restore.restored, timeout=30_000):
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is window.unlock_screen
    assert "The backup was restored." in window.unlock_screen.ui.errorLabel.text()
    unlock(qtbot, window)
    assert window.context is not None
    assert [r.reference for r in window.context.service.list_cases()] == [kept.reference]
    with qtbot.waitSignal(window.vault_locked, timeout=15_000):
        window.lock()


def _visible(window: object, kind: type) -> list:  # type: ignore[type-arg]
    return [d for d in window.findChildren(kind) if d.isVisible()]  # type: ignore[attr-defined]
