"""Widgets the Designer forms in ui/ promote to (`<customwidget>`): small tweaks for keyboard users.

A module of its own, importing nothing from the app, so that `gui.generated` depends on no other
part of `gui` (the forms were once promoted to a class inside `gui.settings`, which imports the
forms: an import cycle).
"""

from __future__ import annotations

from PySide6.QtWidgets import QDateEdit, QWidget


class PlainTabDateEdit(QDateEdit):
    """A date field where Tab leaves the field (arrow keys and typing still move between day,
    month and year): QDateEdit's own Tab walks its sections first, which traps a keyboard user."""

    def focusNextPrevChild(self, next: bool) -> bool:
        return QWidget.focusNextPrevChild(self, next)
