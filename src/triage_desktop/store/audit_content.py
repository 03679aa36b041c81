"""What each audit entry's content hash covers, defined once: the writes hash it, and
`audit_check` recomputes it from the records to find changes made outside Triage Desk."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from triage_desktop.cases.model import Case, MeetingRecord, NextStep
from triage_desktop.store.codec import details_columns


def case_content(case: Case) -> dict[str, Any]:
    content: dict[str, Any] = {**details_columns(case.details), "status": case.status.value}
    if case.first_contact is not None:
        contact = case.first_contact
        content["first_contact"] = [contact.on.isoformat(), contact.method.value]
    return content


def meeting_content(meeting: MeetingRecord) -> dict[str, Any]:
    return {"step": meeting.step, "state": meeting.state, "record": meeting.record}


def next_steps_content(steps: Iterable[NextStep]) -> list[list[Any]]:
    return [[s.text, s.owner, str(s.due), s.done] for s in steps]


def legal_hold_content(hold: bool) -> dict[str, Any]:
    return {"legal_hold": hold}


def document_content(sha256: str, chain_head: str = "") -> dict[str, Any]:
    """A stored PDF: its SHA-256, and the audit chain head stamped into it (when it has one)."""
    content: dict[str, Any] = {"sha256": sha256}
    if chain_head:
        content["chain_head"] = chain_head
    return content
