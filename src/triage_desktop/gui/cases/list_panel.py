"""The case list screen: search, filters, the paged table, and a calm empty state.

Search runs the vault's full-text index on a worker, 250 ms after the last keystroke, so typing
never waits on the database; a reply to an older query is dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import QHeaderView, QWidget

from triage_desktop.cases.model import CaseFilter, CaseRow, CaseStatus
from triage_desktop.gui.cases.labels import STATUS_WORDS
from triage_desktop.gui.cases.list_model import RECEIVED, CaseListModel
from triage_desktop.gui.context import AppContext
from triage_desktop.gui.generated.ui_cases_list import Ui_CaseListPanel
from triage_desktop.gui.look import make_heading
from triage_desktop.services.session import VaultService

SEARCH_DELAY_MS = 250
SEARCH_LIMIT = 200
NO_CASES = ("No cases yet", "Cases you record appear here. Choose New case to record a concern.")
NO_MATCHES = ("No matches", "No case matches this search and these filters. Try fewer words.")
NO_FILTERED = ("No cases to show", "No case matches these filters.")


@dataclass(frozen=True)
class _Found:
    text: str
    rows: list[CaseRow]
    me: int | None


class CaseListPanel(QWidget):
    open_case = Signal(int)
    new_case_requested = Signal()
    subject_access_requested = Signal()  # the notice's button: show the requests
    search_finished = Signal(int)  # number of matches shown (for tests and the benchmark)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.form = Ui_CaseListPanel()
        self.form.setupUi(self)
        make_heading(self.form.titleLabel)
        make_heading(self.form.emptyHeading, 1.3)
        # Subject access requests still to answer, in words, above the list (hidden if none).
        from triage_desktop.gui.cases.requests_notice import SubjectAccessNotice

        self.requests_notice = SubjectAccessNotice(context, self)
        self.form.layout.insertWidget(1, self.requests_notice)
        self.requests_notice.open_requested.connect(self.subject_access_requested)
        self.model = CaseListModel(context, self)
        self._search_generation = 0
        self._searched_text = ""

        table = self.form.table
        table.setModel(self.model)
        table.verticalHeader().setVisible(False)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 12)
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, chars in enumerate((18, 26, 20, 40)):
            header.resizeSection(column, table.fontMetrics().averageCharWidth() * chars)
        header.setSortIndicator(RECEIVED, Qt.SortOrder.DescendingOrder)
        table.setSortingEnabled(True)
        table.activated.connect(self._activated)

        combo = self.form.statusCombo
        combo.addItem("All statuses", None)
        for status, words in STATUS_WORDS.items():
            combo.addItem(words, status.value)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._run_search)

        self.form.searchEdit.textChanged.connect(self._search_text_changed)
        combo.currentIndexChanged.connect(self._filters_changed)
        self.form.overdueCheck.toggled.connect(self._filters_changed)
        self.form.mineCheck.toggled.connect(self._filters_changed)
        self.form.newCaseButton.clicked.connect(self.new_case_requested)
        self.model.loaded.connect(self._show_count)
        # Ctrl+N is the window's "New case" action (gui/workspace.py): a second shortcut for the
        # same keys here would make both ambiguous, and neither would fire.

        context.locked.connect(self.clear)
        context.case_changed.connect(self._case_changed)
        self.setFocusProxy(self.form.searchEdit)

    # -- public ------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Load (or reload) the list from the vault: call after unlock."""
        self.requests_notice.refresh()
        if self.form.searchEdit.text().strip():
            self._run_search()
        else:
            self.model.set_query(self._case_filter())

    def clear(self) -> None:
        """The vault locked: empty the table, the search box and the filters."""
        self._search_timer.stop()
        self._search_generation += 1
        inputs = (
            self.form.searchEdit,
            self.form.statusCombo,
            self.form.overdueCheck,
            self.form.mineCheck,
        )
        for widget in inputs:
            widget.blockSignals(True)
        self.form.searchEdit.clear()
        self.form.statusCombo.setCurrentIndex(0)
        self.form.overdueCheck.setChecked(False)
        self.form.mineCheck.setChecked(False)
        for widget in inputs:
            widget.blockSignals(False)
        self._searched_text = ""
        self.model.clear()
        self.requests_notice.clear()
        self.form.countLabel.clear()
        self.form.stack.setCurrentWidget(self.form.table)

    # -- behaviour ---------------------------------------------------------------------------

    def _case_filter(self) -> CaseFilter:
        status = self.form.statusCombo.currentData()
        return CaseFilter(
            statuses=(CaseStatus(status),) if status else (),
            overdue_on=date.today() if self.form.overdueCheck.isChecked() else None,
            assigned_officer_id=self._me() if self.form.mineCheck.isChecked() else None,
        )

    def _me(self) -> int:
        officer = self._context.service.officer_id  # an attribute read, no database call
        return -1 if officer is None else officer

    def _filters_changed(self) -> None:
        self.refresh()

    def _case_changed(self, _case_id: int) -> None:
        if self._context.is_unlocked:
            self.refresh()

    def _search_text_changed(self, _text: str) -> None:
        self._search_generation += 1  # a reply to the words before this keystroke is stale
        self._search_timer.start()

    def _run_search(self) -> None:
        text = self.form.searchEdit.text().strip()
        if not text:
            self._searched_text = ""
            self.model.set_query(self._case_filter())
            return
        self._search_generation += 1
        generation = self._search_generation
        case_filter = self._case_filter()

        def work(service: VaultService) -> _Found:
            rows = service.search(text, SEARCH_LIMIT)
            return _Found(text, [r for r in rows if _matches(r, case_filter)], service.officer_id)

        def done(found: _Found) -> None:
            if generation != self._search_generation:
                return
            self._searched_text = found.text
            self.model.show_rows(found.rows, found.me)
            self.search_finished.emit(len(found.rows))

        def failed(error: BaseException) -> None:
            from triage_desktop.services.errors import VaultLocked

            if generation == self._search_generation and not isinstance(error, VaultLocked):
                self._context.report_failure(error, what="The search", key="case-search")

        self._context.run(work, done, failed, owner=self)

    def _show_count(self, total: int) -> None:
        searching = bool(self._searched_text) and bool(self.form.searchEdit.text().strip())
        filtered = self.model.case_filter != CaseFilter()
        if total:
            self.form.stack.setCurrentWidget(self.form.table)
            if searching:
                more = " (the best matches)" if total >= SEARCH_LIMIT else ""
                self.form.countLabel.setText(f"{total:,} matching cases{more}")
            else:
                self.form.countLabel.setText(f"{total:,} case{'s' if total != 1 else ''}")
            return
        heading, body = NO_MATCHES if searching else NO_FILTERED if filtered else NO_CASES
        self.form.emptyHeading.setText(heading)
        self.form.emptyBody.setText(body)
        self.form.countLabel.setText("")
        self.form.stack.setCurrentWidget(self.form.emptyPage)

    def _activated(self, index: QModelIndex) -> None:
        row = self.model.row_at(index.row())
        if row is not None:
            self.open_case.emit(row.id)


def _matches(row: CaseRow, case_filter: CaseFilter) -> bool:
    """Apply the list's filters to search results (the index searches all cases)."""
    if case_filter.statuses and row.status not in case_filter.statuses:
        return False
    if case_filter.overdue_on is not None and not (
        row.status is CaseStatus.AWAITING_CONTACT
        and row.first_contact_on is None
        and row.contact_by is not None
        and row.contact_by < case_filter.overdue_on
    ):
        return False
    return not (
        case_filter.assigned_officer_id is not None
        and row.assigned_officer_id != case_filter.assigned_officer_id
    )
