"""Record when and how the reporter was first contacted: what the 2-working-day clock checks.

A small window-modal dialog from the case view: the date (a `DateField`: typed the way people
write dates, or picked; a text it cannot read is refused on the spot) and how contact was made.
It saves through `VaultService.record_first_contact` on a worker; a failure is said inside the
dialog, which stays open with what was typed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from triage_desktop.cases.model import Case, ContactMethod, FirstContact
from triage_desktop.gui.cases.labels import CONTACT_METHOD_WORDS, day_words
from triage_desktop.gui.context import AppContext, describe_error
from triage_desktop.gui.meeting_screen.date_field import DateField

MARK = "⚠"


class FirstContactDialog(QDialog):
    recorded = Signal(object)  # the updated Case

    def __init__(self, context: AppContext, case: Case, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.case = case
        self.setWindowTitle("First contact")
        self.setAccessibleName("Record the first contact with the reporter")
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        deadline = (
            f"Contact by {day_words(case.contact_by)}."
            if case.contact_by is not None
            else "An anonymous report has no contact deadline."
        )
        intro = QLabel(
            f"When and how did you first contact the reporter of {case.reference}? {deadline}",
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.date_field = DateField(self)
        self.date_field.setAccessibleName("Date of the first contact")
        self.method_combo = QComboBox(self)
        self.method_combo.setAccessibleName("How contact was made")
        for method, words in CONTACT_METHOD_WORDS.items():
            self.method_combo.addItem(words, method.value)
        form.addRow("&Date", self.date_field)
        form.addRow("&How", self.method_combo)
        layout.addLayout(form)
        self.problem = QLabel("", self)
        self.problem.setWordWrap(True)
        self.problem.setObjectName("fieldProblem")
        self.problem.setAccessibleName("Problem with the first contact")
        self.problem.hide()
        layout.addWidget(self.problem)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setAccessibleName("Save the first contact")
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.date_field.problem.connect(self._show_problem)
        context.locked.connect(self.reject)

        existing = case.first_contact
        self.date_field.set_value(existing.on if existing else dt.date.today())
        if existing is not None:
            self.method_combo.setCurrentIndex(self.method_combo.findData(existing.method.value))
        self.date_field.setFocus()

    def _show_problem(self, text: str) -> None:
        self.problem.setText(f"{MARK} {text}" if text else "")
        self.problem.setVisible(bool(text))

    def checked(self) -> FirstContact | None:
        """The contact as typed, or None with the reason beside the fields."""
        day = self.date_field.value()
        typed = self.date_field.edit.text().strip()
        if self.date_field.has_unreadable_text():
            self._show_problem(
                f"“{typed}” is not a date I can read: type it like 4 December 2026, or pick it "
                "from the calendar."
            )
            return None
        if day is None:
            self._show_problem(
                "Give the date of the first contact: type it like 4 December 2026, or pick it "
                "from the calendar."
            )
            return None
        if day > dt.date.today():
            self._show_problem("The first contact cannot be in the future.")
            return None
        received = self.case.details.received_at.astimezone().date()
        if day < received:
            self._show_problem(
                f"The first contact cannot be before the report arrived ({day_words(received)})."
            )
            return None
        return FirstContact(day, ContactMethod(self.method_combo.currentData()))

    def save(self) -> None:
        contact = self.checked()
        if contact is None:
            self.date_field.setFocus()
            return
        self._show_problem("")
        self.save_button.setEnabled(False)
        case_id = self.case.id

        def work(service: Any) -> Case:
            return service.record_first_contact(case_id, contact)  # type: ignore[no-any-return]

        self.context.run(work, self._saved, self._failed, owner=self)

    def _saved(self, case: Case) -> None:
        self.save_button.setEnabled(True)
        self.recorded.emit(case)
        self.context.case_changed.emit(case.id)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        self._show_problem(f"The first contact was not saved. {describe_error(error)}")
