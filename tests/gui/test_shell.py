"""First run, unlock and locking, driven through the real widgets over real vault files."""

from __future__ import annotations

from pathlib import Path

import keyring
import pytest
from keyring.backends import fail
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from tests.support.typing import type_text
from tests.support.vaults import PASSPHRASE, create_vault
from triage_desktop.gui.app import create_application
from triage_desktop.gui.context import AppContext
from triage_desktop.gui.main_window import MainWindow
from triage_desktop.gui.setup_flow import (
    PAGE_CERTIFICATE,
    PAGE_KEYCHAIN,
    PAGE_PASSPHRASE,
    PAGE_RECOVERY,
    SetupFlow,
)
from triage_desktop.vault.kdf import CHEAP_FOR_TESTS


def grab(widget: QWidget, folder: Path, name: str) -> None:
    top = widget.window()
    top.resize(1280, 800)
    assert top.grab().save(str(folder / name))


def make_flow(qtbot: QtBot, folder: Path) -> SetupFlow:
    create_application()
    context = AppContext(folder)
    flow = SetupFlow(context, kdf=CHEAP_FOR_TESTS)
    qtbot.addWidget(flow)
    flow.resize(1280, 800)
    flow.show()
    qtbot.waitExposed(flow)
    return flow


def test_first_run_creates_the_vault_and_shows_the_recovery_key_once(
    qtbot: QtBot, tmp_path: Path, screenshot_dir: Path
) -> None:
    folder = tmp_path / "vault"
    flow = make_flow(qtbot, folder)
    type_text(flow.name_edit, "Zoë Ångström")
    flow.role_combo.setCurrentIndex(1)
    grab(flow, screenshot_dir, "setup-1-profile.png")
    qtbot.mouseClick(flow.next_button, Qt.MouseButton.LeftButton)
    assert flow.pages.currentIndex() == PAGE_PASSPHRASE

    type_text(flow.passphrase_edit, "short")
    qtbot.mouseClick(flow.next_button, Qt.MouseButton.LeftButton)
    assert "at least 10" in flow.message.text()
    assert flow.strength_label.text().startswith("Too short")
    flow.passphrase_edit.clear()
    type_text(flow.passphrase_edit, "maple lantern quietly orbit")
    type_text(flow.confirm_edit, "maple lantern quietly orbiT")
    qtbot.mouseClick(flow.next_button, Qt.MouseButton.LeftButton)
    assert "not the same" in flow.message.text()
    flow.confirm_edit.clear()
    type_text(flow.confirm_edit, "maple lantern quietly orbit")
    assert flow.strength_label.text().split(".")[0] in {"Good", "Strong"}
    grab(flow, screenshot_dir, "setup-2-passphrase.png")
    qtbot.mouseClick(flow.next_button, Qt.MouseButton.LeftButton)
    assert flow.pages.currentIndex() == PAGE_KEYCHAIN

    qtbot.waitUntil(flow.keychain_check.isVisible, timeout=5000)
    assert "available" in flow._keychain_page.intro.text()
    grab(flow, screenshot_dir, "setup-3-keychain.png")
    qtbot.mouseClick(flow.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: flow.pages.currentIndex() == PAGE_RECOVERY, timeout=15000)
    recovery = flow.recovery_label.text()
    assert recovery.count("-") >= 5
    assert flow.passphrase_edit.text() == ""  # the passphrase left the widgets
    grab(flow, screenshot_dir, "setup-4-recovery-key.png")

    type_text(flow.confirm_group_edit, "WRONG1")
    qtbot.mouseClick(flow.next_button, Qt.MouseButton.LeftButton)
    assert "not the right part" in flow.message.text()
    flow.confirm_group_edit.clear()
    group = recovery.split("-")[flow._confirm_group - 1]
    type_text(flow.confirm_group_edit, group.lower())  # case does not matter
    qtbot.mouseClick(flow.next_button, Qt.MouseButton.LeftButton)
    assert flow.pages.currentIndex() == PAGE_CERTIFICATE
    assert flow.recovery_label.text() == recovery
    grab(flow, screenshot_dir, "setup-5-certificate.png")

    with qtbot.waitSignal(flow.finished, timeout=15000):
        qtbot.mouseClick(flow.next_button, Qt.MouseButton.LeftButton)
    assert flow.recovery_label.text() == ""  # shown once, then gone
    service = flow.context.service
    assert service.is_unlocked
    assert "InMemoryKeyring" in service.keychain_backend()
    assert service.load_signing_identity() is not None
    service.lock()
    service.unlock_with_recovery_key(recovery)  # the key shown really opens the vault
    service.lock()


