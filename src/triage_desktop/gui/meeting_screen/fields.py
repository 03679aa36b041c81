"""Widgets for the schema's fields (`cases.meeting.schema`): one small binder per kind, and a
page that lays a step's fields out and reports every edit as `(field, value)`.

The page never invents a key: it shows the `Field` objects the layout gives it and hands the
same objects back, so the screen writes exactly what the services read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from triage_desktop.cases.text import SHORT_TEXT_MAX, neutralise_bidi
from triage_desktop.gui.look import make_heading
from triage_desktop.gui.meeting_screen.date_field import DateField
from triage_desktop.meeting.schema import Field, Kind

REPORTER_SEES = "The reporter sees this"
ONE_CLICK_LIMIT = 5  # up to this many choices are one-click buttons; more are a drop-down
ONE_ROW_CHARACTERS = 80


def literal(text: str) -> str:
    """Text from data for a button or check box: an ampersand is shown, not taken as a mnemonic
    ('SP&S' would otherwise read 'SPS' with the S underlined), and bidi controls cannot reverse
    what follows (`neutralise_bidi`)."""
    return neutralise_bidi(text).replace("&", "&&")


class ChoiceButtons(QWidget):
    """A question answered with one click: a radio button per choice, plus 'not asked'."""

    chosen = Signal(object)  # the value, or None

    def __init__(self, field: Field, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        options: list[tuple[str | None, str]] = [(c.value, c.words) for c in field.choices]
        options.append((None, field.none_words or "Not answered"))
        # Short answers sit in a row; long ones (the outcomes) one under another, so nothing
        # needs a sideways scroll.
        row = sum(len(words) for _value, words in options) <= ONE_ROW_CHARACTERS
        layout = QHBoxLayout(self) if row else QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.group = QButtonGroup(self)
        self.buttons: dict[str | None, QRadioButton] = {}
        for value, words in options:
            button = QRadioButton(literal(words), self)
            button.setAccessibleName(f"{field.label}: {words}")
            self.group.addButton(button)
            self.buttons[value] = button
            layout.addWidget(button)
            button.toggled.connect(partial(self._toggled, value))
        layout.addStretch(1)
        self.setFocusProxy(self.buttons[None])

    def _toggled(self, value: str | None, on: bool) -> None:
        if on:
            self.chosen.emit(value)

    def set_value(self, value: object) -> None:
        button = self.buttons.get(value if isinstance(value, str) else None, self.buttons[None])
        button.setChecked(True)
        self.setFocusProxy(button)

    def value(self) -> str | None:
        for value, button in self.buttons.items():
            if button.isChecked():
                return value
        return None


class ChoiceBox(QComboBox):
    chosen = Signal(object)

    def __init__(self, field: Field, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.addItem(field.none_words or "Not chosen", None)
        for choice in field.choices:
            self.addItem(choice.words, choice.value)
        self.currentIndexChanged.connect(lambda _i: self.chosen.emit(self.currentData()))

    def set_value(self, value: object) -> None:
        self.setCurrentIndex(max(self.findData(value), 0))


class RowsEditor(QWidget):
    """A growing list of rows over the field's columns (who is with them, who may be told what,
    the next steps): Add a row, Remove a row; `changed(list)` with every edit."""

    changed = Signal(list)

    def __init__(self, field: Field, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.rows: list[dict[str, QWidget]] = []
        self.row_widgets: list[QWidget] = []
        self.add_button = QPushButton(literal(f"+ Add to “{field.label.lower()}”"), self)
        self.add_button.setAccessibleName(f"{field.label}: add a row")
        bar = QHBoxLayout()
        bar.addWidget(self.add_button)
        bar.addStretch(1)
        self.layout_.addLayout(bar)
        self.add_button.clicked.connect(self._add_clicked)
        self.setFocusProxy(self.add_button)

    def _add_clicked(self) -> None:
        self.add_row({})
        first = next(iter(self.rows[-1].values()))
        first.setFocus()

    def add_row(self, values: dict[str, Any]) -> None:
        number = len(self.rows) + 1
        holder = QWidget(self)
        line = QHBoxLayout(holder)
        line.setContentsMargins(0, 0, 0, 0)
        widgets: dict[str, QWidget] = {}
        for column in self.field.columns:
            widget = _column_widget(column, holder, f"{self.field.label} {number}: {column.label}")
            _show(widget, values.get(column.key, True if column.kind is Kind.CHECK else None))
            _on_change(widget, lambda _v: self.changed.emit(self.value()))
            line.addWidget(widget, 0 if column.kind in (Kind.CHECK, Kind.CHOICE) else 1)
            widgets[column.key] = widget
        remove = QPushButton("Remove", holder)
        remove.setAccessibleName(f"{self.field.label} {number}: remove")
        remove.clicked.connect(lambda: self._remove(holder))
        line.addWidget(remove)
        self.layout_.insertWidget(len(self.rows), holder)
        holder.show()  # now, not when the event loop gets to it: the next key goes to this row
        self.rows.append(widgets)
        self.row_widgets.append(holder)
        self.changed.emit(self.value())

    def _remove(self, holder: QWidget) -> None:
        index = self.row_widgets.index(holder)
        self.row_widgets.pop(index)
        self.rows.pop(index)
        holder.hide()
        holder.deleteLater()
        self.add_button.setFocus()
        self.changed.emit(self.value())

    def value(self) -> list[dict[str, Any]]:
        return [{key: _read(widget) for key, widget in row.items()} for row in self.rows]

    def set_value(self, rows: object) -> None:
        for holder in self.row_widgets:
            holder.hide()
            holder.deleteLater()
        self.rows, self.row_widgets = [], []
        for row in rows if isinstance(rows, list) else []:
            self.blockSignals(True)
            try:
                self.add_row(row)
            finally:
                self.blockSignals(False)


def _column_widget(column: Field, parent: QWidget, name: str) -> QWidget:
    widget: QWidget
    if column.kind is Kind.CHECK:
        widget = QCheckBox(literal(column.label), parent)
    elif column.kind is Kind.CHOICE:
        widget = ChoiceBox(column, parent)
    elif column.kind is Kind.DATE:
        widget = DateField(parent)
    else:
        widget = QLineEdit(parent)
        widget.setPlaceholderText(column.label)
    widget.setAccessibleName(name)
    return widget


def _show(widget: QWidget, value: Any) -> None:
    """Put a stored value into a widget without reporting it as an edit."""
    widget.blockSignals(True)
    try:
        if isinstance(widget, QCheckBox):
            widget.setChecked(value is True)
        elif isinstance(widget, ChoiceButtons | ChoiceBox):
            widget.set_value(value)
        elif isinstance(widget, DateField):
            widget.set_value(dt.date.fromisoformat(value) if isinstance(value, str) else None)
        elif isinstance(widget, RowsEditor):
            widget.set_value(value)
        elif isinstance(widget, QPlainTextEdit):
            widget.setPlainText(str(value or ""))
        elif isinstance(widget, QLineEdit):
            widget.setText(str(value or ""))
    finally:
        widget.blockSignals(False)


def _read(widget: QWidget) -> Any:
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    if isinstance(widget, ChoiceBox):
        return widget.currentData()
    if isinstance(widget, DateField):
        return widget.value()
    if isinstance(widget, QLineEdit):
        return widget.text()
    return None


def _on_change(widget: QWidget, callback: Callable[[Any], None]) -> None:
    if isinstance(widget, QCheckBox):
        widget.toggled.connect(lambda on: callback(bool(on)))
    elif isinstance(widget, ChoiceButtons | ChoiceBox):
        widget.chosen.connect(callback)
    elif isinstance(widget, DateField):
        widget.date_changed.connect(callback)
    elif isinstance(widget, RowsEditor):
        widget.changed.connect(callback)
    elif isinstance(widget, QPlainTextEdit):
        widget.textChanged.connect(lambda: callback(widget.toPlainText()))
    elif isinstance(widget, QLineEdit):
        widget.textEdited.connect(callback)


def make_widget(field: Field, parent: QWidget) -> QWidget:
    """The widget for a field's kind, named for assistive technology."""
    widget: QWidget
    if field.kind is Kind.CHECK:
        widget = QCheckBox(literal(field.label), parent)
    elif field.kind is Kind.ANSWER or (
        field.kind is Kind.CHOICE and len(field.choices) <= ONE_CLICK_LIMIT
    ):
        widget = ChoiceButtons(field, parent)
    elif field.kind is Kind.CHOICE:
        widget = ChoiceBox(field, parent)
    elif field.kind is Kind.TEXT:
        text = QPlainTextEdit(parent)
        text.setTabChangesFocus(True)
        text.setMinimumHeight(70)
        text.setMaximumHeight(220 if field.limit > SHORT_TEXT_MAX else 110)
        if field.hint:
            text.setPlaceholderText(field.hint)
        widget = text
    elif field.kind is Kind.DATE:
        widget = DateField(parent)
    elif field.kind is Kind.ROWS:
        widget = RowsEditor(field, parent)
    else:
        line = QLineEdit(parent)
        if field.hint:
            line.setPlaceholderText(field.hint)
        widget = line
    widget.setAccessibleName(field.label)
    if field.reporter_sees:
        widget.setAccessibleDescription(REPORTER_SEES)
    widget.setObjectName(field.key)
    return widget


