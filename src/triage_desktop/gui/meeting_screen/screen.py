"""The meeting screen: the officer moves freely between the nine steps of Appendix B; every
change is saved within half a second; F8 turns the screen into the reporter view.

Built in code: the steps' fields come from the policy data in force (support services, options,
risk questions), so they are described as data (`fields.Field`) rather than drawn in Designer.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from triage_desktop.gui.context import AppContext, describe_error
from triage_desktop.gui.look import make_heading
from triage_desktop.gui.meeting_screen.fields import YES_NO, Field, StepForm
from triage_desktop.gui.meeting_screen.reporter_view import ReporterView
from triage_desktop.services import meeting_service as ms

REPORTER_VIEW_KEY = "F8"
SAVE_DELAY_MS = 400
STATE_WORDS = {
    "not_started": "○ not started",
    "in_progress": "◐ in progress",
    "done": "● done",
    "skipped": "⊘ not covered",
}
LEVELS = (("", "Not set"), ("low", "Low"), ("medium", "Medium"), ("high", "High"))


def _step_fields(policy: Any, case: Any) -> dict[str, tuple[str, list[Field]]]:
    """Each step's short, plain, non-leading prompt and its fields."""
    audience = ms.audience_for(case.details.reporter.status)
    support = [
        f
        for s in policy.support.for_audience(audience)
        for f in (
            Field(f"offer:{s.id}", s.name, "choice", tuple((v, v or "—") for v in ms.OFFER_STATES)),
            Field(f"note:{s.id}", f"{s.name}: note", "line", internal=True),
        )
    ]
    respondent_now = ms.respondent_type(case, ms.new_record())
    options = [
        f
        for o in policy.options
        for f in (
            Field(
                f"text:{o.id}",
                o.title,
                "note",
                ((o.id, ms.option_explanation(o, respondent_now, policy)),),
            ),
            Field(f"explained:{o.id}", f"{o.title}: explained", "check"),
            Field(f"questions:{o.id}", f"{o.title}: questions answered", "check"),
        )
    ]
    risk = [
        f
        for q in policy.risk.questions
        if q.id not in ms.SAFETY_QUESTIONS
        for f in (
            Field(f"answer:{q.id}", q.text, "choice", YES_NO),
            Field(f"comment:{q.id}", "Comment", "line", internal=True),
        )
    ]
    behaviours = [Field(f"behaviour:{b.id}", b.name, "check") for b in policy.behaviours]
    outcomes = (("", "Follow the recommendation"), *((o.id, o.name) for o in policy.outcomes))
    preference = (
        ("", "Not said yet"),
        ("informal", "The informal approach"),
        ("formal", "A formal process"),
        ("no_further_action", "No further action for now"),
        ("undecided", "Not decided yet"),
    )
    respondent = (
        ("", "As recorded at intake"),
        ("student", "A student"),
        ("staff", "A member of staff"),
        ("staff_and_student", "Both staff and a student"),
        ("third_party", "Someone outside the University"),
        ("unknown", "Not known"),
    )
    sharing = []
    for row in range(3):
        sharing += [
            Field(f"party:{row}", f"May be told {row + 1}: who", "line"),
            Field(f"what:{row}", f"May be told {row + 1}: what", "line"),
        ]
    next_steps = []
    for row in range(4):
        next_steps += [
            Field(f"owner:{row}", f"Step {row + 1}: who", "line"),
            Field(f"action:{row}", f"Step {row + 1}: what", "line"),
            Field(f"due:{row}", f"Step {row + 1}: by when (YYYY-MM-DD)", "line"),
        ]
    return {
        "opening": (
            "Explain confidentiality and its limits, ask for consent to keep a record, and check "
            "they are safe to talk now.",
            [
                Field("confidentiality_explained", "Confidentiality explained", "check"),
                Field("limits_explained", "Limits explained (safeguarding)", "check"),
                Field("consent_to_record", "Consent to keep a record", "check"),
                Field("answer:safe_now", "Safe to talk now?", "choice", YES_NO),
                Field("answer:immediate_danger", "Anyone in immediate danger?", "choice", YES_NO),
                Field("answer:medical_need", "Anyone needing medical help?", "choice", YES_NO),
                Field(
                    "respondent_whereabouts", "Where the respondent is now", "line", internal=True
                ),
            ],
        ),
        "support": ("Offer support and referrals; note what they accept.", support),
        "account": (
            "Their account, in their own words if they wish. Nothing here is required.",
            [
                Field("reporter_words", "In their own words", "text"),
                Field("officer_summary", "Your summary (internal)", "text", internal=True),
                Field("respondent_type", "The person it is about", "choice", respondent),
                Field("severity", "Severity", "choice", LEVELS[1:]),
                Field("repeated", "It has happened more than once", "check"),
                Field("where", "Where", "line"),
                Field("dates", "When", "line"),
                *behaviours,
            ],
        ),
        "options": ("Explain each route in plain words; answer their questions.", options),
        "risk": (
            "Assess risks to safety and wellbeing. Use your professional judgement.",
            [
                *risk,
                Field(
                    "override_level", "Your judgement of the risk", "choice", LEVELS, internal=True
                ),
                Field("override_reason", "Reason for your judgement", "line", internal=True),
                Field("safeguarding_concern", "Safeguarding concern", "check", internal=True),
                Field("precautions_considered", "Precautionary measures considered", "check"),
                Field("precautions", "Precautions", "text", internal=True),
                Field("acts_without_consent", "You will act without their consent", "check"),
                Field(
                    "without_consent_justification",
                    "Why you must act without consent",
                    "text",
                    internal=True,
                ),
            ],
        ),
        "preference": (
            "What they would like to happen, what they need to take part, and who may be told.",
            [
                Field("preference", "Their preference", "choice", preference),
                Field("preference_words", "In their words", "line"),
                Field("adjustments", "Adjustments they need", "text"),
                *sharing,
            ],
        ),
        "routing": (
            "The policy's recommendation and its reasons. You decide.",
            [
                Field("decision", "Your decision", "choice", outcomes),
                Field("decision_reason", "Reason, if it differs", "line", internal=True),
                Field("informal_attempt_failed", "An earlier informal attempt failed", "check"),
                Field("parties_unwilling", "Not everyone is willing to try informally", "check"),
                Field("external_report", "They have gone or will go to the police", "check"),
                Field("course_content", "It concerns course materials or teaching", "check"),
                Field("management_action", "It concerns performance management", "check"),
                Field("outside_scope", "It is outside the policy's scope", "check"),
            ],
        ),
        "next_steps": (
            "Agree the next steps together: who does what, by when.",
            [*next_steps, Field("follow_up", "Follow-up date (YYYY-MM-DD)", "line")],
        ),
        "review": ("Read back what was agreed, then sign the summary and the letter.", []),
    }


