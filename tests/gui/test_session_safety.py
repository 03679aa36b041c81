"""Idle lock timer, OS screen-lock listener, self-clearing clipboard, off-thread tasks."""

from __future__ import annotations

import os
import shutil
import subprocess
import time

import pytest
from PySide6.QtCore import QPoint, Qt, QThread
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from triage_desktop.gui.idle import IdleWatcher
from triage_desktop.gui.screen_lock import ScreenLockListener
from triage_desktop.gui.secure_clipboard import SecureClipboard
from triage_desktop.gui.stall_meter import StallMeter
from triage_desktop.gui.tasks import TaskRunner


def test_idle_watcher_fires_after_the_timeout(qtbot: QtBot) -> None:
    watcher = IdleWatcher(timeout_ms=150)
    watcher.start()
    started = time.monotonic()
    with qtbot.waitSignal(watcher.idle, timeout=2000):
        pass
    assert time.monotonic() - started >= 0.14
    watcher.stop()


def test_input_postpones_the_idle_lock(qtbot: QtBot) -> None:
    field = QLineEdit()
    qtbot.addWidget(field)
    field.show()
    watcher = IdleWatcher(timeout_ms=400)
    watcher.RESTART_EVERY_S = 0.0
    fired: list[float] = []
    watcher.idle.connect(lambda: fired.append(time.monotonic()))
    watcher.start()
    started = time.monotonic()
    for _ in range(6):  # keep typing for ~0.6 s, longer than the timeout
        qtbot.wait(100)
        qtbot.keyClick(field, Qt.Key.Key_A)
    assert fired == []
    qtbot.waitUntil(lambda: bool(fired), timeout=2000)
    assert fired[0] - started >= 0.9
    watcher.stop()


def test_mouse_movement_counts_as_activity(qtbot: QtBot) -> None:
    field = QLineEdit()
    qtbot.addWidget(field)
    field.show()
    watcher = IdleWatcher(timeout_ms=300)
    watcher.RESTART_EVERY_S = 0.0
    watcher.start()
    qtbot.wait(200)
    qtbot.mouseMove(field, QPoint(5, 5))
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton)
    qtbot.wait(200)
    assert watcher.is_running()
    watcher.stop()


def test_idle_timeout_must_be_positive() -> None:
    with pytest.raises(ValueError, match="positive"):
        IdleWatcher(timeout_ms=0)


@pytest.mark.skipif(
    os.environ.get("TRIAGE_TEST_SECRET_SERVICE") != "1" or not shutil.which("dbus-send"),
    reason="needs the D-Bus session that scripts/test.sh starts",
)
def test_screen_lock_signal_from_dbus_is_heard(qtbot: QtBot) -> None:
    listener = ScreenLockListener()
    assert listener.available()
    with qtbot.waitSignal(listener.screen_locked, timeout=3000):
        subprocess.run(
            [
                "dbus-send",
                "--session",
                "--type=signal",
                "/org/freedesktop/ScreenSaver",
                "org.freedesktop.ScreenSaver.ActiveChanged",
                "boolean:true",
            ],
            check=True,
        )


def test_clipboard_is_cleared_only_if_still_ours(qtbot: QtBot) -> None:
    board = QGuiApplication.clipboard()
    secure = SecureClipboard(clear_after_ms=100)
    secure.copy("DR-2026-0042")
    assert board.text() == "DR-2026-0042"
    assert board.mimeData().data("x-kde-passwordManagerHint").data() == b"secret"
    qtbot.waitUntil(lambda: not secure.pending(), timeout=2000)
    assert board.text() == ""

    secure.copy("DR-2026-0043")
    board.setText("something the officer copied from elsewhere")
    assert secure.clear_if_ours() is False
    assert board.text() == "something the officer copied from elsewhere"
    board.clear()


def test_tasks_run_off_the_gui_thread_and_report_back(qtbot: QtBot) -> None:
    runner = TaskRunner()
    gui_thread = QApplication.instance().thread()
    seen: dict[str, object] = {}

    def work() -> str:
        seen["thread"] = QThread.currentThread()
        time.sleep(0.05)
        return "done"

    results: list[object] = []
    runner.run(work, on_done=results.append)
    qtbot.waitUntil(lambda: results == ["done"], timeout=3000)
    assert seen["thread"] is not gui_thread

    errors: list[BaseException] = []

    def broken() -> None:
        raise ValueError("a clear message")

    runner.run(broken, on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=3000)
    assert str(errors[0]) == "a clear message"
    assert runner.active() == 0
    assert runner.wait_all()


def test_stall_meter_sees_a_blocked_gui_thread(qtbot: QtBot) -> None:
    meter = StallMeter(interval_ms=5)
    meter.start()
    qtbot.wait(30)
    time.sleep(0.12)  # block the GUI thread on purpose
    qtbot.wait(30)
    assert meter.stop() >= 0.1
    meter.start()
    qtbot.wait(100)
    assert meter.stop() < 0.1
