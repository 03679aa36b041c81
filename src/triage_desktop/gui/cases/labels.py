"""Plain words for the values a case holds, so no screen ever shows an internal id."""

from __future__ import annotations

from datetime import date, datetime

from triage_desktop.cases.model import (
    CaseStatus,
    ContactMethod,
    LocationKind,
    ReporterStatus,
    RespondentType,
)
from triage_desktop.cases.origin import IMPORTED_ACTION, OnBehalfOf, ReportRoute
from triage_desktop.cases.words import SOURCE_WORDS as _SOURCE_WORDS

STATUS_WORDS = {
    CaseStatus.AWAITING_CONTACT: "Awaiting contact",
    CaseStatus.MEETING_ARRANGED: "Meeting arranged",
    CaseStatus.TRIAGED: "Triaged",
    CaseStatus.REFERRED: "Referred",
    CaseStatus.CLOSED: "Closed",
}
# How a report came in: the oversight statistics count by the same words (defined there).
SOURCE_WORDS = _SOURCE_WORDS
REPORTER_STATUS_WORDS = {
    ReporterStatus.UNDERGRADUATE: "Undergraduate",
    ReporterStatus.POSTGRADUATE_TAUGHT: "Postgraduate taught",
    ReporterStatus.POSTGRADUATE_RESEARCH: "Postgraduate research",
    ReporterStatus.STAFF: "Staff",
    ReporterStatus.VISITOR: "Visitor",
    ReporterStatus.OTHER: "Other",
    ReporterStatus.STUDENT: "Student (level not known)",
    ReporterStatus.PREFER_NOT_TO_SAY: "Prefers not to say",
}
RESPONDENT_TYPE_WORDS = {
    RespondentType.STUDENT: "Student",
    RespondentType.STAFF: "Staff",
    RespondentType.STAFF_AND_STUDENT: "Staff and student",
    RespondentType.THIRD_PARTY: "Third party",
    RespondentType.UNKNOWN: "Not known",
}
LOCATION_WORDS = {
    LocationKind.ON_CAMPUS: "On campus",
    LocationKind.OFF_CAMPUS: "Off campus",
    LocationKind.ONLINE: "Online",
    LocationKind.NOT_KNOWN: "Not known",
}
# Audit actions as the history shows them. Some carry a suffix after ":" (a document kind).
AUDIT_WORDS = {
    "create": "Case recorded",
    "update": "Case details edited",
    "read": "Case opened",
    "legal_hold_on": "Legal hold placed",
    "legal_hold_off": "Legal hold lifted",
    "first_contact": "First contact recorded",
    "update_meeting": "Triage meeting saved",
    "read_meeting": "Triage meeting opened",
    "update_next_steps": "Next steps saved",
    "document_add": "Document added",
    "document_read": "Document viewed",
    "export": "Exported",
    "purge": "Case purged",
    IMPORTED_ACTION: "Imported from report",
    "sar_request_case": "Part of a subject access request",
    "sar_decisions": "Subject access decisions saved",
    "sar_disclosed": "Disclosed in a subject access pack",
}
ROUTE_WORDS = {
    ReportRoute.ANONYMOUS: "Anonymous",
    ReportRoute.CONTACT: "Asked to be contacted",
    ReportRoute.ADVISER_REQUESTED: "Asked to speak to an adviser",
}
ON_BEHALF_WORDS = {
    OnBehalfOf.SELF: "For themselves",
    OnBehalfOf.SOMEONE_ELSE: "On behalf of someone else",
    OnBehalfOf.UNKNOWN: "Not said",
}
CONTACT_METHOD_WORDS = {
    ContactMethod.PHONE: "Phone",
    ContactMethod.EMAIL: "Email",
    ContactMethod.IN_PERSON: "In person",
    ContactMethod.VIDEO_CALL: "Video call",
    ContactMethod.LETTER: "Letter",
    ContactMethod.OTHER: "Other",
}
NO_DEADLINE = "None — anonymous report"


def day_words(day: date) -> str:
    """E.g. 'Thu 2 Apr 2026': unambiguous in any English locale."""
    return f"{day:%a} {day.day} {day:%b %Y}"


def time_words(moment: datetime) -> str:
    """Local date and time, e.g. 'Thu 2 Apr 2026, 11:30'."""
    local = moment.astimezone()
    return f"{day_words(local.date())}, {local:%H:%M}"


def audit_words(action: str) -> str:
    """'document_add:summary' -> 'Document added (summary)'; an imported case's first entry
    'imported_from_report:SR-0042' -> 'Imported from report SR-0042' (the id as given)."""
    head, _, kind = action.partition(":")
    words = AUDIT_WORDS.get(head, head.replace("_", " ").capitalize())
    if head == IMPORTED_ACTION:
        return f"{words} {kind}"
    return f"{words} ({kind.replace('_', ' ')})" if kind else words
