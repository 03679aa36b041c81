"""One case: its details and status, the signed documents it holds (previewed from memory with
QtPdf, exported only on request), and its history from the audit log.

Built in code: its sections fill from data at run time. Everything is read on a worker; the PDF
bytes go from the vault into a QBuffer and never touch the disk unless the officer exports them.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from triage_desktop.cases.model import AuditEntry, Case, StoredDocument
from triage_desktop.cases.origin import ReportOrigin
from triage_desktop.gui.cases.deadline import contact_mark
from triage_desktop.gui.cases.labels import (
    CONTACT_METHOD_WORDS,
    LOCATION_WORDS,
    NO_DEADLINE,
    ON_BEHALF_WORDS,
    REPORTER_STATUS_WORDS,
    RESPONDENT_TYPE_WORDS,
    ROUTE_WORDS,
    SOURCE_WORDS,
    STATUS_WORDS,
    audit_words,
    day_words,
    time_words,
)
from triage_desktop.gui.context import AppContext, describe_error
from triage_desktop.gui.look import make_heading
from triage_desktop.gui.pdf_preview import PdfPreview, confirm_unencrypted_export, export_folder


@dataclass(frozen=True)
class _Loaded:
    case: Case
    documents: list[StoredDocument]
    history: list[AuditEntry]
    officers: dict[int, str]
    behaviour_names: dict[str, str]
    origin: ReportOrigin | None = None  # an imported case: what its report said
    service_names: dict[str, str] | None = None


def _document_words(document: StoredDocument) -> str:
    kind = document.kind.replace("letter:", "Letter — ").replace("_", " ")
    kind = kind[:1].upper() + kind[1:]
    return f"{kind} · {time_words(document.created_at)} · {document.size // 1024 + 1} KB"


class CaseView(QWidget):
    back = Signal()
    edit_requested = Signal(int)
    start_meeting = Signal(int)
    shown = Signal(int)  # the case id whose details are on screen (tests wait on it)
    preview_ready = Signal(int)  # a document id now previewed

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.case: Case | None = None
        self.documents: list[StoredDocument] = []
        self.setAccessibleName("Case")
        self._build()
        context.locked.connect(self.clear)
        context.case_changed.connect(self._case_changed)

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.back_button = QPushButton("← &Cases", self)
        self.back_button.setAccessibleName("Back to the case list")
        self.title = QLabel("", self)
        make_heading(self.title)
        self.title.setAccessibleName("Case reference")
        self.edit_button = QPushButton("&Edit details", self)
        self.edit_button.setAccessibleName("Edit the case details")
        self.contact_button = QPushButton("Record first &contact…", self)
        self.contact_button.setAccessibleName("Record the first contact with the reporter")
        self.meeting_button = QPushButton("Start or resume the triage &meeting", self)
        self.meeting_button.setAccessibleName("Start or resume the triage meeting")
        self.meeting_button.setDefault(True)
        top.addWidget(self.back_button)
        top.addWidget(self.title, 1)
        top.addWidget(self.contact_button)
        top.addWidget(self.edit_button)
        top.addWidget(self.meeting_button)
        layout.addLayout(top)
        self.summary = QLabel("", self)
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Status and dates")
        layout.addWidget(self.summary)
        self.contact_line = QLabel("", self)
        self.contact_line.setWordWrap(True)
        self.contact_line.setAccessibleName("First contact and the 2-working-day deadline")
        layout.addWidget(self.contact_line)
        self.first_contact_dialog: QDialog | None = None

        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName("Case sections")
        self.details = QTextBrowser(self.tabs)
        self.details.setAccessibleName("Case details")
        self.tabs.addTab(self.details, "&Details")

        documents = QWidget(self.tabs)
        row = QHBoxLayout(documents)
        splitter = QSplitter(documents)
        left = QWidget(splitter)
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        self.document_list = QListWidget(left)
        self.document_list.setAccessibleName("Signed documents")
        self.export_button = QPushButton("E&xport…", left)
        self.export_button.setAccessibleName("Export the selected document")
        self.export_button.setEnabled(False)
        self.document_note = QLabel("", left)
        self.document_note.setWordWrap(True)
        self.document_note.setAccessibleName("Documents message")
        column.addWidget(self.document_list, 1)
        column.addWidget(self.export_button)
        column.addWidget(self.document_note)
        self.preview = PdfPreview("Document preview", splitter)
        splitter.addWidget(left)
        splitter.addWidget(self.preview)
        splitter.setSizes([320, 900])
        row.addWidget(splitter)
        self.tabs.addTab(documents, "D&ocuments")

        self.history = QTableWidget(0, 3, self.tabs)
        self.history.setAccessibleName("History from the audit log")
        self.history.setHorizontalHeaderLabels(["When", "What", "Who"])
        self.history.horizontalHeader().setStretchLastSection(True)
        for section in (0, 1):
            self.history.horizontalHeader().setSectionResizeMode(
                section, QHeaderView.ResizeMode.ResizeToContents
            )
        self.history.verticalHeader().setVisible(False)
        self.history.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.tabs.addTab(self.history, "&History")
        layout.addWidget(self.tabs, 1)

        self.back_button.clicked.connect(self.back)
        self.edit_button.clicked.connect(self._edit)
        self.contact_button.clicked.connect(self.record_first_contact)
        self.meeting_button.clicked.connect(self._meeting)
        self.document_list.currentRowChanged.connect(self._preview_document)
        self.export_button.clicked.connect(self.export_selected)
        QShortcut(QKeySequence("Escape"), self).activated.connect(self.back)

    # -- loading ------------------------------------------------------------------------------

    def show_case(self, case_id: int) -> None:
        self.clear()
        self.title.setText("Opening…")
        self.context.run(
            lambda service: _load(service, case_id), self._loaded, self._load_failed, owner=self
        )

    def _load_failed(self, error: BaseException) -> None:
        self.title.setText("The case could not be opened")
        self.summary.setText(f"⚠ {describe_error(error)}")

    def _case_changed(self, case_id: int) -> None:
        if self.case is not None and self.case.id == case_id and self.isVisible():
            self.show_case(case_id)

    def _loaded(self, loaded: _Loaded) -> None:
        case = loaded.case
        self.case = case
        self.documents = loaded.documents
        self.title.setText(case.reference)
        contact = (
            "none (anonymous report)" if case.contact_by is None else day_words(case.contact_by)
        )
        hold = " · Legal hold: kept beyond the retention period" if case.legal_hold else ""
        self.summary.setText(
            f"Status: {STATUS_WORDS[case.status]} · Received {time_words(case.details.received_at)}"
            f" · Contact by {contact}{hold}"
        )
        self.contact_line.setText(first_contact_words(case, self._closures()))
        self.contact_button.setVisible(case.contact_by is not None)
        self.contact_button.setText(
            "Change first &contact…" if case.first_contact else "Record first &contact…"
        )
        self.details.setHtml(
            _details_html(case, loaded.officers, loaded.behaviour_names)
            + _origin_html(loaded.origin, loaded.service_names or {})
        )
        self.document_list.clear()
        for document in loaded.documents:
            QListWidgetItem(_document_words(document), self.document_list)
        self.document_note.setText(
            ""
            if loaded.documents
            else "No signed documents yet: they are made at the end of the triage meeting."
        )
        self.history.setRowCount(len(loaded.history))
        for row, entry in enumerate(loaded.history):
            who = loaded.officers.get(entry.officer_id or -1, "—")
            for column, text in enumerate((time_words(entry.at), audit_words(entry.action), who)):
                self.history.setItem(row, column, QTableWidgetItem(text))
        self.shown.emit(case.id)

    def clear(self) -> None:
        """Forget the case (also on lock): text, lists, history and the previewed PDF."""
        self.case = None
        self.documents = []
        self.title.clear()
        self.summary.clear()
        self.contact_line.clear()
        if self.first_contact_dialog is not None:
            self.first_contact_dialog.reject()
        self.details.clear()
        self.document_list.clear()
        self.document_note.clear()
        self.history.setRowCount(0)
        self._close_preview()

    def _close_preview(self) -> None:
        self.preview.clear()
        self.export_button.setEnabled(False)

    # -- documents ----------------------------------------------------------------------------

    def _preview_document(self, row: int) -> None:
        self._close_preview()
        if not 0 <= row < len(self.documents):
            return
        document_id = self.documents[row].id

        def fetch(service: Any) -> bytes:
            _info, pdf = service.fetch_document(document_id)
            return pdf  # type: ignore[no-any-return]

        self.context.run(
            fetch,
            lambda pdf: self._show_pdf(document_id, pdf),
            lambda error: self.document_note.setText(
                f"⚠ The document could not be shown. {describe_error(error)}"
            ),
            owner=self,
        )

    def _show_pdf(self, document_id: int, pdf: bytes) -> None:
        self.preview.show_pdf(pdf)  # from memory: no temporary file
        self.export_button.setEnabled(True)
        self.preview_ready.emit(document_id)

    def export_selected(self, destination: str | None = None) -> None:
        row = self.document_list.currentRow()
        if not 0 <= row < len(self.documents):
            return
        document = self.documents[row]
        if not destination:
            if not confirm_unencrypted_export(self):
                return
            name = f"{self.case.reference if self.case else 'document'}-{document.kind}.pdf"
            suggested = str(export_folder() / name.replace(":", "-"))
            destination, _filter = QFileDialog.getSaveFileName(
                self, "Export the signed document", suggested, "PDF (*.pdf)"
            )
        if not destination:
            return
        target = Path(destination)

        def done(path: Any) -> None:
            self.document_note.setText(f"Exported to {path}. It is no longer encrypted there.")

        def failed(error: BaseException) -> None:
            self.document_note.setText(describe_error(error))

        self.context.run(
            lambda service: service.export_document(document.id, target), done, failed, owner=self
        )

    # -- buttons ------------------------------------------------------------------------------

    def _edit(self) -> None:
        if self.case is not None:
            self.edit_requested.emit(self.case.id)

    def _meeting(self) -> None:
        if self.case is not None:
            self.start_meeting.emit(self.case.id)

    def _closures(self) -> tuple[Any, ...]:
        settings = self.context.settings
        return () if settings is None else tuple(settings.closure_days)

    def record_first_contact(self) -> QDialog | None:
        """The first-contact dialog (window-modal; saving refreshes this view)."""
        from triage_desktop.gui.cases.first_contact import FirstContactDialog

        if self.case is None:
            return None
        dialog = FirstContactDialog(self.context, self.case, self)
        self.first_contact_dialog = dialog

        def closed(_result: int) -> None:
            self.first_contact_dialog = None
            dialog.deleteLater()

        dialog.finished.connect(closed)
        dialog.recorded.connect(lambda case: self.show_case(case.id))
        dialog.open()
        return dialog


def _load(service: Any, case_id: int) -> _Loaded:
    from triage_desktop.policy.catalogue import load_policy

    case = service.get_case(case_id)
    officers = {officer.id: officer.name for officer in service.officers()}
    services: dict[str, str] = {}
    try:
        policy = load_policy(case.details.policy_version)
        names = {b.id: b.name for b in policy.behaviours}
        services = {s.id: s.name for s in policy.support.services}
    except Exception:  # an old or unknown policy version: show the stored ids
        names = {}
    return _Loaded(
        case=case,
        documents=service.list_documents(case_id),
        history=service.audit_entries(case_id),
        officers=officers,
        behaviour_names=names,
        origin=service.report_origin(case_id),
        service_names=services,
    )


def _details_html(case: Case, officers: dict[int, str], behaviour_names: dict[str, str]) -> str:
    d = case.details
    e = html.escape

    def row(label: str, value: str) -> str:
        return f"<tr><th align='left' valign='top'>{e(label)}</th><td>{value}</td></tr>"

    reporter = "Anonymous report" if d.anonymous and not d.reporter.name else e(d.reporter.name)
    respondents = "<br>".join(
        f"{e(r.name or 'Name not known')} — {e(RESPONDENT_TYPE_WORDS[r.respondent_type])}"
        + (f", {e(r.details)}" if r.details else "")
        for r in d.respondents
    )
    behaviours = ", ".join(e(behaviour_names.get(b, b)) for b in d.behaviour_categories)
    incidents = ", ".join(day_words(day) for day in d.incident_dates)
    assigned = officers.get(d.assigned_officer_id or -1, "Unassigned")
    rows = [
        row("Source", e(SOURCE_WORDS[d.source])),
        row("Reporter", reporter),
        row("Reporter's status", e(REPORTER_STATUS_WORDS[d.reporter.status])),
        row("Safe contact", e(" · ".join(x for x in (d.reporter.email, d.reporter.phone) if x))),
        row("Contact preference", e(d.reporter.notes)),
        row("First contact", e(_contact_made(case))),
        row("About", respondents or "—"),
        row("Kinds of behaviour", behaviours or "—"),
        row(
            "Where",
            e(
                LOCATION_WORDS[d.location.kind]
                + (f" — {d.location.detail}" if d.location.detail else "")
            ),
        ),
        row("First incident", incidents or "Not known"),
        row("Dates and frequency", e(d.incident_notes)),
        row("Assigned officer", e(assigned)),
        row("Policy version", e(d.policy_version)),
    ]
    description = e(d.description).replace("\n", "<br>")
    contact = NO_DEADLINE if case.contact_by is None else day_words(case.contact_by)
    return (
        f"<table cellpadding='4'>{''.join(rows)}"
        f"{row('Contact by', e(contact))}</table>"
        f"<h3>Description</h3><p>{description or '—'}</p>"
    )


def _origin_html(origin: ReportOrigin | None, service_names: dict[str, str]) -> str:
    """What an imported report said, as submitted (the officer's edits never change it)."""
    if origin is None:
        return ""
    e = html.escape

    def row(label: str, value: str) -> str:
        return f"<tr><th align='left' valign='top'>{e(label)}</th><td>{e(value)}</td></tr>"

    excluded = ""
    if origin.excluded_people:
        excluded = (
            "<p><b>⚠ The reporter does not want these people to see the report: "
            f"{e('; '.join(origin.excluded_people))}</b></p>"
        )
    service = service_names.get(origin.preferred_service, origin.preferred_service)
    rows = [
        row("Report in the tool", origin.source_report_id),
        row("Submitted", time_words(origin.submitted_at)),
        row("Route", ROUTE_WORDS[origin.route]),
        row("Reported", ON_BEHALF_WORDS[origin.on_behalf_of]),
        row("Department", origin.department or "—"),
        row("Preferred support", service or "—"),
        row("Incident dates, as given", ", ".join(origin.incident_dates) or "—"),
        row("Where, in their words", origin.locations or "—"),
    ]
    return (
        f"<h3>What the report in {e(SOURCE_WORDS[origin.source])} said</h3>{excluded}"
        f"<table cellpadding='4'>{''.join(rows)}</table>"
    )


def _contact_made(case: Case) -> str:
    contact = case.first_contact
    if contact is None:
        return "Not recorded yet"
    return f"{day_words(contact.on)}, by {CONTACT_METHOD_WORDS[contact.method].lower()}"


def first_contact_words(case: Case, closures: tuple[Any, ...] = ()) -> str:
    """The 2-working-day clock for this case, in words: met or missed, due or overdue."""
    import datetime as dt

    if case.contact_by is None:
        return "No contact deadline: the report is anonymous."
    mark = contact_mark(
        case.status,
        case.contact_by,
        case.details.anonymous,
        dt.date.today(),
        first_contact_on=None if case.first_contact is None else case.first_contact.on,
        closures=closures,
    )
    if case.first_contact is None:
        return f"Not contacted yet. {mark.text}."
    how = CONTACT_METHOD_WORDS[case.first_contact.method].lower()
    return f"First contact by {how}. {mark.text}."
