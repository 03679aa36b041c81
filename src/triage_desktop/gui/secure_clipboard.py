"""Copy text so that it does not linger: cleared after 30 s, and only if it is still ours
(KeePassXC's rule: never wipe something the user copied since). Clipboard managers are asked
not to keep it in their history."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QObject, QTimer
from PySide6.QtGui import QClipboard, QGuiApplication

CLEAR_AFTER_MS = 30_000

# Hints that clipboard-history tools honour: KDE Klipper and others on Linux, and Windows' own
# clipboard history and cloud sync.
_NO_HISTORY_HINTS = {
    "x-kde-passwordManagerHint": b"secret",
    'application/x-qt-windows-mime;value="ExcludeClipboardContentFromMonitorProcessing"': b"1",
    'application/x-qt-windows-mime;value="CanIncludeInClipboardHistory"': b"\x00\x00\x00\x00",
    'application/x-qt-windows-mime;value="CanUploadToCloudClipboard"': b"\x00\x00\x00\x00",
}


class SecureClipboard(QObject):
    def __init__(self, clear_after_ms: int = CLEAR_AFTER_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ours: str | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(clear_after_ms)
        self._timer.timeout.connect(self.clear_if_ours)

    @staticmethod
    def _clipboard() -> QClipboard:
        return QGuiApplication.clipboard()

    def copy(self, text: str) -> None:
        data = QMimeData()
        data.setText(text)
        for mime, value in _NO_HISTORY_HINTS.items():
            data.setData(mime, value)
        self._clipboard().setMimeData(data)
        self._ours = text
        self._timer.start()

    def clear_if_ours(self) -> bool:
        """Clear the clipboard if it still holds what we put there. Returns whether it did."""
        self._timer.stop()
        ours, self._ours = self._ours, None
        if ours is not None and self._clipboard().text() == ours:
            self._clipboard().clear()
            return True
        return False

    def pending(self) -> bool:
        return self._timer.isActive()
