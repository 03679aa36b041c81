"""The safety panel: the moment an answer says someone is not safe, what to do now and whom to
call, above every step until the officer acknowledges it (the time is kept in the summary)."""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from triage_desktop.gui.look import make_heading
from triage_desktop.meeting.derived import RedFlag

EMERGENCY_NUMBER = "999"


def what_to_do(security: str, safeguarding_lead: str) -> list[str]:
    """The steps to take now, with the contacts the officer keeps in Settings."""
    return [
        f"If anyone is in immediate danger or needs urgent medical help, call {EMERGENCY_NUMBER}.",
        "Call Campus Security: "
        + (security or "add their number in Settings → Support so it shows here")
        + ".",
        "Tell the on-call safeguarding lead: "
        + (safeguarding_lead or "add their contact in Settings → Support so it shows here")
        + ".",
        "Stay with the reporter. The rest of the meeting can wait.",
    ]


class SafetyPanel(QFrame):
    """Shown while there are red flags not yet acknowledged; `acknowledged` when the officer
    confirms they have acted."""

    acknowledged = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("safetyPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("Safety alert: act on this first")
        layout = QVBoxLayout(self)
        self.heading = QLabel("⚠ Act on this first", self)
        make_heading(self.heading, 1.3)
        self.heading.setAccessibleName("Safety alert")
        self.body = QLabel("", self)
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.body.setWordWrap(True)
        self.body.setAccessibleName("What was said and what to do now")
        buttons = QHBoxLayout()
        self.acknowledge_button = QPushButton("I have &acted on this", self)
        self.acknowledge_button.setAccessibleName(
            "I have acted on this safety alert (the time is recorded)"
        )
        buttons.addStretch(1)
        buttons.addWidget(self.acknowledge_button)
        layout.addWidget(self.heading)
        layout.addWidget(self.body)
        layout.addLayout(buttons)
        self.acknowledge_button.clicked.connect(self.acknowledged)
        self.hide()

    def show_flags(
        self, flags: Sequence[RedFlag], security: str = "", safeguarding_lead: str = ""
    ) -> None:
        if not flags:
            self.hide()
            self.body.clear()
            return
        e = html.escape
        said = "".join(
            f"<li>{e(f.question)} <b>{e(f.answer)}</b>"
            + (f"<br>{e(f.what_to_do)}" if f.what_to_do else "")
            + "</li>"
            for f in flags
        )
        steps = "".join(f"<li>{e(step)}</li>" for step in what_to_do(security, safeguarding_lead))
        self.body.setText(f"<p>The reporter said:</p><ul>{said}</ul><p>Now:</p><ol>{steps}</ol>")
        self.show()
