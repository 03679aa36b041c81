"""The case list as a table model that pages from the vault: only the rows on screen are fetched.

Why a windowed cache rather than fetchMore: the scroll bar then shows the whole list at once (10,000
cases is one scroll bar, not "load more"), and a jump to the end fetches one page, not all of them.
Pages arrive from a worker thread; a generation number drops replies that a newer query, a filter
change or a lock has made stale.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from triage_desktop.cases.model import CaseFilter, CaseRow, CaseSort
from triage_desktop.gui.cases.deadline import (
    ContactMark,
    contact_mark,
    urgency_colour,
    urgency_icon,
)
from triage_desktop.gui.cases.labels import STATUS_WORDS, time_words
from triage_desktop.gui.context import AppContext
from triage_desktop.services.session import VaultService

PAGE_SIZE = 200
MAX_CACHED_PAGES = 25  # 5,000 rows: plenty for any screen, bounded for a huge vault
COLUMNS = ("Reference", "Received", "Status", "Contact by", "Assigned officer")
REFERENCE, RECEIVED, STATUS, CONTACT_BY, OFFICER = range(len(COLUMNS))
LOADING = "Loading…"
_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class _FirstPage:
    total: int
    rows: list[CaseRow]
    me: int | None


def officer_words(assigned: int | None, me: int | None) -> str:
    if assigned is None:
        return "Unassigned"
    return "You" if assigned == me else "Another officer"


class CaseListModel(QAbstractTableModel):
    """Rows of `CaseRow`, fetched a page at a time through `context.run`."""

    loaded = Signal(int)  # the first page of a query arrived; the total number of rows

    def __init__(self, context: AppContext, parent: Any = None) -> None:
        super().__init__(parent)
        self._context = context
        self._filter = CaseFilter()
        self._sort = CaseSort.RECEIVED_NEWEST
        self._total = 0
        self._pages: dict[int, list[CaseRow]] = {}
        self._pending: set[int] = set()
        self._generation = 0
        self._searching = False
        self._me: int | None = None
        self._today = date.today()

    # -- queries ---------------------------------------------------------------------------

    @property
    def case_filter(self) -> CaseFilter:
        return self._filter

    @property
    def total(self) -> int:
        return self._total

    def set_query(self, case_filter: CaseFilter, sort: CaseSort | None = None) -> None:
        self._filter = case_filter
        self._sort = sort or self._sort
        self.refresh()

    def refresh(self) -> None:
        """Count and fetch the first page again (after a filter change or a case changed)."""
        self._searching = False
        self._generation += 1
        generation = self._generation
        case_filter, sort = self._filter, self._sort

        def work(service: VaultService) -> _FirstPage:
            total = service.count_cases(case_filter)
            rows = service.list_cases(case_filter, sort, 0, PAGE_SIZE)
            return _FirstPage(total, rows, service.officer_id)

        def done(page: _FirstPage) -> None:
            if generation == self._generation:
                self._me = page.me
                self._replace(page.total, {0: page.rows})

        self._context.run(work, done, self._failed, owner=self)

    def show_rows(self, rows: list[CaseRow], me: int | None) -> None:
        """Show a fixed set of rows (search results) instead of paging."""
        self._generation += 1
        self._searching = True
        self._me = me
        pages = {i // PAGE_SIZE: rows[i : i + PAGE_SIZE] for i in range(0, len(rows), PAGE_SIZE)}
        self._replace(len(rows), pages)

    def clear(self) -> None:
        """Forget every row (the vault locked): nothing of any case stays in memory here."""
        self._generation += 1
        self.beginResetModel()
        self._total = 0
        self._pages = {}
        self._pending.clear()
        self._me = None
        self.endResetModel()

    def _replace(self, total: int, pages: dict[int, list[CaseRow]]) -> None:
        self._today = date.today()
        self._pending.clear()
        if total == self._total and total:
            self._pages = pages
            self.dataChanged.emit(self.index(0, 0), self.index(total - 1, len(COLUMNS) - 1))
        else:
            self.beginResetModel()
            self._total = total
            self._pages = pages
            self.endResetModel()
        self.loaded.emit(total)

    def _failed(self, error: BaseException) -> None:
        from triage_desktop.services.errors import VaultLocked

        if not isinstance(error, VaultLocked):
            self._context.report_failure(error, what="Loading the case list", key="case-list")

    # -- paging ----------------------------------------------------------------------------

    def row_at(self, row: int) -> CaseRow | None:
        """The row if it is loaded; otherwise asks for its page and returns None."""
        if not 0 <= row < self._total:
            return None
        page, offset = divmod(row, PAGE_SIZE)
        rows = self._pages.get(page)
        if rows is None:
            self._request(page)
            return None
        return rows[offset] if offset < len(rows) else None

    def _request(self, page: int) -> None:
        if page in self._pending or self._searching:
            return
        self._pending.add(page)
        generation = self._generation
        case_filter, sort = self._filter, self._sort

        def work(service: VaultService) -> list[CaseRow]:
            return service.list_cases(case_filter, sort, page * PAGE_SIZE, PAGE_SIZE)

        def done(rows: list[CaseRow]) -> None:
            if generation != self._generation:
                return
            self._pending.discard(page)
            self._pages[page] = rows
            self._evict(page)
            first = page * PAGE_SIZE
            last = min(first + PAGE_SIZE, self._total) - 1
            if last >= first:
                self.dataChanged.emit(self.index(first, 0), self.index(last, len(COLUMNS) - 1))

        self._context.run(work, done, self._failed, owner=self)

    def _evict(self, keep: int) -> None:
        while len(self._pages) > MAX_CACHED_PAGES:
            farthest = max(self._pages, key=lambda p: abs(p - keep))
            del self._pages[farthest]

    # -- Qt model --------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._total

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.row_at(index.row())
        column = index.column()
        if row is None:
            if role == Qt.ItemDataRole.DisplayRole and column == REFERENCE:
                return LOADING
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(row, column)
        if column == CONTACT_BY and role in (
            Qt.ItemDataRole.DecorationRole,
            Qt.ItemDataRole.ForegroundRole,
        ):
            mark = self._mark(row)
            if role == Qt.ItemDataRole.DecorationRole:
                return urgency_icon(mark.urgency)
            return urgency_colour(mark.urgency)
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None

    def _text(self, row: CaseRow, column: int) -> str:
        if column == REFERENCE:
            return row.reference
        if column == RECEIVED:
            return time_words(row.received_at)
        if column == STATUS:
            return STATUS_WORDS[row.status]
        if column == CONTACT_BY:
            return self._mark(row).text
        return officer_words(row.assigned_officer_id, self._me)

    def _mark(self, row: CaseRow) -> ContactMark:
        settings = self._context.settings  # closure days count when saying how late
        closures = settings.closure_days if settings is not None else ()
        return contact_mark(
            row.status,
            row.contact_by,
            row.anonymous,
            self._today,
            first_contact_on=row.first_contact_on,
            closures=closures,
        )

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Header clicks: the store sorts (reference, received, contact-by); others keep order."""
        if self._searching:
            return
        if column == RECEIVED:
            newest = order == Qt.SortOrder.DescendingOrder
            chosen = CaseSort.RECEIVED_NEWEST if newest else CaseSort.RECEIVED_OLDEST
        elif column == REFERENCE:
            chosen = CaseSort.REFERENCE
        elif column == CONTACT_BY:
            chosen = CaseSort.CONTACT_BY
        else:
            return
        if chosen is not self._sort:
            self._sort = chosen
            self.refresh()
