"""The privacy screen: one key blanks the window for when someone walks into the meeting room.

The content is swapped out, not covered, so nothing of it is drawn, grabbed or read by a screen
reader while the curtain is down. The same key brings it back.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

PRIVACY_KEY = "F12"


class PrivacyCurtain(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("privacyCurtain")
        self.setAccessibleName("Screen hidden")
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        # Plain text centred by stretches: rich text (or an alignment flag) here would load Qt's
        # HTML engine (or PySide's Qt enums) before the first window, ~5 ms (~40 ms) of start-up.
        row = QHBoxLayout()
        self.hint = QLabel(f"Press {PRIVACY_KEY} to continue.", self)
        self.hint.setAccessibleName("How to show the screen again")
        self.hint.setEnabled(False)  # drawn muted: a quiet hint, not a headline
        row.addStretch(1)
        row.addWidget(self.hint)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)
