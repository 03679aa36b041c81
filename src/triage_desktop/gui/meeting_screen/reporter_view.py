"""The reporter view: the screen turned towards the person who raised the concern.

It shows only what `meeting_content.reporter_view` allows — what happens next, the support
offered, the options in plain words — in large, regular-weight text at a comfortable line
length, with nothing to click. The officer scrolls it with the keyboard; only F8 (or Escape,
with a confirmation) returns. Presentation mode (full screen, no menus) is the shell's part.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from triage_desktop.cases.text import neutralise_bidi
from triage_desktop.services.meeting_content import ReporterView as ViewContent

LINE_CHARACTERS = 70  # a comfortable measure for reading
TEXT_SCALE = 1.45
SIDE_MARGIN = 48


class ReporterView(QWidget):
    leave_requested = Signal()  # Escape: the screen asks the officer to confirm

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reporterView")
        self.setAccessibleName("What we talked about")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.scroller = QScrollArea(self)
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroller.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.scroller.setAccessibleName("What we talked about (scroll with the arrow keys)")
        page = QWidget(self.scroller)
        row = QHBoxLayout(page)
        row.addStretch(1)
        column = QVBoxLayout()
        self.heading = QLabel("What we talked about", page)
        self.body = QLabel("", page)
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.body.setAccessibleName("What happens next, the support offered and your options")
        font = QFont(self.body.font())
        font.setPointSizeF(max(font.pointSizeF(), 1.0) * TEXT_SCALE)
        font.setWeight(QFont.Weight.Normal)
        self.body.setFont(font)
        heading_font = QFont(font)
        heading_font.setPointSizeF(font.pointSizeF() * 1.35)
        heading_font.setWeight(QFont.Weight.DemiBold)
        self.heading.setFont(heading_font)
        alphabet = "the quick brown fox jumps over a lazy dog "
        measure = QFontMetrics(font).horizontalAdvance(alphabet) * LINE_CHARACTERS // len(alphabet)
        self._measure = measure
        column.addSpacing(32)
        column.addWidget(self.heading)
        column.addWidget(self.body)
        column.addStretch(1)
        row.addLayout(column, 0)
        row.addStretch(1)
        self.scroller.setWidget(page)
        outer.addWidget(self.scroller)
        self.setFocusProxy(self.scroller)

    def show_view(self, view: ViewContent) -> None:
        def e(text: str) -> str:  # escaped, and no bidi control may reverse the line
            return html.escape(neutralise_bidi(text))

        parts: list[str] = []
        if view.next_steps or view.follow_up:
            parts.append("<h3>What happens next</h3>")
            parts += [
                f"<p>{e(who)} will {e(_lower_first(what))}"
                + (f", by {e(when)}" if when else "")
                + ".</p>"
                if who in ("You", "Your officer")
                else f"<p>{e(who)}: {e(what)}" + (f", by {e(when)}" if when else "") + ".</p>"
                for who, what, when in view.next_steps
            ]
            if view.follow_up:
                parts.append(f"<p>We will be in touch by {e(view.follow_up)}.</p>")
        if view.support:
            parts.append("<h3>Support</h3>")
            parts += [
                f"<p><b>{e(name)}</b> — {e(state.lower())}"
                + (f"<br>{e(contact)}" if contact else "")
                + "</p>"
                for name, state, contact in view.support
            ]
        if view.preference or view.sharing or view.adjustments:
            parts.append("<h3>What you told us</h3>")
            if view.preference:
                words = f" (“{e(view.preference_words)}”)" if view.preference_words else ""
                parts.append(f"<p>You would like: {e(_lower_first(view.preference))}{words}.</p>")
            for party, what in view.sharing:
                parts.append(
                    f"<p>{e(party)} may be told: {e(what) or 'that a concern was raised'}.</p>"
                )
            if view.adjustments:
                parts.append(
                    "<p>What helps you take part: " + e("; ".join(view.adjustments)) + ".</p>"
                )
        parts.append("<h3>Your options</h3>")
        parts += [f"<p><b>{e(title)}</b><br>{e(text)}</p>" for title, text in view.options]
        self.body.setText("".join(parts))
        self.scroller.verticalScrollBar().setValue(0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """The text keeps its comfortable measure, narrower only when the screen is."""
        width = max(240, min(self._measure, self.width() - 2 * SIDE_MARGIN))
        self.heading.setFixedWidth(width)
        self.body.setFixedWidth(width)
        super().resizeEvent(event)

    def text(self) -> str:
        return self.body.text()

    def clear(self) -> None:
        self.body.clear()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.leave_requested.emit()
            return
        super().keyPressEvent(event)


def _lower_first(text: str) -> str:
    first, _, rest = text.strip().partition(" ")
    if len(first) > 1 and first[0].isupper() and first[1:].islower():
        first = first.lower()
    return f"{first} {rest}".strip()
