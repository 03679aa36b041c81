"""The privacy screen: one key blanks the window for when someone walks into the meeting room.

The content is swapped out, not covered, so nothing of it is drawn, grabbed or read by a screen
reader while the curtain is down. The same key brings it back.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

PRIVACY_KEY = "F12"


class PrivacyCurtain(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("privacyCurtain")
        self.setAccessibleName("Screen hidden")
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        self.hint = QLabel(f'<p align="center">Press {PRIVACY_KEY} to continue.</p>', self)
        self.hint.setAccessibleName("How to show the screen again")
        self.hint.setEnabled(False)  # drawn muted: a quiet hint, not a headline
        layout.addWidget(self.hint)
        layout.addStretch(1)
