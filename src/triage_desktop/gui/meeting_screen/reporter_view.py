"""The reporter view: the screen turned towards the person who raised the concern.

It shows only what `meeting_service.reporter_view` allows (the options in plain words, the
support offered, the agreed next steps), in large text, with nothing to click: no internal note,
no risk content, no other case, no way out but the same key.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from triage_desktop.gui.look import make_heading


class ReporterView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("What we talked about")
        layout = QVBoxLayout(self)
        heading = QLabel("What we talked about", self)
        make_heading(heading, 1.8)
        heading.setAccessibleName("What we talked about")
        layout.addWidget(heading)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        self.body = QLabel("", scroll)
        self.body.setWordWrap(True)
        self.body.setAccessibleName("The options, the support offered and the next steps")
        make_heading(self.body, 1.25)
        scroll.setWidget(self.body)
        layout.addWidget(scroll, 1)

    def show_view(self, view: Any) -> None:
        e = html.escape
        parts = ["<h3>Your options</h3>"]
        parts += [f"<p><b>{e(title)}</b><br>{e(text)}</p>" for title, text in view.options]
        if view.preference:
            parts.append(f"<p>You would like: <b>{e(view.preference)}</b>.</p>")
        if view.support:
            parts.append("<h3>Support offered</h3>")
            parts += [
                f"<p><b>{e(name)}</b> — {e(state)}"
                + (f"<br>{e(contact)}" if contact else "")
                + "</p>"
                for name, state, contact in view.support
            ]
        if view.next_steps:
            parts.append("<h3>What happens next</h3>")
            parts += [
                f"<p>{e(who)}: {e(what)}" + (f" — by {e(when)}" if when else "") + "</p>"
                for who, what, when in view.next_steps
            ]
        if view.follow_up:
            parts.append(f"<p>We will be in touch by {e(view.follow_up)}.</p>")
        self.body.setText("".join(parts))

    def clear(self) -> None:
        self.body.clear()
