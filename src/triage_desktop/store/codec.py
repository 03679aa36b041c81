"""Rows to domain objects and back. Times are stored as UTC ISO 8601 text, dates as ISO dates."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

from triage_desktop.cases.model import (
    Case,
    CaseDetails,
    CaseRow,
    CaseStatus,
    ContactMethod,
    FirstContact,
    Location,
    LocationKind,
    Reporter,
    ReporterStatus,
    ReportSource,
    Respondent,
    RespondentType,
)


def now_utc() -> datetime:
    return datetime.now(UTC)


def dump_time(value: datetime) -> str:
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).isoformat(timespec="microseconds")


def load_time(text: str) -> datetime:
    return datetime.fromisoformat(text)


def dump_date(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def load_date(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


def details_columns(details: CaseDetails) -> dict[str, Any]:
    return {
        "received_at": dump_time(details.received_at),
        "source": details.source.value,
        "anonymous": int(details.anonymous),
        "reporter_name": details.reporter.name,
        "reporter_status": details.reporter.status.value,
        "reporter_email": details.reporter.email,
        "reporter_phone": details.reporter.phone,
        "reporter_notes": details.reporter.notes,
        "respondents_json": json.dumps(
            [
                {"type": r.respondent_type.value, "name": r.name, "details": r.details}
                for r in details.respondents
            ],
            ensure_ascii=False,
        ),
        "behaviour_categories_json": json.dumps(list(details.behaviour_categories)),
        "protected_characteristics_json": json.dumps(list(details.protected_characteristics)),
        "incident_dates_json": json.dumps([d.isoformat() for d in details.incident_dates]),
        "incident_notes": details.incident_notes,
        "location_kind": details.location.kind.value,
        "location_detail": details.location.detail,
        "description": details.description,
        "policy_version": details.policy_version,
        "assigned_officer_id": details.assigned_officer_id,
    }


CASE_COLUMNS = (
    "id, reference, status, contact_by, created_at, updated_at, closed_at, legal_hold, "
    "received_at, source, anonymous, reporter_name, reporter_status, reporter_email, "
    "reporter_phone, reporter_notes, respondents_json, behaviour_categories_json, "
    "protected_characteristics_json, incident_dates_json, incident_notes, location_kind, "
    "location_detail, description, policy_version, assigned_officer_id, first_contact_on, "
    "first_contact_method"
)


def case_from_row(row: tuple[Any, ...]) -> Case:
    (
        case_id,
        reference,
        status,
        contact_by,
        created_at,
        updated_at,
        closed_at,
        legal_hold,
        received_at,
        source,
        anonymous,
        reporter_name,
        reporter_status,
        reporter_email,
        reporter_phone,
        reporter_notes,
        respondents_json,
        behaviours_json,
        characteristics_json,
        incident_dates_json,
        incident_notes,
        location_kind,
        location_detail,
        description,
        policy_version,
        assigned_officer_id,
        first_contact_on,
        first_contact_method,
    ) = row
    details = CaseDetails(
        received_at=load_time(received_at),
        source=ReportSource(source),
        anonymous=bool(anonymous),
        reporter=Reporter(
            name=reporter_name,
            status=ReporterStatus(reporter_status),
            email=reporter_email,
            phone=reporter_phone,
            notes=reporter_notes,
        ),
        respondents=tuple(
            Respondent(RespondentType(r["type"]), r["name"], r["details"])
            for r in json.loads(respondents_json)
        ),
        location=Location(LocationKind(location_kind), location_detail),
        description=description,
        policy_version=policy_version,
        behaviour_categories=tuple(json.loads(behaviours_json)),
        protected_characteristics=tuple(json.loads(characteristics_json)),
        incident_dates=tuple(date.fromisoformat(d) for d in json.loads(incident_dates_json)),
        incident_notes=incident_notes,
        assigned_officer_id=assigned_officer_id,
    )
    return Case(
        id=case_id,
        reference=reference,
        status=CaseStatus(status),
        details=details,
        contact_by=load_date(contact_by),
        created_at=load_time(created_at),
        updated_at=load_time(updated_at),
        closed_at=None if closed_at is None else load_time(closed_at),
        legal_hold=bool(legal_hold),
        first_contact=load_first_contact(first_contact_on, first_contact_method),
    )


def load_first_contact(on: str | None, method: str | None) -> FirstContact | None:
    if on is None or method is None:
        return None
    return FirstContact(date.fromisoformat(on), ContactMethod(method))


ROW_COLUMNS = (
    "id, reference, status, received_at, contact_by, assigned_officer_id, reporter_name, "
    "anonymous, legal_hold, first_contact_on"
)


def case_row_from_row(row: tuple[Any, ...]) -> CaseRow:
    return CaseRow(
        id=row[0],
        reference=row[1],
        status=CaseStatus(row[2]),
        received_at=load_time(row[3]),
        contact_by=load_date(row[4]),
        assigned_officer_id=row[5],
        reporter_name=row[6],
        anonymous=bool(row[7]),
        legal_hold=bool(row[8]),
        first_contact_on=load_date(row[9]),
    )
