"""The unlock screen. It only collects the secret and shows progress and problems; the main
window runs the key derivation on a worker thread, so the screen stays responsive."""

from __future__ import annotations

import math

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QLineEdit, QWidget

from triage_desktop.gui.generated.ui_unlock import Ui_UnlockScreen
from triage_desktop.gui.look import app_icon, make_heading

PASSPHRASE = "passphrase"  # noqa: S105 - a mode name
RECOVERY_KEY = "recovery_key"


class UnlockScreen(QWidget):
    unlock_requested = Signal(str, str)  # mode (PASSPHRASE or RECOVERY_KEY), the secret

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_UnlockScreen()
        self.ui.setupUi(self)
        self.ui.iconLabel.setPixmap(app_icon().pixmap(72, 72))
        make_heading(self.ui.headingLabel)
        self.ui.busyBar.hide()
        self.mode = PASSPHRASE
        self._base_message = ""
        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._tick)
        self._seconds_left = 0
        self.ui.unlockButton.clicked.connect(self._submit)
        self.ui.secretEdit.returnPressed.connect(self._submit)
        self.ui.switchButton.clicked.connect(self.toggle_mode)

    # -- what the officer does -----------------------------------------------------------------

    def toggle_mode(self) -> None:
        self.set_mode(RECOVERY_KEY if self.mode == PASSPHRASE else PASSPHRASE)

    def set_mode(self, mode: str) -> None:
        self.mode = mode
        ui = self.ui
        ui.secretEdit.clear()
        self.show_error("")
        if mode == RECOVERY_KEY:
            ui.secretLabel.setText("&Recovery key")
            ui.secretEdit.setAccessibleName("Recovery key")
            ui.secretEdit.setEchoMode(QLineEdit.EchoMode.Normal)
            ui.secretEdit.setPlaceholderText("e.g. ABCD-EFGH-…")
            ui.explanationLabel.setText(
                "Type the recovery key you were given when the vault was set up. Spaces and "
                "dashes between the groups do not matter. It opens the vault on any computer."
            )
            ui.switchButton.setText("Use my &passphrase instead")
            ui.switchButton.setAccessibleName("Use the passphrase instead of the recovery key")
        else:
            ui.secretLabel.setText("&Passphrase")
            ui.secretEdit.setAccessibleName("Passphrase")
            ui.secretEdit.setEchoMode(QLineEdit.EchoMode.Password)
            ui.secretEdit.setPlaceholderText("")
            ui.explanationLabel.setText("Enter your passphrase to open your cases.")
            ui.switchButton.setText("Use my &recovery key instead")
            ui.switchButton.setAccessibleName("Use the recovery key instead of the passphrase")
        ui.secretEdit.setFocus()

    def _submit(self) -> None:
        secret = self.ui.secretEdit.text()
        if not secret or self._seconds_left > 0 or self.ui.busyBar.isVisible():
            return
        self.ui.secretEdit.clear()  # the secret leaves the widget at once
        self.set_busy(True)
        self.unlock_requested.emit(self.mode, secret)

    # -- what the main window tells it ---------------------------------------------------------

    def set_busy(self, busy: bool) -> None:
        self.ui.busyBar.setVisible(busy)
        self.ui.secretEdit.setEnabled(not busy)
        self.ui.unlockButton.setEnabled(not busy and self._seconds_left == 0)
        self.ui.switchButton.setEnabled(not busy)
        if busy:
            self.show_error("")

    def show_error(self, message: str, retry_after: float = 0.0) -> None:
        """Show `message`; with `retry_after`, hold the Unlock button and count down."""
        self._base_message = message
        self._seconds_left = math.ceil(retry_after) if retry_after > 0 else 0
        self._render_error()
        if self._seconds_left:
            self.ui.unlockButton.setEnabled(False)
            self._countdown.start()

    def _tick(self) -> None:
        self._seconds_left -= 1
        if self._seconds_left <= 0:
            self._seconds_left = 0
            self._countdown.stop()
            self.ui.unlockButton.setEnabled(not self.ui.busyBar.isVisible())
        self._render_error()

    def _render_error(self) -> None:
        text = self._base_message
        if text and self._seconds_left:
            text += f" You can try again in {self._seconds_left} s."
        self.ui.errorLabel.setText(text)

    def reset(self) -> None:
        """Back to a clean passphrase prompt (after locking)."""
        self.set_busy(False)
        self.set_mode(PASSPHRASE)
