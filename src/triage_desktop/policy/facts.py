"""The facts of a case that the routing engine reads, and their strict reading from JSON-like data.

`facts_from_mapping` is the one door for untrusted input (the `route` command, imports): it names
the first wrong field and what is wrong with it in one line, and refuses unknown keys so a typo
such as `safeguarding` for `safeguarding_concern` can never silently fall back to a default.
"""

from __future__ import annotations

import numbers
import re
from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import date, datetime
from typing import Literal, get_args

from triage_desktop.policy.errors import FactsError

Respondent = Literal["student", "staff", "staff_and_student", "third_party", "unknown"]
Preference = Literal["informal", "formal", "no_further_action", "undecided"]
Severity = Literal["low", "medium", "high"]
RiskLevel = Literal["low", "medium", "high"]
# Who is reporting, as far as routing cares (the OfS E6 presumption is about students).
Reporter = Literal["student", "staff", "visitor", "other", "unknown"]
# The reporter's status as the case records it (`cases.model.ReporterStatus` values; the policy
# layer sits below `cases`, so it takes the string). Signposting reads these.
ReaderStatus = Literal[
    "undergraduate",
    "postgraduate_taught",
    "postgraduate_research",
    "staff",
    "visitor",
    "other",
    "student",  # a student, level not known (imported reports)
    "prefer_not_to_say",  # signposted to the services open to everyone
]

RESPONDENTS: tuple[Respondent, ...] = get_args(Respondent)
PREFERENCES: tuple[Preference, ...] = get_args(Preference)
SEVERITIES: tuple[Severity, ...] = get_args(Severity)
RISK_LEVELS: tuple[RiskLevel, ...] = get_args(RiskLevel)
REPORTERS: tuple[Reporter, ...] = get_args(Reporter)
READER_STATUSES: tuple[ReaderStatus, ...] = get_args(ReaderStatus)
STUDENT_STATUSES: tuple[ReaderStatus, ...] = (
    "undergraduate",
    "postgraduate_taught",
    "postgraduate_research",
    "student",
)

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATES = ("reported_on", "incident_on")
_CHOICES: dict[str, tuple[str, ...]] = {
    "respondent": RESPONDENTS,
    "preference": PREFERENCES,
    "severity": SEVERITIES,
    "risk": RISK_LEVELS,
    "reporter": REPORTERS,
}


@dataclass(frozen=True)
class CaseFacts:
    """What the officer has established at triage; the input of `recommend`."""

    reported_on: date
    respondent: Respondent
    preference: Preference
    incident_on: date | None = None
    anonymous: bool = False
    severity: Severity = "low"
    repeated: bool = False
    risk: RiskLevel = "low"
    safeguarding_concern: bool = False
    informal_attempt_failed: bool = False
    parties_willing_informal: bool = True
    external_report: bool = False
    course_content: bool = False
    management_action: bool = False
    within_scope: bool = True
    reporter: Reporter = "unknown"

    def __post_init__(self) -> None:
        """Check facts built in code too (not only those read from JSON): same errors."""
        for name in _DATES:
            value = getattr(self, name)
            if (value is not None or name == "reported_on") and (
                not isinstance(value, date) or isinstance(value, datetime)
            ):
                raise FactsError(name, f"expected a date, found {type(value).__name__}")
        for name, choices in _CHOICES.items():
            if getattr(self, name) not in choices:
                raise FactsError(name, f"expected one of {', '.join(choices)}")
        for name in _FLAGS:
            if not isinstance(getattr(self, name), bool):
                raise FactsError(name, "expected true or false")
        if self.incident_on is not None and self.incident_on > self.reported_on:
            raise FactsError("incident_on", "is after reported_on")

    @property
    def high_concern(self) -> bool:
        """Risk is high or there is a safeguarding concern: the ground to act without consent."""
        return self.risk == "high" or self.safeguarding_concern


def reporter_for_status(status: str) -> Reporter:
    """The routing engine's `reporter` for a case's reporter status (`ReporterStatus` value):
    any student status is `student`; an unrecognised status is `unknown`."""
    if status in STUDENT_STATUSES:
        return "student"
    if status == "staff":
        return "staff"
    if status == "visitor":
        return "visitor"
    if status == "other":
        return "other"
    return "unknown"


FIELD_NAMES: tuple[str, ...] = tuple(f.name for f in fields(CaseFacts))
REQUIRED: tuple[str, ...] = ("reported_on", "respondent", "preference")
_FLAGS = tuple(name for name in FIELD_NAMES if name not in _DATES and name not in _CHOICES)


def facts_from_mapping(data: Mapping[str, object]) -> CaseFacts:
    """Strictly read `CaseFacts` from parsed JSON; raises `FactsError` naming the field."""
    if not isinstance(data, Mapping):
        raise FactsError("input", f"expected a JSON object, found {json_type(data)}")
    for key in data:
        if not isinstance(key, str) or key not in FIELD_NAMES:
            raise FactsError(_key_shown(key), f"unknown key (known keys: {', '.join(FIELD_NAMES)})")
    for key in REQUIRED:
        if key not in data:
            raise FactsError(key, "is required")
    values: dict[str, object] = {}
    for key, value in data.items():
        if key in _DATES:
            values[key] = _read_date(key, value)
        elif key in _CHOICES:
            values[key] = _read_choice(key, value, _CHOICES[key])
        else:
            if not isinstance(value, bool):
                raise FactsError(key, f"expected true or false, found {json_type(value)}")
            values[key] = value
    return CaseFacts(**values)  # type: ignore[arg-type]  # each value checked above


def facts_to_mapping(facts: CaseFacts) -> dict[str, object]:
    """The JSON-ready form of `facts`, the inverse of `facts_from_mapping`."""
    out: dict[str, object] = {}
    for name in FIELD_NAMES:
        value = getattr(facts, name)
        out[name] = value.isoformat() if isinstance(value, date) else value
    return out


def _read_date(key: str, value: object) -> date | None:
    if value is None and key == "incident_on":
        return None
    if not isinstance(value, str):
        raise FactsError(key, f"expected a date as text (YYYY-MM-DD), found {json_type(value)}")
    if not _ISO_DATE.fullmatch(value):
        raise FactsError(key, f"expected a date as YYYY-MM-DD, found {_shown(value)}")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise FactsError(key, f"{_shown(value)} is not a real date") from None


def _read_choice(key: str, value: object, choices: tuple[str, ...]) -> str:
    if not isinstance(value, str):
        raise FactsError(key, f"expected one of {', '.join(choices)}, found {json_type(value)}")
    if value not in choices:
        raise FactsError(key, f"expected one of {', '.join(choices)}, found {_shown(value)}")
    return value


def _key_shown(key: object) -> str:
    """An unknown key as plain text when it is a simple name, else quoted and escaped."""
    text = str(key)
    return text if re.fullmatch(r"[A-Za-z0-9_]{1,40}", text) else _shown(text)


def _shown(value: str) -> str:
    """A quoted, single-line, bounded echo of user text for an error message."""
    text = value if len(value) <= 40 else value[:40] + "…"
    return repr(text)


def json_type(value: object) -> str:
    """How a JSON value's type reads in an error message (\"text\", \"a number\", ...)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, numbers.Number):  # int, float, and Decimal for numbers too long for int
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, Mapping):
        return "an object"
    return type(value).__name__