def test_without_a_keychain_the_officer_must_choose_passphrase_only(
    qtbot: QtBot, tmp_path: Path
) -> None:
    keyring.set_keyring(fail.Keyring())
    flow = make_flow(qtbot, tmp_path / "vault")
    type_text(flow.name_edit, "Officer Fictional")
    flow.next_button.click()
    type_text(flow.passphrase_edit, "maple lantern quietly orbit")
    type_text(flow.confirm_edit, "maple lantern quietly orbit")
    flow.next_button.click()
    qtbot.waitUntil(flow.passphrase_only.isVisible, timeout=5000)
    assert "No secure keychain" in flow._keychain_page.intro.text()
    assert not flow.keychain_check.isVisible()
    flow.next_button.click()
    assert "passphrase-only" in flow.message.text()
    assert flow.pages.currentIndex() == PAGE_KEYCHAIN  # nothing was created silently
    assert not (tmp_path / "vault" / "keyslots.json").exists()
    flow.passphrase_only.setChecked(True)
    flow.next_button.click()
    qtbot.waitUntil(lambda: flow.pages.currentIndex() == PAGE_RECOVERY, timeout=15000)
    assert "passphrase" in flow.context.service.keychain_backend().lower()
    flow.context.service.lock()


@pytest.fixture
def locked_vault(tmp_path: Path) -> Path:
    folder = tmp_path / "vault"
    service, _recovery = create_vault(folder)
    service.lock()
    return folder


def open_window(qtbot: QtBot, folder: Path) -> MainWindow:
    create_application()
    window = MainWindow(vault=str(folder), kdf=CHEAP_FOR_TESTS)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_wrong_passphrase_is_explained_and_nothing_loads(
    qtbot: QtBot, locked_vault: Path, screenshot_dir: Path
) -> None:
    window = open_window(qtbot, locked_vault)
    screen = window.unlock_screen
    assert window.pages.currentWidget() is screen
    assert window.context is None  # nothing of the vault is loaded before unlock
    type_text(screen.ui.secretEdit, "not my passphrase")
    qtbot.keyClick(screen.ui.secretEdit, Qt.Key.Key_Return)
    assert screen.ui.secretEdit.text() == ""
    qtbot.waitUntil(lambda: "does not open" in screen.ui.errorLabel.text(), timeout=10000)
    assert not window.is_unlocked()
    grab(window, screenshot_dir, "unlock-wrong-passphrase.png")


def test_unlock_then_lock_on_demand_and_by_idle_timer(
    qtbot: QtBot, locked_vault: Path, screenshot_dir: Path
) -> None:
    window = open_window(qtbot, locked_vault)
    grab(window, screenshot_dir, "unlock.png")
    type_text(window.unlock_screen.ui.secretEdit, PASSPHRASE)
    with qtbot.waitSignal(window.vault_unlocked, timeout=15000):
        qtbot.keyClick(window.unlock_screen.ui.secretEdit, Qt.Key.Key_Return)
    assert window.is_unlocked()
    assert window.lock_action.isEnabled()
    with qtbot.waitSignal(window.vault_locked, timeout=5000):
        window.lock_action.trigger()
    assert not window.context.service.is_unlocked
    assert window.workspace is None
    assert window.pages.currentWidget() is window.unlock_screen

    type_text(window.unlock_screen.ui.secretEdit, PASSPHRASE)
    with qtbot.waitSignal(window.vault_unlocked, timeout=15000):
        qtbot.keyClick(window.unlock_screen.ui.secretEdit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.context.tasks.active() == 0, timeout=10000)  # settings in
    window.idle.set_timeout(300)
    window.idle.start()
    with qtbot.waitSignal(window.vault_locked, timeout=5000):
        pass
    assert not window.context.service.is_unlocked
    assert window.workspace is None


def test_recovery_key_unlocks_when_the_passphrase_is_forgotten(
    qtbot: QtBot, tmp_path: Path
) -> None:
    folder = tmp_path / "vault"
    service, recovery = create_vault(folder)
    service.lock()
    window = open_window(qtbot, folder)
    screen = window.unlock_screen
    qtbot.mouseClick(screen.ui.switchButton, Qt.MouseButton.LeftButton)
    assert screen.ui.secretEdit.accessibleName() == "Recovery key"
    type_text(screen.ui.secretEdit, "AAAA-BBBB")  # mistyped: caught by the checksum
    qtbot.keyClick(screen.ui.secretEdit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.ui.errorLabel.text() != "", timeout=10000)
    assert not window.is_unlocked()
    type_text(screen.ui.secretEdit, recovery.replace("-", " "))
    with qtbot.waitSignal(window.vault_unlocked, timeout=15000):
        qtbot.keyClick(screen.ui.secretEdit, Qt.Key.Key_Return)
    window.lock()


