"""The preview table: one row per report of the file and what importing it will do.

Reports already past their contact-by date come first, marked in words, with the warning icon
and in red (colour is never the only signal). A table model rather than table items: a file of
20,000 reports shows at once and draws only the rows on screen.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from triage_desktop.gui.cases.deadline import Urgency, urgency_colour, urgency_icon
from triage_desktop.gui.cases.labels import NO_DEADLINE, day_words, time_words
from triage_desktop.services.reports_import import PlannedReport

COLUMNS = ("What happens", "Report", "Row", "Submitted", "Contact by")
WHAT, REPORT, ROW, SUBMITTED, CONTACT_BY = range(len(COLUMNS))
PAST_CONTACT_BY = "Past its contact-by date — new case"
NEW_CASE = "New case"
_Index = QModelIndex | QPersistentModelIndex


def what_happens(report: PlannedReport) -> str:
    here = report.already_here
    if here is not None:
        if here.case_id is None:
            return f"Already imported ({here.case_reference}, deleted at the end of its retention)"
        return f"Already here as {here.case_reference}"
    return PAST_CONTACT_BY if report.past_contact_by else NEW_CASE


def contact_words(report: PlannedReport) -> str:
    if report.contact_by is None:
        return NO_DEADLINE if report.anonymous else "No deadline"
    words = day_words(report.contact_by)
    return f"Overdue — {words}" if report.past_contact_by else words


class PreviewModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._reports: tuple[PlannedReport, ...] = ()
        self._bold = QFont()
        self._bold.setWeight(QFont.Weight.DemiBold)

    def show_reports(self, reports: tuple[PlannedReport, ...]) -> None:
        self.beginResetModel()
        self._reports = reports
        self.endResetModel()

    def clear(self) -> None:
        self.show_reports(())

    def report_at(self, row: int) -> PlannedReport | None:
        return self._reports[row] if 0 <= row < len(self._reports) else None

    def rowCount(self, parent: _Index | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self._reports)

    def columnCount(self, parent: _Index | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        report = self.report_at(index.row())
        if report is None:
            return None
        column = index.column()
        late = report.past_contact_by
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == WHAT:
                return what_happens(report)
            if column == REPORT:
                return report.source_report_id
            if column == ROW:
                return str(report.row)
            if column == SUBMITTED:
                return time_words(report.submitted_at)
            return contact_words(report)
        if role == Qt.ItemDataRole.ForegroundRole and late:
            return urgency_colour(Urgency.OVERDUE)
        if role == Qt.ItemDataRole.FontRole and late:
            return self._bold
        if role == Qt.ItemDataRole.DecorationRole and late and column == WHAT:
            return urgency_icon(Urgency.OVERDUE)
        return None
