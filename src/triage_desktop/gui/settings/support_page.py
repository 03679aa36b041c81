"""Who to call in an emergency (campus security and the on-call safeguarding lead, shown by the
meeting's safety panel beside 999), and the support-services directory: the policy's services
for students or staff, and the officer's corrections (name, description, contact) kept as
overrides in the vault's settings."""

from __future__ import annotations

from typing import Any, Literal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidgetItem, QWidget

from triage_desktop.cases.text import InvalidFieldError
from triage_desktop.gui.generated.ui_settings_support import Ui_SettingsSupportPage
from triage_desktop.gui.look import make_heading
from triage_desktop.gui.settings import problems
from triage_desktop.gui.settings.snapshot import SettingsSnapshot
from triage_desktop.policy.model import SupportDirectory, SupportService
from triage_desktop.services.support import (
    apply_overrides,
    checked_fields,
    with_override,
)

AUDIENCES: tuple[tuple[str, Literal["students", "staff"]], ...] = (
    ("Students", "students"),
    ("Staff", "staff"),
)
COLUMNS = ("Service", "What it offers", "Contact", "Wording")


class SupportPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_SettingsSupportPage()
        self.ui.setupUi(self)
        self._policy = SupportDirectory(())
        self._overrides: dict[str, Any] = {}
        self._shown: tuple[SupportService, ...] = ()
        for text, audience in AUDIENCES:
            self.ui.audienceCombo.addItem(text, audience)
        table = self.ui.servicesTable
        table.setColumnCount(len(COLUMNS))
        table.setHorizontalHeaderLabels(list(COLUMNS))
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setWordWrap(False)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        problems.prepare(self.ui.supportError)
        problems.prepare(self.ui.safetyError)
        for heading in (self.ui.safetyHeading, self.ui.directoryHeading):
            make_heading(heading, 1.1)
        self.problem_labels = {
            "campus_security": self.ui.safetyError,
            "safeguarding_lead": self.ui.safetyError,
            "support.name": self.ui.supportError,
            "support.description": self.ui.supportError,
            "support.contact": self.ui.supportError,
            "support_directory_overrides": self.ui.supportError,
        }
        self.field_widgets: dict[str, QWidget] = {
            "campus_security": self.ui.campusSecurityEdit,
            "safeguarding_lead": self.ui.safeguardingLeadEdit,
            "support.name": self.ui.nameEdit,
            "support.description": self.ui.descriptionEdit,
            "support.contact": self.ui.contactEdit,
            "support_directory_overrides": self.ui.servicesTable,
        }
        self.ui.audienceCombo.currentIndexChanged.connect(lambda _index: self._refresh())
        table.currentCellChanged.connect(lambda row, *_: self._pick(row))
        self.ui.applyServiceButton.clicked.connect(self.apply_edit)
        self.ui.resetServiceButton.clicked.connect(self.reset_service)

    def load(self, snapshot: SettingsSnapshot) -> None:
        self.ui.campusSecurityEdit.setText(snapshot.settings.campus_security)
        self.ui.safeguardingLeadEdit.setText(snapshot.settings.safeguarding_lead)
        problems.clear(self.ui.safetyError)
        self._policy = snapshot.policy_directory
        self._overrides = {
            key: dict(value)
            for key, value in snapshot.settings.support_directory_overrides.items()
            if isinstance(value, dict)
        }
        self._refresh()

    def values(self) -> dict[str, Any]:
        return {
            "campus_security": self.ui.campusSecurityEdit.text(),
            "safeguarding_lead": self.ui.safeguardingLeadEdit.text(),
            "support_directory_overrides": self._overrides,
        }

    def effective(self) -> SupportDirectory:
        return apply_overrides(self._policy, self._overrides)

    def select_audience(self, audience: Literal["students", "staff"]) -> None:
        self.ui.audienceCombo.setCurrentIndex(self.ui.audienceCombo.findData(audience))

    def select_service(self, service_id: str) -> None:
        for row, service in enumerate(self._shown):
            if service.id == service_id:
                self.ui.servicesTable.setCurrentCell(row, 0)
                return
        raise KeyError(service_id)

    def _refresh(self, keep: str | None = None) -> None:
        audience = self.ui.audienceCombo.currentData()
        self._shown = self.effective().for_audience(audience)
        table = self.ui.servicesTable
        table.setRowCount(len(self._shown))
        for row, service in enumerate(self._shown):
            changed = service.id in self._overrides
            cells = (
                service.name,
                service.description,
                service.contact or "(not given)",
                "Changed by you" if changed else "Policy",
            )
            for column, text in enumerate(cells):
                table.setItem(row, column, QTableWidgetItem(text))
        ids = [s.id for s in self._shown]
        target = ids.index(keep) if keep in ids else 0
        if self._shown:
            table.setCurrentCell(target, 0)
            self._pick(target)

    def _pick(self, row: int) -> None:
        if not 0 <= row < len(self._shown):
            return
        service = self._shown[row]
        self.ui.nameEdit.setText(service.name)
        self.ui.descriptionEdit.setPlainText(service.description)
        self.ui.contactEdit.setText(service.contact)
        problems.clear(self.ui.supportError)

    def _current(self) -> SupportService | None:
        row = self.ui.servicesTable.currentRow()
        return self._shown[row] if 0 <= row < len(self._shown) else None

    def apply_edit(self) -> None:
        """Keep the edited fields for the selected service (saved with the dialog's Save)."""
        current = self._current()
        if current is None:
            problems.show(self.ui.supportError, "Select a service in the list first.")
            return
        try:
            fields = checked_fields(
                self.ui.nameEdit.text(),
                self.ui.descriptionEdit.toPlainText(),
                self.ui.contactEdit.text(),
            )
            updated = with_override(self._overrides, self._policy.get(current.id), fields)
            apply_overrides(self._policy, updated)
        except InvalidFieldError as error:
            problems.show(self.ui.supportError, problems.sentence(error))
            self.field_widgets.get(error.field, self.ui.nameEdit).setFocus()
            return
        self._overrides = updated
        self._refresh(keep=current.id)

    def reset_service(self) -> None:
        current = self._current()
        if current is None:
            return
        self._overrides.pop(current.id, None)
        self._refresh(keep=current.id)