class MeetingScreen(QWidget):
    closed = Signal()
    status_changed = Signal(int)
    saved = Signal()  # a change reached the vault (tests and the kill test wait on it)
    opened = Signal()
    signed = Signal(str)  # "summary" or "letter", once the signed PDF is on screen

    def __init__(self, context: AppContext, case_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.case_id = case_id
        self.case: Any = None
        self.policy: Any = None
        self.record: dict[str, Any] = ms.new_record()
        self.forms: dict[str, StepForm] = {}
        self.pdf = QPdfDocument(self)
        self._buffer: QBuffer | None = None
        self._saving = False
        self._dirty = False
        self.setAccessibleName("Triage meeting")
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.save_now)
        self._build()
        context.locked.connect(self.clear)
        context.run(lambda service: _open(service, case_id), self._opened, self._failed, owner=self)

    # -- layout -------------------------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        self.modes = QStackedWidget(self)
        outer.addWidget(self.modes)
        self.officer_view = QWidget(self.modes)
        self.reporter_view = ReporterView(self.modes)
        self.modes.addWidget(self.officer_view)
        self.modes.addWidget(self.reporter_view)

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
        self.alert = QLabel("", self.officer_view)
        self.alert.setWordWrap(True)
        self.alert.setAccessibleName("Safety alert")
        self.alert.hide()
        layout.addWidget(self.alert)

        body = QHBoxLayout()
        self.step_list = QListWidget(self.officer_view)
        self.step_list.setAccessibleName("Meeting steps")
        self.step_list.setMaximumWidth(320)
        self.pages = QStackedWidget(self.officer_view)
        body.addWidget(self.step_list)
        body.addWidget(self.pages, 1)
        layout.addLayout(body, 1)

        buttons = QHBoxLayout()
        self.skip_button = QPushButton("Mark as &not covered", self.officer_view)
        self.skip_button.setAccessibleName("Mark this step as not covered")
        self.done_button = QPushButton("Step &done", self.officer_view)
        self.done_button.setAccessibleName("Mark this step done and go to the next")
        self.reporter_button = QPushButton(f"Show the reporter ({REPORTER_VIEW_KEY})", self)
        self.reporter_button.setAccessibleName("Show the reporter view")
        buttons.addWidget(self.reporter_button)
        buttons.addStretch(1)
        buttons.addWidget(self.skip_button)
        buttons.addWidget(self.done_button)
        layout.addLayout(buttons)

        self.toggle_action = QAction("Reporter view", self)
        self.toggle_action.setShortcuts([QKeySequence(REPORTER_VIEW_KEY)])
        self.addAction(self.toggle_action)
        self.toggle_action.triggered.connect(self.toggle_reporter_view)
        self.reporter_button.clicked.connect(self.toggle_reporter_view)
        self.leave_button.clicked.connect(self.leave)
        self.skip_button.clicked.connect(lambda: self.finish_step("skipped"))
        self.done_button.clicked.connect(lambda: self.finish_step("done"))
        self.step_list.currentRowChanged.connect(self._go_to)

    def _build_steps(self) -> None:
        """The step list now; each step's page on its first visit (building all nine at once
        held the GUI thread for ~100 ms)."""
        self._specs = _step_fields(self.policy, self.case)
        self._scrolls: dict[str, QScrollArea] = {}
        for step, title in ms.STEPS:
            scroll = QScrollArea(self.pages)
            scroll.setWidgetResizable(True)
            scroll.setAccessibleName(title)
            self.pages.addWidget(scroll)
            self._scrolls[step] = scroll
            self.step_list.addItem(title)
        self._show_states()

    def form_for(self, step: str) -> StepForm:
        """The step's page, built (and filled from the record) the first time it is needed."""
        form = self.forms.get(step)
        if form is None:
            intro, fields = self._specs[step]
            form = StepForm(fields, self._setter(step), intro=intro)
            if step == "routing":
                self.routing_label = QLabel("", form)
                self.routing_label.setWordWrap(True)
                self.routing_label.setAccessibleName("The policy's recommendation")
                form.form.insertRow(1, self.routing_label)
            if step == "review":
                self._build_review(form)
                self._show_amendments()
            self._scrolls[step].setWidget(form)
            self.forms[step] = form
            form.load(ms.values(self.record, step))
        return form

    def _setter(self, step: str) -> Callable[[str, Any], None]:
        return lambda key, value: self.set_value(step, key, value)

    def _build_review(self, form: StepForm) -> None:
        self.blockers = QLabel("", form)
        self.blockers.setWordWrap(True)
        self.blockers.setAccessibleName("Before signing")
        self.sign_summary_button = QPushButton("Sign the &summary", form)
        self.sign_summary_button.setAccessibleName("Sign the summary")
        self.sign_letter_button = QPushButton("Sign the &letter", form)
        self.sign_letter_button.setAccessibleName("Sign the outcome letter")
        self.letter_password = QLineEdit(form)
        self.letter_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.letter_password.setAccessibleName("Password for the exported letter (optional)")
        self.export_button = QPushButton("E&xport the letter…", form)
        self.export_button.setAccessibleName("Export the signed letter")
        self.preview = QPdfView(form)
        self.preview.setDocument(self.pdf)
        self.preview.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.preview.setPageMode(QPdfView.PageMode.MultiPage)
        self.preview.setMinimumHeight(420)
        self.preview.setAccessibleName("Signed document preview")
        self.amend_what = QLineEdit(form)
        self.amend_what.setAccessibleName("Amendment: what changed")
        self.amend_before = QLineEdit(form)
        self.amend_before.setAccessibleName("Amendment: what it said before")
        self.amend_after = QLineEdit(form)
        self.amend_after.setAccessibleName("Amendment: what it says now")
        self.amend_reason = QLineEdit(form)
        self.amend_reason.setAccessibleName("Amendment: why")
        self.amend_button = QPushButton("&Record the correction", form)
        self.amend_button.setAccessibleName("Record the correction as an amendment")
        self.amendments = QLabel("", form)
        self.amendments.setWordWrap(True)
        self.amendments.setAccessibleName("Corrections recorded at read-back")
        form.form.addRow(QLabel("Corrections at read-back are kept as amendments:", form))
        form.form.addRow("What changed", self.amend_what)
        form.form.addRow("Before", self.amend_before)
        form.form.addRow("Now", self.amend_after)
        form.form.addRow("Why", self.amend_reason)
        form.form.addRow(self.amend_button)
        form.form.addRow(self.amendments)
        self.amend_button.clicked.connect(self.record_amendment)
        form.form.addRow(self.blockers)
        form.form.addRow(self.sign_summary_button)
        form.form.addRow(self.sign_letter_button)
        form.form.addRow("Letter password (optional)", self.letter_password)
        form.form.addRow(self.export_button)
        form.form.addRow(self.preview)
        self.sign_summary_button.clicked.connect(self.sign_summary)
        self.sign_letter_button.clicked.connect(self.sign_letter)
        self.export_button.clicked.connect(self.export_letter)

    # -- loading ------------------------------------------------------------------------------

    def _opened(self, opened: tuple[Any, Any]) -> None:
        meeting, policy = opened
        self.case, self.policy, self.record = meeting.case, policy, meeting.record
        self.title.setText(f"Triage meeting — {self.case.reference}")
        self._build_steps()
        self.step_list.setCurrentRow(ms.STEP_IDS.index(self.record["current_step"]))
        self.context.case_changed.emit(self.case_id)
        self.status_changed.emit(self.case_id)
        if meeting.documents:
            last = meeting.documents.get("letter_document_id") or meeting.documents.get(
                "summary_document_id"
            )
            if last:
                self.form_for("review")
                self._show_pdf(last)
        self.opened.emit()

    def _failed(self, error: BaseException) -> None:
        self.save_state.setText(describe_error(error))

    # -- editing and saving -------------------------------------------------------------------

    def set_value(self, step: str, key: str, value: Any) -> None:
        self.record["steps"][step]["values"][key] = value
        if self.record["steps"][step]["state"] == "not_started":
            self.record["steps"][step]["state"] = "in_progress"
        self._after_change(step)

    def _after_change(self, step: str) -> None:
        self._sync_derived()
        self._show_states()
        self._dirty = True
        self.save_state.setText("Saving…")
        self._save_timer.start()
        if step == "opening":
            self._show_alert()

    def _sync_derived(self) -> None:
        """Rows typed as fields become the record's lists the service reads."""
        values = self.record["steps"]["next_steps"]["values"]
        actions = []
        for row in range(4):
            action = str(values.get(f"action:{row}", "")).strip()
            if action:
                actions.append(
                    {
                        "owner": values.get(f"owner:{row}", ""),
                        "action": action,
                        "due": values.get(f"due:{row}", ""),
                    }
                )
        values["actions"] = actions
        preference = self.record["steps"]["preference"]["values"]
        preference["sharing"] = [
            {"party": preference.get(f"party:{row}", ""), "what": preference.get(f"what:{row}", "")}
            for row in range(3)
            if str(preference.get(f"party:{row}", "")).strip()
        ]

    def save_now(self) -> None:
        """Queue the current record to the vault (one save at a time; the newest wins)."""
        self._save_timer.stop()
        if self._saving or not self._dirty or self.case is None:
            if self._dirty and self._saving:
                self._save_timer.start()
            return
        self._saving, self._dirty = True, False
        record = copy.deepcopy(self.record)
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

        self.context.run(
            lambda service: ms.save(service, case_id, record), done, failed, owner=self
        )

    def _go_to(self, row: int) -> None:
        if row < 0:
            return
        step = ms.STEP_IDS[row]
        self.form_for(step)
        self.pages.setCurrentIndex(row)
        self.record["current_step"] = step
        if step == "routing":
            self._show_routing()
        if step == "review":
            self._show_blockers()
        self._dirty = True
        self._save_timer.start()

    def finish_step(self, state: str) -> None:
        row = self.step_list.currentRow()
        if row < 0:
            return
        self.record["steps"][ms.STEP_IDS[row]]["state"] = state
        self._after_change(ms.STEP_IDS[row])
        if row + 1 < self.step_list.count():
            self.step_list.setCurrentRow(row + 1)

    def _show_states(self) -> None:
        for row, (step, title) in enumerate(ms.STEPS):
            item = self.step_list.item(row)
            if item is not None:
                state = self.record["steps"][step]["state"]
                item.setText(f"{title}\n   {STATE_WORDS.get(state, state)}")

    def _show_alert(self) -> None:
        flags = ms.red_flags(self.record)
        self.alert.setVisible(bool(flags))
        if flags:
            self.alert.setText(
                "⚠ " + " ".join(flags) + " Act on this first: call 999 if anyone is in danger; "
                "contact Security and the safeguarding lead; stay with the reporter."
            )

    def _show_routing(self) -> None:
        if self.case is None:
            return
        route = ms.routing(self.case, self.record, self.policy)
        advice: dict[str, Any] = route.recommendation.to_dict()
        names = {p.id: p.name for p in self.policy.procedures}
        outcome = {o.id: o.name for o in self.policy.outcomes}
        lines = [
            f"<b>Recommended:</b> {outcome.get(advice['action'], advice['action'])}",
            "<b>Procedures:</b> "
            + (", ".join(names.get(p, p) for p in advice["procedures"]) or "none"),
        ]
        if advice["escalations"]:
            lines.append("<b>Escalate:</b> " + ", ".join(advice["escalations"]))
        if advice["flags"]:
            lines.append("<b>Notes:</b> " + ", ".join(f.replace("_", " ") for f in advice["flags"]))
        lines += [f"• {reason}" for reason in advice["rationale"]]
        lines.append(f"Dignity and Respect Policy v{advice['policy_version']}")
        self.routing_label.setText("<br>".join(lines))

    def _show_blockers(self) -> None:
        if self.case is None:
            return
        found = ms.sign_blockers(self.case, self.record, self.policy)
        self.blockers.setText(
            "Before signing: " + " ".join(found) if found else "Ready to sign when you are."
        )

    def record_amendment(self) -> None:
        """A read-back correction is added to the record, never written over what was said."""
        what = self.amend_what.text().strip()
        if not what:
            self.blockers.setText("Say what changed before recording a correction.")
            return
        self.record["amendments"].append(
            ms.new_amendment(
                what, self.amend_before.text(), self.amend_after.text(), self.amend_reason.text()
            )
        )
        for edit in (self.amend_what, self.amend_before, self.amend_after, self.amend_reason):
            edit.clear()
        self._show_amendments()
        self._after_change("review")

    def _show_amendments(self) -> None:
        rows = [
            f"• {a.get('what', '')}: “{a.get('before', '')}” → “{a.get('after', '')}”"
            + (f" ({a.get('reason', '')})" if a.get("reason") else "")
            for a in self.record["amendments"]
        ]
        self.amendments.setText("\n".join(rows))

    # -- signing ------------------------------------------------------------------------------

    def sign_summary(self) -> None:
        self.save_now()
        record = copy.deepcopy(self.record)
        self.sign_summary_button.setEnabled(False)
        self.context.run(
            lambda service: ms.sign_summary(service, self.case_id, record),
            lambda signed: self._signed("summary", signed),
            self._sign_failed,
            owner=self,
        )

    def sign_letter(self) -> None:
        record = copy.deepcopy(self.record)
        self.sign_letter_button.setEnabled(False)
        self.context.run(
            lambda service: ms.sign_letter(service, self.case_id, record),
            lambda signed: self._signed("letter", signed),
            self._sign_failed,
            owner=self,
        )

    def _signed(self, kind: str, signed: Any) -> None:
        self.record = signed.record
        self.case = signed.case
        self.sign_summary_button.setEnabled(True)
        self.sign_letter_button.setEnabled(True)
        self._show_pdf(signed.pdf)
        self._show_states()
        self.blockers.setText(f"The {kind} is signed and kept in the vault.")
        self.context.case_changed.emit(self.case_id)
        self.status_changed.emit(self.case_id)
        self.signed.emit(kind)

    def _sign_failed(self, error: BaseException) -> None:
        self.sign_summary_button.setEnabled(True)
        self.sign_letter_button.setEnabled(True)
        self.blockers.setText(describe_error(error))

    def _show_pdf(self, pdf: bytes) -> None:
        self.pdf.close()
        buffer = QBuffer(self)
        buffer.setData(QByteArray(pdf))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self._buffer = buffer
        self.pdf.load(buffer)  # from memory: never a temporary file

    def export_letter(self, destination: str | None = None) -> None:
        from pathlib import Path

        from PySide6.QtWidgets import QFileDialog

        if not destination:
            destination, _filter = QFileDialog.getSaveFileName(
                self, "Export the signed letter", "letter.pdf", "PDF (*.pdf)"
            )
        if not destination:
            return
        target, password = Path(destination), self.letter_password.text()
        record = copy.deepcopy(self.record)
        self.context.run(
            lambda service: ms.export_letter(service, self.case_id, record, target, password),
            lambda path: self.blockers.setText(f"Exported to {path}."),
            self._sign_failed,
            owner=self,
        )

    # -- reporter view, leaving, locking ------------------------------------------------------

    def toggle_reporter_view(self) -> None:
        if self.modes.currentWidget() is self.reporter_view:
            self.reporter_view.clear()
            self.modes.setCurrentWidget(self.officer_view)
            self.officer_view.setVisible(True)
            return
        if self.case is None:
            return
        self.reporter_view.show_view(ms.reporter_view(self.case, self.record, self.policy))
        self.modes.setCurrentWidget(self.reporter_view)
        self.officer_view.setVisible(False)  # swapped out, not covered
        self.reporter_view.setFocus()

    def in_reporter_view(self) -> bool:
        return self.modes.currentWidget() is self.reporter_view

    def leave(self) -> None:
        self.save_now()
        self.closed.emit()

    def clear(self) -> None:
        """On lock: the last edits are saved, then nothing of the meeting stays in the widgets.

        The save is queued before the shell closes the vault; the shell waits for queued work
        (`tasks.wait_all`) before it locks, and the single writer keeps saves in order, so an
        edit made just before locking is not lost.
        """
        self._save_timer.stop()
        if self._dirty and self.case is not None:
            record, case_id = copy.deepcopy(self.record), self.case_id
            self._dirty = False
            self.context.run(lambda service: ms.save(service, case_id, record), owner=self)
        self.reporter_view.clear()
        for form in self.forms.values():
            form.load({})
        self.record = ms.new_record()
        self.case = None
        self.pdf.close()
        self.alert.clear()


def _open(service: Any, case_id: int) -> tuple[Any, Any]:
    """On a worker: the case and its meeting (moving it to 'meeting arranged'), and the policy
    version the case was recorded under."""
    from triage_desktop.policy.catalogue import load_policy

    meeting = ms.open_meeting(service, case_id)
    return meeting, load_policy(meeting.case.details.policy_version)
