"""A subject access request (UK GDPR Article 15) as the vault keeps it: who asked and when,
the cases that hold their personal data and their role in each, and the officer's decisions
on what the pack discloses.

Plain frozen dataclasses, validated on construction like the rest of the case model. The clock
(when it is due) is computed from `received_on` and `extended`, never stored: see
`triage_desktop.reports.subject_access.due_dates`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from triage_desktop.cases.text import NAME_MAX, SHORT_TEXT_MAX, InvalidFieldError, clean_text

MAX_REQUEST_CASES = 500
MAX_OTHER_NAMES = 100
PASSAGE_KEY_MAX = 200
REFERENCE_PREFIX = "SAR"


class Role(StrEnum):
    """The requester's part in one case."""

    REPORTER = "reporter"
    RESPONDENT = "respondent"
    WITNESS = "witness"  # named in an account as someone who saw or heard it
    ATTENDEE = "attendee"  # came with the reporter to the meeting
    NAMED = "named"  # named some other way (who may be told, a next step, an account)


ROLE_WORDS = {
    Role.REPORTER: "The person who raised the concern",
    Role.RESPONDENT: "A person the concern is about",
    Role.WITNESS: "A witness",
    Role.ATTENDEE: "Came with the reporter to the meeting",
    Role.NAMED: "Named in the case",
}


class RequestStatus(StrEnum):
    OPEN = "open"
    COMPLETED = "completed"  # the pack was sent


class Choice(StrEnum):
    """What the officer decided about one passage, or one person's mentions in it."""

    INCLUDE = "include"  # the passage goes into the pack
    WITHHOLD = "withhold"  # the passage is listed as withheld, with the reason
    REDACT = "redact"  # a third party's mentions are blacked out
    DISCLOSE = "disclose"  # a third party's mentions stay (they consented, or it is reasonable)


PASSAGE_CHOICES = frozenset({Choice.INCLUDE, Choice.WITHHOLD})
PERSON_CHOICES = frozenset({Choice.REDACT, Choice.DISCLOSE})


@dataclass(frozen=True)
class RequestCase:
    case_id: int
    case_reference: str
    role: Role

    def __post_init__(self) -> None:
        if not isinstance(self.role, Role):
            raise InvalidFieldError("role", "must be one of: " + ", ".join(r.value for r in Role))


@dataclass(frozen=True)
class NewRequest:
    """What the officer records when a request arrives."""

    requester_name: str
    received_on: date
    cases: tuple[tuple[int, Role], ...]
    other_names: tuple[str, ...] = ()  # more third parties to redact, typed by the officer

    def __post_init__(self) -> None:
        object.__setattr__(
            self,
            "requester_name",
            clean_text("requester_name", self.requester_name, NAME_MAX, required=True).strip(),
        )
        if not isinstance(self.received_on, date) or isinstance(self.received_on, datetime):
            raise InvalidFieldError("received_on", "must be a calendar date")
        if not self.cases:
            raise InvalidFieldError("cases", "choose at least one case")
        if len(self.cases) > MAX_REQUEST_CASES:
            raise InvalidFieldError("cases", f"at most {MAX_REQUEST_CASES} cases")
        if len({case_id for case_id, _role in self.cases}) != len(self.cases):
            raise InvalidFieldError("cases", "a case is listed twice")
        for _case_id, role in self.cases:
            if not isinstance(role, Role):
                raise InvalidFieldError("role", "must be one of the roles")
        object.__setattr__(self, "other_names", clean_names(self.other_names))


def clean_names(names: tuple[str, ...]) -> tuple[str, ...]:
    if len(names) > MAX_OTHER_NAMES:
        raise InvalidFieldError("other_names", f"at most {MAX_OTHER_NAMES} names")
    cleaned = (clean_text("other_names", n, NAME_MAX).strip() for n in names)
    return tuple(dict.fromkeys(n for n in cleaned if n))


@dataclass(frozen=True)
class SubjectAccessRequest:
    id: int
    reference: str
    requester_name: str
    received_on: date
    cases: tuple[RequestCase, ...]
    status: RequestStatus = RequestStatus.OPEN
    extended: bool = False
    extension_reason: str = ""
    other_names: tuple[str, ...] = ()
    created_at: datetime | None = None
    updated_at: datetime | None = None
    completed_on: date | None = None

    @property
    def is_open(self) -> bool:
        return self.status is RequestStatus.OPEN


def extension_reason(reason: str) -> str:
    """The reason for extending by two months: required, on the record (ICO)."""
    return clean_text("extension_reason", reason, SHORT_TEXT_MAX, required=True).strip()


@dataclass(frozen=True)
class Decision:
    """The officer's decision on one passage (`person` empty) or on one third party's mentions
    in it (`person`: the name as matched). `text_sha256` is the passage as decided: a passage
    changed since is decided again."""

    case_id: int
    passage: str
    person: str
    choice: Choice
    reason: str
    text_sha256: str
    decided_at: datetime | None = None

    def __post_init__(self) -> None:
        passage = clean_text("passage", self.passage, PASSAGE_KEY_MAX, required=True)
        if passage != self.passage or not passage.isprintable():
            raise InvalidFieldError("passage", "is not a passage of the case")
        object.__setattr__(self, "person", clean_text("person", self.person, NAME_MAX))
        allowed = PERSON_CHOICES if self.person else PASSAGE_CHOICES
        if self.choice not in allowed:
            words = " or ".join(sorted(c.value for c in allowed))
            raise InvalidFieldError("choice", f"must be {words}")
        object.__setattr__(
            self, "reason", clean_text("reason", self.reason, SHORT_TEXT_MAX).strip()
        )
        if self.choice in (Choice.DISCLOSE, Choice.WITHHOLD) and not self.reason:
            what = "disclosing a third party's data" if self.person else "withholding a passage"
            raise InvalidFieldError("reason", f"give the reason for {what}")


@dataclass(frozen=True)
class StoredPack:
    """A signed pack kept in the vault (metadata; the bytes are fetched separately)."""

    id: int
    request_id: int
    created_at: datetime
    sha256: str
    size: int
