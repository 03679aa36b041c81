"""Every background failure reaches the officer, calmly, in the window; the last save before a
lock that fails keeps the vault open and loses nothing; locking never waits on the GUI thread.

Driven through the real main window over real vault files; the disk that fills up is a real
(small) disk: a tmpfs the test mounts (root only, as CI runs), filled with a real file.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from tests.gui.meeting_screen.driver import Driver
from tests.support.readonly import fill, small_disk
from tests.support.typing import type_text
from tests.support.vaults import PASSPHRASE, create_vault, details
from triage_desktop.gui import workspace_warm_up
from triage_desktop.gui.app import create_application
from triage_desktop.gui.context import AppContext
from triage_desktop.gui.main_window import MainWindow
from triage_desktop.gui.meeting_screen.screen import MeetingScreen
from triage_desktop.meeting import Step
from triage_desktop.meeting import schema as m
from triage_desktop.vault.kdf import CHEAP_FOR_TESTS

WHERE = "Library café, second floor — المكتبة"


def open_window(qtbot: QtBot, folder: Path) -> MainWindow:
    create_application()
    window = MainWindow(vault=str(folder), kdf=CHEAP_FOR_TESTS)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    return window


def unlock(qtbot: QtBot, window: MainWindow) -> AppContext:
    type_text(window.unlock_screen.ui.secretEdit, PASSPHRASE)
    with qtbot.waitSignal(window.vault_unlocked, timeout=15000):
        qtbot.keyClick(window.unlock_screen.ui.secretEdit, Qt.Key.Key_Return)
    assert window.context is not None
    qtbot.waitUntil(lambda: window.context.settings is not None, timeout=10000)
    return window.context


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    folder = tmp_path / "vault"
    service, _ = create_vault(folder)
    service.create_case(details())
    service.lock()
    return folder


@pytest.fixture
def full_disk_vault(tmp_path: Path) -> Iterator[Path]:
    """A vault on its own small disk (so the test can fill that disk and nothing else)."""
    with small_disk(tmp_path / "disk", 16 * 1024) as disk:
        folder = disk / "vault"
        service, _ = create_vault(folder)
        service.create_case(details())
        service.lock()
        yield folder


def open_meeting(qtbot: QtBot, window: MainWindow) -> MeetingScreen:
    workspace = window.workspace
    assert workspace is not None
    qtbot.waitUntil(lambda: workspace.case_list.model.rowCount() == 1, timeout=10000)
    case_id = workspace.case_list.model.row_at(0).id
    workspace.open_meeting(case_id)
    meeting = workspace.meeting
    assert isinstance(meeting, MeetingScreen)
    qtbot.waitUntil(lambda: meeting.opened_meeting is not None, timeout=15000)
    return meeting


def stored_where(folder: Path) -> str:
    from triage_desktop.services.session import VaultService

    service = VaultService(folder)
    service.unlock(PASSPHRASE)
    try:
        case_id = service.list_cases()[0].id
        stored = service.load_meeting(case_id)
        return "" if stored is None else str(stored.record.get("values", {}).get(m.WHERE.key, ""))
    finally:
        service.lock()


# -- failures in the notice area ---------------------------------------------------------------


def test_a_failure_with_no_handler_is_a_calm_notice_never_a_traceback(
    qtbot: QtBot, vault: Path, screenshot_dir: Path
) -> None:
    window = open_window(qtbot, vault)
    context = unlock(qtbot, window)
    with qtbot.waitSignal(window.notices.shown, timeout=5000) as shown:
        context.run(lambda service: service.get_case(987_654), what="Opening the case")
    assert shown.args[0].startswith("⚠ Opening the case did not work.")
    assert window.notices.isVisible()

    secret = "Zoë Secret-Name DR-2026-0001"

    def broken(_service: object) -> None:
        raise KeyError(secret)  # an unexpected error whose message quotes case data

    with qtbot.waitSignal(window.notices.shown, timeout=5000) as shown:
        context.run(broken, what="Loading the history")
    text = shown.args[0]
    assert text == (
        "⚠ Loading the history did not work. Something went wrong and nothing was changed. "
        "Please try again."
    )
    assert secret not in " ".join(window.notices.texts())
    assert "Traceback" not in " ".join(window.notices.texts())
    window.grab().save(str(screenshot_dir / "notice-failure.png"))

    # Hidden with everything else by the privacy key; dismissed by its button.
    qtbot.keyClick(window, Qt.Key.Key_F12)
    assert not window.notices.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_F12)
    assert window.notices.isVisible()
    for notice in list(window.notices.notices):
        qtbot.mouseClick(notice.dismiss_button, Qt.MouseButton.LeftButton)
    assert not window.notices.isVisible()
    window.lock()


def test_a_failed_autosave_is_kept_with_try_again_and_saved_once_the_disk_has_room(
    qtbot: QtBot, full_disk_vault: Path, screenshot_dir: Path
) -> None:
    window = open_window(qtbot, full_disk_vault)
    unlock(qtbot, window)
    meeting = open_meeting(qtbot, window)
    drive = Driver(qtbot, meeting)
    drive.page(Step.ACCOUNT).widgets[m.WHERE.key].clear()  # type: ignore[attr-defined]
    filler = fill(full_disk_vault.parent)
    with qtbot.waitSignal(window.notices.shown, timeout=15000) as shown:
        drive.type(Step.ACCOUNT, m.WHERE, WHERE)
    assert "The meeting's answers could not be saved." in shown.args[0]
    assert "is full" in shown.args[0]
    assert "choose Try again" in shown.args[0]
    window.grab().save(str(screenshot_dir / "notice-save-failed.png"))
    notice = window.notices.notices[0]
    assert notice.retry_button is not None

    filler.unlink()
    qtbot.mouseClick(notice.retry_button, Qt.MouseButton.LeftButton)
    assert window.context is not None
    qtbot.waitUntil(lambda: window.context.unsaved() == [], timeout=15000)
    assert window.notices.notices == []  # the notice went: nothing is waiting to be saved
    with qtbot.waitSignal(window.vault_locked, timeout=15000):
        window.lock()
    assert stored_where(full_disk_vault) == WHERE


def test_a_last_save_that_fails_keeps_the_vault_open_until_it_is_saved(
    qtbot: QtBot, full_disk_vault: Path, screenshot_dir: Path
) -> None:
    window = open_window(qtbot, full_disk_vault)
    context = unlock(qtbot, window)
    meeting = open_meeting(qtbot, window)
    drive = Driver(qtbot, meeting)
    drive.page(Step.ACCOUNT).widgets[m.WHERE.key].clear()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: not meeting._dirty and not meeting._saving, timeout=10000)
    filler = fill(full_disk_vault.parent)
    drive.type(Step.ACCOUNT, m.WHERE, WHERE)
    assert meeting._dirty  # inside the autosave delay: only the lock's last save will carry it
    window.lock()  # Ctrl+L
    assert window.pages.currentWidget() is window.unlock_screen  # hidden at once
    assert "Locking" in window.unlock_screen.ui.errorLabel.text()
    assert window.lock_held is None or not window.lock_held.isVisible()
    qtbot.waitUntil(
        lambda: window.lock_held is not None and window.lock_held.isVisible(), timeout=15000
    )
    held = window.lock_held
    assert held is not None
    assert "The meeting's last answers could not be saved." in held.message.text()
    assert "is full" in held.message.text()
    assert context.service.is_unlocked  # not locked over the unsaved answers
    assert window.workspace is not None
    assert not window.workspace.isVisible()
    assert WHERE not in _all_visible_text(window)  # nothing of the case on screen
    window.grab().save(str(screenshot_dir / "lock-held.png"))

    # Closing the window now does not end the app over them either.
    window.close()
    assert window.isVisible()
    assert held.isVisible()

    filler.unlink()
    with qtbot.waitSignal(window.vault_locked, timeout=15000):
        qtbot.mouseClick(held.retry_button, Qt.MouseButton.LeftButton)
    assert not context.service.is_unlocked
    assert window.workspace is None
    assert window.pages.currentWidget() is window.unlock_screen
    assert stored_where(full_disk_vault) == WHERE


def test_lock_anyway_loses_the_unsaved_answers_only_after_asking(
    qtbot: QtBot, full_disk_vault: Path
) -> None:
    window = open_window(qtbot, full_disk_vault)
    context = unlock(qtbot, window)
    meeting = open_meeting(qtbot, window)
    drive = Driver(qtbot, meeting)
    drive.page(Step.ACCOUNT).widgets[m.WHERE.key].clear()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: not meeting._dirty and not meeting._saving, timeout=10000)
    filler = fill(full_disk_vault.parent)
    drive.type(Step.ACCOUNT, m.WHERE, "lost on purpose")
    window.lock()
    qtbot.waitUntil(
        lambda: window.lock_held is not None and window.lock_held.isVisible(), timeout=15000
    )
    held = window.lock_held
    assert held is not None
    qtbot.mouseClick(held.discard_button, Qt.MouseButton.LeftButton)
    box = held.confirmation
    assert isinstance(box, QMessageBox)
    assert "will be lost" in box.text()
    box.button(QMessageBox.StandardButton.Cancel).click()  # changed their mind
    assert context.service.is_unlocked
    qtbot.mouseClick(held.discard_button, Qt.MouseButton.LeftButton)
    box = held.confirmation
    assert isinstance(box, QMessageBox)
    lose = next(b for b in box.buttons() if b.text() == "Lock and lose them")
    with qtbot.waitSignal(window.vault_locked, timeout=15000):
        lose.click()
    assert not context.service.is_unlocked
    filler.unlink()
    assert stored_where(full_disk_vault) != "lost on purpose"


# -- locking: never waits on the GUI thread; dialogs closed first -------------------------------


def test_locking_hides_the_workspace_at_once_and_finishes_when_the_work_drains(
    qtbot: QtBot, vault: Path
) -> None:
    window = open_window(qtbot, vault)
    context = unlock(qtbot, window)
    release = {"go": False}

    def slow(_service: object) -> str:
        deadline = time.monotonic() + 20
        while not release["go"] and time.monotonic() < deadline:
            time.sleep(0.01)
        return "finished"

    context.save(slow, what="A slow save", key="slow")
    context.clipboard.copy("DR-2026-0001")  # copied case text: the lock takes it too
    started = time.perf_counter()
    window.lock()
    returned = time.perf_counter() - started
    assert returned < 2.0  # it did not wait for the running work (that takes seconds)
    assert window.pages.currentWidget() is window.unlock_screen
    assert context.service.is_unlocked  # the vault waits for the work, the screen does not
    qtbot.wait(200)
    assert context.service.is_unlocked
    with qtbot.waitSignal(window.vault_locked, timeout=15000):
        release["go"] = True
    assert not context.service.is_unlocked
    assert window.workspace is None
    assert QGuiApplication.clipboard().text() == ""


def test_locking_closes_the_workspaces_dialogs_first(qtbot: QtBot, vault: Path) -> None:
    window = open_window(qtbot, vault)
    unlock(qtbot, window)
    workspace = window.workspace
    assert workspace is not None
    workspace.open_settings()
    settings = next(d for d in workspace.findChildren(QDialog) if d.isVisible())
    settings_closed: list[int] = []
    settings.finished.connect(settings_closed.append)
    answers: list[object] = []

    def lock_while_asking() -> None:
        window.lock()  # the idle timer firing inside a modal question

    def ask() -> None:
        QTimer.singleShot(100, lock_while_asking)
        answers.append(
            QMessageBox.question(workspace.case_list, "A question", "Still there?")
        )  # a modal exec() inside the workspace

    with qtbot.waitSignal(window.vault_locked, timeout=15000):
        QTimer.singleShot(0, ask)
    assert answers
    assert answers[0] != QMessageBox.StandardButton.Yes
    assert settings_closed == [QDialog.DialogCode.Rejected.value]  # closed before teardown
    assert not _valid(settings) or not settings.isVisible()
    assert window.workspace is None
    assert QApplication.activeModalWidget() is None


def test_the_collector_is_frozen_once_not_at_every_unlock(qtbot: QtBot, vault: Path) -> None:
    first = workspace_warm_up.freeze_long_lived_objects()
    assert workspace_warm_up.freeze_long_lived_objects() is False  # never a second time
    frozen = gc.get_freeze_count()
    window = open_window(qtbot, vault)
    unlock(qtbot, window)
    with qtbot.waitSignal(window.vault_locked, timeout=15000):
        window.lock()
    unlock(qtbot, window)
    assert gc.get_freeze_count() == frozen  # the second unlock froze nothing more
    assert first or frozen > 0
    window.lock()


def _valid(widget: object) -> bool:
    import shiboken6

    return shiboken6.isValid(widget)


def _all_visible_text(window: MainWindow) -> str:
    from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QTextEdit

    texts: list[str] = []
    for kind in (QLabel, QLineEdit, QPlainTextEdit, QTextEdit):
        for widget in window.findChildren(kind):
            if widget.isVisible():
                text = widget.toPlainText() if hasattr(widget, "toPlainText") else widget.text()
                texts.append(text)
    return "\n".join(texts)
