"""Subject access requests (Ctrl+3): the list with each request's clock, a new request (find the
person in any script, choose the cases and their role in each), and the review of one request:
every passage the pack would disclose, each third party's mentions to redact or disclose with a
reason, internal risk notes withheld unless included with a reason, then the signed pack.

Everything is read and written on workers through the subject access service; the page holds
the review only while it is on screen and forgets it when the vault locks.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from triage_desktop.cases.subject_access import ROLE_WORDS, Choice, Role
from triage_desktop.gui.cases.labels import STATUS_WORDS, day_words
from triage_desktop.gui.context import AppContext, describe_error
from triage_desktop.gui.form_widgets import PlainTabDateEdit
from triage_desktop.gui.look import make_heading
from triage_desktop.gui.pdf_preview import UNENCRYPTED_EXPORT, PdfPreview, export_folder
from triage_desktop.gui.settings import problems as problem_labels
from triage_desktop.gui.settings.prompts import Prompts
from triage_desktop.gui.small_widgets import named_button, text_label

if TYPE_CHECKING:
    from triage_desktop.services.subject_access import (
        Exported,
        Found,
        RequestSummary,
        Review,
        ReviewPassage,
    )

LIST_INTRO = (
    "Every person named in a case may ask for a copy of their personal data (UK GDPR, Article "
    "15). A response is due one calendar month after the request arrives (the next working day "
    "if that is a weekend or bank holiday); it can be extended once, by two months, with the "
    "reason recorded."
)
NEW_INTRO = (
    "Type the name of the person asking, in any script: case and accents are ignored. Choose "
    "the cases that hold their personal data, and their part in each."
)
REVIEW_INTRO = (
    "Each passage below would be disclosed. Other people's names are redacted unless you record "
    "that they consent or that disclosing is reasonable. Internal risk notes are withheld unless "
    "you include one, with the reason."
)
PASSAGE_CHOICES = ((Choice.INCLUDE, "Include in the pack"), (Choice.WITHHOLD, "Withhold"))
PERSON_CHOICES = ((Choice.REDACT, "Redact"), (Choice.DISCLOSE, "Disclose"))
INCLUDE_COLUMN, CASE_COLUMN, RECEIVED_COLUMN, ROLE_COLUMN, WHERE_COLUMN = range(5)


def _choices(items: tuple[tuple[Choice, str], ...], name: str, parent: QWidget) -> QComboBox:
    combo = QComboBox(parent)
    combo.setAccessibleName(name)
    for choice, words in items:
        combo.addItem(words, choice.value)
    return combo


def clock_words(clock: Any, summary: RequestSummary, request: Any, today: dt.date) -> str:
    """The request's clock in one paragraph: received, due (and why that day), where it stands."""
    calendar = clock.extended_month if clock.extended else clock.one_month
    months = "three months (extended)" if clock.extended else "one calendar month"
    moved = (
        f" {months.capitalize()} ends on {day_words(calendar)}, a weekend or bank holiday, so the "
        "response is due the next working day."
        if clock.moved
        else ""
    )
    extended = f" Extended by two months: {request.extension_reason}" if request.extended else ""
    return f"Received {day_words(request.received_on)}.{moved} {summary.words(today)}.{extended}"


def _select(combo: QComboBox, choice: Choice) -> None:
    combo.setCurrentIndex(max(0, combo.findData(choice.value)))


@dataclass
class MentionEditor:
    key: str
    choice: QComboBox
    reason: QLineEdit


@dataclass
class PassageEditor:
    """The widgets deciding one passage (tests and the save read them)."""

    case_id: int
    key: str
    box: QGroupBox
    text: QPlainTextEdit
    choice: QComboBox
    reason: QLineEdit
    mentions: dict[str, MentionEditor] = field(default_factory=dict)


