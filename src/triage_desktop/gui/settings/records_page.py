"""University closure days, the retention period, and legal holds on cases."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QListWidgetItem, QWidget

from triage_desktop.gui.context import AppContext, describe_error
from triage_desktop.gui.generated.ui_settings_records import Ui_SettingsRecordsPage
from triage_desktop.gui.settings import problems
from triage_desktop.gui.settings.snapshot import HeldCase, SettingsSnapshot, held_cases

DAY_ROLE = Qt.ItemDataRole.UserRole


def long_date(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


class RecordsPage(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.ui = Ui_SettingsRecordsPage()
        self.ui.setupUi(self)
        for label in (self.ui.closureError, self.ui.retentionError, self.ui.holdError):
            problems.prepare(label)
        self.problem_labels = {
            "closure_days": self.ui.closureError,
            "retention_years": self.ui.retentionError,
        }
        self.field_widgets: dict[str, QWidget] = {
            "closure_days": self.ui.closureDateEdit,
            "retention_years": self.ui.retentionSpin,
        }
        self.ui.closureDateEdit.setDate(QDate.currentDate())
        self.ui.holdReferenceEdit.setPlaceholderText("e.g. DR-2026-0001")
        self.ui.addClosureButton.clicked.connect(self.add_closure_day)
        self.ui.removeClosureButton.clicked.connect(self.remove_closure_day)
        self.ui.setHoldButton.clicked.connect(lambda: self.set_hold(True))
        self.ui.clearHoldButton.clicked.connect(lambda: self.set_hold(False))
        self.ui.holdReferenceEdit.returnPressed.connect(lambda: self.set_hold(True))
        self.ui.holdsList.currentItemChanged.connect(self._pick_held)

    # -- closure days and retention (saved with the dialog's Save) -----------------------------

    def load(self, snapshot: SettingsSnapshot) -> None:
        self.ui.closureList.clear()
        for day in sorted(snapshot.settings.closure_days):
            self._add_item(day)
        self.ui.retentionSpin.setValue(snapshot.settings.retention_years)
        self.show_held(snapshot.held_cases)

    def closure_days(self) -> tuple[date, ...]:
        items = (self.ui.closureList.item(row) for row in range(self.ui.closureList.count()))
        return tuple(date.fromisoformat(item.data(DAY_ROLE)) for item in items)

    def values(self) -> dict[str, Any]:
        return {
            "closure_days": self.closure_days(),
            "retention_years": self.ui.retentionSpin.value(),
        }

    def add_closure_day(self) -> None:
        day = self.ui.closureDateEdit.date().toPython()
        assert isinstance(day, date)  # noqa: S101 - QDate converts to date
        if day in self.closure_days():
            problems.show(self.ui.closureError, f"{long_date(day)} is already a closure day.")
            return
        problems.clear(self.ui.closureError)
        self._add_item(day)
        self._sort()

    def remove_closure_day(self) -> None:
        row = self.ui.closureList.currentRow()
        if row < 0:
            problems.show(self.ui.closureError, "Select the closure day to remove first.")
            return
        problems.clear(self.ui.closureError)
        self.ui.closureList.takeItem(row)

    def _add_item(self, day: date) -> None:
        item = QListWidgetItem(long_date(day))
        item.setData(DAY_ROLE, day.isoformat())
        self.ui.closureList.addItem(item)

    def _sort(self) -> None:
        days = sorted(self.closure_days())
        self.ui.closureList.clear()
        for day in days:
            self._add_item(day)

    # -- legal holds (take effect at once) ---------------------------------------------------

    def show_held(self, held: tuple[HeldCase, ...]) -> None:
        self.ui.holdsList.clear()
        for case in held:
            self.ui.holdsList.addItem(f"{case.reference}  ({case.status.replace('_', ' ')})")
        if not held:
            self.ui.holdsList.addItem("No case is under a legal hold.")

    def _pick_held(self, item: QListWidgetItem | None) -> None:
        if item is not None and "(" in item.text():
            self.ui.holdReferenceEdit.setText(item.text().split()[0])

    def set_hold(self, hold: bool) -> None:
        reference = self.ui.holdReferenceEdit.text().strip().upper()
        if not reference:
            problems.show(self.ui.holdError, "Type a case reference first, e.g. DR-2026-0001.")
            self.ui.holdReferenceEdit.setFocus()
            return
        problems.clear(self.ui.holdError)
        self.ui.setHoldButton.setEnabled(False)
        self.ui.clearHoldButton.setEnabled(False)

        def work(service: Any) -> tuple[int, tuple[HeldCase, ...]]:
            case_id = service.case_id_for(reference)
            service.set_legal_hold(case_id, hold)
            return case_id, held_cases(service)

        def done(result: tuple[int, tuple[HeldCase, ...]]) -> None:
            case_id, held = result
            self._holds_idle()
            self.show_held(held)
            self.context.case_changed.emit(case_id)  # lists and case views refresh it
            verb = "is now under a legal hold" if hold else "is no longer under a legal hold"
            self.ui.holdError.setText(f"{reference} {verb}.")
            self.ui.holdError.setVisible(True)

        def failed(error: BaseException) -> None:
            self._holds_idle()
            problems.show(self.ui.holdError, describe_error(error))

        self.context.run(work, done, failed, owner=self)

    def _holds_idle(self) -> None:
        self.ui.setHoldButton.setEnabled(True)
        self.ui.clearHoldButton.setEnabled(True)

    def clear_case_data(self) -> None:
        """On lock: case references leave the screen."""
        self.ui.holdsList.clear()
        self.ui.holdReferenceEdit.clear()
        problems.clear(self.ui.holdError)
