"""The new-case form (and the same form to edit a case).

Built in code rather than a Designer form: its respondent rows and its catalogue lists (from the
policy data in force) change at run time. Nothing is forced beyond what a case needs; problems
are explained beside the field they concern; the contact-by date appears as soon as the received
date is set, from the closure days in `AppContext.settings` (and again whenever Settings saves
new ones, so the date on screen is the date that will be stored). Validation and saving run on a
worker, so a 10 MB paste never freezes the window.

Nothing is assumed: the first-incident date is empty until typed or picked (empty means not
known), a respondent is "Not known" until the officer says who they are, an untouched form saves
nothing, and leaving a changed form asks first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from triage_desktop.cases.model import (
    Case,
    CaseDetails,
    LocationKind,
    ReporterStatus,
    ReportSource,
    RespondentType,
)
from triage_desktop.gui.cases.labels import (
    LOCATION_WORDS,
    NO_DEADLINE,
    REPORTER_STATUS_WORDS,
    RESPONDENT_TYPE_WORDS,
    SOURCE_WORDS,
    day_words,
)
from triage_desktop.gui.context import AppContext, describe_error
from triage_desktop.gui.look import make_heading
from triage_desktop.gui.meeting_screen.date_field import DateField

HISTORICAL_NOTE = (
    "This happened more than six months before the report. That is fine: the policy takes "
    "historical reports seriously. It may only affect what evidence is still available."
)
NOTHING_TO_SAVE = "Nothing has been entered yet, so there is nothing to save."


def _combo(words: dict[Any, str], name: str, parent: QWidget) -> QComboBox:
    combo = QComboBox(parent)
    combo.setAccessibleName(name)
    for value, text in words.items():
        combo.addItem(text, value.value)
    return combo


def _error_label(parent: QWidget) -> QLabel:
    label = QLabel("", parent)
    label.setWordWrap(True)
    label.setObjectName("fieldProblem")
    label.hide()
    return label


class RespondentRow(QWidget):
    """One person the concern is about: type, name, details, and a Remove button."""

    remove_requested = Signal(object)

    def __init__(self, number: int, parent: QWidget) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.type_combo = _combo(RESPONDENT_TYPE_WORDS, f"Respondent {number}: who they are", self)
        # Left as it is, a respondent is not known: never silently "student" (routing reads it).
        self.type_combo.setCurrentIndex(self.type_combo.findData(RespondentType.UNKNOWN.value))
        self.name_edit = QLineEdit(self)
        self.name_edit.setPlaceholderText("Name, if known")
        self.name_edit.setAccessibleName(f"Respondent {number}: name")
        self.details_edit = QLineEdit(self)
        self.details_edit.setPlaceholderText("Role, department or how they are connected")
        self.details_edit.setAccessibleName(f"Respondent {number}: details")
        self.remove_button = QPushButton("Remove", self)
        self.remove_button.setAccessibleName(f"Remove respondent {number}")
        layout.addWidget(self.type_combo)
        layout.addWidget(self.name_edit, 2)
        layout.addWidget(self.details_edit, 3)
        layout.addWidget(self.remove_button)
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self))

    def values(self) -> dict[str, str]:
        return {
            "type": self.type_combo.currentData(),
            "name": self.name_edit.text(),
            "details": self.details_edit.text(),
        }


@dataclass
class _Typed:
    """What the officer typed, copied off the widgets on the GUI thread (cheap), so the checks
    and the save can run on a worker."""

    received_at: datetime
    source: str
    anonymous: bool
    reporter: dict[str, str]
    respondents: list[dict[str, str]]
    location: dict[str, str]
    description: str
    behaviours: list[str]
    characteristics: list[str]
    incident_dates: list[date]
    incident_notes: str
    assigned_officer_id: int | None = None

    def to_details(self) -> CaseDetails:
        from triage_desktop.cases.model import Location, Reporter, Respondent
        from triage_desktop.policy.catalogue import policy_for_date

        return CaseDetails(
            received_at=self.received_at,
            source=ReportSource(self.source),
            anonymous=self.anonymous,
            reporter=Reporter(
                name=self.reporter["name"],
                status=ReporterStatus(self.reporter["status"]),
                email=self.reporter["email"],
                phone=self.reporter["phone"],
                notes=self.reporter["notes"],
            ),
            respondents=tuple(
                Respondent(RespondentType(r["type"]), r["name"], r["details"])
                for r in self.respondents
            ),
            location=Location(LocationKind(self.location["kind"]), self.location["detail"]),
            description=self.description,
            policy_version=policy_for_date(self.received_at.date()).version,
            behaviour_categories=tuple(self.behaviours),
            protected_characteristics=tuple(self.characteristics),
            incident_dates=tuple(self.incident_dates),
            incident_notes=self.incident_notes,
            assigned_officer_id=self.assigned_officer_id,
        )


class IntakeForm(QWidget):
    saved = Signal(int)  # the case id (also at once, writing nothing, for an unchanged edit)
    cancelled = Signal()
    contact_by_shown = Signal(str)  # the contact-by words on screen (for tests)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.case: Case | None = None
        self.behaviour_definitions: dict[str, str] = {}
        self.respondent_rows: list[RespondentRow] = []
        # The working-day calendar loads England's bank holidays (~0.1 s) on a worker first,
        # and the closure days come with the vault's settings; until both are in, the
        # contact-by line says it is being worked out.
        self._calendar_ready = False
        self._baseline: tuple[Any, ...] | None = None  # what the form held when it was filled
        self._discard_question: QMessageBox | None = None
        self.setAccessibleName("Record a case")
        self._build()
        self.context.locked.connect(self.clear)
        self.context.settings_changed.connect(lambda _settings: self._dates_changed())
        if self.context.settings is None:
            self.context.load_settings()
        self.context.run(
            _catalogue, self._catalogue_loaded, owner=self, what="Loading the policy's lists"
        )
        self.start_new()

    @property
    def closure_days(self) -> tuple[date, ...]:
        """The University's closure days, from the one copy of the settings (AppContext)."""
        settings = self.context.settings
        return () if settings is None else tuple(settings.closure_days)

    # -- layout -------------------------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        self.title = QLabel("New case", self)
        make_heading(self.title)
        outer.addWidget(self.title)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        body = QWidget(scroll)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        columns = QHBoxLayout(body)
        left = QVBoxLayout()
        right = QVBoxLayout()
        columns.addLayout(left, 3)
        columns.addLayout(right, 2)
        self.problems: dict[str, QLabel] = {}

        report = QGroupBox("The report", body)
        form = QFormLayout(report)
        self.source_combo = _combo(SOURCE_WORDS, "How the report arrived", report)
        self.received_edit = QDateTimeEdit(report)
        self.received_edit.setCalendarPopup(True)
        self.received_edit.setDisplayFormat("ddd d MMM yyyy, HH:mm")
        self.received_edit.setAccessibleName("Received on")
        self.anonymous_check = QCheckBox("The report is &anonymous", report)
        self.anonymous_check.setAccessibleName("The report is anonymous")
        self.contact_by_label = QLabel("", report)
        self.contact_by_label.setAccessibleName("Contact the reporter by")
        form.addRow("&Source", self.source_combo)
        form.addRow("&Received", self.received_edit)
        form.addRow("", self.anonymous_check)
        form.addRow("Contact by", self.contact_by_label)
        self._problem_row(form, "received_at")
        left.addWidget(report)

        reporter = QGroupBox("The person raising the concern", body)
        form = QFormLayout(reporter)
        self.reporter_name = QLineEdit(reporter)
        self.reporter_name.setAccessibleName("Reporter's name")
        self.reporter_status = _combo(REPORTER_STATUS_WORDS, "Reporter's status", reporter)
        self.reporter_email = QLineEdit(reporter)
        self.reporter_email.setAccessibleName("Reporter's safe email")
        self.reporter_phone = QLineEdit(reporter)
        self.reporter_phone.setAccessibleName("Reporter's safe phone")
        self.reporter_notes = QLineEdit(reporter)
        self.reporter_notes.setPlaceholderText("e.g. email only; not before 10am; not at home")
        self.reporter_notes.setAccessibleName("How and when it is safe to contact them")
        form.addRow("&Name", self.reporter_name)
        self._problem_row(form, "reporter.name")
        form.addRow("S&tatus", self.reporter_status)
        form.addRow("Safe &email", self.reporter_email)
        self._problem_row(form, "reporter.email")
        form.addRow("Safe &phone", self.reporter_phone)
        self._problem_row(form, "reporter.phone")
        form.addRow("Contact &preference", self.reporter_notes)
        self._problem_row(form, "reporter.notes")
        left.addWidget(reporter)

        respondents = QGroupBox("Who the concern is about", body)
        self.respondents_layout = QVBoxLayout(respondents)
        self.add_respondent_button = QPushButton("&Add a person", respondents)
        self.add_respondent_button.setAccessibleName("Add a person the concern is about")
        self.respondents_layout.addWidget(self.add_respondent_button)
        self.respondents_problem = _error_label(respondents)
        self.problems["respondent"] = self.respondents_problem
        self.respondents_layout.addWidget(self.respondents_problem)
        self.add_respondent_button.clicked.connect(self._add_blank_respondent)
        left.addWidget(respondents)

        what = QGroupBox("What happened", body)
        form = QFormLayout(what)
        self.incident_date = DateField(what)
        self.incident_date.edit.setPlaceholderText("Not known (type a date or pick one)")
        self.incident_date.setAccessibleName("Date of the first incident (empty if not known)")
        self.historical_note = QLabel(HISTORICAL_NOTE, what)
        self.historical_note.setWordWrap(True)
        self.historical_note.setAccessibleName("Note about historical reports")
        self.historical_note.hide()
        self.incident_notes = QLineEdit(what)
        self.incident_notes.setAccessibleName("Dates and frequency, in the officer's words")
        self.location_kind = _combo(LOCATION_WORDS, "Where it happened", what)
        self.location_detail = QLineEdit(what)
        self.location_detail.setAccessibleName("Where it happened: detail")
        self.description_edit = QPlainTextEdit(what)
        self.description_edit.setAccessibleName("Description")
        self.description_edit.setTabChangesFocus(True)
        self.description_edit.setPlaceholderText(
            "A short factual summary. The reporter's own account is recorded in the meeting."
        )
        form.addRow("First &incident", self.incident_date)
        self._problem_row(form, "incident_dates")
        form.addRow("", self.historical_note)
        form.addRow("&Dates and frequency", self.incident_notes)
        self._problem_row(form, "incident_notes")
        form.addRow("&Where", self.location_kind)
        form.addRow("Where (&detail)", self.location_detail)
        self._problem_row(form, "location.detail")
        form.addRow("Descri&ption", self.description_edit)
        self._problem_row(form, "description")
        left.addWidget(what)
        left.addStretch(1)

        behaviours = QGroupBox("Kinds of behaviour (from the policy)", body)
        column = QVBoxLayout(behaviours)
        self.behaviour_list = QListWidget(behaviours)
        self.behaviour_list.setAccessibleName("Kinds of behaviour")
        self.definition_label = QLabel("Select a kind of behaviour to read its definition.")
        self.definition_label.setWordWrap(True)
        self.definition_label.setAccessibleName("Definition from the policy")
        column.addWidget(self.behaviour_list, 3)
        column.addWidget(self.definition_label, 2)
        right.addWidget(behaviours, 3)
        characteristics = QGroupBox("Protected characteristics involved", body)
        column = QVBoxLayout(characteristics)
        self.characteristic_list = QListWidget(characteristics)
        self.characteristic_list.setAccessibleName("Protected characteristics involved")
        column.addWidget(self.characteristic_list)
        right.addWidget(characteristics, 2)

        self.general_problem = _error_label(self)
        self.general_problem.setAccessibleName("Problem saving the case")
        outer.addWidget(self.general_problem)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.setAccessibleName("Cancel (asks first if anything was changed)")
        self.save_button = QPushButton("&Save case", self)
        self.save_button.setAccessibleName("Save case")
        self.save_button.setDefault(True)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        outer.addLayout(buttons)

        self.received_edit.dateTimeChanged.connect(self._dates_changed)
        self.anonymous_check.toggled.connect(self._dates_changed)
        self.incident_date.date_changed.connect(lambda _day: self._dates_changed())
        self.incident_date.problem.connect(self._incident_problem)
        self.behaviour_list.currentItemChanged.connect(self._show_definition)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.leave)
        QShortcut(QKeySequence("Escape"), self).activated.connect(self.leave)
        QShortcut(QKeySequence("Ctrl+S"), self).activated.connect(self.save)

    def _incident_problem(self, text: str) -> None:
        label = self.problems["incident_dates"]
        label.setText(text)
        label.setVisible(bool(text))

    def _problem_row(self, form: QFormLayout, field_name: str) -> None:
        label = _error_label(self)
        label.setAccessibleName(f"Problem with {field_name.replace('.', ' ').replace('_', ' ')}")
        self.problems[field_name] = label
        form.addRow("", label)

    # -- catalogue ----------------------------------------------------------------------------

    def _catalogue_loaded(self, policy: Any) -> None:
        self._calendar_ready = True
        chosen_behaviours = set(self._checked(self.behaviour_list))
        chosen_characteristics = set(self._checked(self.characteristic_list))
        self.behaviour_list.clear()
        for behaviour in policy.behaviours:
            self._add_item(self.behaviour_list, behaviour.id, behaviour.name, chosen_behaviours)
            self.behaviour_definitions[behaviour.id] = behaviour.definition
        self.characteristic_list.clear()
        for item in (*policy.protected_characteristics, *policy.other_identities):
            self._add_item(self.characteristic_list, item.id, item.name, chosen_characteristics)
        self._dates_changed()

    @staticmethod
    def _add_item(target: QListWidget, key: str, text: str, chosen: set[str]) -> None:
        item = QListWidgetItem(text, target)
        item.setData(Qt.ItemDataRole.UserRole, key)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        checked = Qt.CheckState.Checked if key in chosen else Qt.CheckState.Unchecked
        item.setCheckState(checked)

    @staticmethod
    def _checked(target: QListWidget) -> list[str]:
        return [
            str(target.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(target.count())
            if target.item(i).checkState() == Qt.CheckState.Checked
        ]

    @staticmethod
    def _check(target: QListWidget, keys: tuple[str, ...]) -> None:
        for i in range(target.count()):
            item = target.item(i)
            state = item.data(Qt.ItemDataRole.UserRole) in keys
            item.setCheckState(Qt.CheckState.Checked if state else Qt.CheckState.Unchecked)

    def _show_definition(self, current: QListWidgetItem | None) -> None:
        if current is None:
            return
        key = str(current.data(Qt.ItemDataRole.UserRole))
        text = self.behaviour_definitions.get(key, "")
        self.definition_label.setText(f"<b>{current.text()}</b>: {text}" if text else "")

    # -- state --------------------------------------------------------------------------------

    def add_respondent(self) -> RespondentRow:
        row = RespondentRow(len(self.respondent_rows) + 1, self)
        row.remove_requested.connect(self._remove_respondent)
        self.respondents_layout.insertWidget(len(self.respondent_rows), row)
        self.respondent_rows.append(row)
        row.type_combo.setFocus()
        return row

    def _add_blank_respondent(self) -> None:
        self.add_respondent()

    def _remove_respondent(self, row: RespondentRow) -> None:
        self.respondent_rows.remove(row)
        self.respondents_layout.removeWidget(row)
        row.deleteLater()

    def start_new(self) -> None:
        self.clear()
        self.title.setText("New case")
        self.received_edit.setDateTime(QDateTime.currentDateTime())
        self.add_respondent()
        self._baseline = self._snapshot()
        self.source_combo.setFocus()

    def load_case(self, case: Case) -> None:
        """Fill the form from a stored case, to edit it."""
        self.clear()
        self.case = case
        details = case.details
        self.title.setText(f"Edit case {case.reference}")
        self._select(self.source_combo, details.source.value)
        local = details.received_at.astimezone()
        self.received_edit.setDateTime(
            QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute))
        )
        self.anonymous_check.setChecked(details.anonymous)
        self.reporter_name.setText(details.reporter.name)
        self._select(self.reporter_status, details.reporter.status.value)
        self.reporter_email.setText(details.reporter.email)
        self.reporter_phone.setText(details.reporter.phone)
        self.reporter_notes.setText(details.reporter.notes)
        for respondent in details.respondents:
            row = self.add_respondent()
            self._select(row.type_combo, respondent.respondent_type.value)
            row.name_edit.setText(respondent.name)
            row.details_edit.setText(respondent.details)
        dates = details.incident_dates
        self.incident_date.set_value(min(dates) if dates else None)
        self.incident_notes.setText(details.incident_notes)
        self._select(self.location_kind, details.location.kind.value)
        self.location_detail.setText(details.location.detail)
        self.description_edit.setPlainText(details.description)
        self._check(self.behaviour_list, details.behaviour_categories)
        self._check(self.characteristic_list, details.protected_characteristics)
        self._dates_changed()
        self._baseline = self._snapshot()

    @staticmethod
    def _select(combo: QComboBox, value: str) -> None:
        index = combo.findData(value)
        if index >= 0:
            combo.setCurrentIndex(index)

    def clear(self) -> None:
        """Empty every field (also on lock: nothing of a case stays in the widgets)."""
        self.case = None
        for edit in (
            self.reporter_name,
            self.reporter_email,
            self.reporter_phone,
            self.reporter_notes,
            self.incident_notes,
            self.location_detail,
        ):
            edit.clear()
        self.description_edit.clear()
        for row in list(self.respondent_rows):
            self._remove_respondent(row)
        self.anonymous_check.setChecked(False)
        self.incident_date.set_value(None)
        for combo in (self.source_combo, self.reporter_status, self.location_kind):
            combo.setCurrentIndex(0)
        self._check(self.behaviour_list, ())
        self._check(self.characteristic_list, ())
        self.definition_label.setText("Select a kind of behaviour to read its definition.")
        self._clear_problems()
        self.save_button.setEnabled(True)
        self._baseline = None
        if self._discard_question is not None:
            self._discard_question.reject()

    # -- leaving ------------------------------------------------------------------------------

    def _snapshot(self) -> tuple[Any, ...]:
        """Everything the officer can change, to tell an untouched form from a changed one."""
        return (self.typed(), self.incident_date.edit.text().strip())

    def is_changed(self) -> bool:
        return self._baseline is not None and self._snapshot() != self._baseline

    def leave(self) -> None:
        """Escape or Cancel: an untouched form just closes; a changed one asks first."""
        if not self.is_changed():
            self.cancelled.emit()
            return
        if self._discard_question is not None:
            return
        new = self.case is None
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Discard the new case?" if new else "Discard your changes?",
            "What you typed in this new case has not been saved. Discard it?"
            if new
            else "Your changes to this case have not been saved. Discard them?",
            QMessageBox.StandardButton.NoButton,
            self,
        )
        discard = box.addButton("&Discard", QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton("&Keep editing", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)

        def answered(_result: int) -> None:
            self._discard_question = None
            box.deleteLater()
            if box.clickedButton() is discard:
                self.clear()
                self.cancelled.emit()

        box.finished.connect(answered)
        self._discard_question = box
        box.open()  # window-modal, no nested event loop (a lock may close it)

    def _clear_problems(self) -> None:
        for label in (*self.problems.values(), self.general_problem):
            label.clear()
            label.hide()

    # -- dates --------------------------------------------------------------------------------

    def _received_day(self) -> date:
        return _day(self.received_edit.date())

    def _received_at(self) -> datetime:
        """The received date and time in local time, as an aware datetime."""
        moment = self.received_edit.dateTime()
        day, clock = moment.date(), moment.time()
        naive = datetime(day.year(), day.month(), day.day(), clock.hour(), clock.minute())
        return naive.astimezone()

    def _dates_changed(self) -> None:
        from triage_desktop.policy.calendar import contact_by
        from triage_desktop.policy.routing import historical_cutoff

        received = self._received_day()
        if not self._calendar_ready or self.context.settings is None:
            self.contact_by_label.setText("Working it out…")
            return
        due = contact_by(
            received, anonymous=self.anonymous_check.isChecked(), closures=self.closure_days
        )
        words = NO_DEADLINE if due is None else day_words(due)
        self.contact_by_label.setText(words)
        self.contact_by_shown.emit(words)
        incident = self.incident_date.value()
        historical = incident is not None and incident < historical_cutoff(received)
        self.historical_note.setVisible(historical)

    # -- saving -------------------------------------------------------------------------------

    def typed(self) -> _Typed:
        return _Typed(
            received_at=self._received_at(),
            source=self.source_combo.currentData(),
            anonymous=self.anonymous_check.isChecked(),
            reporter={
                "name": self.reporter_name.text(),
                "status": self.reporter_status.currentData(),
                "email": self.reporter_email.text(),
                "phone": self.reporter_phone.text(),
                "notes": self.reporter_notes.text(),
            },
            respondents=[row.values() for row in self.respondent_rows],
            location={
                "kind": self.location_kind.currentData(),
                "detail": self.location_detail.text(),
            },
            description=self.description_edit.toPlainText(),
            behaviours=self._checked(self.behaviour_list),
            characteristics=self._checked(self.characteristic_list),
            incident_dates=self._incident_dates(),
            incident_notes=self.incident_notes.text(),
            # A new case is the recording officer's ("My cases"); an edit keeps who it had.
            assigned_officer_id=self.context.service.officer_id
            if self.case is None
            else self.case.details.assigned_officer_id,
        )

    def _incident_dates(self) -> list[date]:
        """The first-incident date as shown, with any later dates the case already had (an
        imported report may list several): editing the first never drops the others."""
        earlier = self.case.details.incident_dates if self.case is not None else ()
        first = self.incident_date.value()
        others = sorted(earlier)[1:] if earlier else []
        chosen = ([first] if first is not None else []) + [d for d in others if d != first]
        return sorted(set(chosen))

    def save(self) -> None:
        if not self.save_button.isEnabled():
            return
        self._clear_problems()
        if self.incident_date.has_unreadable_text():
            self._incident_problem(
                "This is not a date yet: type it like 4 December 2026, pick it from the "
                "calendar, or empty it if the date is not known."
            )
            self.incident_date.setFocus()
            return
        if not self.is_changed():
            if self.case is None:
                self.general_problem.setText(NOTHING_TO_SAVE)
                self.general_problem.show()
            else:
                case_id = self.case.id
                self.clear()
                self.saved.emit(case_id)  # nothing changed: nothing written, back to the case
            return
        typed = self.typed()
        existing = self.case
        self.save_button.setEnabled(False)

        def work(service: Any) -> Case:
            details = typed.to_details()
            if existing is None:
                return service.create_case(details)  # type: ignore[no-any-return]
            # Refused (CaseChangedElsewhere, said beside Save, nothing typed is cleared) when the
            # case changed after this form read it, rather than saving over that change.
            return service.update_case(  # type: ignore[no-any-return]
                existing.id, details, expected_updated_at=existing.updated_at
            )

        self.context.run(work, self._saved, self._failed, owner=self)

    def _saved(self, case: Case) -> None:
        self.save_button.setEnabled(True)
        self.context.case_changed.emit(case.id)
        self.clear()
        self.saved.emit(case.id)

    def _failed(self, error: BaseException) -> None:
        from triage_desktop.cases.text import InvalidFieldError

        self.save_button.setEnabled(True)
        message = describe_error(error)
        if isinstance(error, InvalidFieldError):
            label = self._label_for(error.field)
            if label is not None:
                label.setText(error.message[:1].upper() + error.message[1:])
                label.show()
                return
        self.general_problem.setText(message)
        self.general_problem.show()

    def _label_for(self, field_name: str) -> QLabel | None:
        if field_name in self.problems:
            return self.problems[field_name]
        if field_name.startswith("respondent"):
            return self.problems["respondent"]
        return None


def _day(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def _catalogue(_service: Any) -> Any:
    from triage_desktop.policy.calendar import contact_by
    from triage_desktop.policy.catalogue import load_policy

    policy = load_policy()
    contact_by(date.today())  # warm the bank-holiday table off the GUI thread
    return policy
