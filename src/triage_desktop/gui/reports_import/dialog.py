"""File → Import reports…: choose an export, see exactly what importing it will do, confirm
once, watch it go in, then read the reconciliation and decide about the plaintext file.

Pages: choose the file (and the mapping) → problems (nothing imported) or the preview (reports
past their contact-by date first, in red and in words; new cases; reports already here) → the
import, one transaction on a worker with a progress bar (Cancel rolls it all back) → done: "N
reports in the file = N cases (M new, K already here)", the plaintext warning and the offer to
delete the file. "Reconcile only" checks a file against the vault without importing anything.
Locking stops an import in progress (nothing is imported) and the dialog goes with the workspace.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QStackedWidget,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from triage_desktop.gui.cases.deadline import Urgency, urgency_colour
from triage_desktop.gui.context import AppContext, describe_error
from triage_desktop.gui.look import make_heading
from triage_desktop.gui.reports_import.preview import PreviewModel
from triage_desktop.gui.settings import problems as problem_labels
from triage_desktop.gui.settings.prompts import Prompts
from triage_desktop.gui.small_widgets import named_button, text_label
from triage_desktop.reports.contract import ReportFileError
from triage_desktop.services import reports_import
from triage_desktop.services.reports_import import (
    ImportCancelled,
    ImportPlan,
    ImportResult,
    Reconciliation,
)

FILE_FILTER = "Support and Report exports (*.csv *.jsonl *.ndjson *.json);;All files (*)"
MAPPING_FILTER = "Mapping files (*.toml);;All files (*)"
INTRO = (
    "Choose a file exported from the Support and Report tool (CSV or JSON Lines, as described "
    "in docs/import.md). Nothing is imported until the whole file has been checked and you "
    "confirm. A mapping file translates the tool's own option labels to the policy's codes."
)
CANCELLED = "The import was stopped. Nothing was imported."


class _ProgressRelay(QObject):
    """Carries progress from the database thread to the dialog (a queued signal). It has no
    parent, so a progress report after the dialog is gone reaches no deleted object."""

    step = Signal(int, int)


def _bold(label: QLabel) -> None:
    font = QFont(label.font())
    font.setWeight(QFont.Weight.DemiBold)
    label.setFont(font)


def _wrapped(text: str, name: str, parent: QWidget) -> QLabel:
    return text_label(text, parent, name, keyboard=True)


def _urgent(label: QLabel) -> None:
    """Bold, and in the overdue colour: the words carry the meaning, the colour repeats it."""
    _bold(label)
    colour = urgency_colour(Urgency.OVERDUE)
    if colour is not None:
        palette = label.palette()
        palette.setColor(QPalette.ColorRole.WindowText, colour)
        label.setPalette(palette)


class ImportReportsDialog(QDialog):
    plan_ready = Signal(object)  # the ImportPlan shown
    problems_found = Signal(object)  # the ReportFileError shown
    import_done = Signal(object)  # the ImportResult
    reconciled = Signal(object)  # a Reconciliation shown (after "Reconcile only")
    source_deleted = Signal(str)  # the path of the deleted file
    failed = Signal(str)  # a message shown instead of a result

    def __init__(
        self, context: AppContext, parent: QWidget | None = None, prompts: Prompts | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.prompts = prompts or Prompts()
        self.plan: ImportPlan | None = None
        self.import_result: ImportResult | None = None
        self._source: Path | None = None
        self._cancel = threading.Event()
        self._busy = False
        self.setWindowTitle("Import reports")
        self.setAccessibleName("Import reports from the Support and Report tool")
        self.resize(980, 640)
        layout = QVBoxLayout(self)
        self.pages = QStackedWidget(self)
        layout.addWidget(self.pages)
        self._build_choose()
        self._build_problems()
        self._build_preview()
        self._build_progress()
        self._build_done()
        self.pages.setCurrentWidget(self.choose_page)
        context.locked.connect(self._locked)

    # -- pages --------------------------------------------------------------------------------

    def _build_choose(self) -> None:
        page = self.choose_page = QWidget(self.pages)
        column = QVBoxLayout(page)
        heading = QLabel("Import reports from the Support and Report tool", page)
        make_heading(heading, 1.3)
        column.addWidget(heading)
        column.addWidget(_wrapped(INTRO, "What importing does", page))
        form = QFormLayout()
        self.file_edit = QLineEdit(page)
        self.file_edit.setAccessibleName("Report file")
        self.browse_button = named_button("&Browse…", "Choose the report file", page)
        self.mapping_edit = QLineEdit(page)
        self.mapping_edit.setAccessibleName("Mapping file (optional)")
        self.mapping_edit.setPlaceholderText("None: the file already uses the policy's codes")
        self.mapping_button = named_button("B&rowse…", "Choose the mapping file", page)
        for label_text, edit, button in (
            ("Report &file", self.file_edit, self.browse_button),
            ("&Mapping file", self.mapping_edit, self.mapping_button),
        ):
            row = QHBoxLayout()
            row.addWidget(edit, 1)
            row.addWidget(button)
            label = QLabel(label_text, page)
            label.setBuddy(edit)
            form.addRow(label, row)
        column.addLayout(form)
        self.choose_problem = QLabel("", page)
        self.choose_problem.setWordWrap(True)
        self.choose_problem.setAccessibleName("Problem with the chosen file")
        problem_labels.prepare(self.choose_problem)
        column.addWidget(self.choose_problem)
        self.busy_bar = QProgressBar(page)
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setAccessibleName("Checking the file")
        self.busy_bar.setVisible(False)
        column.addWidget(self.busy_bar)
        column.addStretch(1)
        buttons = QHBoxLayout()
        self.choose_cancel = named_button("Cancel", "Close without importing", page)
        self.reconcile_button = named_button(
            "Re&concile only", "Check the file against the vault without importing", page
        )
        self.check_button = named_button(
            "C&heck the file", "Check the file and show the preview", page
        )
        self.check_button.setDefault(True)
        buttons.addWidget(self.choose_cancel)
        buttons.addStretch(1)
        buttons.addWidget(self.reconcile_button)
        buttons.addWidget(self.check_button)
        column.addLayout(buttons)
        self.pages.addWidget(page)
        self.browse_button.clicked.connect(self._browse_file)
        self.mapping_button.clicked.connect(self._browse_mapping)
        self.choose_cancel.clicked.connect(self.reject)
        self.check_button.clicked.connect(self.check_file)
        self.reconcile_button.clicked.connect(self.reconcile_file)
        self.file_edit.returnPressed.connect(self.check_file)

    def _build_problems(self) -> None:
        page = self.problems_page = QWidget(self.pages)
        column = QVBoxLayout(page)
        heading = QLabel("The file was not imported", page)
        make_heading(heading, 1.3)
        column.addWidget(heading)
        self.problems_summary = _wrapped("", "What was found", page)
        _bold(self.problems_summary)
        column.addWidget(self.problems_summary)
        self.problems_table = QTableWidget(0, 4, page)
        self.problems_table.setAccessibleName("Problems in the file")
        self.problems_table.setHorizontalHeaderLabels(["Row", "Field", "Expected", "Found"])
        self.problems_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.problems_table.setWordWrap(True)
        self.problems_table.verticalHeader().setVisible(False)
        self.problems_table.setTabKeyNavigation(False)  # Tab leaves the table: no trap
        header = self.problems_table.horizontalHeader()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for section in (0, 1, 3):
            header.setSectionResizeMode(section, QHeaderView.ResizeMode.ResizeToContents)
        column.addWidget(self.problems_table, 1)
        buttons = QHBoxLayout()
        self.problems_close = named_button("Close", "Close without importing", page)
        self.problems_back = named_button("&Back", "Choose another file", page)
        self.problems_back.setDefault(True)
        buttons.addWidget(self.problems_close)
        buttons.addStretch(1)
        buttons.addWidget(self.problems_back)
        column.addLayout(buttons)
        self.pages.addWidget(page)
        self.problems_close.clicked.connect(self.reject)
        self.problems_back.clicked.connect(self._back_to_choose)

    def _build_preview(self) -> None:
        page = self.preview_page = QWidget(self.pages)
        column = QVBoxLayout(page)
        heading = QLabel("What importing this file will do", page)
        make_heading(heading, 1.3)
        column.addWidget(heading)
        self.preview_summary = _wrapped("", "Summary of the import", page)
        _bold(self.preview_summary)
        column.addWidget(self.preview_summary)
        self.late_banner = _wrapped("", "Reports past their contact-by date", page)
        _urgent(self.late_banner)
        column.addWidget(self.late_banner)
        self.preview_model = PreviewModel(page)
        self.preview_table = QTableView(page)
        self.preview_table.setAccessibleName("Each report and what will happen to it")
        self.preview_table.setModel(self.preview_model)
        self.preview_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.preview_table.verticalHeader().setVisible(False)
        self.preview_table.setTabKeyNavigation(False)  # Tab leaves the table: no trap
        self.preview_table.setWordWrap(False)
        header = self.preview_table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        for section, width in enumerate((280, 130, 50, 190)):
            header.resizeSection(section, width)
        column.addWidget(self.preview_table, 1)
        self.preview_note = _wrapped("", "The file's fingerprint and versions", page)
        column.addWidget(self.preview_note)
        buttons = QHBoxLayout()
        self.preview_cancel = named_button("Cancel", "Close without importing", page)
        self.preview_back = named_button("&Back", "Choose another file", page)
        self.import_button = named_button("&Import", "Import the new reports", page)
        self.import_button.setDefault(True)
        buttons.addWidget(self.preview_cancel)
        buttons.addStretch(1)
        buttons.addWidget(self.preview_back)
        buttons.addWidget(self.import_button)
        column.addLayout(buttons)
        self.pages.addWidget(page)
        self.preview_cancel.clicked.connect(self.reject)
        self.preview_back.clicked.connect(self._back_to_choose)
        self.import_button.clicked.connect(self.start_import)

    def _build_progress(self) -> None:
        page = self.progress_page = QWidget(self.pages)
        column = QVBoxLayout(page)
        heading = QLabel("Importing", page)
        make_heading(heading, 1.3)
        column.addWidget(heading)
        self.progress_label = _wrapped("", "What is being imported", page)
        column.addWidget(self.progress_label)
        self.progress_bar = QProgressBar(page)
        self.progress_bar.setAccessibleName("Import progress")
        column.addWidget(self.progress_bar)
        column.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.stop_button = named_button(
            "&Stop the import", "Stop the import: nothing is imported", page
        )
        buttons.addWidget(self.stop_button)
        column.addLayout(buttons)
        self.pages.addWidget(page)
        self.stop_button.clicked.connect(self.stop_import)

    def _build_done(self) -> None:
        page = self.done_page = QWidget(self.pages)
        column = QVBoxLayout(page)
        self.done_heading = QLabel("", page)
        make_heading(self.done_heading, 1.3)
        column.addWidget(self.done_heading)
        self.reconciliation_label = _wrapped("", "Reconciliation", page)
        _bold(self.reconciliation_label)
        column.addWidget(self.reconciliation_label)
        self.reconciliation_details = _wrapped("", "Reports not accounted for", page)
        _urgent(self.reconciliation_details)
        column.addWidget(self.reconciliation_details)
        self.done_late = _wrapped("", "New cases past their contact-by date", page)
        _urgent(self.done_late)
        column.addWidget(self.done_late)
        column.addSpacing(12)
        self.plaintext_label = _wrapped("", "The source file is plaintext personal data", page)
        _bold(self.plaintext_label)
        column.addWidget(self.plaintext_label)
        self.caveat_label = _wrapped(
            reports_import.DELETE_CAVEAT, "What deleting the file can and cannot do", page
        )
        column.addWidget(self.caveat_label)
        self.delete_status = QLabel("", page)
        self.delete_status.setWordWrap(True)
        self.delete_status.setAccessibleName("Deleting the file")
        problem_labels.prepare(self.delete_status)
        column.addWidget(self.delete_status)
        column.addStretch(1)
        buttons = QHBoxLayout()
        self.done_back = named_button("&Back", "Choose a file to import", page)
        self.keep_button = named_button("&Keep the file", "Keep the file and close", page)
        self.delete_button = named_button("&Delete the file", "Delete the source file", page)
        buttons.addWidget(self.done_back)
        buttons.addStretch(1)
        buttons.addWidget(self.keep_button)
        buttons.addWidget(self.delete_button)
        column.addLayout(buttons)
        self.pages.addWidget(page)
        self.keep_button.clicked.connect(self.accept)
        self.done_back.clicked.connect(self._back_to_choose)
        self.delete_button.clicked.connect(self.delete_source)

    # -- choosing and checking ----------------------------------------------------------------

    def _browse_file(self) -> None:
        chosen = self.prompts.open_file(self, "Choose the exported reports", FILE_FILTER)
        if chosen is not None:
            self.file_edit.setText(str(chosen))

    def _browse_mapping(self) -> None:
        chosen = self.prompts.open_file(self, "Choose the mapping file", MAPPING_FILTER)
        if chosen is not None:
            self.mapping_edit.setText(str(chosen))

    def _chosen(self) -> tuple[Path, Path | None] | None:
        text = self.file_edit.text().strip()
        if not text:
            problem_labels.show(self.choose_problem, "Choose the report file first.")
            self.file_edit.setFocus()
            return None
        mapping = self.mapping_edit.text().strip()
        return Path(text), (Path(mapping) if mapping else None)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.busy_bar.setVisible(busy)
        for widget in (self.check_button, self.reconcile_button, self.file_edit):
            widget.setEnabled(not busy)

    def check_file(self) -> None:
        """The dry run, on a worker: the preview, or every problem. Writes nothing."""
        chosen = self._chosen()
        if chosen is None or self._busy:
            return
        path, mapping = chosen
        problem_labels.clear(self.choose_problem)
        self._set_busy(True)

        def work(service: Any) -> ImportPlan:
            return reports_import.plan_import(service, path, mapping)

        self.context.run(work, self._show_plan, self._check_failed, owner=self)

    def reconcile_file(self) -> None:
        chosen = self._chosen()
        if chosen is None or self._busy:
            return
        path, _mapping = chosen
        problem_labels.clear(self.choose_problem)
        self._set_busy(True)

        def work(service: Any) -> Reconciliation:
            return reports_import.reconcile(service, path)

        def done(result: Reconciliation) -> None:
            self._set_busy(False)
            self._source = path
            self._show_done("Reconciliation", result, imported=False)
            self.reconciled.emit(result)

        self.context.run(work, done, self._check_failed, owner=self)

    def _check_failed(self, error: BaseException) -> None:
        self._set_busy(False)
        if isinstance(error, ReportFileError):
            self._show_problems(error)
            return
        message = describe_error(error)
        problem_labels.show(self.choose_problem, message)
        self.failed.emit(message)

    def _show_problems(self, error: ReportFileError) -> None:
        count = len(error.problems)
        name = self.file_edit.text().strip().rsplit("/", 1)[-1]
        self.problems_summary.setText(
            f"⚠ {count:,} problem{'s' if count != 1 else ''} in {name}. Nothing was imported and "
            "nothing was changed. Fix them in the file (or in the mapping file), then check it "
            "again."
        )
        self.problems_table.setRowCount(count)
        for row, problem in enumerate(error.problems):
            cells = (
                "" if problem.row is None else str(problem.row),
                problem.field,
                problem.expected,
                "" if problem.found is None else problem.found,
            )
            for column, text in enumerate(cells):
                self.problems_table.setItem(row, column, QTableWidgetItem(text))
        self.pages.setCurrentWidget(self.problems_page)
        self.problems_back.setFocus()
        self.problems_found.emit(error)

    def _show_plan(self, plan: ImportPlan) -> None:
        self._set_busy(False)
        self.plan = plan
        new, late, already = len(plan.new), len(plan.past_contact_by), len(plan.duplicates)
        reports = f"{len(plan.reports):,} report{'s' if len(plan.reports) != 1 else ''}"
        self.preview_summary.setText(
            f"{plan.file_name}: {reports}. {new:,} will become new cases; {already:,} "
            f"{'is' if already == 1 else 'are'} already here and will be skipped."
        )
        self.late_banner.setText(
            f"⚠ {late:,} report{'s are' if late != 1 else ' is'} already past the contact-by "
            "date. They are listed first, in red: contact these reporters first."
        )
        self.late_banner.setVisible(late > 0)
        self.preview_model.show_reports(plan.reports)
        self.preview_note.setText(
            f"File SHA-256 {plan.sha256} · contract schema {plan.schema_version} · mapping "
            f"{plan.mapping_version}. The import is one transaction: all of these or none."
        )
        if new:
            self.import_button.setText(f"&Import {new:,} report{'s' if new != 1 else ''}")
            self.import_button.setEnabled(True)
        else:
            self.import_button.setText("Nothing new to import")
            self.import_button.setEnabled(False)
        self.pages.setCurrentWidget(self.preview_page)
        (self.import_button if new else self.preview_back).setFocus()
        self.plan_ready.emit(plan)

    def _back_to_choose(self) -> None:
        self.plan = None
        self.preview_model.clear()
        self.problems_table.setRowCount(0)
        self.pages.setCurrentWidget(self.choose_page)
        self.file_edit.setFocus()

    # -- importing ----------------------------------------------------------------------------

    def start_import(self) -> None:
        """The one confirmation: import exactly what the preview showed, on a worker."""
        plan = self.plan
        if plan is None or not plan.new or self._busy:
            return
        self._busy = True
        self._cancel.clear()
        total = len(plan.new)
        self.progress_label.setText(
            f"Importing {total:,} report{'s' if total != 1 else ''} from {plan.file_name} in one "
            "transaction: all of them, or none if it is stopped."
        )
        self.progress_bar.setRange(0, total)
        self.progress_bar.setValue(0)
        self.stop_button.setEnabled(True)
        self.pages.setCurrentWidget(self.progress_page)
        self.stop_button.setFocus()
        relay = _ProgressRelay()
        relay.step.connect(self._progressed)
        cancel = self._cancel

        def progress(done: int, of: int) -> None:  # on the database thread
            if cancel.is_set():
                raise ImportCancelled(CANCELLED)
            relay.step.emit(done, of)

        def work(service: Any) -> ImportResult:
            try:
                return reports_import.run_import(service, plan, progress)
            finally:
                relay.deleteLater()

        self.context.run(work, self._imported, self._import_failed, owner=self)

    def _progressed(self, done: int, total: int) -> None:
        self.progress_bar.setMaximum(total)
        self.progress_bar.setValue(done)

    def stop_import(self) -> None:
        self._cancel.set()
        self.stop_button.setEnabled(False)
        self.progress_label.setText("Stopping: the import is being rolled back…")

    def _imported(self, result: ImportResult) -> None:
        self._busy = False
        self.import_result = result
        self._source = result.plan.path
        self._show_done("Imported", result.reconciliation, imported=True)
        self.import_done.emit(result)

    def _import_failed(self, error: BaseException) -> None:
        self._busy = False
        if isinstance(error, ImportCancelled):
            message = CANCELLED
        else:
            message = (
                f"The import did not complete, so nothing was imported. {describe_error(error)}"
            )
        self.pages.setCurrentWidget(self.preview_page)
        self.preview_summary.setText(f"⚠ {message}")
        self.import_button.setFocus()
        self.failed.emit(message)

    # -- done -----------------------------------------------------------------------------------

    def _show_done(self, heading: str, result: Reconciliation, *, imported: bool) -> None:
        self.done_heading.setText(heading)
        self.reconciliation_label.setText(
            result.summary() if result.ok else f"⚠ {result.summary()}"
        )
        details = result.details()
        self.reconciliation_details.setText("\n".join(details))
        self.reconciliation_details.setVisible(bool(details))
        late = len(self.plan.past_contact_by) if imported and self.plan is not None else 0
        self.done_late.setText(
            f"⚠ {late:,} of the new cases {'are' if late != 1 else 'is'} already past the "
            "contact-by date: contact these reporters first. The case list shows them as "
            "Overdue."
        )
        self.done_late.setVisible(late > 0)
        self.done_back.setVisible(not imported)
        source = self._source
        warning = (
            "" if source is None else reports_import.plaintext_warning(source, imported=imported)
        )
        self.plaintext_label.setText(f"⚠ {warning}")
        # Offer deletion only when every report of the file is in the vault: otherwise the
        # file may be the only place a report still exists.
        can_delete = result.ok and source is not None
        self.delete_button.setVisible(can_delete)
        self.caveat_label.setVisible(can_delete)
        self.delete_button.setEnabled(can_delete)
        problem_labels.clear(self.delete_status)
        if not result.ok:
            problem_labels.show(
                self.delete_status,
                "Keep the file: some of its reports are not in the vault.",
            )
        self.keep_button.setText("&Keep the file" if can_delete else "&Close")
        self.pages.setCurrentWidget(self.done_page)
        self.keep_button.setFocus()

    def delete_source(self) -> None:
        source = self._source
        if source is None or not self.delete_button.isEnabled():
            return
        self.delete_button.setEnabled(False)

        def done(_result: Any) -> None:
            self.delete_status.setText(f"Deleted {source}.")
            self.delete_status.setVisible(True)
            self.keep_button.setText("&Close")
            self.keep_button.setFocus()
            self.source_deleted.emit(str(source))

        def failed(error: BaseException) -> None:
            self.delete_button.setEnabled(True)
            problem_labels.show(self.delete_status, describe_error(error))

        self.context.run(
            lambda _service: reports_import.delete_source(source), done, failed, owner=self
        )

    # -- closing --------------------------------------------------------------------------------

    def reject(self) -> None:
        """Escape or Cancel: while importing, this stops the import (it rolls back)."""
        if self._busy and self.pages.currentWidget() is self.progress_page:
            self.stop_import()
            return
        self.clear()
        super().reject()

    def clear(self) -> None:
        """Forget the file's reports (also on lock)."""
        self.plan = None
        self.import_result = None
        self.preview_model.clear()
        self.problems_table.setRowCount(0)

    def _locked(self) -> None:
        self._cancel.set()
        self.clear()
        self.hide()
