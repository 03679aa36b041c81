"""The plain widgets the pages and dialogs build again and again, made one way everywhere."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QWidget


def named_button(text: str, name: str, parent: QWidget) -> QPushButton:
    """A button with a screen-reader name that Enter in a field never presses by accident."""
    button = QPushButton(text, parent)
    button.setAccessibleName(name)
    button.setAutoDefault(False)
    return button


def text_label(text: str, parent: QWidget, name: str = "", *, keyboard: bool = False) -> QLabel:
    """Wrapped text the officer can select (and so copy, through the guarded clipboard). With
    `keyboard` it also takes the focus, so it can be selected and read without a mouse."""
    label = QLabel(text, parent)
    label.setWordWrap(True)
    if name:
        label.setAccessibleName(name)
    flags = Qt.TextInteractionFlag.TextSelectableByMouse
    if keyboard:
        flags |= Qt.TextInteractionFlag.TextSelectableByKeyboard
    label.setTextInteractionFlags(flags)
    return label
