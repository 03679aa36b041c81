"""The reporter view as a closed room, in the real main window: full screen, no menu or toolbar,
no shortcut or control that leads to another case; F12 still hides it; Escape asks; an idle
read-back hides the screen before it locks; after unlocking, the officer is back in the meeting
at the same step."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from tests.gui.meeting_screen.driver import visible_texts
from tests.support.a11y import interactive_widgets
from tests.support.typing import type_text
from tests.support.vaults import PASSPHRASE, create_vault, details
from triage_desktop.gui.app import create_application
from triage_desktop.gui.main_window import MainWindow
from triage_desktop.gui.meeting_screen.screen import MeetingScreen
from triage_desktop.meeting import Step
from triage_desktop.meeting import schema as m
from triage_desktop.vault.kdf import CHEAP_FOR_TESTS

MARK = "INTERNAL-MARKER-9071"
SHORTCUTS = ("Ctrl+1", "Ctrl+N", "Ctrl+,", "F1", "Ctrl+I", "Ctrl+Q", "Ctrl+PgDown")


def unlocked_window(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    folder = tmp_path / "vault"
    service, _ = create_vault(folder)
    other = service.create_case(details("OTHER-CASE"))
    assert other.reference == "DR-2026-0001"
    service.lock()
    create_application()
    window = MainWindow(vault=str(folder), kdf=CHEAP_FOR_TESTS)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    type_text(window.unlock_screen.ui.secretEdit, PASSPHRASE)
    with qtbot.waitSignal(window.vault_unlocked, timeout=15000):
        qtbot.keyClick(window.unlock_screen.ui.secretEdit, Qt.Key.Key_Return)
    return window


def open_meeting(qtbot: QtBot, window: MainWindow) -> MeetingScreen:
    assert window.context is not None
    assert window.workspace is not None
    case = window.context.service.create_case(details(reporter="Zoë Ångström"))
    window.workspace.open_meeting(case.id)
    screen = window.workspace.meeting
    assert isinstance(screen, MeetingScreen)
    qtbot.waitUntil(lambda: screen.opened_meeting is not None, timeout=15000)
    return screen


def press(qtbot: QtBot, window: MainWindow, sequence: str) -> None:
    from PySide6.QtGui import QKeySequence

    combination = QKeySequence(sequence)[0]
    target = QApplication.focusWidget() or window
    qtbot.keyClick(target, combination.key(), combination.keyboardModifiers())


def test_the_reporter_view_is_a_closed_room(
    qtbot: QtBot, tmp_path: Path, screenshot_dir: Path
) -> None:
    window = unlocked_window(qtbot, tmp_path)
    screen = open_meeting(qtbot, window)
    page = screen.page_for(Step.ACCOUNT)
    type_text(page.widgets[m.OFFICER_SUMMARY.key], MARK)  # type: ignore[union-attr]
    assert window.menuBar().isVisible()

    press(qtbot, window, "F8")
    assert screen.in_reporter_view()
    assert window.presenting
    assert window.windowState() & Qt.WindowState.WindowFullScreen
    assert not window.menuBar().isVisible()
    assert not window.toolbar.isVisible()
    assert not screen.step_list.isVisibleTo(window)
    # Nothing to click that leads elsewhere: no button, list or field is on screen.
    assert interactive_widgets(window) == []
    # No shortcut leads elsewhere either: each window action but F12 and locking is off.
    for action in window.actions():
        if action not in (window.privacy_action, window.lock_action):
            assert not action.isEnabled(), action.text()
    for sequence in SHORTCUTS:
        press(qtbot, window, sequence)
        assert QApplication.activeModalWidget() is None, sequence
        assert screen.in_reporter_view(), sequence
        shown = visible_texts(window)
        assert not [t for t in shown if MARK in t or "DR-2026-0001" in t or "OTHER-CASE" in t]
    assert any("Your options" in t for t in visible_texts(window))
    # the officer scrolls the text with the keyboard
    bar = screen.reporter_view.scroller.verticalScrollBar()
    window.resize(1100, 680)
    qtbot.wait(50)
    if bar.maximum() > 0:
        before = bar.value()
        qtbot.keyClick(screen.reporter_view.scroller, Qt.Key.Key_PageDown)
        assert bar.value() > before
        qtbot.keyClick(screen.reporter_view.scroller, Qt.Key.Key_Home)
    for size in ((1280, 800), (1100, 680)):
        window.resize(*size)
        qtbot.wait(50)
        window.grab().save(str(screenshot_dir / f"reporter-view-{size[0]}x{size[1]}.png"))

    # F12 still hides everything, and brings the reporter view back, still closed
    press(qtbot, window, "F12")
    assert window.privacy_on()
    assert not window.menuBar().isVisible()
    press(qtbot, window, "F12")
    assert not window.privacy_on()
    assert screen.in_reporter_view()
    assert not window.menuBar().isVisible()

    # Escape asks first; only a yes returns to the officer's view
    def answer(button: QMessageBox.StandardButton) -> None:
        def click() -> None:
            box = QApplication.activeModalWidget()
            if isinstance(box, QMessageBox):
                box.button(button).click()
            else:
                QTimer.singleShot(20, click)

        QTimer.singleShot(0, click)

    answer(QMessageBox.StandardButton.No)
    qtbot.keyClick(screen.reporter_view.scroller, Qt.Key.Key_Escape)
    assert screen.in_reporter_view()
    answer(QMessageBox.StandardButton.Yes)
    qtbot.keyClick(screen.reporter_view.scroller, Qt.Key.Key_Escape)
    assert not screen.in_reporter_view()
    assert not window.presenting
    assert window.menuBar().isVisible()
    assert all(a.isEnabled() for a in (window.about_action, window.workspace.cases_action))
    window.lock()


def test_an_idle_read_back_hides_the_screen_first_and_locks_later(
    qtbot: QtBot, tmp_path: Path
) -> None:
    window = unlocked_window(qtbot, tmp_path)
    open_meeting(qtbot, window)
    press(qtbot, window, "F8")
    assert window.presenting
    assert window.idle is not None
    window.read_back_lock.setInterval(300)
    window.idle.idle.emit()  # five minutes without input, during the read-back
    assert window.privacy_on()
    assert window.is_unlocked()  # not locked over the reporter's read-back
    qtbot.waitUntil(lambda: not window.is_unlocked(), timeout=10000)  # the grace period ends
    assert window.pages.currentWidget() is window.unlock_screen
    assert not window.presenting


def test_outside_the_reporter_view_idleness_locks_at_once(qtbot: QtBot, tmp_path: Path) -> None:
    window = unlocked_window(qtbot, tmp_path)
    open_meeting(qtbot, window)
    assert window.idle is not None
    with qtbot.waitSignal(window.vault_locked, timeout=15000):
        window.idle.idle.emit()
    assert not window.is_unlocked()


def test_after_unlocking_the_officer_is_back_in_the_meeting_at_the_same_step(
    qtbot: QtBot, tmp_path: Path
) -> None:
    window = unlocked_window(qtbot, tmp_path)
    screen = open_meeting(qtbot, window)
    case_id = screen.case_id
    screen.step_list.setCurrentRow(m.STEPS.index(Step.RISK))
    assert screen.meeting.current_step is Step.RISK
    with qtbot.waitSignal(window.vault_locked, timeout=15000):
        window.lock()
    assert window.workspace is None
    type_text(window.unlock_screen.ui.secretEdit, PASSPHRASE)
    with qtbot.waitSignal(window.vault_unlocked, timeout=15000):
        qtbot.keyClick(window.unlock_screen.ui.secretEdit, Qt.Key.Key_Return)
    assert window.workspace is not None
    again = window.workspace.meeting
    assert isinstance(again, MeetingScreen)
    assert again.case_id == case_id
    qtbot.waitUntil(lambda: again.opened_meeting is not None, timeout=15000)
    assert again.meeting.current_step is Step.RISK
    assert window.workspace.stack.currentWidget() is again
    window.lock()
