"""The window's notice area: background failures, said calmly, where the officer will see them.

Every `AppContext.failed` ends here (and uncaught exceptions, through the diagnostic log's hook):
what failed and what to do, in words with a warning sign (never colour alone), with Try again when
the work was kept and Dismiss. A notice with the same key replaces the earlier one;
`AppContext.resolved` takes one away when a later save succeeded. Screen readers hear each new
notice (an accessibility Alert event). The area sits inside the window's pages, so the privacy
screen hides it with everything else.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import NamedTuple

import shiboken6
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

MARK = "⚠"
MAX_SHOWN = 4  # the newest few; older ones go (each said the same kind of thing)


class Failure(NamedTuple):
    """A failure for the notice area: one calm paragraph saying what failed and what to do.
    (A NamedTuple, not a dataclass: importing dataclasses cost ~2.4 ms before the first window.)"""

    text: str
    key: Hashable | None = None  # a later notice with the same key replaces this one
    retry: Callable[[], None] | None = None  # "Try again", when the work is kept


class Notice(QFrame):
    def __init__(self, failure: Failure, parent: QWidget) -> None:
        super().__init__(parent)
        self.failure = failure
        self.setObjectName("notice")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 6, 6, 6)
        self.label = QLabel(f"{MARK} {failure.text}", self)
        self.label.setWordWrap(True)
        self.label.setAccessibleName("Notice")
        from PySide6.QtCore import Qt  # not at import: see NoticeArea.post

        self.label.setTextFormat(Qt.TextFormat.PlainText)
        row.addWidget(self.label, 1)
        self.retry_button: QPushButton | None = None
        if failure.retry is not None:
            self.retry_button = QPushButton("&Try again", self)
            self.retry_button.setAccessibleName("Try again")
            row.addWidget(self.retry_button)
        self.dismiss_button = QPushButton("Dismiss", self)
        self.dismiss_button.setAccessibleName("Dismiss this notice")
        row.addWidget(self.dismiss_button)

    def text(self) -> str:
        return self.label.text()


class NoticeBar(QWidget):
    """Notices, newest first; hidden when there is none."""

    shown = Signal(str)  # the text of a notice just shown (tests wait on it)
    _post = Signal(object)  # any thread may post; the notice is built on the GUI thread

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noticeBar")
        self.setAccessibleName("Notices")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(8, 6, 8, 0)
        self._layout.setSpacing(4)
        self.notices: list[Notice] = []
        self.suppressed = False  # the reporter view: kept, shown when the officer is back
        self._connect_lock = threading.Lock()
        self._connected = False
        self.hide()

    def post(self, failure: Failure) -> None:
        """Thread-safe: show `failure` as soon as the GUI thread gets to it."""
        with self._connect_lock:
            if not self._connected:
                # Connected at the first notice, not at start-up: importing Qt's enum
                # namespace costs ~40 ms before the first window (benchmarks/startup.py).
                from PySide6.QtCore import Qt

                self._post.connect(self.show_failure, Qt.ConnectionType.QueuedConnection)
                self._connected = True
        self._post.emit(failure)

    def show_failure(self, failure: Failure) -> None:
        if failure.key is not None:
            self.withdraw(failure.key)
        notice = Notice(failure, self)
        notice.dismiss_button.clicked.connect(lambda: self._remove(notice))
        if notice.retry_button is not None and failure.retry is not None:
            retry: Callable[[], None] = failure.retry
            notice.retry_button.clicked.connect(lambda: self._retry(notice, retry))
        self._layout.insertWidget(0, notice)
        self.notices.insert(0, notice)
        for old in self.notices[MAX_SHOWN:]:
            self._remove(old)
        self.setVisible(not self.suppressed)
        # Imported here: QAccessible's enums (~100 of them) cost ~40 ms of start-up otherwise.
        from PySide6.QtGui import QAccessible, QAccessibleEvent

        QAccessible.updateAccessibility(QAccessibleEvent(notice.label, QAccessible.Event.Alert))
        self.shown.emit(notice.text())

    def set_suppressed(self, suppressed: bool) -> None:
        self.suppressed = suppressed
        self.setVisible(not suppressed and bool(self.notices))

    def withdraw(self, key: Hashable) -> None:
        for notice in list(self.notices):
            if notice.failure.key == key:
                self._remove(notice)

    def clear(self) -> None:
        for notice in list(self.notices):
            self._remove(notice)

    def texts(self) -> list[str]:
        return [notice.text() for notice in self.notices]

    def _retry(self, notice: Notice, retry: Callable[[], None]) -> None:
        self._remove(notice)  # a failure again brings a fresh notice
        retry()

    def _remove(self, notice: Notice) -> None:
        if notice in self.notices:
            self.notices.remove(notice)
        if shiboken6.isValid(notice):
            self._layout.removeWidget(notice)
            notice.hide()
            notice.deleteLater()
        if not self.notices:
            self.hide()
