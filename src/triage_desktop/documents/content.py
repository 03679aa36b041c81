"""What a document says, as plain typed data: services map case records onto these.

The letter types hold only what a letter to the reporter may say. There is deliberately no field
for risk notes, internal comments, the respondent or anyone else: what is not here cannot leak.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

StepState = Literal["done", "in_progress", "skipped"]
OfferState = Literal["offered", "accepted", "referral made", "declined"]


class LetterKind(enum.StrEnum):
    """The six letters: the meeting invitation and one per outcome in Appendix B."""

    INVITATION = "invitation"
    INFORMAL_RESOLUTION = "informal_resolution"
    FORMAL_PROCESS = "formal_process"
    ALTERNATIVE_PROCESS = "alternative_process"
    NO_FURTHER_ACTION = "no_further_action"
    DISMISSAL = "dismissal"


@dataclass(frozen=True)
class Letterhead:
    """Who the letter comes from: the organisation and the service, with its contact details."""

    organisation: str
    service: str
    address_lines: tuple[str, ...] = ()
    email: str = ""
    phone: str = ""
    website: str = ""


@dataclass(frozen=True)
class Person:
    name: str
    role: str = ""


@dataclass(frozen=True)
class NextStep:
    """Who does what by when. `shared` is False for steps the reporter's letter must not list."""

    owner: str
    action: str
    due: dt.date | None = None
    shared: bool = True


@dataclass(frozen=True)
class SupportContact:
    """A support service signposted in a letter: its name, what it offers, how to reach it."""

    name: str
    description: str = ""
    contact: str = ""


@dataclass(frozen=True)
class MeetingProposal:
    """For the invitation letter: when and where the triage meeting could happen."""

    options: tuple[dt.datetime, ...]
    location: str
    duration_minutes: int = 60
    reply_by: dt.date | None = None


@dataclass(frozen=True)
class LetterContent:
    kind: LetterKind
    letterhead: Letterhead
    recipient_name: str
    letter_date: dt.date
    case_reference: str
    officer: Person
    signposting: tuple[SupportContact, ...]
    recipient_address: tuple[str, ...] = ()
    greeting_name: str = ""
    meeting_date: dt.date | None = None
    meeting: MeetingProposal | None = None
    procedures: tuple[str, ...] = ()
    next_steps: tuple[NextStep, ...] = ()
    outcome_explanation: str = ""
    follow_up_date: dt.date | None = None
    document_id: str = ""

    def template_context(self) -> dict[str, Any]:
        """Everything a template may use, and nothing else (the sandbox sees only this)."""
        return {
            "kind": self.kind.value,
            "letterhead": self.letterhead,
            "recipient_name": self.recipient_name,
            "greeting_name": self.greeting_name or self.recipient_name,
            "letter_date": self.letter_date,
            "case_reference": self.case_reference,
            "officer": self.officer,
            "signposting": self.signposting,
            "meeting_date": self.meeting_date,
            "meeting": self.meeting,
            "procedures": self.procedures,
            "next_steps": self.next_steps,
            "outcome_explanation": self.outcome_explanation,
            "follow_up_date": self.follow_up_date,
        }


@dataclass(frozen=True)
class ChecklistStep:
    title: str
    state: StepState
    note: str = ""


@dataclass(frozen=True)
class ChecklistItem:
    label: str
    state: str
    note: str = ""


@dataclass(frozen=True)
class SupportOffer:
    service: str
    state: OfferState
    note: str = ""


@dataclass(frozen=True)
class OptionExplained:
    option: str
    explained: bool
    questions_answered: bool = False
    note: str = ""


@dataclass(frozen=True)
class RiskAnswer:
    question: str
    answer: str
    comment: str = ""


@dataclass(frozen=True)
class RiskAssessment:
    level: str
    computed_level: str
    override_reason: str = ""
    safeguarding_concern: bool = False
    answers: tuple[RiskAnswer, ...] = ()


@dataclass(frozen=True)
class Amendment:
    when: dt.datetime
    what: str
    before: str
    after: str
    reason: str = ""


@dataclass(frozen=True)
class Attendee:
    name: str
    role: str


@dataclass(frozen=True)
class SummaryContent:
    """The internal triage record, as the summary PDF shows it."""

    case_reference: str
    document_id: str
    organisation: str
    officer: Person
    reported_on: dt.date
    contact_by: dt.date
    contacted_on: dt.date | None
    meeting_on: dt.date
    attendees: tuple[Attendee, ...]
    adjustments: tuple[str, ...]
    steps: tuple[ChecklistStep, ...]
    items: tuple[ChecklistItem, ...]
    support: tuple[SupportOffer, ...]
    options: tuple[OptionExplained, ...]
    risk: RiskAssessment
    acts_without_consent: bool
    without_consent_justification: str
    reporter_preference: str
    routing: Mapping[str, Any]
    officer_decision: str
    override_reason: str
    next_steps: tuple[NextStep, ...]
    follow_up_on: dt.date | None
    amendments: tuple[Amendment, ...]
    audit_chain_head: str
    generated_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))

    @property
    def contact_by_met(self) -> bool | None:
        """None when the reporter has not been contacted yet."""
        if self.contacted_on is None:
            return None
        return self.contacted_on <= self.contact_by


def letter_kind_for_action(action: str) -> LetterKind:
    """The outcome letter for a routing action (the policy engine says 'dismiss')."""
    if action == "dismiss":
        return LetterKind.DISMISSAL
    try:
        return LetterKind(action)
    except ValueError:
        raise ValueError(f"no letter for the routing action {action!r}") from None


def new_document_id() -> str:
    """A random, unguessable document ID printed on every page and kept with the record."""
    import uuid

    return str(uuid.uuid4())
