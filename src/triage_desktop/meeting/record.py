"""The meeting record: a JSON document with typed, validated access through the schema's fields.

Kept as a document so a new prompt needs no database migration. Every value is checked against
its field when it is set (`Meeting.set`) and when a stored document is read (`Meeting.from_json`):
a wrong type is refused with the field's key in the message, text is cleaned and capped like
every other text the officer types. Documents written by the first meeting screen (version 1,
keys such as `answer:safe_now` under each step) are read into this shape without losing an
answer; see `_from_version_1`.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from triage_desktop.cases.text import NAME_MAX, SHORT_TEXT_MAX, InvalidFieldError, clean_text
from triage_desktop.meeting.schema import (
    ACT_WITHOUT_CONSENT,
    ADJUSTMENTS,
    BEHAVIOUR,
    FIELDS_BY_KEY,
    NEXT_STEPS,
    OPTION_EXPLAINED,
    OPTION_QUESTIONS,
    RESPONDENT_TYPE,
    RISK_ANSWER,
    RISK_COMMENT,
    RISK_JUDGEMENT,
    RISK_JUDGEMENT_REASON,
    SHARING,
    STEPS,
    SUPPORT_NOTE,
    SUPPORT_OFFER,
    WHEN,
    Field,
    Kind,
    Step,
    StepState,
    family_of,
)

RECORD_VERSION = 2
MAX_ROWS = 50
MAX_AMENDMENTS = 500
ID_MAX = 100


@dataclass(frozen=True)
class Amendment:
    """A correction made at read-back: added to the record, never written over what was said."""

    when: dt.datetime
    what: str
    before: str
    after: str
    reason: str = ""

    def to_json(self) -> dict[str, str]:
        return {
            "when": self.when.isoformat(timespec="seconds"),
            "what": self.what,
            "before": self.before,
            "after": self.after,
            "reason": self.reason,
        }


@dataclass(frozen=True)
class SafetyAcknowledgement:
    """The officer saw the safety alert for these red-flag answers, at this time."""

    at: dt.datetime
    by: str
    flags: tuple[str, ...]  # risk-answer keys that were red when acknowledged


@dataclass(frozen=True)
class SignedVersion:
    """One signed document of this meeting: which stored document (by its SHA-256, known before
    it is stored, so the record and the document are kept in one transaction), which version."""

    kind: str  # "summary" or "letter"
    sha256: str
    uuid: str
    version: int
    signed_on: dt.date
    decision: str = ""
    document_id: int | None = None  # version 1 records named the stored document by its id


def _ident(key: str, value: object) -> str:
    text = clean_text(key, value, ID_MAX)
    if text != value or not text.isprintable():
        raise InvalidFieldError(key, f"{value!r} is not a choice")
    return text


def check_value(field: Field, value: object) -> Any:
    """The value as the record keeps it, or InvalidFieldError naming the field.

    `None` (and an empty text or choice) means "not answered": the caller removes the key.
    """
    key = field.key
    if value is None:
        return None
    kind = field.kind
    if kind is Kind.CHECK:
        if not isinstance(value, bool):
            raise InvalidFieldError(key, "must be true or false")
        return value
    if kind in (Kind.ANSWER, Kind.CHOICE):
        text = _ident(key, value)
        if not text:
            return None
        if field.choices and text not in {c.value for c in field.choices}:
            allowed = ", ".join(c.value for c in field.choices)
            raise InvalidFieldError(key, f"must be one of: {allowed}")
        return text
    if kind in (Kind.LINE, Kind.TEXT):
        text = clean_text(key, value, field.limit)
        return text if text else None
    if kind is Kind.DATE:
        if isinstance(value, dt.datetime):
            raise InvalidFieldError(key, "must be a calendar date")
        if isinstance(value, dt.date):
            return value.isoformat()
        text = clean_text(key, value, 40).strip()
        if not text:
            return None
        try:
            return dt.date.fromisoformat(text).isoformat()
        except ValueError:
            raise InvalidFieldError(key, f"{text!r} is not a date (YYYY-MM-DD)") from None
    if kind is Kind.ROWS:
        return _check_rows(field, value)
    raise InvalidFieldError(key, "is read out, not answered")


def _check_rows(field: Field, value: object) -> list[dict[str, Any]] | None:
    if not isinstance(value, list | tuple):
        raise InvalidFieldError(field.key, "must be a list of rows")
    if len(value) > MAX_ROWS:
        raise InvalidFieldError(field.key, f"has {len(value)} rows; the limit is {MAX_ROWS}")
    rows = []
    for index, row in enumerate(value):
        if not isinstance(row, Mapping):
            raise InvalidFieldError(f"{field.key}[{index}]", "must be a row of values")
        kept: dict[str, Any] = {}
        for column in field.columns:
            named = Field(
                f"{field.key}[{index}].{column.key}",
                column.label,
                column.kind,
                column.choices,
                limit=column.limit,
            )
            checked = check_value(named, row.get(column.key))
            if checked is not None:
                kept[column.key] = checked
        # A row exists when one of its texts holds something: a lone tick or choice is no row.
        if any(kept.get(c.key) for c in field.columns if c.kind in (Kind.LINE, Kind.TEXT)):
            rows.append(kept)
    return rows or None


def field_for_key(key: str) -> Field | None:
    """The field a stored key belongs to (fixed fields, or a family member)."""
    field = FIELDS_BY_KEY.get(key)
    if field is not None:
        return field
    family = family_of(key)
    item = None if family is None else family.item_of(key)
    if family is None or item is None:
        return None
    return family.field(item, key)


class Meeting:
    """One triage meeting's record. Not thread-safe: the screen owns one, workers get copies."""

    def __init__(self) -> None:
        self.values: dict[str, Any] = {}
        self.states: dict[Step, StepState] = dict.fromkeys(STEPS, StepState.NOT_STARTED)
        self.current_step: Step = STEPS[0]
        self.amendments: list[Amendment] = []
        self.safety: SafetyAcknowledgement | None = None
        self.signed: dict[str, SignedVersion] = {}  # "summary" / "letter" -> the current one
        self.superseded: list[SignedVersion] = []
        self.meeting_on: dt.date | None = None
        self.reopened = False  # a signed meeting is being changed: the next signature supersedes
        self.extra: dict[str, Any] = {}  # keys a newer version wrote: kept, written back

    # -- values ---------------------------------------------------------------------------

    def get(self, field: Field) -> Any:
        return self.values.get(field.key)

    def text(self, field: Field) -> str:
        value = self.values.get(field.key)
        return value if isinstance(value, str) else ""

    def flag(self, field: Field) -> bool:
        return self.values.get(field.key) is True

    def date(self, field: Field) -> dt.date | None:
        value = self.values.get(field.key)
        return dt.date.fromisoformat(value) if isinstance(value, str) else None

    def rows(self, field: Field) -> list[dict[str, Any]]:
        value = self.values.get(field.key)
        return copy.deepcopy(value) if isinstance(value, list) else []

    def set(self, field: Field, value: object) -> None:
        """Set (or, with None or an empty text, clear) a value; InvalidFieldError if wrong."""
        checked = check_value(field, value)
        if checked is None or (field.kind is Kind.CHECK and checked is False):
            self.values.pop(field.key, None)
        else:
            self.values[field.key] = checked

    def touch(self, step: Step) -> None:
        """An answer was given on `step`: a step not started is now in progress."""
        if self.states[step] is StepState.NOT_STARTED:
            self.states[step] = StepState.IN_PROGRESS

    def acknowledge_safety(self, keys: tuple[str, ...], by: str, at: dt.datetime) -> None:
        """The officer has seen the safety alert for these red-flag answers (added to any seen
        before; a new red flag shows the alert again)."""
        seen = set(self.safety.flags) if self.safety is not None else set()
        self.safety = SafetyAcknowledgement(at, by, tuple(sorted(seen | set(keys))))

    # -- state ----------------------------------------------------------------------------

    @property
    def summary(self) -> SignedVersion | None:
        return self.signed.get("summary")

    @property
    def letter(self) -> SignedVersion | None:
        return self.signed.get("letter")

    @property
    def is_signed(self) -> bool:
        """Signed and not reopened for a change: the screen shows it read-only."""
        return self.summary is not None and not self.reopened

    def overall_state(self) -> str:
        if self.letter is not None and not self.reopened:
            return "letter_signed"
        if self.summary is not None and not self.reopened:
            return "summary_signed"
        return "in_progress"

    def copy(self) -> Meeting:
        return Meeting.from_json(self.to_json())

    # -- JSON -----------------------------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        document: dict[str, Any] = dict(self.extra)
        document.update(
            version=RECORD_VERSION,
            current_step=self.current_step.value,
            states={step.value: state.value for step, state in self.states.items()},
            values=copy.deepcopy(self.values),
            amendments=[a.to_json() for a in self.amendments],
            signed={kind: _version_json(v) for kind, v in self.signed.items()},
            superseded=[_version_json(v) for v in self.superseded],
            reopened=self.reopened,
        )
        if self.meeting_on is not None:
            document["meeting_on"] = self.meeting_on.isoformat()
        if self.safety is not None:
            document["safety"] = {
                "at": self.safety.at.isoformat(timespec="seconds"),
                "by": self.safety.by,
                "flags": list(self.safety.flags),
            }
        return document

    @classmethod
    def from_json(cls, raw: object, *, strict: bool = False) -> Meeting:
        """Read a stored document (any version). `strict` (for records handed to the service
        API) refuses anything wrong by name; otherwise a damaged part is left out and the rest
        opens, so a record never becomes unreadable because of one bad value."""
        meeting = cls()
        if raw is None:
            return meeting
        if not isinstance(raw, Mapping):
            if strict:
                raise InvalidFieldError("meeting", "must be a JSON object")
            return meeting
        version = raw.get("version", 1)
        document = _from_version_1(raw) if version == 1 else dict(raw)
        reader = _Reader(strict)
        meeting.current_step = reader.step(document.get("current_step")) or STEPS[0]
        states = document.get("states")
        if isinstance(states, Mapping):
            for step in STEPS:
                state = reader.state(step, states.get(step.value))
                if state is not None:
                    meeting.states[step] = state
        values = document.get("values")
        if values is not None and not isinstance(values, Mapping):
            reader.fail("values", "must be a JSON object")
        for key, value in (values or {}).items():
            reader.value(meeting, key, value)
        for index, item in enumerate(reader.items(document, "amendments", MAX_AMENDMENTS)):
            amendment = reader.amendment(index, item)
            if amendment is not None:
                meeting.amendments.append(amendment)
        meeting.safety = reader.safety(document.get("safety"))
        signed = document.get("signed")
        if isinstance(signed, Mapping):
            for kind in ("summary", "letter"):
                version_ = reader.signed(kind, signed.get(kind))
                if version_ is not None:
                    meeting.signed[kind] = version_
        for item in reader.items(document, "superseded", MAX_AMENDMENTS):
            old = reader.signed("superseded", item)
            if old is not None:
                meeting.superseded.append(old)
        meeting.meeting_on = reader.day("meeting_on", document.get("meeting_on"))
        meeting.reopened = document.get("reopened") is True
        known = {
            "version", "current_step", "states", "values", "amendments", "signed",
            "superseded", "reopened", "meeting_on", "safety", "steps",
        }  # fmt: skip
        meeting.extra = {k: v for k, v in document.items() if k not in known}
        return meeting


