"""What a case holds. Frozen dataclasses validated on construction, so an invalid case never exists.

Behaviour categories and protected characteristics are ids from the policy catalogue, kept as
strings so a new policy version needs no schema change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from triage_desktop.cases.text import (
    LONG_TEXT_MAX,
    NAME_MAX,
    SHORT_TEXT_MAX,
    InvalidFieldError,
    clean_text,
)

MAX_RESPONDENTS = 50
MAX_LIST_ITEMS = 100
CATALOGUE_ID_MAX = 100


class CaseStatus(StrEnum):
    AWAITING_CONTACT = "awaiting_contact"
    MEETING_ARRANGED = "meeting_arranged"
    TRIAGED = "triaged"
    REFERRED = "referred"
    CLOSED = "closed"


class ReporterStatus(StrEnum):
    """The reporter's connection to the University. STUDENT (level not known) and
    PREFER_NOT_TO_SAY come from the Support and Report tool's own option list (imports)."""

    UNDERGRADUATE = "undergraduate"
    POSTGRADUATE_TAUGHT = "postgraduate_taught"
    POSTGRADUATE_RESEARCH = "postgraduate_research"
    STAFF = "staff"
    VISITOR = "visitor"
    OTHER = "other"
    STUDENT = "student"
    PREFER_NOT_TO_SAY = "prefer_not_to_say"


class RespondentType(StrEnum):
    STUDENT = "student"
    STAFF = "staff"
    STAFF_AND_STUDENT = "staff_and_student"
    THIRD_PARTY = "third_party"
    UNKNOWN = "unknown"


class LocationKind(StrEnum):
    ON_CAMPUS = "on_campus"
    OFF_CAMPUS = "off_campus"
    ONLINE = "online"
    NOT_KNOWN = "not_known"  # e.g. an imported report: its locations are the reporter's words


class ReportSource(StrEnum):
    REPORT_AND_SUPPORT = "report_and_support"
    EMAIL = "email"
    IN_PERSON = "in_person"
    PHONE = "phone"
    REFERRAL = "referral"
    OTHER = "other"


class ContactMethod(StrEnum):
    """How the officer first reached the reporter (the 2-working-day promise is met by any)."""

    PHONE = "phone"
    EMAIL = "email"
    IN_PERSON = "in_person"
    VIDEO_CALL = "video_call"
    LETTER = "letter"
    OTHER = "other"


class OfficerRole(StrEnum):
    DRLRO = "drlro"
    HR_ADVISOR = "hr_advisor"


def _enum(field_name: str, kind: type[StrEnum], value: object) -> None:
    if not isinstance(value, kind):
        allowed = ", ".join(member.value for member in kind)
        raise InvalidFieldError(field_name, f"must be one of: {allowed}")


def _ids(field_name: str, values: tuple[str, ...]) -> None:
    if len(values) > MAX_LIST_ITEMS:
        raise InvalidFieldError(
            field_name, f"has {len(values)} items; the limit is {MAX_LIST_ITEMS}"
        )
    for value in values:
        text = clean_text(field_name, value, CATALOGUE_ID_MAX, required=True)
        if text != value or not value.isprintable():
            raise InvalidFieldError(field_name, f"{value!r} is not a catalogue id")


@dataclass(frozen=True)
class Officer:
    id: int
    name: str
    role: OfficerRole
    email: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(
            self, "name", clean_text("officer.name", self.name, NAME_MAX, required=True)
        )
        object.__setattr__(self, "email", clean_text("officer.email", self.email, NAME_MAX))
        _enum("officer.role", OfficerRole, self.role)


@dataclass(frozen=True)
class Reporter:
    name: str = ""
    status: ReporterStatus = ReporterStatus.OTHER
    email: str = ""
    phone: str = ""
    notes: str = ""

    def __post_init__(self) -> None:
        for name, limit in (("name", NAME_MAX), ("email", NAME_MAX), ("phone", NAME_MAX)):
            object.__setattr__(
                self, name, clean_text(f"reporter.{name}", getattr(self, name), limit)
            )
        object.__setattr__(self, "notes", clean_text("reporter.notes", self.notes, SHORT_TEXT_MAX))
        _enum("reporter.status", ReporterStatus, self.status)


@dataclass(frozen=True)
class Respondent:
    respondent_type: RespondentType
    name: str = ""
    details: str = ""

    def __post_init__(self) -> None:
        _enum("respondent.respondent_type", RespondentType, self.respondent_type)
        object.__setattr__(self, "name", clean_text("respondent.name", self.name, NAME_MAX))
        object.__setattr__(
            self, "details", clean_text("respondent.details", self.details, SHORT_TEXT_MAX)
        )


@dataclass(frozen=True)
class Location:
    kind: LocationKind
    detail: str = ""

    def __post_init__(self) -> None:
        _enum("location.kind", LocationKind, self.kind)
        object.__setattr__(
            self, "detail", clean_text("location.detail", self.detail, SHORT_TEXT_MAX)
        )


