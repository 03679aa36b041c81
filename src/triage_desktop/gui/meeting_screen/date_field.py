"""A date the officer types or picks, that may be empty, and is never silently dropped.

QDateEdit cannot be empty and shows a date whether or not one was given (a silent default is
how the first-incident date came to read as 'today'). This field is a line edit that reads the
ways people write dates in England, with a calendar beside it; a text it cannot read stays on
screen with a message, and the record keeps the last date it could read.
"""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QToolButton,
    QWidget,
    QWidgetAction,
)

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_DAY_NAME = re.compile(r"^(mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+", re.IGNORECASE)
_WORDS = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})$", re.IGNORECASE)
_NUMERIC = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")


def parse_date(text: str) -> dt.date | None:
    """'2026-12-04', '4 December 2026', 'Fri 4 Dec 2026', '4/12/2026' (day first, as in the
    UK); None if it is not a date. Raises nothing."""
    value = _DAY_NAME.sub("", " ".join(text.split()))
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return dt.date.fromisoformat(value)
        words = _WORDS.match(value)
        if words and words.group(2).lower() in _MONTHS:
            return dt.date(
                int(words.group(3)), _MONTHS[words.group(2).lower()], int(words.group(1))
            )
        numeric = _NUMERIC.match(value)
        if numeric:
            return dt.date(int(numeric.group(3)), int(numeric.group(2)), int(numeric.group(1)))
    except ValueError:  # 31 February and the like
        return None
    return None


def date_words(day: dt.date) -> str:
    return f"{day:%a} {day.day} {day:%B %Y}"


class DateField(QWidget):
    """`date_changed(date | None)` when the text becomes a readable date or is emptied;
    `problem(str)` says why a text is refused ("" when it is fine)."""

    date_changed = Signal(object)
    problem = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText("e.g. 4 December 2026")
        self.button = QToolButton(self)
        self.button.setText("Calendar…")
        self.menu = QMenu(self.button)
        self.calendar = QCalendarWidget(self.menu)
        self.calendar.setGridVisible(True)
        holder = QWidgetAction(self.menu)
        holder.setDefaultWidget(self.calendar)
        self.menu.addAction(holder)
        self.button.clicked.connect(self._open_calendar)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.button)
        self.setFocusProxy(self.edit)
        self._value: dt.date | None = None
        self.edit.textEdited.connect(self._typed)
        self.edit.editingFinished.connect(self._tidy)
        self.calendar.clicked.connect(self._picked)

    def setAccessibleName(self, name: str) -> None:  # the parts say what they are for
        super().setAccessibleName(name)
        self.edit.setAccessibleName(name)
        self.button.setAccessibleName(f"{name}: pick from a calendar")
        self.calendar.setAccessibleName(f"{name}: calendar")

    def value(self) -> dt.date | None:
        return self._value

    def set_value(self, day: dt.date | None) -> None:
        """Show a stored date without reporting it back as an edit."""
        self._value = day
        self.edit.setText("" if day is None else date_words(day))
        if day is not None:
            self.calendar.setSelectedDate(QDate(day.year, day.month, day.day))

    def _typed(self, text: str) -> None:
        if not text.strip():
            self._value = None
            self.problem.emit("")
            self.date_changed.emit(None)
            return
        day = parse_date(text)
        if day is None:
            self.problem.emit(
                f"“{text.strip()}” is not a date I can read: type it like 4 December 2026 or "
                "2026-12-04, or pick it from the calendar."
            )
            return
        self._value = day
        self.problem.emit("")
        self.date_changed.emit(day)

    def _tidy(self) -> None:
        """Leaving the field shows a readable date in full, so the officer sees what was read."""
        if self._value is not None and parse_date(self.edit.text()) == self._value:
            self.edit.setText(date_words(self._value))

    def _picked(self, picked: QDate) -> None:
        day = dt.date(picked.year(), picked.month(), picked.day())
        self.set_value(day)
        self.problem.emit("")
        self.date_changed.emit(day)
        self.menu.hide()

    def _open_calendar(self) -> None:
        self.menu.popup(self.button.mapToGlobal(self.button.rect().bottomLeft()))
        self.calendar.setFocus()

    def has_unreadable_text(self) -> bool:
        text = self.edit.text().strip()
        return bool(text) and parse_date(text) is None
