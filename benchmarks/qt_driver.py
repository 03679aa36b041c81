"""Waiting on a real event loop and answering a modal dialog, for the GUI benchmarks."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QMessageBox

STALL_BUDGET_S = 0.050  # DESIGN.md: the GUI thread never blocks more than 50 ms


def wait_for(condition: Callable[[], bool], timeout_s: float = 60.0) -> None:
    """Spin one event loop until `condition()`; never busy-waits with processEvents."""
    if condition():
        return
    loop = QEventLoop()
    poll = QTimer()
    poll.setInterval(2)
    poll.timeout.connect(lambda: loop.quit() if condition() else None)
    deadline = QTimer()
    deadline.setSingleShot(True)
    deadline.timeout.connect(loop.quit)
    poll.start()
    deadline.start(int(timeout_s * 1000))
    loop.exec()
    poll.stop()
    deadline.stop()
    if not condition():
        raise TimeoutError(f"the app did not get there within {timeout_s:.0f} s")


def answer_next_dialog(button: QMessageBox.StandardButton) -> None:
    """Press `button` on the next message box that opens (as the officer would)."""

    def press() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            chosen = box.button(button)
            if isinstance(chosen, QAbstractButton):
                chosen.click()
                return
        QTimer.singleShot(10, press)

    QTimer.singleShot(0, press)
