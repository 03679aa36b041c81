"""Where an imported case came from: the report as the Support and Report tool recorded it.

Why a record of its own rather than more fields on `CaseDetails`: `CaseDetails` holds the facts
the officer edits (at intake and in later corrections); a `ReportOrigin` is what the reporter
submitted, and nothing edits it. A correction never erases what the report said, and the
de-duplication key (source, source report id) and reconciliation rest on values nobody changes.
What the intake form already has a place for (contact details, the reporter's connection, the
description, the kinds of behaviour, full incident dates, anonymity, when it arrived) is copied
into `CaseDetails` too, so an imported case looks and works like any other.

The origin's columns stay queryable in the store (department, reporter connection through
`CaseDetails.reporter.status`), for the oversight statistics that count cases by them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Literal

from triage_desktop.cases.model import (
    CATALOGUE_ID_MAX,
    MAX_LIST_ITEMS,
    CaseDetails,
    CaseStatus,
    ReporterStatus,
    ReportSource,
)
from triage_desktop.cases.text import (
    NAME_MAX,
    SHORT_TEXT_MAX,
    InvalidFieldError,
    clean_text,
)

SOURCE_ID_MAX = 100
# The audit action of each case an import creates ("imported_from_report:<source id>"), and of
# the one entry per import that records the file (see `import_action`).
IMPORTED_ACTION = "imported_from_report"
IMPORT_ACTION = "import_reports"
_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_VERSION = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._+ -]{0,49}$")


class ReportRoute(StrEnum):
    """How the reporter chose to report: anonymously, asking to be contacted, or asking to
    speak to an adviser. Only an anonymous report has no contact-by date."""

    ANONYMOUS = "anonymous"
    CONTACT = "contact"
    ADVISER_REQUESTED = "adviser_requested"


class OnBehalfOf(StrEnum):
    SELF = "self"
    SOMEONE_ELSE = "someone_else"
    UNKNOWN = "unknown"


class ReporterConnection(StrEnum):
    """The tool's own option list for the reporter's connection to the University."""

    STUDENT = "student"
    STAFF = "staff"
    VISITOR = "visitor"
    PREFER_NOT_TO_SAY = "prefer_not_to_say"


# The tool's options as the case's reporter status; a blank connection is recorded as OTHER.
CONNECTION_STATUS = {
    ReporterConnection.STUDENT: ReporterStatus.STUDENT,
    ReporterConnection.STAFF: ReporterStatus.STAFF,
    ReporterConnection.VISITOR: ReporterStatus.VISITOR,
    ReporterConnection.PREFER_NOT_TO_SAY: ReporterStatus.PREFER_NOT_TO_SAY,
}
ConnectionGroup = Literal["student", "staff", "other"]
_STUDENT_STATUSES = frozenset(
    {
        ReporterStatus.UNDERGRADUATE,
        ReporterStatus.POSTGRADUATE_TAUGHT,
        ReporterStatus.POSTGRADUATE_RESEARCH,
        ReporterStatus.STUDENT,
    }
)


def connection_group(status: ReporterStatus) -> ConnectionGroup:
    """student / staff / other, the groups the oversight statistics count."""
    if status in _STUDENT_STATUSES:
        return "student"
    if status is ReporterStatus.STAFF:
        return "staff"
    return "other"


def partial_date_start(text: str) -> date:
    """The first day a full or partial date ('2026', '2026-03', '2026-03-14') can mean.
    ValueError when it is none of those forms or not a real date."""
    match = _PARTIAL_DATE.match(text)
    if not match:
        raise ValueError(text)
    year, month, day = (int(part) if part else 1 for part in match.groups())
    return date(year, month, day)


def is_full_date(text: str) -> bool:
    return len(text) == 10


def check_version_text(field_name: str, value: str) -> str:
    """A short version label (letters, digits, '.', '_', '+', '-', spaces): it goes into the
    audit log's action text, so nothing that could blur its 'key=value;' fields."""
    if not _VERSION.match(value):
        raise InvalidFieldError(
            field_name,
            "must be 1-50 letters, digits, spaces or . _ + - (starting with a letter or digit)",
        )
    return value


