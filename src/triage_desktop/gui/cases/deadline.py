"""How close a case is to its contact-by date, shown by words AND an icon AND a colour: colour is
never the only signal (DESIGN.md, UX principles)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
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
    MET = "met"  # contacted by the contact-by date
    LATE = "late"  # contacted, after the contact-by date


@dataclass(frozen=True)
class ContactMark:
    urgency: Urgency
    text: str


def working_days_late(contact_by: date, contacted_on: date, closures: Iterable[date] = ()) -> int:
    """How many working days after the contact-by date the first contact came (0 when on
    time, or late only by non-working days)."""
    from triage_desktop.policy.calendar import is_working_day

    closed = frozenset(closures)
    days = (contacted_on - contact_by).days
    return sum(
        1 for n in range(1, days + 1) if is_working_day(contact_by + timedelta(days=n), closed)
    )


def contact_mark(
    status: CaseStatus,
    contact_by: date | None,
    anonymous: bool,
    today: date,
    *,
    first_contact_on: date | None = None,
    closures: Iterable[date] = (),
) -> ContactMark:
    """The 2-working-day clock in words: met or missed once the first contact is recorded;
    due, due today or overdue while a case awaits contact."""
    if contact_by is None:
        return ContactMark(Urgency.NONE, NO_DEADLINE if anonymous else "No deadline")
    words = day_words(contact_by)
    if first_contact_on is not None:
        if first_contact_on <= contact_by:
            return ContactMark(Urgency.MET, f"Contacted on time — {day_words(first_contact_on)}")
        late = working_days_late(contact_by, first_contact_on, closures)
        after = (
            f"{late} working day{'s' if late != 1 else ''} after the deadline"
            if late
            else "after the deadline, on a non-working day"
        )
        return ContactMark(Urgency.LATE, f"Contacted late ({after}) — {words}")
    if status is not CaseStatus.AWAITING_CONTACT:
        return ContactMark(Urgency.NONE, f"{words} — first contact not recorded")
    if contact_by < today:
        return ContactMark(Urgency.OVERDUE, f"Overdue — {words}")
    if contact_by == today:
        return ContactMark(Urgency.DUE_TODAY, f"Due today — {words}")
    return ContactMark(Urgency.PENDING, f"Due by {words}")


@cache
def urgency_icon(urgency: Urgency) -> QIcon:
    """A standard style icon: warning triangle for overdue or late, information mark for due
    today, a tick for contact made on time."""
    style = QApplication.style()
    if urgency is Urgency.MET:
        return style.standardIcon(QStyle.StandardPixmap.SP_DialogApplyButton)
    if urgency in (Urgency.OVERDUE, Urgency.LATE):
        return style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
    if urgency is Urgency.DUE_TODAY:
        return style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation)
    return QIcon()


def urgency_colour(urgency: Urgency) -> QColor | None:
    """Semantic text colours, readable on both the light and the dark palette."""
    if urgency not in (Urgency.OVERDUE, Urgency.DUE_TODAY, Urgency.LATE):
        return None
    base = QApplication.palette().color(QPalette.ColorRole.Base)
    dark = base.lightness() < 128
    if urgency in (Urgency.OVERDUE, Urgency.LATE):
        return QColor("#ff8a80" if dark else "#a4161a")
    return QColor("#ffd180" if dark else "#8a4b00")
