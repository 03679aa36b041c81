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
ConsentBasis = Literal["reporter_chose", "reporter_agreed", "without_consent"]


class LetterKind(enum.StrEnum):
    """The six letters: the meeting invitation and one per outcome in Appendix B."""

    INVITATION = "invitation"
    INFORMAL_RESOLUTION = "informal_resolution"
    FORMAL_PROCESS = "formal_process"
    ALTERNATIVE_PROCESS = "alternative_process"
    NO_FURTHER_ACTION = "no_further_action"
    DISMISSAL = "dismissal"


# The letters that must carry an explanation written for the reader, and the only letters that
# can be sent when the University acts without the reporter's consent (the policy overrides a
# preference only towards a formal or an alternative process).
NEEDS_EXPLANATION = frozenset({LetterKind.DISMISSAL, LetterKind.ALTERNATIVE_PROCESS})
WITHOUT_CONSENT_KINDS = frozenset({LetterKind.FORMAL_PROCESS, LetterKind.ALTERNATIVE_PROCESS})
CONSENT_BASES: tuple[ConsentBasis, ...] = ("reporter_chose", "reporter_agreed", "without_consent")


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
    """A service or person signposted in a letter: its name, what it offers, how to reach it.

    `confidential` is False for people who can help but are not a confidential service (a line
    manager, an academic adviser): the letter lists them apart, under "People who can help".
    Which contacts a reader gets is the policy layer's choice; the letter shows what it is given.
    """

    name: str
    description: str = ""
    contact: str = ""
    confidential: bool = True


@dataclass(frozen=True)
class MeetingProposal:
    """For the invitation letter: when and where the triage meeting could happen."""

    options: tuple[dt.datetime, ...]
    location: str
    duration_minutes: int = 60
    reply_by: dt.date | None = None


@dataclass(frozen=True)
class WithoutConsent:
    """For a letter when the University acts without the reporter's consent: what they asked
    for, why the University has to act (the ground in plain words, never risk detail), and what
    is and is not asked of them now.

    Each string is written for the reader: `asked_for` completes "You asked for …" (e.g. "no
    further action to be taken for now"); `ground` completes "This is because …" (e.g. "what you
    told me means someone may not be safe, and the University has a duty to act on that").
    """

    asked_for: str
    ground: str
    asked_of_you: tuple[str, ...] = ()
    not_asked_of_you: tuple[str, ...] = ()


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
    without_consent: WithoutConsent | None = None
    version: int = 1
    supersedes: str = ""

    def problems(self) -> list[str]:
        """Why this letter cannot be made truthfully, one message each (empty when it can).

        `render_letter` refuses content with a problem; a service can show these beforehand as
        the reasons signing is blocked.
        """
        found = []
        if self.kind in NEEDS_EXPLANATION and not self.outcome_explanation.strip():
            what = "A dismissal" if self.kind is LetterKind.DISMISSAL else "An alternative-process"
            found.append(
                f"{what} letter needs an explanation written for the person who raised the "
                "concern (entered in the routing step, apart from the internal reason)."
            )
        wc = self.without_consent
        if wc is not None:
            if self.kind not in WITHOUT_CONSENT_KINDS:
                found.append(
                    "Only a formal-process or alternative-process letter can be sent when "
                    "acting without the reporter's consent."
                )
            if not wc.asked_for.strip() or not wc.ground.strip():
                found.append(
                    "A letter sent without the reporter's consent must say what they asked for "
                    "and why the University has to act."
                )
        if self.kind is not LetterKind.INVITATION and not self.signposting:
            found.append("A letter must signpost at least one support service.")
        return found

    @property
    def confidential_services(self) -> tuple[SupportContact, ...]:
        return tuple(s for s in self.signposting if s.confidential)

    @property
    def people_who_can_help(self) -> tuple[SupportContact, ...]:
        return tuple(s for s in self.signposting if not s.confidential)

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
            "confidential_services": self.confidential_services,
            "people_who_can_help": self.people_who_can_help,
            "meeting_date": self.meeting_date,
            "meeting": self.meeting,
            "procedures": self.procedures,
            "next_steps": self.next_steps,
            "outcome_explanation": self.outcome_explanation,
            "follow_up_date": self.follow_up_date,
            "without_consent": self.without_consent,
            "version": self.version,
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


# The roles a triage meeting has, in the words the summary prints. Any other role is printed
# as given (it is already words, e.g. "friend, chosen by the reporter").
ATTENDEE_ROLE_WORDS: Mapping[str, str] = {
    "reporter": "Reporter (raised the concern)",
    "officer": "Triage officer",
    "supporter": "Accompanying the reporter, as a supporter",
    "interpreter": "Accompanying the reporter, as an interpreter",
}


@dataclass(frozen=True)
class Attendee:
    """Who was in the meeting. `role` is a key of ATTENDEE_ROLE_WORDS or the role in words;
    `detail` adds words after it (e.g. "a friend", "Arabic")."""

    name: str
    role: str
    detail: str = ""

    @property
    def role_words(self) -> str:
        words = ATTENDEE_ROLE_WORDS.get(self.role.strip().lower(), self.role)
        return f"{words} ({self.detail})" if self.detail else words


@dataclass(frozen=True)
class RouteShown:
    """The routing recommendation for one respondent, in words only (no policy ids): the
    policy layer provides the words for every action, flag and escalation."""

    respondent: str
    recommended: str
    procedures: tuple[str, ...] = ()
    escalations: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    rationale: tuple[str, ...] = ()
    policy_version: str = ""
    acts_without_consent: bool = False
    needs_reporter_agreement: bool = False


@dataclass(frozen=True)
class Consent:
    """How the next steps stand with the reporter's consent: exactly one of three statements.

    `reporter_chose`: the reporter chose this; `reporter_agreed`: they agreed after discussion
    (`words`: their words); `without_consent`: the University acts without their consent
    (`ground`: "a safeguarding concern" or "a significant risk", in words; `words`: the
    justification).
    """

    basis: ConsentBasis
    words: str = ""
    ground: str = ""

    def problem(self) -> str:
        """Why this cannot be stated truthfully ("" when it can)."""
        if self.basis not in CONSENT_BASES:
            return f"Unknown consent basis {self.basis!r}."
        if self.basis == "without_consent" and not (self.ground.strip() and self.words.strip()):
            return (
                "Acting without the reporter's consent needs both the ground (a safeguarding "
                "concern or a significant risk) and the justification."
            )
        return ""


@dataclass(frozen=True)
class SafetyAlert:
    """Something said in the meeting that raised an immediate safety alert, and who
    acknowledged it when (None: not acknowledged)."""

    flags: tuple[str, ...]
    acknowledged_at: dt.datetime | None = None
    acknowledged_by: str = ""


@dataclass(frozen=True)
class SummaryContent:
    """The internal triage record, as the summary PDF shows it: words only (the layers below
    turn every policy id into the policy's words). `officer_decision` is the decision's id,
    which chooses the outcome letter; the PDF prints `decision_words`."""

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
    reporter_preference: str
    routes: tuple[RouteShown, ...]
    officer_decision: str
    decision_words: str
    override_reason: str
    next_steps: tuple[NextStep, ...]
    follow_up_on: dt.date | None
    amendments: tuple[Amendment, ...]
    audit_chain_head: str
    generated_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))
    consent: Consent | None = None  # None only while no decision is recorded (a draft)
    safety: SafetyAlert | None = None
    draft: bool = False
    version: int = 1
    supersedes: str = ""

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