@dataclass(frozen=True)
class ReportOrigin:
    """What the Support and Report tool said about a report, kept as submitted."""

    source_report_id: str
    submitted_at: datetime
    route: ReportRoute
    on_behalf_of: OnBehalfOf = OnBehalfOf.UNKNOWN
    department: str = ""
    preferred_service: str = ""
    excluded_people: tuple[str, ...] = ()
    incident_dates: tuple[str, ...] = ()  # as given: 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'
    locations: str = ""
    source: ReportSource = ReportSource.REPORT_AND_SUPPORT

    def __post_init__(self) -> None:
        identifier = clean_text(
            "source_report_id", self.source_report_id, SOURCE_ID_MAX, required=True
        )
        if identifier != self.source_report_id or identifier.strip() != identifier:
            raise InvalidFieldError(
                "source_report_id", "must not have spaces at either end or control characters"
            )
        if not isinstance(self.submitted_at, datetime) or self.submitted_at.tzinfo is None:
            raise InvalidFieldError("submitted_at", "must be a date and time with a UTC offset")
        for name, kind in (
            ("route", ReportRoute),
            ("on_behalf_of", OnBehalfOf),
            ("source", ReportSource),
        ):
            if not isinstance(getattr(self, name), kind):
                allowed = ", ".join(member.value for member in kind)
                raise InvalidFieldError(name, f"must be one of: {allowed}")
        for name in ("department", "preferred_service"):
            value = clean_text(name, getattr(self, name), CATALOGUE_ID_MAX)
            if "\n" in value or "\t" in value:
                raise InvalidFieldError(name, "must be on one line")
            object.__setattr__(self, name, value)
        if len(self.excluded_people) > MAX_LIST_ITEMS:
            raise InvalidFieldError("excluded_people", f"at most {MAX_LIST_ITEMS} people")
        object.__setattr__(
            self,
            "excluded_people",
            tuple(
                clean_text("excluded_people", person, NAME_MAX, required=True)
                for person in self.excluded_people
            ),
        )
        if len(self.incident_dates) > MAX_LIST_ITEMS:
            raise InvalidFieldError("incident_dates", f"at most {MAX_LIST_ITEMS} dates")
        for text in self.incident_dates:
            try:
                partial_date_start(text)
            except ValueError:
                raise InvalidFieldError(
                    "incident_dates", "must be dates like 2026, 2026-03 or 2026-03-14"
                ) from None
        object.__setattr__(
            self, "locations", clean_text("locations", self.locations, SHORT_TEXT_MAX)
        )


@dataclass(frozen=True)
class ImportRecord:
    """One import as the vault records it: the file's fingerprint and the versions read."""

    file_sha256: str
    file_format: str
    schema_version: str
    mapping_version: str
    reports: int


@dataclass(frozen=True)
class ImportOutcome:
    """What one import did, in one transaction: (source id, case reference) pairs."""

    import_id: int
    created: tuple[tuple[str, str], ...]
    duplicates: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class ImportedReportRef:
    """A report the vault has imported: which case it became, and the file it came in with.
    `case_id` is None once that case was deleted at the end of its retention period (the
    reference and source id are kept, so a re-import never brings a purged report back)."""

    source_report_id: str
    case_reference: str
    case_id: int | None
    file_sha256: str


def import_action(record: ImportRecord, created: int, duplicates: int) -> str:
    """The audit action of one import: readable in the log, covered by the chain's HMAC."""
    return (
        f"{IMPORT_ACTION}:sha256={record.file_sha256};reports={record.reports};new={created};"
        f"duplicates={duplicates};format={record.file_format};"
        f"schema={record.schema_version};mapping={record.mapping_version}"
    )


@dataclass(frozen=True)
class ImportedReport:
    """One valid row: the case it becomes and where it came from."""

    row: int
    details: CaseDetails
    origin: ReportOrigin
    status: CaseStatus
    closed_at: datetime | None = None