@dataclass(frozen=True)
class CaseDetails:
    """The editable facts of a case: what intake records and later edits change."""

    received_at: datetime
    source: ReportSource
    anonymous: bool
    reporter: Reporter
    respondents: tuple[Respondent, ...]
    location: Location
    description: str
    policy_version: str
    behaviour_categories: tuple[str, ...] = ()
    protected_characteristics: tuple[str, ...] = ()
    incident_dates: tuple[date, ...] = ()
    incident_notes: str = ""
    assigned_officer_id: int | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.received_at, datetime):
            raise InvalidFieldError("received_at", "must be a date and time")
        _enum("source", ReportSource, self.source)
        if not isinstance(self.anonymous, bool):
            raise InvalidFieldError("anonymous", "must be true or false")
        if len(self.respondents) > MAX_RESPONDENTS:
            raise InvalidFieldError("respondents", f"at most {MAX_RESPONDENTS} respondents")
        object.__setattr__(
            self, "description", clean_text("description", self.description, LONG_TEXT_MAX)
        )
        object.__setattr__(
            self,
            "incident_notes",
            clean_text("incident_notes", self.incident_notes, SHORT_TEXT_MAX),
        )
        object.__setattr__(
            self,
            "policy_version",
            clean_text("policy_version", self.policy_version, 20, required=True),
        )
        _ids("behaviour_categories", self.behaviour_categories)
        _ids("protected_characteristics", self.protected_characteristics)
        if len(self.incident_dates) > MAX_LIST_ITEMS:
            raise InvalidFieldError("incident_dates", f"at most {MAX_LIST_ITEMS} dates")
        for day in self.incident_dates:
            if not isinstance(day, date) or isinstance(day, datetime):
                raise InvalidFieldError("incident_dates", "must be calendar dates")

    def searchable_names(self) -> str:
        names = [self.reporter.name, *(r.name for r in self.respondents)]
        return "\n".join(n for n in names if n)


@dataclass(frozen=True)
class FirstContact:
    """When and how the officer first contacted the reporter: what the contact-by clock checks."""

    on: date
    method: ContactMethod

    def __post_init__(self) -> None:
        if not isinstance(self.on, date) or isinstance(self.on, datetime):
            raise InvalidFieldError("first_contact.on", "must be a calendar date")
        _enum("first_contact.method", ContactMethod, self.method)


@dataclass(frozen=True)
class Case:
    """A stored case: its details plus what the vault manages (reference, status, dates)."""

    id: int
    reference: str
    status: CaseStatus
    details: CaseDetails
    contact_by: date | None
    created_at: datetime
    updated_at: datetime
    closed_at: datetime | None = None
    legal_hold: bool = False
    first_contact: FirstContact | None = None

    @property
    def contact_met(self) -> bool | None:
        """Was the reporter contacted by the contact-by date? None while not yet contacted or
        when there is no deadline (anonymous reports)."""
        return contact_met(self.contact_by, self.first_contact)


def contact_met(contact_by: date | None, first_contact: FirstContact | None) -> bool | None:
    if contact_by is None or first_contact is None:
        return None
    return first_contact.on <= contact_by


@dataclass(frozen=True)
class CaseRow:
    """One line of the case list: enough to draw it, nothing more."""

    id: int
    reference: str
    status: CaseStatus
    received_at: datetime
    contact_by: date | None
    assigned_officer_id: int | None
    reporter_name: str
    anonymous: bool
    legal_hold: bool
    first_contact_on: date | None = None


class CaseSort(StrEnum):
    RECEIVED_NEWEST = "received_newest"
    RECEIVED_OLDEST = "received_oldest"
    CONTACT_BY = "contact_by"
    REFERENCE = "reference"


@dataclass(frozen=True)
class CaseFilter:
    statuses: tuple[CaseStatus, ...] = ()
    overdue_on: date | None = (
        None  # cases whose contact-by date is before this day, not yet contacted
    )
    assigned_officer_id: int | None = None


@dataclass(frozen=True)
class MeetingRecord:
    """The triage checklist as a JSON document plus where the officer is in it.

    Kept as a document so later checklist steps need no schema migration.
    """

    case_id: int
    step: str
    state: str
    record: dict[str, object] = field(default_factory=dict)
    updated_at: datetime | None = None


@dataclass(frozen=True)
class NextStep:
    text: str
    owner: str = ""
    due: date | None = None
    done: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(
            self, "text", clean_text("next_step.text", self.text, SHORT_TEXT_MAX, required=True)
        )
        object.__setattr__(self, "owner", clean_text("next_step.owner", self.owner, NAME_MAX))


@dataclass(frozen=True)
class StoredDocument:
    """A signed PDF kept in the vault (metadata only; the bytes are fetched separately)."""

    id: int
    case_id: int
    kind: str
    created_at: datetime
    sha256: str
    size: int


@dataclass(frozen=True)
class SigningIdentity:
    """The officer's signing key and certificate (PEM), with an optional imported chain."""

    private_key_pem: bytes
    certificate_pem: bytes
    chain_pem: tuple[bytes, ...] = ()


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    at: datetime
    officer_id: int | None
    action: str
    case_reference: str
    content_hash: str
    prev_hash: str
    entry_hash: str


@dataclass(frozen=True)
class PurgeCandidate:
    case_id: int
    reference: str
    closed_at: datetime
    due_on: date