def _version_json(version: SignedVersion) -> dict[str, Any]:
    return {
        "kind": version.kind,
        "sha256": version.sha256,
        "document_id": version.document_id,
        "uuid": version.uuid,
        "version": version.version,
        "signed_on": version.signed_on.isoformat(),
        "decision": version.decision,
    }


class _Reader:
    """Reads the parts of a stored document; strict mode raises, lenient mode skips."""

    def __init__(self, strict: bool) -> None:
        self.strict = strict

    def fail(self, key: str, message: str) -> None:
        if self.strict:
            raise InvalidFieldError(key, message)

    def step(self, value: object) -> Step | None:
        try:
            return Step(value) if isinstance(value, str) else None
        except ValueError:
            self.fail("current_step", "is not a step of the meeting")
            return None

    def state(self, step: Step, value: object) -> StepState | None:
        if value is None:
            return None
        try:
            return StepState(value) if isinstance(value, str) else None
        except ValueError:
            self.fail(f"states.{step.value}", "is not a step state")
            return None

    def value(self, meeting: Meeting, key: object, value: object) -> None:
        field = field_for_key(key) if isinstance(key, str) else None
        if field is None:
            self.fail(str(key), "is not a field of the meeting record")
            return
        try:
            meeting.set(field, value)
        except InvalidFieldError:
            if self.strict:
                raise

    def items(self, document: Mapping[str, Any], key: str, limit: int) -> list[Any]:
        value = document.get(key)
        if value is None:
            return []
        if not isinstance(value, list) or len(value) > limit:
            self.fail(key, f"must be a list of at most {limit} entries")
            return []
        return value

    def amendment(self, index: int, item: object) -> Amendment | None:
        key = f"amendments[{index}]"
        try:
            if not isinstance(item, Mapping):
                raise InvalidFieldError(key, "must be an object")
            when = dt.datetime.fromisoformat(str(item.get("when")))
            parts = [
                clean_text(f"{key}.{name}", item.get(name, ""), limit)
                for name, limit in (
                    ("what", NAME_MAX),
                    ("before", SHORT_TEXT_MAX),
                    ("after", SHORT_TEXT_MAX),
                    ("reason", SHORT_TEXT_MAX),
                )
            ]
        except ValueError as error:  # InvalidFieldError is a ValueError
            if self.strict:
                raise InvalidFieldError(key, str(error)) from None
            return None
        return Amendment(when, *parts)

    def safety(self, value: object) -> SafetyAcknowledgement | None:
        if value is None:
            return None
        try:
            if not isinstance(value, Mapping):
                raise ValueError("must be an object")
            flags = value.get("flags", [])
            if not isinstance(flags, list) or not all(isinstance(f, str) for f in flags):
                raise ValueError("flags must be a list of keys")
            return SafetyAcknowledgement(
                dt.datetime.fromisoformat(str(value.get("at"))),
                clean_text("safety.by", value.get("by", ""), NAME_MAX),
                tuple(flags),
            )
        except ValueError as error:
            self.fail("safety", str(error))
            return None

    def day(self, key: str, value: object) -> dt.date | None:
        if value is None:
            return None
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            self.fail(key, "is not a date")
            return None

    def signed(self, kind: str, value: object) -> SignedVersion | None:
        if value is None:
            return None
        try:
            if not isinstance(value, Mapping):
                raise ValueError("must be an object")
            document_id, version = value.get("document_id"), value.get("version", 1)
            sha256 = value.get("sha256", "")
            if document_id is not None and not isinstance(document_id, int):
                raise ValueError("document_id must be a number")
            if not isinstance(version, int):
                raise ValueError("version must be a number")
            if not isinstance(sha256, str) or not (sha256 or document_id is not None):
                raise ValueError("a signed document needs its SHA-256 (or, before, its id)")
            return SignedVersion(
                kind=str(value.get("kind", kind)),
                sha256=clean_text(f"signed.{kind}.sha256", sha256, ID_MAX),
                document_id=document_id,
                uuid=clean_text(f"signed.{kind}.uuid", value.get("uuid", ""), ID_MAX),
                version=version,
                signed_on=dt.date.fromisoformat(str(value.get("signed_on"))),
                decision=_ident(f"signed.{kind}.decision", value.get("decision", "")),
            )
        except ValueError as error:
            self.fail(f"signed.{kind}", str(error))
            return None


