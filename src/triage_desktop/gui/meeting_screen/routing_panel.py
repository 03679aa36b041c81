"""The routing step's explanation: what the policy points to for each respondent, in plain
words first, each reason with the policy's own words one click beneath it."""

from __future__ import annotations

import dataclasses
import html
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QToolButton, QVBoxLayout, QWidget

from triage_desktop.cases.text import neutralise_bidi
from triage_desktop.gui.look import make_heading
from triage_desktop.gui.meeting_screen.fields import literal
from triage_desktop.services.meeting_content import RouteWords


class ReasonRow(QWidget):
    """A reason in plain words, and the clause it rests on behind a disclosure button."""

    def __init__(self, number: int, text: str, cite: str, quote: str, parent: QWidget) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.text = QLabel(f"• {text}", self)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setWordWrap(True)
        self.text.setAccessibleName(f"Reason {number}")
        self.toggle = QToolButton(self)
        self.toggle.setText(literal(f"The policy's words: {cite}"))
        self.toggle.setCheckable(True)
        self.toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setAccessibleName(f"Reason {number}: show the policy's words ({cite})")
        self.quote = QLabel(f"“{quote}”", self)
        self.quote.setTextFormat(Qt.TextFormat.PlainText)
        self.quote.setWordWrap(True)
        self.quote.setAccessibleName(f"Reason {number}: the policy's words")
        self.quote.setContentsMargins(24, 0, 0, 0)
        self.quote.hide()
        layout.addWidget(self.text)
        layout.addWidget(self.toggle)
        layout.addWidget(self.quote)
        self.toggle.toggled.connect(self._toggled)

    def _toggled(self, shown: bool) -> None:
        self.quote.setVisible(shown)
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)


class RoutingPanel(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("routingPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("The policy's recommendation")
        self.layout_ = QVBoxLayout(self)
        self.heading = QLabel("What the policy points to", self)
        make_heading(self.heading, 1.15)
        self.layout_.addWidget(self.heading)
        self.content: list[QWidget] = []

    def texts(self) -> list[str]:
        """Everything the panel says now, in reading order (not what it said before: replaced
        labels wait for deletion)."""
        found = [self.heading.text()]
        for widget in self.content:
            labels = [widget] if isinstance(widget, QLabel) else widget.findChildren(QLabel)
            found += [label.text() for label in labels]
        return found

    def show_routes(self, routes: Sequence[RouteWords], consent_line: str) -> None:
        for widget in self.content:
            self.layout_.removeWidget(widget)
            widget.hide()
            widget.deleteLater()
        self.content = []
        groups: dict[RouteWords, list[str]] = {}  # respondents with the same recommendation
        for route in routes:
            groups.setdefault(dataclasses.replace(route, respondent=""), []).append(
                route.respondent
            )
        for route, who in groups.items():
            shown = dataclasses.replace(route, respondent=" and ".join(who))
            self._add_route(shown, several=len(routes) > 1)
        if consent_line:
            line = QLabel(consent_line, self)
            line.setTextFormat(Qt.TextFormat.PlainText)
            line.setWordWrap(True)
            line.setObjectName("consentLine")
            line.setAccessibleName("How this stands with the reporter's choice")
            self._add(line)

    def _add(self, widget: QWidget) -> None:
        self.layout_.addWidget(widget)
        self.content.append(widget)
        widget.show()  # at once: a layout would only queue it, and the page is already showing

    def _add_route(self, route: RouteWords, *, several: bool) -> None:
        def e(text: str) -> str:
            return html.escape(neutralise_bidi(text))

        title = f"{route.respondent}: {route.action}" if several else route.action
        headline = QLabel(f"<b>{e(title)}</b>", self)
        headline.setTextFormat(Qt.TextFormat.RichText)
        headline.setWordWrap(True)
        headline.setAccessibleName("Recommended")
        self._add(headline)
        facts = []
        if route.procedures:
            facts.append("Procedure: " + "; ".join(route.procedures))
        if route.escalations:
            facts.append("Escalate: " + "; ".join(route.escalations))
        if route.flags:
            facts.append("Worth knowing: " + " ".join(route.flags))
        if facts:
            detail = QLabel("<br>".join(e(f) for f in facts), self)
            detail.setTextFormat(Qt.TextFormat.RichText)
            detail.setWordWrap(True)
            detail.setAccessibleName("Procedures, escalations and notes")
            self._add(detail)
        for number, reason in enumerate(route.reasons, start=1):
            self._add(ReasonRow(number, reason.text, reason.cite, reason.quote, self))
        version = QLabel(f"Dignity and Respect Policy v{route.policy_version}", self)
        version.setTextFormat(Qt.TextFormat.PlainText)
        version.setEnabled(False)
        self._add(version)
