"""What the window shows when the vault could not lock because a last save failed.

Locking never closes the vault over unsaved answers without telling the officer: the screens
are already cleared (nothing of a case is on screen), the answers are kept with the failed save,
and this page says what failed and offers Try again or Lock anyway (which loses them, after a
confirmation). While it shows, the save is tried again every `RETRY_EVERY_MS` by itself, so a
disk that has been given space again finishes the lock with nobody at the laptop.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from triage_desktop.gui.context import UnsavedWork
from triage_desktop.gui.look import make_heading

RETRY_EVERY_MS = 30_000
HEADING = "Not locked yet: your last changes are not saved"


class LockHeldPage(QWidget):
    retry_requested = Signal()
    discard_confirmed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lockHeld")
        self.setAccessibleName("The vault is not locked yet")
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        column = QVBoxLayout()
        self.heading = QLabel(HEADING, self)
        make_heading(self.heading)
        self.heading.setWordWrap(True)
        self.message = QLabel("", self)
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setAccessibleName("Why the vault is not locked")
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)
        self.busy.setAccessibleName("Saving")
        self.busy.hide()
        buttons = QHBoxLayout()
        self.retry_button = QPushButton("&Try again", self)
        self.retry_button.setAccessibleName("Try saving again, then lock")
        self.retry_button.setDefault(True)
        self.discard_button = QPushButton("&Lock anyway and lose these changes…", self)
        self.discard_button.setAccessibleName("Lock anyway and lose the unsaved changes")
        buttons.addWidget(self.retry_button)
        buttons.addWidget(self.discard_button)
        buttons.addStretch(1)
        for widget in (self.heading, self.message, self.busy):
            column.addWidget(widget)
        column.addLayout(buttons)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addLayout(column, 4)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        self.retry_timer = QTimer(self)
        self.retry_timer.setInterval(RETRY_EVERY_MS)
        self.retry_timer.timeout.connect(self.retry_requested)
        self.retry_button.clicked.connect(self.retry_requested)
        self.discard_button.clicked.connect(self.confirm_discard)
        self.confirmation: QMessageBox | None = None

    def show_unsaved(self, unsaved: Sequence[UnsavedWork]) -> None:
        lines = [f"• {item.what} could not be saved. {item.reason}" for item in unsaved]
        self.message.setText(
            "\n".join(lines)
            + "\n\nThe vault stays open behind this screen so that nothing you typed is lost; "
            "nothing of any case is shown. Put right what is named above (for example, free "
            "some disk space), then choose Try again: the vault locks as soon as the changes "
            "are saved. It tries again by itself every half a minute."
        )
        self.set_busy(False)
        self.retry_timer.start()
        self.retry_button.setFocus()

    def set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.retry_button.setEnabled(not busy)
        self.discard_button.setEnabled(not busy)

    def stop(self) -> None:
        self.retry_timer.stop()
        if self.confirmation is not None:
            self.confirmation.reject()
        self.message.clear()

    def confirm_discard(self) -> None:
        """Asked once, window-modal (never a nested event loop a lock could delete under)."""
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Lock and lose the changes?",
            "The changes that could not be saved will be lost when the vault locks. Lock anyway?",
            QMessageBox.StandardButton.Cancel,
            self,
        )
        lose = box.addButton("Lock and lose them", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)

        def answered(_result: int) -> None:
            self.confirmation = None
            if box.clickedButton() is lose:
                self.discard_confirmed.emit()
            box.deleteLater()

        box.finished.connect(answered)
        self.confirmation = box
        box.open()
