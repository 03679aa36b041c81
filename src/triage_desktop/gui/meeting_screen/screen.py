"""The meeting screen: nine steps the officer moves between freely; every answer saved within
half a second; a safety alert above every step the moment it is needed; F8 turns the screen
into the reporter view (the shell makes that a closed, full-screen presentation).

The pages are built from the one meeting schema (`cases.meeting`): each widget writes the very
`Field` the services read. Work that touches the vault runs on a worker through `AppContext.run`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from triage_desktop.cases.text import InvalidFieldError, neutralise_bidi
from triage_desktop.gui.context import AppContext, describe_error
from triage_desktop.gui.look import make_heading
from triage_desktop.gui.meeting_screen.fields import StepPage
from triage_desktop.gui.meeting_screen.reporter_view import ReporterView
from triage_desktop.gui.meeting_screen.review import ReviewPage
from triage_desktop.gui.meeting_screen.routing_panel import RoutingPanel
from triage_desktop.gui.meeting_screen.safety import SafetyPanel
from triage_desktop.gui.pdf_preview import confirm_unencrypted_export, export_folder
from triage_desktop.meeting import STEP_PROMPTS, STEP_TITLES, STEPS, Meeting, Step, StepState
from triage_desktop.meeting import derived as d
from triage_desktop.meeting import schema as m
from triage_desktop.services import meeting_content as mc
from triage_desktop.services import meeting_service as ms

REPORTER_VIEW_KEY = "F8"
COMPLETE_STEP_KEY = "Ctrl+Return"
SAVE_DELAY_MS = 400
STATE_SYMBOLS = {
    StepState.NOT_STARTED: "○",
    StepState.IN_PROGRESS: "◐",
    StepState.DONE: "●",
    StepState.SKIPPED: "⊘",
}


class MeetingScreen(QWidget):
    closed = Signal()
    status_changed = Signal(int)
    saved = Signal()  # a change reached the vault (tests and the kill test wait on it)
    opened = Signal()
    signed = Signal(str)  # "summary" or "letter", once the signed PDF is on screen
    presentation_changed = Signal(bool)  # the reporter view is (not) showing: the shell obeys
    draft_shown = Signal()

    def __init__(self, context: AppContext, case_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.case_id = case_id
        self.opened_meeting: ms.OpenedMeeting | None = None
        self.meeting = Meeting()
        self.pages: dict[Step, StepPage] = {}
        self.review: ReviewPage | None = None
        self._saving = False
        self._dirty = False
        self.setAccessibleName("Triage meeting")
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.save_now)
        self._build()
        context.locked.connect(self.clear)
        context.settings_changed.connect(self._settings_changed)
        context.run(
            lambda service: ms.open_meeting(service, case_id),
            self._opened,
            self._failed,
            owner=self,
        )

    # -- layout -------------------------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.modes = QStackedWidget(self)
        outer.addWidget(self.modes)
        self.officer_view = QWidget(self.modes)
        self.reporter_view = ReporterView(self.modes)
        self.modes.addWidget(self.officer_view)
        self.modes.addWidget(self.reporter_view)
        self.reporter_view.leave_requested.connect(self._confirm_leave_reporter_view)

        layout = QVBoxLayout(self.officer_view)
        top = QHBoxLayout()
        self.title = QLabel("Triage meeting", self.officer_view)
        make_heading(self.title)
        self.save_state = QLabel("", self.officer_view)
        self.save_state.setAccessibleName("Saving")
        self.leave_button = QPushButton("&Leave the meeting", self.officer_view)
        self.leave_button.setAccessibleName("Leave the meeting (everything is saved)")
        top.addWidget(self.title, 1)
        top.addWidget(self.save_state)
        top.addWidget(self.leave_button)
        layout.addLayout(top)
        self.safety = SafetyPanel(self.officer_view)
        self.safety.acknowledged.connect(self.acknowledge_safety)
        layout.addWidget(self.safety)

        body = QHBoxLayout()
        self.step_list = QListWidget(self.officer_view)
        self.step_list.setObjectName("meetingSteps")
        self.step_list.setAccessibleName("Meeting steps")
        self.step_list.setMaximumWidth(300)
        self.step_list.setSpacing(3)
        self.stack = QStackedWidget(self.officer_view)
        body.addWidget(self.step_list)
        body.addWidget(self.stack, 1)
        layout.addLayout(body, 1)

        buttons = QHBoxLayout()
        self.reporter_button = QPushButton(f"Show the reporter ({REPORTER_VIEW_KEY})", self)
        self.reporter_button.setAccessibleName("Show the reporter view")
        self.skip_button = QPushButton("Mark as &not covered", self.officer_view)
        self.skip_button.setAccessibleName("Mark this step as not covered")
        self.done_button = QPushButton("Step &done  (Ctrl+Enter)", self.officer_view)
        self.done_button.setAccessibleName("Mark this step done and go to the next")
        buttons.addWidget(self.reporter_button)
        buttons.addStretch(1)
        buttons.addWidget(self.skip_button)
        buttons.addWidget(self.done_button)
        layout.addLayout(buttons)

        self.toggle_action = QAction("Reporter view", self)
        self.toggle_action.setShortcuts([QKeySequence(REPORTER_VIEW_KEY)])
        self.addAction(self.toggle_action)
        self.toggle_action.triggered.connect(self.toggle_reporter_view)
        self.done_action = QAction("Step done", self.officer_view)
        self.done_action.setShortcuts([QKeySequence(COMPLETE_STEP_KEY), QKeySequence("Ctrl+Enter")])
        self.done_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.officer_view.addAction(self.done_action)
        self.done_action.triggered.connect(lambda: self.finish_step(StepState.DONE))
        self.reporter_button.clicked.connect(self.toggle_reporter_view)
        self.leave_button.clicked.connect(self.leave)
        self.skip_button.clicked.connect(lambda: self.finish_step(StepState.SKIPPED))
        self.done_button.clicked.connect(lambda: self.finish_step(StepState.DONE))
        self.step_list.currentRowChanged.connect(self._go_to)

    def _build_steps(self) -> None:
        """The step list now; each step's page on its first visit (building all nine at once
        held the GUI thread for ~100 ms)."""
        self._scrolls: dict[Step, QScrollArea] = {}
        for number, step in enumerate(STEPS, start=1):
            scroll = QScrollArea(self.stack)
            scroll.setWidgetResizable(True)
            scroll.setAccessibleName(STEP_TITLES[step])
            self.stack.addWidget(scroll)
            self._scrolls[step] = scroll
            item = QListWidgetItem(f"{number}. {STEP_TITLES[step]}")
            self.step_list.addItem(item)
        self._show_states()

    def _layout(self) -> dict[Step, tuple[m.Field, ...]]:
        opened = self.opened_meeting
        assert opened is not None  # noqa: S101 - pages exist only once the meeting is open
        return d.layout(opened.policy, opened.case, self.meeting, self._services())

    def _services(self) -> tuple[Any, ...]:
        opened = self.opened_meeting
        if opened is None:
            return ()
        return mc.support_services(opened.case, self.meeting, opened.directory)

    def page_for(self, step: Step) -> StepPage | ReviewPage:
        """The step's page, built (and filled from the record) the first time it is needed."""
        if step is Step.REVIEW:
            return self._review_page()
        page = self.pages.get(step)
        if page is None:
            number = STEPS.index(step) + 1
            page = StepPage(
                number, STEP_TITLES[step], STEP_PROMPTS[step], self._layout()[step], self
            )
            page.edited.connect(lambda field, value, s=step: self.set_value(s, field, value))
            if step is Step.ACCOUNT:
                self._add_intake_note(page)
            if step is Step.RISK:
                self.risk_label = QLabel("", page)
                self.risk_label.setTextFormat(Qt.TextFormat.RichText)
                self.risk_label.setWordWrap(True)
                self.risk_label.setObjectName("riskLevel")
                self.risk_label.setAccessibleName("The risk level, as computed")
                page.insert_before(m.RISK_JUDGEMENT, self.risk_label)
            if step is Step.ROUTING:
                self.routing_panel = RoutingPanel(page)
                page.insert_before(m.DECISION, self.routing_panel)
            page.load(self.meeting.values)
            page.set_read_only(self.meeting.is_signed)
            self._scrolls[step].setWidget(page)
            self.pages[step] = page
        return page

    def _review_page(self) -> ReviewPage:
        if self.review is None:
            number = STEPS.index(Step.REVIEW) + 1
            review = ReviewPage(number, STEP_TITLES[Step.REVIEW], STEP_PROMPTS[Step.REVIEW], self)
            review.amend.connect(self.record_amendment)
            review.read_back.connect(self.toggle_reporter_view)
            review.sign_summary.connect(self.sign_summary)
            review.sign_letter.connect(self.sign_letter)
            review.export_letter.connect(self.export_letter)
            review.change_after_signing.connect(self.change_after_signing)
            review.refresh_draft.connect(self.show_draft)
            self._scrolls[Step.REVIEW].setWidget(review)
            self.review = review
            self._show_amendments()
        return self.review

    def _add_intake_note(self, page: StepPage) -> None:
        opened = self.opened_meeting
        if opened is None or not opened.case.details.description:
            return
        note = QLabel(
            "<b>What the report said</b> (recorded at intake)<br>"
            + html.escape(opened.case.details.description).replace("\n", "<br>"),
            page,
        )
        note.setTextFormat(Qt.TextFormat.RichText)
        note.setWordWrap(True)
        note.setAccessibleName("What the report said, recorded at intake")
        page.top.addWidget(note)

    # -- loading ------------------------------------------------------------------------------

    def _opened(self, opened: ms.OpenedMeeting) -> None:
        self.opened_meeting = opened
        self.meeting = opened.meeting
        self.title.setText(f"Triage meeting — {opened.case.reference}")
        self._build_steps()
        self.step_list.setCurrentRow(STEPS.index(self.meeting.current_step))
        self._show_safety()
        self.context.case_changed.emit(self.case_id)
        self.status_changed.emit(self.case_id)
        shown = opened.documents.get("letter") or opened.documents.get("summary")
        if shown:
            self._review_page().preview.show_pdf(shown)
        self.opened.emit()

    def _failed(self, error: BaseException) -> None:
        self.save_state.setText(describe_error(error))

    # -- editing and saving -------------------------------------------------------------------

    def set_value(self, step: Step, field: m.Field, value: Any) -> None:
        page = self.pages.get(step)
        try:
            self.meeting.set(field, value)
        except InvalidFieldError as error:
            if page is not None:
                page.show_problem(field, error.message)
            return
        if page is not None:
            page.show_problem(field, "")
        self.meeting.touch(step)
        self._after_change(step, field)

    def _after_change(self, step: Step, field: m.Field | None = None) -> None:
        self._show_states()
        self._dirty = True
        self.save_state.setText("Saving…")
        self._save_timer.start()
        self._show_safety()
        if step is Step.RISK or (field is not None and field.key.startswith(m.RISK_ANSWER.prefix)):
            self._show_risk()
        if step in (Step.ROUTING, Step.RISK, Step.PREFERENCE, Step.ACCOUNT):
            self._show_routing(focus_reason=field is not None and field.key == m.DECISION.key)

    def save_now(self) -> None:
        """Queue the current record to the vault (one save at a time; the newest wins)."""
        self._save_timer.stop()
        if self._saving or not self._dirty or self.opened_meeting is None:
            if self._dirty and self._saving:
                self._save_timer.start()
            return
        self._saving, self._dirty = True, False
        record = self.meeting.copy()
        case_id = self.case_id

        def done(_result: Any) -> None:
            self._saving = False
            self.save_state.setText("All changes saved")
            self.saved.emit()
            if self._dirty:
                self._save_timer.start()

        def failed(error: BaseException) -> None:
            self._saving, self._dirty = False, True
            self.save_state.setText(describe_error(error))

        self.context.save(
            lambda service: ms.save(service, case_id, record),
            done,
            failed,
            owner=self,
            what="The meeting's answers",
            key=("meeting", case_id),
        )

    def _go_to(self, row: int) -> None:
        if row < 0 or self.opened_meeting is None:
            return
        step = STEPS[row]
        page = self.page_for(step)
        self.stack.setCurrentIndex(row)
        self._scrolls[step].verticalScrollBar().setValue(0)
        self.meeting.current_step = step
        if step is Step.RISK:
            self._show_risk()
        if step is Step.ROUTING:
            self._show_routing()
        if step is Step.REVIEW:
            self._show_review_state()
            if not self.meeting.is_signed:
                self.show_draft()
        self._dirty = True
        self._save_timer.start()
        first = page.first_input() if isinstance(page, StepPage) else page.read_back_button
        if first is not None and first.isEnabled():
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    def finish_step(self, state: StepState) -> None:
        row = self.step_list.currentRow()
        if row < 0 or self.opened_meeting is None:
            return
        step = STEPS[row]
        page = self.pages.get(step)
        if page is not None and state is StepState.DONE:
            unreadable = page.unreadable_dates()
            if unreadable:
                page.show_problem(unreadable[0], "This is not a date yet: correct it, or empty it.")
                page.widgets[unreadable[0].key].setFocus()
                return
        if not self.meeting.is_signed:
            self.meeting.states[step] = state
            self._after_change(step)
        if row + 1 < self.step_list.count():
            self.step_list.setCurrentRow(row + 1)

    def _show_states(self) -> None:
        for row, step in enumerate(STEPS):
            item = self.step_list.item(row)
            if item is None:
                continue
            state = self.meeting.states[step]
            words = m.STATE_WORDS[state]
            item.setText(f"{row + 1}. {STEP_TITLES[step]}\n     {STATE_SYMBOLS[state]} {words}")
            item.setData(
                Qt.ItemDataRole.AccessibleTextRole, f"Step {row + 1}, {STEP_TITLES[step]}: {words}"
            )

    # -- safety, risk, routing ----------------------------------------------------------------

    def _show_safety(self) -> None:
        opened = self.opened_meeting
        if opened is None:
            self.safety.show_flags(())
            return
        flags = d.unacknowledged_red_flags(self.meeting, opened.policy)
        settings = opened.settings
        self.safety.show_flags(flags, settings.campus_security, settings.safeguarding_lead)

    def _settings_changed(self, settings: Any) -> None:
        """New emergency contacts (Settings) show in an open safety panel at once."""
        if self.opened_meeting is not None:
            self.opened_meeting = dataclasses.replace(self.opened_meeting, settings=settings)
            self._show_safety()

    def acknowledge_safety(self) -> None:
        opened = self.opened_meeting
        if opened is None:
            return
        keys = tuple(f.key for f in d.red_flags(self.meeting, opened.policy))
        self.meeting.acknowledge_safety(keys, opened.officer_name, dt.datetime.now(dt.UTC))
        self._after_change(Step.OPENING)

    def _show_risk(self) -> None:
        opened = self.opened_meeting
        label = getattr(self, "risk_label", None)
        if opened is None or label is None:
            return
        result = d.risk_result(self.meeting, opened.policy)
        level = result.computed_level.capitalize()
        drivers = d.risk_drivers(self.meeting, opened.policy)
        lines = [f"<b>Computed from the answers: {level}</b>"]
        if result.safeguarding:
            lines.append("A safeguarding concern is recorded.")
        if drivers:
            lines.append("Raised by:")
            lines += [f"• {html.escape(x.question)} — {html.escape(x.answer)}" for x in drivers]
        if result.overridden:
            lines.append(
                f"<b>Your judgement: {result.level.capitalize()}</b> (this is what counts)"
            )
        label.setText("<br>".join(lines))

    def _show_routing(self, focus_reason: bool = False) -> None:
        opened = self.opened_meeting
        panel = getattr(self, "routing_panel", None)
        if opened is None or panel is None:
            return
        route = mc.routing(opened.case, self.meeting, opened.policy)
        panel.show_routes(
            [mc.route_words(r, opened.policy) for r in route.routes],
            mc.consent_line(self.meeting, route),
        )
        page = self.pages[Step.ROUTING]
        reason = page.widgets[m.DECISION_REASON.key]
        prompt = page.labels[m.DECISION_REASON.key]
        differs = bool(self.meeting.text(m.DECISION)) and route.differs
        prompt.setText(
            "<b>Your decision differs from the recommendation: say why</b>"
            if differs
            else html.escape(m.DECISION_REASON.label)
        )
        if differs and focus_reason and not route.reason:
            reason.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- review and signing -------------------------------------------------------------------

    def _show_review_state(self) -> None:
        opened = self.opened_meeting
        review = self.review
        if opened is None or review is None:
            return
        meeting = self.meeting
        blockers = (
            [] if meeting.is_signed else mc.sign_blockers(opened.case, meeting, opened.policy)
        )
        signed = ""
        if meeting.is_signed and meeting.summary is not None:
            summary = meeting.summary
            signed = f"Signed: summary version {summary.version} on {summary.signed_on:%d %B %Y}"
            if meeting.letter is not None:
                signed += f"; letter on {meeting.letter.signed_on:%d %B %Y}"
            signed += ". This meeting is read-only; a change makes a new signed version."
        review.show_state(
            signed=signed,
            blockers=blockers,
            can_sign_summary=not meeting.is_signed,
            can_sign_letter=meeting.is_signed and meeting.letter is None,
            can_export=meeting.letter is not None and not meeting.reopened,
        )
        for page in self.pages.values():
            page.set_read_only(meeting.is_signed)

    def show_draft(self) -> None:
        """Render the draft summary on a worker and show it (never stored, never a file)."""
        if self.opened_meeting is None or self.review is None:
            return
        record, case_id = self.meeting.copy(), self.case_id
        review = self.review

        def shown(pdf: bytes) -> None:
            review.set_drafting(False)
            review.preview.show_pdf(pdf)
            self.draft_shown.emit()

        def failed(error: BaseException) -> None:
            review.set_drafting(False)
            review.status.setText(f"The draft could not be shown: {describe_error(error)}")

        review.set_drafting(True)
        self.context.run(
            lambda service: ms.render_draft(service, case_id, record), shown, failed, owner=self
        )

    def record_amendment(self, what: str, before: str, after: str, reason: str) -> None:
        """A read-back correction is added to the record, never written over what was said."""
        from triage_desktop.meeting import Amendment

        try:
            amendment = Amendment(
                dt.datetime.now(dt.UTC), *(_clean(v) for v in (what, before, after, reason))
            )
        except InvalidFieldError as error:
            if self.review is not None:
                self.review.status.setText(error.message)
            return
        self.meeting.amendments.append(amendment)
        self._show_amendments()
        self.meeting.touch(Step.REVIEW)
        self._after_change(Step.REVIEW)
        self.show_draft()

    def _show_amendments(self) -> None:
        if self.review is None:
            return
        self.review.show_amendments(
            [
                neutralise_bidi(
                    f"• {a.what}: “{a.before}” → “{a.after}”"
                    + (f" ({a.reason})" if a.reason else "")
                )
                for a in self.meeting.amendments
            ]
        )

    def sign_summary(self) -> None:
        review = self._review_page()
        if not self._confirm(
            "Sign the summary",
            "Sign the summary now? It becomes the signed record of this meeting; a later change "
            "makes a new version that names this one.",
        ):
            return
        self.save_now()
        record = self.meeting.copy()
        review.set_busy(True, "Signing the summary…")
        self.context.run(
            lambda service: ms.sign_summary(service, self.case_id, record),
            lambda signed: self._signed("summary", signed),
            self._sign_failed,
            owner=self,
        )

    def sign_letter(self) -> None:
        review = self._review_page()
        record = self.meeting.copy()
        review.set_busy(True, "Signing the letter…")
        self.context.run(
            lambda service: ms.sign_letter(service, self.case_id, record),
            lambda signed: self._signed("letter", signed),
            self._sign_failed,
            owner=self,
        )

    def _signed(self, kind: str, signed: ms.Signed) -> None:
        review = self._review_page()
        self.meeting = signed.meeting
        if self.opened_meeting is not None:
            self.opened_meeting = _with_case(self.opened_meeting, signed.case)
        review.set_busy(False, f"The {kind} is signed and kept in the vault.")
        review.preview.show_pdf(signed.pdf)
        self._show_states()
        self._show_review_state()
        self.context.case_changed.emit(self.case_id)
        self.status_changed.emit(self.case_id)
        self.signed.emit(kind)

    def _sign_failed(self, error: BaseException) -> None:
        review = self._review_page()
        review.set_busy(False, describe_error(error))
        self._show_review_state()

    def _confirm(self, title: str, question: str) -> bool:
        """One question before something that cannot be taken back; Cancel is the default."""
        answer = QMessageBox.question(
            self,
            title,
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    def change_after_signing(self) -> None:
        if not self._confirm(
            "Change after signing",
            "Make changes to this signed meeting? The signed summary stays in the vault; when "
            "you sign again, the new version names the one it replaces.",
        ):
            return
        record = self.meeting.copy()

        def reopened(meeting: Meeting) -> None:
            self.meeting = meeting
            self._show_review_state()
            self._show_states()
            self.show_draft()

        self.context.run(
            lambda service: ms.reopen(service, self.case_id, record),
            reopened,
            self._sign_failed,
            owner=self,
        )

    def export_letter(self, destination: str | None = None) -> None:
        from PySide6.QtWidgets import QFileDialog

        review = self._review_page()
        if not destination:
            if not confirm_unencrypted_export(
                self, "A password (beside the Export button) protects the letter on its way."
            ):
                return
            suggested = str(export_folder() / "letter.pdf")
            destination, _filter = QFileDialog.getSaveFileName(
                self, "Export the signed letter", suggested, "PDF (*.pdf)"
            )
        if not destination:
            return
        target, password = Path(destination), review.letter_password.text()
        record = self.meeting.copy()
        self.context.run(
            lambda service: ms.export_letter(service, self.case_id, record, target, password),
            lambda path: review.status.setText(
                f"Exported to {path}. Delete it once it has been sent."
            ),
            self._sign_failed,
            owner=self,
        )

    # -- reporter view, leaving, locking ------------------------------------------------------

    def toggle_reporter_view(self) -> None:
        if self.in_reporter_view():
            self.leave_reporter_view()
            return
        opened = self.opened_meeting
        if opened is None:
            return
        view = mc.reporter_view(opened.case, self.meeting, opened.policy, opened.directory)
        self.reporter_view.show_view(view)
        self.modes.setCurrentWidget(self.reporter_view)
        self.officer_view.setVisible(False)  # swapped out, not covered
        self.reporter_view.setFocus()
        self.presentation_changed.emit(True)

    def leave_reporter_view(self) -> None:
        self.reporter_view.clear()
        self.modes.setCurrentWidget(self.officer_view)
        self.officer_view.setVisible(True)
        self.presentation_changed.emit(False)
        self.step_list.setFocus()

    def _confirm_leave_reporter_view(self) -> None:
        answer = QMessageBox.question(
            self,
            "Return to your view",
            "Return to the officer's view?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.leave_reporter_view()

    def in_reporter_view(self) -> bool:
        return self.modes.currentWidget() is self.reporter_view

    def leave(self) -> None:
        self.save_now()
        self.closed.emit()

    def clear(self) -> None:
        """On lock: the last edits are saved, then nothing of the meeting stays in the widgets.

        The save is queued before the shell closes the vault; the shell closes it only once
        queued work has drained, and a save that fails is kept by `AppContext.save` (the shell
        then does not lock over it), so an edit made just before locking is not lost.
        """
        self._save_timer.stop()
        if self._dirty and self.opened_meeting is not None:
            record, case_id = self.meeting.copy(), self.case_id
            self._dirty = False
            self.context.save(
                lambda service: ms.save(service, case_id, record),
                what="The meeting's last answers",
                key=("meeting", case_id),
            )
        if self.in_reporter_view():
            self.leave_reporter_view()
        self.reporter_view.clear()
        for page in self.pages.values():
            page.load({})
        if self.review is not None:
            self.review.preview.clear()
            self.review.show_amendments([])
        self.meeting = Meeting()
        self.opened_meeting = None
        self.safety.show_flags(())


def _with_case(opened: ms.OpenedMeeting, case: Any) -> ms.OpenedMeeting:
    import dataclasses

    return dataclasses.replace(opened, case=case)


def _clean(value: str) -> str:
    from triage_desktop.cases.text import SHORT_TEXT_MAX, clean_text

    return clean_text("amendment", value, SHORT_TEXT_MAX)