class SubjectAccessPage(QWidget):
    requests_loaded = Signal(object)  # list[RequestSummary]
    found = Signal(object)  # list[Found]
    request_opened = Signal(object)  # Review
    saved = Signal(object)  # Review after saving decisions
    preview_ready = Signal()
    exported = Signal(object)  # Exported
    failed = Signal(str)
    changed = Signal()  # a request was made or changed: the case list's notice refreshes

    def __init__(
        self, context: AppContext, parent: QWidget | None = None, prompts: Prompts | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.prompts = prompts or Prompts()
        self.review: Review | None = None
        self.found_cases: list[Found] = []
        self.editors: dict[tuple[int, str], PassageEditor] = {}
        self.setAccessibleName("Subject access requests")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.pages = QStackedWidget(self)
        layout.addWidget(self.pages)
        self._build_list()
        self._build_new()
        self._build_request()
        self.pages.setCurrentWidget(self.list_page)
        context.locked.connect(self.clear)

    # -- the list -----------------------------------------------------------------------------

    def _build_list(self) -> None:
        page = self.list_page = QWidget(self.pages)
        column = QVBoxLayout(page)
        heading = QLabel("Subject access requests", page)
        make_heading(heading)
        column.addWidget(heading)
        column.addWidget(text_label(LIST_INTRO, page))
        self.table = QTableWidget(0, 5, page)
        self.table.setAccessibleName("Subject access requests and when each is due")
        self.table.setHorizontalHeaderLabels(
            ["Reference", "Person asking", "Received", "Response due", "Where it stands"]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setTabKeyNavigation(False)
        column.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.new_button = named_button("&New request…", "Record a new subject access request", page)
        self.open_button = named_button("&Open", "Open the selected request", page)
        row.addWidget(self.new_button)
        row.addStretch(1)
        row.addWidget(self.open_button)
        column.addLayout(row)
        self.pages.addWidget(page)
        self.new_button.clicked.connect(self.start_new)
        self.open_button.clicked.connect(self._open_selected)
        self.table.activated.connect(lambda _index: self._open_selected())

    def refresh(self) -> None:
        """Load the list from the vault (on a worker)."""

        def work(service: Any) -> list[RequestSummary]:
            from triage_desktop.services import subject_access

            return subject_access.requests(service)

        self.context.run(work, self._show_requests, self._failed, owner=self)

    def _show_requests(self, summaries: list[RequestSummary]) -> None:
        today = dt.date.today()
        self.table.setRowCount(len(summaries))
        for row, summary in enumerate(summaries):
            request = summary.request
            cells = (
                request.reference,
                request.requester_name,
                day_words(request.received_on),
                day_words(summary.clock.due_on),
                summary.words(today),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, request.id)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self.requests_loaded.emit(summaries)

    def show_list(self) -> None:
        self._forget_review()
        self.pages.setCurrentWidget(self.list_page)
        self.refresh()
        self.new_button.setFocus()

    def _open_selected(self) -> None:
        item = self.table.item(self.table.currentRow(), 0)
        if item is not None:
            self.open_request(int(item.data(Qt.ItemDataRole.UserRole)))

    # -- a new request ------------------------------------------------------------------------

    def _build_new(self) -> None:
        page = self.new_page = QWidget(self.pages)
        column = QVBoxLayout(page)
        heading = QLabel("A new subject access request", page)
        make_heading(heading, 1.3)
        column.addWidget(heading)
        column.addWidget(text_label(NEW_INTRO, page))
        form = QFormLayout()
        self.name_edit = QLineEdit(page)
        self.name_edit.setAccessibleName("Name of the person asking")
        self.name_edit.setMaxLength(200)
        self.received_edit = PlainTabDateEdit(page)
        self.received_edit.setCalendarPopup(True)
        self.received_edit.setDisplayFormat("d MMM yyyy")
        self.received_edit.setAccessibleName("The day the request was received")
        for text, widget in (("&Name", self.name_edit), ("&Received on", self.received_edit)):
            label = QLabel(text, page)
            label.setBuddy(widget)
            form.addRow(label, widget)
        column.addLayout(form)
        find_row = QHBoxLayout()
        self.find_button = named_button(
            "&Find the cases", "Find every case that names this person", page
        )
        self.find_button.setDefault(True)
        find_row.addWidget(self.find_button)
        find_row.addStretch(1)
        column.addLayout(find_row)
        self.found_label = text_label("", page, "What the search found")
        column.addWidget(self.found_label)
        self.results = QTableWidget(0, 5, page)
        self.results.setAccessibleName("Cases that name this person: tick those to include")
        self.results.setHorizontalHeaderLabels(
            ["Include", "Case", "Received", "Their part in it", "Where the name was found"]
        )
        self.results.verticalHeader().setVisible(False)
        self.results.horizontalHeader().setStretchLastSection(True)
        self.results.setTabKeyNavigation(False)
        column.addWidget(self.results, 1)
        self.other_names_edit = QLineEdit(page)
        self.other_names_edit.setAccessibleName(
            "Other people to redact: names the cases do not list, separated by semicolons"
        )
        other = QLabel("Other people to &redact (separated by ;)", page)
        other.setBuddy(self.other_names_edit)
        column.addWidget(other)
        column.addWidget(self.other_names_edit)
        self.new_problem = QLabel("", page)
        self.new_problem.setWordWrap(True)
        self.new_problem.setAccessibleName("Problem with the request")
        problem_labels.prepare(self.new_problem)
        column.addWidget(self.new_problem)
        buttons = QHBoxLayout()
        self.new_back = named_button("&Back", "Back to the requests", page)
        self.record_button = named_button("Re&cord the request", "Record the request", page)
        self.record_button.setEnabled(False)
        buttons.addWidget(self.new_back)
        buttons.addStretch(1)
        buttons.addWidget(self.record_button)
        column.addLayout(buttons)
        self.pages.addWidget(page)
        self.find_button.clicked.connect(self.find_person)
        self.name_edit.returnPressed.connect(self.find_person)
        self.record_button.clicked.connect(self.record_request)
        self.new_back.clicked.connect(self.show_list)

    def start_new(self) -> None:
        today = dt.date.today()
        self.name_edit.clear()
        self.received_edit.setDate(QDate(today.year, today.month, today.day))
        self.results.setRowCount(0)
        self.found_cases = []
        self.found_label.clear()
        self.other_names_edit.clear()
        self.record_button.setEnabled(False)
        problem_labels.clear(self.new_problem)
        self.pages.setCurrentWidget(self.new_page)
        self.name_edit.setFocus()

    def find_person(self) -> None:
        name = self.name_edit.text().strip()
        problem_labels.clear(self.new_problem)

        def work(service: Any) -> list[Found]:
            from triage_desktop.services import subject_access

            return subject_access.find_person(service, name)

        def failed(error: BaseException) -> None:
            problem_labels.show(self.new_problem, describe_error(error))
            self.failed.emit(describe_error(error))

        self.context.run(work, self._show_found, failed, owner=self)

    def _show_found(self, found: list[Found]) -> None:
        self.found_cases = found
        count = len(found)
        self.found_label.setText(
            f"Found in {count} case{'s' if count != 1 else ''}."
            if count
            else "No case names this person. Check the spelling, or try part of the name."
        )
        self.results.setRowCount(count)
        for row, case in enumerate(found):
            include = QTableWidgetItem("")
            include.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            include.setCheckState(Qt.CheckState.Checked)
            include.setData(Qt.ItemDataRole.AccessibleTextRole, f"Include {case.reference}")
            self.results.setItem(row, INCLUDE_COLUMN, include)
            self.results.setItem(row, CASE_COLUMN, QTableWidgetItem(case.reference))
            self.results.setItem(
                row, RECEIVED_COLUMN, QTableWidgetItem(day_words(case.received_on))
            )
            roles = QComboBox(self.results)
            roles.setAccessibleName(f"Their part in {case.reference}")
            for role in Role:
                roles.addItem(ROLE_WORDS[role], role.value)
            roles.setCurrentIndex(roles.findData(case.suggested.value))
            self.results.setCellWidget(row, ROLE_COLUMN, roles)
            self.results.setItem(row, WHERE_COLUMN, QTableWidgetItem("; ".join(case.where)))
        self.results.resizeColumnsToContents()
        self.record_button.setEnabled(bool(found))
        self.found.emit(found)

    def chosen_cases(self) -> list[tuple[int, Role]]:
        chosen = []
        for row, case in enumerate(self.found_cases):
            item = self.results.item(row, INCLUDE_COLUMN)
            combo = self.results.cellWidget(row, ROLE_COLUMN)
            if item is not None and item.checkState() == Qt.CheckState.Checked:
                role = Role(combo.currentData()) if isinstance(combo, QComboBox) else case.suggested
                chosen.append((case.case_id, role))
        return chosen

    def record_request(self) -> None:
        name = self.name_edit.text().strip()
        day = self.received_edit.date()
        received = dt.date(day.year(), day.month(), day.day())
        cases = self.chosen_cases()
        others = [n.strip() for n in self.other_names_edit.text().split(";") if n.strip()]

        def work(service: Any) -> int:
            from triage_desktop.services import subject_access

            return subject_access.create_request(service, name, received, cases, others).id

        def done(request_id: int) -> None:
            self.changed.emit()
            self.open_request(request_id)

        def failed(error: BaseException) -> None:
            problem_labels.show(self.new_problem, describe_error(error))
            self.failed.emit(describe_error(error))

        self.context.run(work, done, failed, owner=self)

    # -- one request --------------------------------------------------------------------------

    def _build_request(self) -> None:
        page = self.request_page = QWidget(self.pages)
        column = QVBoxLayout(page)
        self.request_heading = QLabel("", page)
        make_heading(self.request_heading, 1.3)
        column.addWidget(self.request_heading)
        self.clock_label = text_label("", page, "When the response is due")
        column.addWidget(self.clock_label)
        extend_row = QHBoxLayout()
        self.extension_edit = QLineEdit(page)
        self.extension_edit.setAccessibleName("Why the request needs two more months")
        self.extension_edit.setPlaceholderText("Why it needs two more months (required)")
        self.extend_button = named_button("E&xtend by two months", "Extend by two months", page)
        extend_row.addWidget(self.extension_edit, 1)
        extend_row.addWidget(self.extend_button)
        column.addLayout(extend_row)
        column.addWidget(text_label(REVIEW_INTRO, page))
        splitter = QSplitter(Qt.Orientation.Horizontal, page)
        self.passages_area = QScrollArea(splitter)
        self.passages_area.setWidgetResizable(True)
        self.passages_area.setAccessibleName("Every passage the pack would disclose")
        self.passages_holder = QWidget(self.passages_area)
        self.passages_layout = QVBoxLayout(self.passages_holder)
        self.passages_area.setWidget(self.passages_holder)
        self.preview = PdfPreview("The pack, as it would be signed", splitter)
        splitter.addWidget(self.passages_area)
        splitter.addWidget(self.preview)
        splitter.setSizes([600, 400])
        column.addWidget(splitter, 1)
        self.request_problem = QLabel("", page)
        self.request_problem.setWordWrap(True)
        self.request_problem.setAccessibleName("Problem with the request")
        problem_labels.prepare(self.request_problem)
        column.addWidget(self.request_problem)
        password_row = QHBoxLayout()
        self.password_edit = QLineEdit(page)
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setAccessibleName(
            "Password to protect the exported pack (optional, at least 8 characters)"
        )
        password = QLabel("Protect the exported pack with a pass&word (optional)", page)
        password.setBuddy(self.password_edit)
        password_row.addWidget(password)
        password_row.addWidget(self.password_edit, 1)
        column.addLayout(password_row)
        buttons = QHBoxLayout()
        self.request_back = named_button("&Back", "Back to the requests", page)
        self.save_button = named_button(
            "&Save decisions", "Save the decisions on every passage", page
        )
        self.preview_button = named_button("Pre&view the pack", "Preview the pack", page)
        self.sign_button = named_button(
            "Sign and e&xport the pack…", "Sign and export the pack", page
        )
        self.complete_button = named_button("Mark as &sent", "Mark the request as answered", page)
        buttons.addWidget(self.request_back)
        buttons.addStretch(1)
        for button in (self.save_button, self.preview_button, self.sign_button):
            buttons.addWidget(button)
        buttons.addWidget(self.complete_button)
        column.addLayout(buttons)
        self.pages.addWidget(page)
        self.request_back.clicked.connect(self.show_list)
        self.extend_button.clicked.connect(self.extend)
        self.save_button.clicked.connect(self.save_decisions)
        self.preview_button.clicked.connect(self.preview_pack)
        self.sign_button.clicked.connect(self.sign_and_export)
        self.complete_button.clicked.connect(self.mark_sent)

    def open_request(self, request_id: int) -> None:
        def work(service: Any) -> Review:
            from triage_desktop.services import subject_access

            return subject_access.review(service, request_id)

        self.context.run(work, self._show_review, self._failed, owner=self)

    def _show_review(self, review: Review) -> None:
        from triage_desktop.services.subject_access import summarise

        self.review = review
        request = review.request
        summary = summarise(request, dt.date.today())
        self.request_heading.setText(f"{request.reference}: {request.requester_name}")
        self.clock_label.setText(clock_words(review.clock, summary, request, dt.date.today()))
        self.extension_edit.setVisible(not request.extended and request.is_open)
        self.extend_button.setVisible(not request.extended and request.is_open)
        self.complete_button.setEnabled(request.is_open)
        problem_labels.clear(self.request_problem)
        self._fill_passages(review)
        self.pages.setCurrentWidget(self.request_page)
        self.request_opened.emit(review)

    def _fill_passages(self, review: Review) -> None:
        while self.passages_layout.count():
            item = self.passages_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.editors = {}
        for number, case in enumerate(review.cases, start=1):
            title = QLabel(
                f"Case {number} of {len(review.cases)}: {case.case.reference}, "
                f"{STATUS_WORDS[case.case.status].lower()}. Their part: {ROLE_WORDS[case.role]}.",
                self.passages_holder,
            )
            title.setWordWrap(True)
            make_heading(title, 1.1)
            self.passages_layout.addWidget(title)
            for passage in case.passages:
                self._passage_editor(number, passage)
        self.passages_layout.addStretch(1)

    def _passage_editor(self, number: int, reviewed: ReviewPassage) -> None:
        passage = reviewed.passage
        internal = " (internal risk note)" if passage.internal else ""
        box = QGroupBox(f"Case {number}: {passage.heading}{internal}", self.passages_holder)
        box.setAccessibleName(f"Case {number}: {passage.heading}")
        column = QVBoxLayout(box)
        column.addWidget(text_label(f"Where it came from: {passage.source}", box))
        if reviewed.stale or any(m.stale for m in reviewed.mentions):
            warning = text_label("⚠ This passage changed since you decided: decide again.", box)
            problem_labels.show(warning, warning.text())
            column.addWidget(warning)
        text = QPlainTextEdit(box)
        text.setReadOnly(True)
        text.setTabChangesFocus(True)  # Tab moves on: no trap for a keyboard user
        text.setPlainText(reviewed.disclosed_text())
        text.setAccessibleName(f"Case {number}, {passage.heading}: the text as the pack shows it")
        text.setMaximumHeight(max(60, min(160, 22 * (passage.text.count("\n") + 2))))
        column.addWidget(text)
        row = QHBoxLayout()
        choice = _choices(
            PASSAGE_CHOICES, f"Case {number}, {passage.heading}: include or withhold", box
        )
        _select(choice, reviewed.choice)
        reason = QLineEdit(reviewed.reason, box)
        reason.setAccessibleName(f"Case {number}, {passage.heading}: the reason")
        reason.setPlaceholderText("Reason (required to withhold, or to include a risk note)")
        row.addWidget(choice)
        row.addWidget(reason, 1)
        column.addLayout(row)
        editor = PassageEditor(passage.case_id, passage.key, box, text, choice, reason)
        for mention in reviewed.mentions:
            line = QHBoxLayout()
            count = len(mention.spans)
            line.addWidget(
                text_label(f"{mention.person} ({count} mention{'s' if count != 1 else ''})", box)
            )
            person_choice = _choices(
                PERSON_CHOICES, f"{mention.person} in case {number}, {passage.heading}", box
            )
            _select(person_choice, mention.choice)
            person_reason = QLineEdit(mention.reason if mention.decided else "", box)
            person_reason.setAccessibleName(
                f"Why {mention.person} is disclosed or redacted in case {number}, {passage.heading}"
            )
            person_reason.setPlaceholderText(
                "Reason (required to disclose: they consent, or it is reasonable)"
            )
            line.addWidget(person_choice)
            line.addWidget(person_reason, 1)
            column.addLayout(line)
            editor.mentions[mention.key] = MentionEditor(mention.key, person_choice, person_reason)
        self.editors[(passage.case_id, passage.key)] = editor
        self.passages_layout.addWidget(box)

    def editor(self, case_id: int, key: str) -> PassageEditor:
        return self.editors[(case_id, key)]

    def _choices_made(self) -> list[Any]:
        """Every choice on screen that differs from what the review holds, or was decided."""
        from triage_desktop.services.subject_access import Choose

        review = self.review
        if review is None:
            return []
        made = []
        for (case_id, key), editor in self.editors.items():
            reviewed = review.passage(case_id, key)
            choice = Choice(editor.choice.currentData())
            reason = editor.reason.text().strip()
            if choice is not reviewed.choice or (reviewed.decided and reason != reviewed.reason):
                made.append(Choose(case_id, key, "", choice, reason))
            for mention in reviewed.mentions:
                widgets = editor.mentions[mention.key]
                person_choice = Choice(widgets.choice.currentData())
                person_reason = widgets.reason.text().strip()
                if person_choice is not mention.choice or (
                    mention.decided and person_reason != mention.reason
                ):
                    made.append(Choose(case_id, key, mention.key, person_choice, person_reason))
        return made

    def save_decisions(self) -> None:
        review = self.review
        if review is None:
            return
        choices = self._choices_made()
        request_id = review.request.id

        def work(service: Any) -> Review:
            from triage_desktop.services import subject_access

            return subject_access.decide(service, request_id, choices)

        def done(updated: Review) -> None:
            self._show_review(updated)
            self.saved.emit(updated)

        self.context.run(work, done, self._request_failed, owner=self)

    def preview_pack(self) -> None:
        review = self.review
        if review is None:
            return
        request_id = review.request.id

        def work(service: Any) -> bytes:
            from triage_desktop.services import subject_access

            return subject_access.render_draft(service, request_id)

        def done(pdf: bytes) -> None:
            self.preview.show_pdf(pdf)
            self.preview_ready.emit()

        self.context.run(work, done, self._request_failed, owner=self)

    def sign_and_export(self) -> None:
        review = self.review
        if review is None:
            return
        if self._choices_made():
            problem_labels.show(
                self.request_problem, "Save your decisions first: the pack follows what is saved."
            )
            return
        request = review.request
        suggested = export_folder() / f"{request.reference}.pdf"
        chosen = self.prompts.save_file(
            self, "Export the pack", str(suggested), "Signed PDF (*.pdf)"
        )
        if chosen is None:
            return
        password = self.password_edit.text()
        if not password and not self.prompts.confirm(self, "Export", UNENCRYPTED_EXPORT):
            return
        request_id = request.id

        def work(service: Any) -> Exported:
            from triage_desktop.services import subject_access

            return subject_access.sign_and_export(service, request_id, Path(chosen), password)

        def done(exported: Exported) -> None:
            self.password_edit.clear()
            self.preview.show_pdf(exported.pdf)
            protected = ", protected with the password" if exported.protected else ""
            problem_labels.clear(self.request_problem)
            self.clock_label.setText(
                f"{self.clock_label.text()} The signed pack was exported to {exported.path}"
                f"{protected}; it and its redaction log are kept in the vault."
            )
            self.exported.emit(exported)

        self.context.run(work, done, self._request_failed, owner=self)

    def extend(self) -> None:
        review = self.review
        if review is None:
            return
        reason = self.extension_edit.text()
        request_id = review.request.id

        def work(service: Any) -> Review:
            from triage_desktop.services import subject_access

            subject_access.extend(service, request_id, reason)
            return subject_access.review(service, request_id)

        def done(updated: Review) -> None:
            self.extension_edit.clear()
            self._show_review(updated)
            self.changed.emit()

        self.context.run(work, done, self._request_failed, owner=self)

    def mark_sent(self) -> None:
        review = self.review
        if review is None:
            return
        request_id = review.request.id

        def work(service: Any) -> Review:
            from triage_desktop.services import subject_access

            subject_access.complete(service, request_id)
            return subject_access.review(service, request_id)

        def done(updated: Review) -> None:
            self._show_review(updated)
            self.changed.emit()

        self.context.run(work, done, self._request_failed, owner=self)

    # -- failures and locking -------------------------------------------------------------------

    def _request_failed(self, error: BaseException) -> None:
        message = describe_error(error)
        problem_labels.show(self.request_problem, message)
        self.failed.emit(message)

    def _failed(self, error: BaseException) -> None:
        self.failed.emit(describe_error(error))

    def _forget_review(self) -> None:
        self.review = None
        self.editors = {}
        self.preview.clear()
        self.password_edit.clear()

    def clear(self) -> None:
        """The vault locked: nothing of any request stays on screen."""
        self._forget_review()
        self.table.setRowCount(0)
        self.results.setRowCount(0)
        self.found_cases = []
        self.name_edit.clear()
        self.other_names_edit.clear()
        while self.passages_layout.count():
            item = self.passages_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.pages.setCurrentWidget(self.list_page)
