"""Step pages described as data: each field is a key in the step's values, a label and a kind.

One small binder turns a description into widgets and keeps the meeting record in step with
them, so nine pages need no nine hand-written forms (the record is what the vault saves).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    kind: str  # "check", "line", "text", "choice", or "note" (text to read out, not an answer)
    choices: tuple[tuple[str, str], ...] = ()  # (stored value, words shown)
    internal: bool = False  # the officer's own notes: never part of the reporter view


YES_NO = (("", "Not asked"), ("yes", "Yes"), ("no", "No"), ("unknown", "Not known"))


class StepForm(QWidget):
    """The widgets for one step's fields; `changed(key, value)` on every edit."""

    def __init__(
        self,
        fields: list[Field],
        changed: Callable[[str, Any], None],
        parent: QWidget | None = None,
        intro: str = "",
    ) -> None:
        super().__init__(parent)
        self.form = QFormLayout(self)
        self.widgets: dict[str, QWidget] = {}
        self.fields: dict[str, Field] = {}
        self._changed = changed
        if intro:
            label = QLabel(intro, self)
            label.setWordWrap(True)
            label.setAccessibleName("What this step is for")
            self.form.addRow(label)
        for field in fields:
            self.add(field)

    def add(self, field: Field) -> QWidget:
        widget: QWidget
        if field.kind == "note":
            note = QLabel(f"<b>{field.label}</b><br>{field.choices[0][1]}", self)
            note.setWordWrap(True)
            note.setAccessibleName(field.label)
            self.form.addRow(note)
            self.widgets[field.key] = note
            self.fields[field.key] = field
            return note
        if field.kind == "check":
            box = QCheckBox(field.label, self)
            box.toggled.connect(lambda on, key=field.key: self._changed(key, bool(on)))
            widget = box
            self.form.addRow(widget)
        else:
            if field.kind == "choice":
                combo = QComboBox(self)
                for value, words in field.choices:
                    combo.addItem(words, value)
                combo.currentIndexChanged.connect(
                    lambda _i, key=field.key, c=combo: self._changed(key, c.currentData())
                )
                widget = combo
            elif field.kind == "text":
                text = QPlainTextEdit(self)
                text.setTabChangesFocus(True)
                text.setMinimumHeight(70)
                text.textChanged.connect(
                    lambda key=field.key, t=text: self._changed(key, t.toPlainText())
                )
                widget = text
            else:
                line = QLineEdit(self)
                line.textEdited.connect(lambda value, key=field.key: self._changed(key, value))
                widget = line
            self.form.addRow(field.label, widget)
        widget.setAccessibleName(field.label.replace("&", ""))
        widget.setObjectName(field.key)
        self.widgets[field.key] = widget
        self.fields[field.key] = field
        return widget

    def load(self, values: dict[str, Any]) -> None:
        """Show stored values without reporting them back as edits."""
        for key, widget in self.widgets.items():
            value = values.get(key)
            widget.blockSignals(True)
            try:
                if isinstance(widget, QCheckBox):
                    widget.setChecked(value is True)
                elif isinstance(widget, QComboBox):
                    index = widget.findData(value if value is not None else "")
                    widget.setCurrentIndex(max(index, 0))
                elif isinstance(widget, QPlainTextEdit):
                    widget.setPlainText(str(value or ""))
                elif isinstance(widget, QLineEdit):
                    widget.setText(str(value or ""))
            finally:
                widget.blockSignals(False)
