"""The unlocked workspace: case list, intake, case view, the meeting, the statistics and the
subject access requests, one at a time.

It exists only while the vault is unlocked; the main window deletes it on lock, and each panel
also clears itself on `context.locked`, so nothing of a case outlives the lock.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from triage_desktop.gui import warm_up

if TYPE_CHECKING:
    from triage_desktop.gui.cases.case_view import CaseView
    from triage_desktop.gui.cases.intake import IntakeForm
    from triage_desktop.gui.context import AppContext
    from triage_desktop.gui.statistics.page import StatisticsPage
    from triage_desktop.gui.subject_access.page import SubjectAccessPage


class Workspace(QWidget):
    restore_requested = Signal(object)  # a backup (Path): the shell locks, then restores
    presentation_changed = Signal(bool)  # the meeting's reporter view: the shell closes the room

    def __init__(self, context: AppContext, window: QMainWindow, parent: QWidget) -> None:
        from triage_desktop.gui.cases.list_panel import CaseListPanel

        super().__init__(parent)
        self.context = context
        self.window_ = window
        self.setAccessibleName("Workspace")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.stack = QStackedWidget(self)
        layout.addWidget(self.stack)
        # Only the list is built at unlock; the form and the case view on first use, so that
        # entering the workspace never holds the GUI thread for more than a few milliseconds.
        self.case_list = CaseListPanel(context, self.stack)
        self._intake: IntakeForm | None = None
        self._case_view: CaseView | None = None
        self.meeting: QWidget | None = None
        self.stack.addWidget(self.case_list)
        self.case_list.open_case.connect(self.show_case)
        self.case_list.new_case_requested.connect(self.new_case)
        self._statistics: StatisticsPage | None = None
        self._subject_access: SubjectAccessPage | None = None
        self.case_list.subject_access_requested.connect(self.show_subject_access)

        self.actions_: list[QAction] = []
        self.new_case_action = self._action("&New case", "Ctrl+N", self.new_case)
        self.cases_action = self._action("&Case list", "Ctrl+1", self.show_list)
        self.settings_action = self._action("&Settings…", "Ctrl+,", self.open_settings)
        self.statistics_action = self._action("S&tatistics", "Ctrl+2", self.show_statistics)
        self.subject_access_action = self._action(
            "Subject &access requests", "Ctrl+3", self.show_subject_access
        )
        self.show_list()
        self.case_list.refresh()

    @property
    def intake(self) -> IntakeForm:
        if self._intake is None:
            from triage_desktop.gui.cases.intake import IntakeForm

            self._intake = IntakeForm(self.context, self.stack)
            self.stack.addWidget(self._intake)
            self._intake.saved.connect(self.show_case)
            self._intake.cancelled.connect(self.show_list)
        return self._intake

    @property
    def case_view(self) -> CaseView:
        if self._case_view is None:
            from triage_desktop.gui.cases.case_view import CaseView

            self._case_view = CaseView(self.context, self.stack)
            self.stack.addWidget(self._case_view)
            self._case_view.back.connect(self.show_list)
            self._case_view.edit_requested.connect(self.edit_case)
            self._case_view.start_meeting.connect(self.open_meeting)
        return self._case_view

    @property
    def statistics_page(self) -> StatisticsPage:
        if self._statistics is None:
            from triage_desktop.gui.statistics.page import StatisticsPage

            self._statistics = StatisticsPage(self.context, self.stack)
            self.stack.addWidget(self._statistics)
        return self._statistics

    @property
    def subject_access_page(self) -> SubjectAccessPage:
        if self._subject_access is None:
            from triage_desktop.gui.subject_access.page import SubjectAccessPage

            self._subject_access = SubjectAccessPage(self.context, self.stack)
            self.stack.addWidget(self._subject_access)
            self._subject_access.changed.connect(self.case_list.requests_notice.refresh)
        return self._subject_access

    def show_statistics(self) -> None:
        self._close_meeting()
        self.stack.setCurrentWidget(self.statistics_page)
        self.statistics_page.from_edit.setFocus()

    def show_subject_access(self) -> None:
        self._close_meeting()
        page = self.subject_access_page
        self.stack.setCurrentWidget(page)
        page.show_list()

    def _action(self, text: str, shortcut: str, slot: Any) -> QAction:
        action = QAction(text, self)
        action.setShortcuts([QKeySequence(shortcut)])
        action.setToolTip(f"{text.replace('&', '').rstrip('…')} ({shortcut})")
        action.triggered.connect(slot)
        self.window_.addAction(action)
        toolbar = getattr(self.window_, "toolbar", None)
        if toolbar is not None:
            toolbar.addAction(action)
        self.actions_.append(action)
        return action

    def dispose(self) -> None:
        """Take this workspace's actions off the window before it goes (on lock)."""
        toolbar = getattr(self.window_, "toolbar", None)
        for action in self.actions_:
            self.window_.removeAction(action)
            if toolbar is not None:
                toolbar.removeAction(action)
        self.actions_.clear()

    def close_dialogs(self) -> bool:
        """Before a lock tears this down: close every dialog it owns (a modal one returns from
        its exec()) and any open menu, rather than deleting them behind Qt's back. Returns
        whether anything was open."""
        closed = False
        for _attempt in range(10):  # a submenu's parent menu becomes the active popup next
            popup = QApplication.activePopupWidget()
            if popup is None:
                break
            popup.close()
            closed = True
        for dialog in self.findChildren(QDialog):
            if dialog.isVisible():
                dialog.reject()
                closed = True
        return closed

    def has_open_dialog(self) -> bool:
        if QApplication.activePopupWidget() is not None:
            return True
        return any(dialog.isVisible() for dialog in self.findChildren(QDialog))

    # -- navigation ---------------------------------------------------------------------------

    def show_list(self) -> None:
        self._close_meeting()
        self.stack.setCurrentWidget(self.case_list)
        self.case_list.setFocus()

    def new_case(self) -> None:
        self._close_meeting()
        self.intake.start_new()
        self.stack.setCurrentWidget(self.intake)

    def show_case(self, case_id: int) -> None:
        self._close_meeting()
        self.case_view.show_case(case_id)
        self.stack.setCurrentWidget(self.case_view)

    def edit_case(self, case_id: int) -> None:
        def loaded(case: Any) -> None:
            self.intake.load_case(case)
            self.stack.setCurrentWidget(self.intake)

        self.context.run(
            lambda service: service.get_case(case_id), loaded, owner=self, what="Opening the case"
        )

    def open_meeting(self, case_id: int) -> None:
        from triage_desktop.gui.meeting_screen.screen import MeetingScreen

        self._close_meeting()
        # The officer is minutes from the review step: load what the first draft and signature
        # need now (gui/warm_up.py). Not at unlock: there it would compete with the list, the
        # search and the case view for the interpreter lock (benchmarks/gui_bench.py stalls).
        warm_up.start(warm_up.DOCUMENTS)
        meeting = MeetingScreen(self.context, case_id, self.stack)
        meeting.closed.connect(lambda: self.show_case(case_id))
        meeting.presentation_changed.connect(self.presentation_changed)
        self.meeting = meeting
        self.stack.addWidget(meeting)
        self.stack.setCurrentWidget(meeting)

    def open_meeting_case(self) -> int | None:
        """The case whose meeting is open (the shell reopens it after the next unlock). Without
        importing the meeting screen when none is open: at lock, on the GUI thread, that import
        was the whole of a 90 ms stall (benchmarks/gui_bench.py)."""
        meeting = self.meeting
        if meeting is None:
            return None
        from triage_desktop.gui.meeting_screen.screen import MeetingScreen

        return meeting.case_id if isinstance(meeting, MeetingScreen) else None

    def _close_meeting(self) -> None:
        meeting, self.meeting = self.meeting, None
        if meeting is not None:
            self.presentation_changed.emit(False)
            self.stack.removeWidget(meeting)
            meeting.deleteLater()

    def import_reports(self) -> QWidget:
        """File → Import reports…: the dialog lives as long as this workspace (lock ends it)."""
        from triage_desktop.gui.reports_import.dialog import ImportReportsDialog

        dialog = ImportReportsDialog(self.context, self)
        dialog.import_done.connect(lambda _result: self.case_list.refresh())
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        dialog.file_edit.setFocus()
        return dialog

    def open_settings(self) -> None:
        from triage_desktop.gui.settings.dialog import SettingsDialog

        dialog = SettingsDialog(self.context, self)
        dialog.restore_requested.connect(self.restore_requested)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