# -- version 1 ------------------------------------------------------------------------------

# Version 1 kept each step's answers under steps.<step>.values with these keys; everything not
# listed kept its name.
_V1_RENAMED = {
    "dates": WHEN.key,
    "override_level": RISK_JUDGEMENT.key,
    "override_reason": RISK_JUDGEMENT_REASON.key,
    "acts_without_consent": ACT_WITHOUT_CONSENT.key,
}
_V1_PREFIXES = {
    "answer": RISK_ANSWER,
    "comment": RISK_COMMENT,
    "offer": SUPPORT_OFFER,
    "note": SUPPORT_NOTE,
    "explained": OPTION_EXPLAINED,
    "questions": OPTION_QUESTIONS,
    "behaviour": BEHAVIOUR,
}
# Row fields the version 1 screen typed one by one; their joined lists are read instead.
_V1_ROW_PARTS = ("party", "what", "owner", "action", "due", "text")
ALL_RESPONDENTS = "all"  # version 1 kept one respondent type for everyone


def _from_version_1(raw: Mapping[str, Any]) -> dict[str, Any]:
    """The version 1 document in today's shape; nothing it held is dropped."""
    values: dict[str, Any] = {}
    states: dict[str, Any] = {}
    steps = raw.get("steps")
    for step_id, stored in steps.items() if isinstance(steps, Mapping) else ():
        if not isinstance(stored, Mapping):
            continue
        states[str(step_id)] = stored.get("state")
        step_values = stored.get("values")
        for key, value in step_values.items() if isinstance(step_values, Mapping) else ():
            _v1_value(values, str(key), value)
    stored_signed = raw.get("signed")
    signed: Mapping[str, Any] = stored_signed if isinstance(stored_signed, Mapping) else {}
    document: dict[str, Any] = {
        "version": RECORD_VERSION,
        "current_step": raw.get("current_step"),
        "states": states,
        "values": values,
        "amendments": raw.get("amendments", []),
        "signed": _v1_signed(signed),
        "meeting_on": signed.get("meeting_on"),
    }
    return document


