"""Small widget tweaks for keyboard users (kept free of other imports: compiled forms use it)."""

from __future__ import annotations

from PySide6.QtWidgets import QDateEdit, QWidget


class PlainTabDateEdit(QDateEdit):
    """A date field where Tab leaves the field (arrow keys and typing still move between day,
    month and year): QDateEdit's own Tab walks its sections first, which traps a keyboard user."""

    def focusNextPrevChild(self, next: bool) -> bool:
        return QWidget.focusNextPrevChild(self, next)
