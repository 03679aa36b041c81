"""The review step: the whole draft summary on screen, read-back corrections kept as
amendments, then signing (one confirmation, progress shown), the letter and its export."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from triage_desktop.gui.look import make_heading
from triage_desktop.gui.pdf_preview import PdfPreview

DRAFTING = "Preparing the draft summary…"


class ReviewPage(QWidget):
    amend = Signal(str, str, str, str)  # what, before, after, why
    read_back = Signal()
    sign_summary = Signal()
    sign_letter = Signal()
    export_letter = Signal()
    change_after_signing = Signal()
    refresh_draft = Signal()

    def __init__(self, number: int, title: str, prompt: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAccessibleName(title)
        layout = QVBoxLayout(self)
        self.heading = QLabel(f"{number}. {title}", self)
        make_heading(self.heading, 1.35)
        self.heading.setAccessibleName(f"Step {number}: {title}")
        intro = QLabel(prompt, self)
        intro.setWordWrap(True)
        intro.setAccessibleName("What this step is for")
        layout.addWidget(self.heading)
        layout.addWidget(intro)

        self.signed_banner = QLabel("", self)
        self.signed_banner.setTextFormat(Qt.TextFormat.PlainText)
        self.signed_banner.setWordWrap(True)
        self.signed_banner.setObjectName("signedBanner")
        self.signed_banner.setAccessibleName("Signed")
        self.change_button = QPushButton("&Change after signing…", self)
        self.change_button.setAccessibleName(
            "Change after signing (a new version replaces the signed one)"
        )
        layout.addWidget(self.signed_banner)
        layout.addWidget(self.change_button)

        actions = QHBoxLayout()
        self.read_back_button = QPushButton("Read back to them (F8)", self)
        self.read_back_button.setAccessibleName("Read back: turn the screen to the reporter")
        self.refresh_button = QPushButton("&Update the draft", self)
        self.refresh_button.setAccessibleName("Update the draft summary from the record")
        actions.addWidget(self.read_back_button)
        actions.addWidget(self.refresh_button)
        actions.addStretch(1)
        layout.addLayout(actions)

        self.corrections = QGroupBox("Corrections at read-back (kept as amendments)", self)
        form = QFormLayout(self.corrections)
        self.amend_what = QLineEdit(self.corrections)
        self.amend_what.setAccessibleName("Amendment: what changed")
        self.amend_before = QLineEdit(self.corrections)
        self.amend_before.setAccessibleName("Amendment: what it said before")
        self.amend_after = QLineEdit(self.corrections)
        self.amend_after.setAccessibleName("Amendment: what it says now")
        self.amend_reason = QLineEdit(self.corrections)
        self.amend_reason.setAccessibleName("Amendment: why")
        self.amend_button = QPushButton("&Record the correction", self.corrections)
        self.amend_button.setAccessibleName("Record the correction as an amendment")
        self.amendments = QLabel("", self.corrections)
        self.amendments.setTextFormat(Qt.TextFormat.PlainText)
        self.amendments.setWordWrap(True)
        self.amendments.setAccessibleName("Corrections recorded at read-back")
        form.addRow("What changed", self.amend_what)
        form.addRow("Before", self.amend_before)
        form.addRow("Now", self.amend_after)
        form.addRow("Why", self.amend_reason)
        form.addRow(self.amend_button)
        form.addRow(self.amendments)
        layout.addWidget(self.corrections)

        self.blockers = QLabel("", self)
        self.blockers.setTextFormat(Qt.TextFormat.PlainText)
        self.blockers.setWordWrap(True)
        self.blockers.setObjectName("signBlockers")
        self.blockers.setAccessibleName("Before signing")
        layout.addWidget(self.blockers)
        signing = QHBoxLayout()
        self.sign_summary_button = QPushButton("&Sign the summary…", self)
        self.sign_summary_button.setAccessibleName("Sign the summary")
        self.sign_letter_button = QPushButton("Sign the &letter…", self)
        self.sign_letter_button.setAccessibleName("Sign the outcome letter")
        self.letter_password = QLineEdit(self)
        self.letter_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.letter_password.setPlaceholderText("Password for the exported letter (optional)")
        self.letter_password.setAccessibleName("Password for the exported letter (optional)")
        self.export_button = QPushButton("E&xport the letter…", self)
        self.export_button.setAccessibleName("Export the signed letter")
        signing.addWidget(self.sign_summary_button)
        signing.addWidget(self.sign_letter_button)
        signing.addWidget(self.letter_password, 1)
        signing.addWidget(self.export_button)
        layout.addLayout(signing)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        self.progress.setAccessibleName("Signing")
        self.progress.hide()
        layout.addWidget(self.progress)
        self.status = QLabel("", self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Signing status")
        layout.addWidget(self.status)
        self.preview_label = QLabel("Draft summary (not signed)", self)
        make_heading(self.preview_label, 1.1)
        layout.addWidget(self.preview_label)
        self.preview = PdfPreview("Summary preview", self)
        layout.addWidget(self.preview, 1)

        self.amend_button.clicked.connect(self._amend)
        self.read_back_button.clicked.connect(self.read_back)
        self.refresh_button.clicked.connect(self.refresh_draft)
        self.sign_summary_button.clicked.connect(self.sign_summary)
        self.sign_letter_button.clicked.connect(self.sign_letter)
        self.export_button.clicked.connect(self.export_letter)
        self.change_button.clicked.connect(self.change_after_signing)

    def _amend(self) -> None:
        what = self.amend_what.text().strip()
        if not what:
            self.status.setText("Say what changed before recording a correction.")
            self.amend_what.setFocus()
            return
        self.amend.emit(
            what, self.amend_before.text(), self.amend_after.text(), self.amend_reason.text()
        )
        for edit in (self.amend_what, self.amend_before, self.amend_after, self.amend_reason):
            edit.clear()

    def show_amendments(self, rows: list[str]) -> None:
        self.amendments.setText("\n".join(rows))

    def show_state(
        self,
        *,
        signed: str,
        blockers: list[str],
        can_sign_summary: bool,
        can_sign_letter: bool,
        can_export: bool,
    ) -> None:
        """What can be done now: signed meetings are read-only until 'Change after signing'."""
        is_signed = bool(signed)
        self.signed_banner.setText(signed)
        self.signed_banner.setVisible(is_signed)
        self.change_button.setVisible(is_signed)
        self.corrections.setEnabled(not is_signed)
        self.refresh_button.setVisible(not is_signed)
        self.preview_label.setText(
            "Signed documents" if is_signed else "Draft summary (not signed)"
        )
        if blockers:
            self.blockers.setText("Before signing:\n• " + "\n• ".join(blockers))
        elif not is_signed:
            self.blockers.setText("Ready to sign when you are.")
        else:
            self.blockers.setText("")
        self.sign_summary_button.setEnabled(can_sign_summary and not blockers)
        self.sign_letter_button.setEnabled(can_sign_letter)
        self.export_button.setEnabled(can_export)
        self.letter_password.setEnabled(can_export)

    def set_drafting(self, drafting: bool) -> None:
        """The busy bar and a line while the draft is prepared (its buttons are left alone)."""
        self.progress.setVisible(drafting)
        self.progress.setAccessibleName("Preparing the draft" if drafting else "Signing")
        if drafting:
            self.status.setText(DRAFTING)
        elif self.status.text() == DRAFTING:
            self.status.setText("")

    def set_busy(self, busy: bool, text: str = "") -> None:
        self.progress.setVisible(busy)
        if text:
            self.status.setText(text)
        for button in (self.sign_summary_button, self.sign_letter_button, self.export_button):
            if busy:
                button.setEnabled(False)