def _v1_value(values: dict[str, Any], key: str, value: Any) -> None:
    if value in ("", None):
        return
    head, _, item = key.partition(":")
    if item and head in _V1_PREFIXES:
        values[_V1_PREFIXES[head].key(item)] = value
    elif item and head in _V1_ROW_PARTS:
        return
    elif key == "respondent_type":
        values[RESPONDENT_TYPE.key(ALL_RESPONDENTS)] = value
    elif key == "sharing" and isinstance(value, list):
        values[SHARING.key] = [
            {"party": r.get("party", ""), "what": r.get("what", "")}
            for r in value
            if isinstance(r, Mapping)
        ]
    elif key == "actions" and isinstance(value, list):
        values[NEXT_STEPS.key] = [_v1_next_step(r) for r in value if isinstance(r, Mapping)]
    elif key == "adjustments":
        values[ADJUSTMENTS.key] = value
    elif key == "follow_up":
        _v1_date(values, key, value)
    else:
        values[_V1_RENAMED.get(key, key)] = value


def _v1_date(values: dict[str, Any], key: str, value: Any) -> None:
    try:
        values[key] = dt.date.fromisoformat(str(value)).isoformat()
    except ValueError:  # version 1 took any text here: keep it where the officer will read it
        note = f"Follow-up (as typed in an earlier version): {value}"
        values["officer_summary"] = f"{values.get('officer_summary', '')}\n{note}".strip()


def _v1_next_step(row: Mapping[str, Any]) -> dict[str, Any]:
    owner = str(row.get("owner", "")).strip()
    action = str(row.get("action", "")).strip()
    due = str(row.get("due", "")).strip()
    step: dict[str, Any] = {"action": action, "shared": row.get("shared", True) is not False}
    if owner.lower() in ("officer", "reporter"):
        step["owner"] = owner.lower()
    elif owner:
        step.update(owner="other", owner_name=owner)
    else:
        step["owner"] = "officer"
    if due:
        try:
            step["due"] = dt.date.fromisoformat(due).isoformat()
        except ValueError:  # free text in version 1: keep it in the action
            step["action"] = f"{action} (by {due})"
    return step


def _v1_signed(signed: Mapping[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for kind in ("summary", "letter"):
        document_id = signed.get(f"{kind}_document_id")
        if isinstance(document_id, int):
            found[kind] = {
                "kind": kind,
                "document_id": document_id,
                "uuid": signed.get(f"{kind}_uuid", ""),
                "version": 1,
                "signed_on": signed.get("signed_on" if kind == "summary" else "letter_on")
                or signed.get("signed_on"),
                "decision": signed.get("decision", "") if kind == "summary" else "",
            }
    return found
