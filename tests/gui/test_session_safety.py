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

from tests.support.timing import GROSS_STALL_S
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


# Keys 100 ms apart against a 1 s timeout: only a pause ten times longer than planned (not a
# loaded machine's scheduling) could let the idle timer fire while the officer is typing.
IDLE_TIMEOUT_MS, KEY_EVERY_MS, KEYS = 1000, 100, 15


def test_input_postpones_the_idle_lock(qtbot: QtBot) -> None:
    field = QLineEdit()
    qtbot.addWidget(field)
    field.show()
    watcher = IdleWatcher(timeout_ms=IDLE_TIMEOUT_MS)
    watcher.RESTART_EVERY_S = 0.0
    fired: list[float] = []
    watcher.idle.connect(lambda: fired.append(time.monotonic()))
    watcher.start()
    for _ in range(KEYS):  # keep typing for ~1.5 s, longer than the timeout
        qtbot.wait(KEY_EVERY_MS)
        qtbot.keyClick(field, Qt.Key.Key_A)
    last_key = time.monotonic()
    assert fired == []
    qtbot.waitUntil(lambda: bool(fired), timeout=10 * IDLE_TIMEOUT_MS)
    assert fired[0] - last_key >= IDLE_TIMEOUT_MS / 1000 * 0.9  # counted from the last key
    watcher.stop()


def test_mouse_movement_counts_as_activity(qtbot: QtBot) -> None:
    field = QLineEdit()
    qtbot.addWidget(field)
    field.show()
    watcher = IdleWatcher(timeout_ms=IDLE_TIMEOUT_MS)
    watcher.RESTART_EVERY_S = 0.0
    fired: list[bool] = []
    watcher.idle.connect(lambda: fired.append(True))
    watcher.start()
    qtbot.wait(IDLE_TIMEOUT_MS // 2)
    qtbot.mouseMove(field, QPoint(5, 5))
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton)
    qtbot.wait(IDLE_TIMEOUT_MS * 6 // 10)  # past the first deadline: only the mouse reset it
    assert fired == []
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
    time.sleep(GROSS_STALL_S)  # block the GUI thread on purpose
    qtbot.wait(30)
    blocked = meter.stop()
    assert blocked >= GROSS_STALL_S * 0.95
    meter.start()
    qtbot.wait(100)
    assert meter.stop() < blocked / 2  # an idle loop: far from what a block looks like
