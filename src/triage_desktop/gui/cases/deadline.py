"""How close a case is to its contact-by date, shown by words AND an icon AND a colour: colour is
never the only signal (DESIGN.md, UX principles)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum
from functools import cache

from PySide6.QtGui import QColor, QIcon, QPalette
from PySide6.QtWidgets import QApplication, QStyle

from triage_desktop.cases.model import CaseStatus
from triage_desktop.gui.cases.labels import NO_DEADLINE, day_words


class Urgency(Enum):
    NONE = "none"
    PENDING = "pending"
    DUE_TODAY = "due_today"
    OVERDUE = "overdue"


@dataclass(frozen=True)
class ContactMark:
    urgency: Urgency
    text: str


def contact_mark(
    status: CaseStatus, contact_by: date | None, anonymous: bool, today: date
) -> ContactMark:
    """The contact-by cell: only cases still awaiting contact can be due or overdue."""
    if contact_by is None:
        return ContactMark(Urgency.NONE, NO_DEADLINE if anonymous else "No deadline")
    words = day_words(contact_by)
    if status is not CaseStatus.AWAITING_CONTACT:
        return ContactMark(Urgency.NONE, words)
    if contact_by < today:
        return ContactMark(Urgency.OVERDUE, f"Overdue — {words}")
    if contact_by == today:
        return ContactMark(Urgency.DUE_TODAY, f"Due today — {words}")
    return ContactMark(Urgency.PENDING, words)


@cache
def urgency_icon(urgency: Urgency) -> QIcon:
    """A standard style icon: warning triangle for overdue, information mark for due today."""
    style = QApplication.style()
    if urgency is Urgency.OVERDUE:
        return style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
    if urgency is Urgency.DUE_TODAY:
        return style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation)
    return QIcon()


def urgency_colour(urgency: Urgency) -> QColor | None:
    """Semantic text colours, readable on both the light and the dark palette."""
    if urgency not in (Urgency.OVERDUE, Urgency.DUE_TODAY):
        return None
    base = QApplication.palette().color(QPalette.ColorRole.Base)
    dark = base.lightness() < 128
    if urgency is Urgency.OVERDUE:
        return QColor("#ff8a80" if dark else "#a4161a")
    return QColor("#ffd180" if dark else "#8a4b00")