def test_setup_and_unlock_screens_are_keyboard_walkable_and_named(
    qtbot: QtBot, tmp_path: Path, locked_vault: Path
) -> None:
    from tests.support.a11y import check_keyboard_and_names

    flow = make_flow(qtbot, tmp_path / "fresh")
    assert check_keyboard_and_names(qtbot, flow, flow.name_edit) == []
    window = open_window(qtbot, locked_vault)
    screen = window.unlock_screen
    assert check_keyboard_and_names(qtbot, screen, screen.ui.secretEdit) == []


def test_whole_main_window_is_keyboard_walkable_with_names(
    qtbot: QtBot, locked_vault: Path, screenshot_dir: Path
) -> None:
    """Tab reaches every control of each workspace screen, and each has a spoken name."""
    from tests.support.a11y import check_keyboard_and_names
    from tests.support.vaults import details

    service, _ = create_vault(locked_vault.parent / "walk")
    for name in ("Zoë Ångström", "محمد الأحمد", "张伟"):
        service.create_case(details(reporter=name))
    service.lock()
    window = open_window(qtbot, locked_vault.parent / "walk")
    type_text(window.unlock_screen.ui.secretEdit, PASSPHRASE)
    with qtbot.waitSignal(window.vault_unlocked, timeout=15000):
        qtbot.keyClick(window.unlock_screen.ui.secretEdit, Qt.Key.Key_Return)
    workspace = window.workspace
    assert workspace is not None
    qtbot.waitUntil(lambda: workspace.case_list.model.rowCount() == 3, timeout=10000)
    grab(window, screenshot_dir, "main-window-cases.png")
    assert window.windowTitle() == "Triage Desk"  # never a case detail in the title
    problems = check_keyboard_and_names(qtbot, workspace.case_list, workspace.case_list)
    assert problems == []

    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert workspace.stack.currentWidget() is workspace.intake
    qtbot.waitUntil(lambda: workspace.intake.behaviour_list.count() > 0, timeout=10000)
    problems = check_keyboard_and_names(qtbot, workspace.intake, workspace.intake.source_combo)
    assert problems == []
    qtbot.keyClick(workspace.intake.reporter_name, Qt.Key.Key_Escape)
    assert workspace.stack.currentWidget() is workspace.case_list

    case_id = workspace.case_list.model.row_at(0).id
    with qtbot.waitSignal(workspace.case_view.shown, timeout=10000):
        workspace.show_case(case_id)
    problems = check_keyboard_and_names(qtbot, workspace.case_view, workspace.case_view.back_button)
    assert problems == []
    grab(window, screenshot_dir, "main-window-case-view.png")
    window.lock()


def test_first_run_in_the_main_window_ends_in_the_unlocked_workspace(
    qtbot: QtBot, tmp_path: Path
) -> None:
    window = open_window(qtbot, tmp_path / "new-vault")
    qtbot.waitUntil(lambda: window.setup_flow is not None, timeout=5000)
    flow = window.setup_flow
    assert flow is not None
    assert window.pages.currentWidget() is flow
    type_text(flow.name_edit, "Officer Fictional")
    flow.next_button.click()
    type_text(flow.passphrase_edit, "maple lantern quietly orbit")
    type_text(flow.confirm_edit, "maple lantern quietly orbit")
    flow.next_button.click()
    qtbot.waitUntil(flow.keychain_check.isVisible, timeout=5000)
    flow.next_button.click()
    qtbot.waitUntil(lambda: flow.pages.currentIndex() == PAGE_RECOVERY, timeout=15000)
    group = flow.recovery_label.text().split("-")[flow._confirm_group - 1]
    type_text(flow.confirm_group_edit, group)
    flow.next_button.click()
    flow.later_cert.setChecked(True)
    with qtbot.waitSignal(window.vault_unlocked, timeout=15000):
        flow.next_button.click()
    assert window.is_unlocked()
    assert window.setup_flow is None
    assert window.workspace is not None
    assert window.pages.currentWidget() is window.workspace
    window.lock()
    assert (tmp_path / "new-vault" / "keyslots.json").is_file()


def test_the_case_view_opens_the_meeting(qtbot: QtBot, locked_vault: Path) -> None:
    from tests.support.vaults import details
    from triage_desktop.gui.meeting_screen.screen import MeetingScreen

    window = open_window(qtbot, locked_vault)
    type_text(window.unlock_screen.ui.secretEdit, PASSPHRASE)
    with qtbot.waitSignal(window.vault_unlocked, timeout=15000):
        qtbot.keyClick(window.unlock_screen.ui.secretEdit, Qt.Key.Key_Return)
    workspace = window.workspace
    assert workspace is not None
    case = window.context.service.create_case(details())
    with qtbot.waitSignal(workspace.case_view.shown, timeout=10000):
        workspace.show_case(case.id)
    button = workspace.case_view.meeting_button
    assert button.isVisibleTo(workspace.case_view)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert isinstance(workspace.stack.currentWidget(), MeetingScreen)
    window.lock()
