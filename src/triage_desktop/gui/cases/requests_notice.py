"""The case list's notice of subject access requests still to answer: each one's reference,
how many cases it covers and when it is due, overdue ones first, in words (the warning colour
only repeats what the words say). Hidden when there is none."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from triage_desktop.gui.cases.deadline import Urgency, urgency_colour
from triage_desktop.gui.context import AppContext

if TYPE_CHECKING:
    from triage_desktop.services.subject_access import RequestSummary

SHOWN = 5


def notice_text(summaries: list[RequestSummary], today: dt.date) -> str:
    """One line per open request, the most urgent first; empty when there is none."""
    from triage_desktop.reports.subject_access import Standing

    if not summaries:
        return ""
    overdue = sum(1 for s in summaries if s.standing is Standing.OVERDUE)
    count = len(summaries)
    head = f"Subject access requests to answer: {count}"
    if overdue:
        head += f", {overdue} OVERDUE"
    lines = [f"⚠ {head}." if overdue else f"{head}."]
    for summary in summaries[:SHOWN]:
        request = summary.request
        cases = len(request.cases)
        lines.append(
            f"{request.reference} ({cases} case{'s' if cases != 1 else ''}): {summary.words(today)}"
        )
    if count > SHOWN:
        lines.append(f"… and {count - SHOWN} more.")
    return "\n".join(lines)


class SubjectAccessNotice(QFrame):
    open_requested = Signal()
    shown_text = Signal(str)  # the notice as it now reads ("" when hidden)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("Subject access requests to answer")
        row = QHBoxLayout(self)
        self.label = QLabel("", self)
        self.label.setWordWrap(True)
        self.label.setAccessibleName("Subject access requests and when they are due")
        self.button = QPushButton("Open subject access &requests", self)
        self.button.setAccessibleName("Open the subject access requests")
        self.button.setAutoDefault(False)
        row.addWidget(self.label, 1)
        row.addWidget(self.button)
        self.button.clicked.connect(self.open_requested)
        self.setVisible(False)
        self._default_palette = self.label.palette()

    def refresh(self) -> None:
        def work(service: Any) -> list[RequestSummary]:
            from triage_desktop.services import subject_access

            return subject_access.open_requests(service)

        self.context.run(work, self._show, lambda _error: None, owner=self)

    def _show(self, summaries: list[RequestSummary]) -> None:
        from triage_desktop.reports.subject_access import Standing

        text = notice_text(summaries, dt.date.today())
        self.label.setText(text)
        palette = QPalette(self._default_palette)
        colour = urgency_colour(Urgency.OVERDUE)
        if colour is not None and any(s.standing is Standing.OVERDUE for s in summaries):
            palette.setColor(QPalette.ColorRole.WindowText, colour)
        self.label.setPalette(palette)
        self.setVisible(bool(text))
        self.shown_text.emit(text)

    def clear(self) -> None:
        self.label.clear()
        self.setVisible(False)
