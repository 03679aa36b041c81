"""Type any text into a widget the way a keyboard would, including non-ASCII.

`qtbot.keyClicks` aborts the whole process on non-ASCII text (Qt's qasciikey.cpp), so each
character is sent as a key event with Key_unknown and the character as its text.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget


def type_text(widget: QWidget, text: str) -> None:
    """Send `text` to `widget` one character at a time (newlines as Return)."""
    for character in text:
        if character == "\n":
            QTest.keyClick(widget, Qt.Key.Key_Return)
            continue
        QTest.sendKeyEvent(
            QTest.KeyAction.Click,
            widget,
            Qt.Key.Key_unknown,
            character,
            Qt.KeyboardModifier.NoModifier,
        )