class StepPage(QWidget):
    """One step: its heading, what it is for, and its fields, each question above its answer
    (long questions never clip beside a row of buttons). `edited(field, value)` on every edit;
    `show_problem(field, text)` puts a message beside the field."""

    edited = Signal(object, object)

    def __init__(
        self, number: int, title: str, prompt: str, fields: tuple[Field, ...], parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName(title)
        outer = QVBoxLayout(self)
        self.heading = QLabel(f"{number}. {title}", self)
        make_heading(self.heading, 1.35)
        self.heading.setAccessibleName(f"Step {number}: {title}")
        outer.addWidget(self.heading)
        intro = QLabel(prompt, self)
        intro.setWordWrap(True)
        intro.setAccessibleName("What this step is for")
        outer.addWidget(intro)
        outer.addSpacing(6)
        self.top = QVBoxLayout()  # panels the screen adds above the fields
        outer.addLayout(self.top)
        self.body = QVBoxLayout()
        self.body.setSpacing(10)
        outer.addLayout(self.body)
        outer.addStretch(1)
        self.fields: dict[str, Field] = {}
        self.widgets: dict[str, QWidget] = {}
        self.problems: dict[str, QLabel] = {}
        self.labels: dict[str, QLabel] = {}
        self.holders: dict[str, QWidget] = {}  # the block of each field (to insert beside)
        self._last_line: tuple[QHBoxLayout, QWidget] | None = None
        for field in fields:
            self.add(field)

    def add(self, field: Field) -> QWidget:
        self.fields[field.key] = field
        if field.beside_previous and self._last_line is not None:
            return self._add_beside(field, *self._last_line)
        holder = QWidget(self)
        block = QVBoxLayout(holder)
        block.setContentsMargins(0, 0, 0, 0)
        block.setSpacing(3)
        self.holders[field.key] = holder
        self.body.addWidget(holder)
        if field.kind is Kind.NOTE:
            note = QLabel(f"<b>{_escape(field.label)}</b><br>{_escape(field.note)}", holder)
            note.setWordWrap(True)
            note.setTextFormat(Qt.TextFormat.RichText)
            note.setAccessibleName(field.label)
            if field.reporter_sees:
                note.setAccessibleDescription(REPORTER_SEES)
            block.addWidget(note)
            self.widgets[field.key] = note
            return note
        widget = make_widget(field, holder)
        if field.kind is not Kind.CHECK:
            label = QLabel(_label_text(field), holder)
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setWordWrap(True)
            label.setBuddy(widget.focusProxy() or widget)
            self.labels[field.key] = label
            block.addWidget(label)
        line = QHBoxLayout()
        line.addWidget(widget, 1)
        block.addLayout(line)
        self._last_line = (line, holder)
        if field.kind is Kind.CHECK and field.reporter_sees:
            block.addWidget(_seen_tag(holder))
        problem = QLabel("", holder)
        problem.setTextFormat(Qt.TextFormat.PlainText)
        problem.setWordWrap(True)
        problem.setObjectName("fieldProblem")
        problem.setAccessibleName(f"{field.label}: problem")
        problem.hide()
        block.addWidget(problem)
        _on_change(widget, partial(self.edited.emit, field))
        if isinstance(widget, DateField):
            widget.problem.connect(partial(self.show_problem, field))
        self.widgets[field.key] = widget
        self.problems[field.key] = problem
        return widget

    def _add_beside(self, field: Field, line: QHBoxLayout, holder: QWidget) -> QWidget:
        """A short note on the same line as the answer it is about (its label is spoken)."""
        widget = make_widget(field, holder)
        line.addWidget(widget, 1)
        self._last_line = None
        self.holders[field.key] = holder
        self.widgets[field.key] = widget
        self.problems[field.key] = QLabel("", self)
        self.problems[field.key].hide()
        _on_change(widget, partial(self.edited.emit, field))
        return widget

    def insert_before(self, field: Field, widget: QWidget) -> None:
        """Put a panel (the recommendation, the computed risk) just above a field."""
        self.body.insertWidget(self.body.indexOf(self.holders[field.key]), widget)

    def load(self, values: dict[str, Any]) -> None:
        """Show stored values without reporting them back as edits."""
        for key, widget in self.widgets.items():
            if self.fields[key].kind is not Kind.NOTE:
                _show(widget, values.get(key))
        for problem in self.problems.values():
            problem.hide()

    def show_problem(self, field: Field, text: str) -> None:
        label = self.problems.get(field.key)
        if label is None:
            return
        label.setText(f"⚠ {text}" if text else "")
        label.setVisible(bool(text))

    def first_input(self) -> QWidget | None:
        for field in self.fields.values():
            if field.kind is not Kind.NOTE:
                widget = self.widgets[field.key]
                return widget.focusProxy() or widget
        return None

    def unreadable_dates(self) -> list[Field]:
        return [
            self.fields[key]
            for key, widget in self.widgets.items()
            if isinstance(widget, DateField) and widget.has_unreadable_text()
        ]

    def set_read_only(self, read_only: bool) -> None:
        for key, widget in self.widgets.items():
            if self.fields[key].kind is not Kind.NOTE:
                widget.setEnabled(not read_only)


def _label_text(field: Field) -> str:
    text = _escape(field.label)
    if field.reporter_sees:
        text += f' <span style="font-size: small">— 👁 {REPORTER_SEES}</span>'
    return text


def _seen_tag(parent: QWidget) -> QLabel:
    tag = QLabel(f'<span style="font-size: small">👁 {REPORTER_SEES}</span>', parent)
    tag.setTextFormat(Qt.TextFormat.RichText)
    tag.setAccessibleName(REPORTER_SEES)
    return tag


def _escape(text: str) -> str:
    """Data shown in rich text: escaped, and with its bidi controls neutralised for display."""
    import html

    return html.escape(neutralise_bidi(text))
