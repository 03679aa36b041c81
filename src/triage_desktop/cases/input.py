"""Untrusted case input (import files, CLI JSON) to CaseDetails, with field-named errors.

pydantic is imported only when parsing, so the GUI's first window does not pay for it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from triage_desktop.cases.model import (
    CaseDetails,
    Location,
    Reporter,
    Respondent,
)
from triage_desktop.cases.text import InvalidFieldError


@dataclass(frozen=True)
class FieldProblem:
    field: str
    message: str


class CaseInputError(ValueError):
    """Every problem found in one input, each naming its field (e.g. `respondents.0.name`)."""

    def __init__(self, problems: list[FieldProblem]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{p.field}: {p.message}" for p in problems))


def _model() -> Any:
    from datetime import date, datetime

    from pydantic import BaseModel, ConfigDict

    from triage_desktop.cases.model import (
        LocationKind,
        ReporterStatus,
        ReportSource,
        RespondentType,
    )

    class Strict(BaseModel):
        model_config = ConfigDict(extra="forbid", strict=False)

    class ReporterIn(Strict):
        name: str = ""
        status: ReporterStatus = ReporterStatus.OTHER
        email: str = ""
        phone: str = ""
        notes: str = ""

    class RespondentIn(Strict):
        type: RespondentType
        name: str = ""
        details: str = ""

    class LocationIn(Strict):
        kind: LocationKind
        detail: str = ""

    class CaseIn(Strict):
        received_at: datetime
        source: ReportSource
        anonymous: bool = False
        reporter: ReporterIn = ReporterIn()
        respondents: tuple[RespondentIn, ...] = ()
        location: LocationIn
        description: str = ""
        policy_version: str
        behaviour_categories: tuple[str, ...] = ()
        protected_characteristics: tuple[str, ...] = ()
        incident_dates: tuple[date, ...] = ()
        incident_notes: str = ""
        assigned_officer_id: int | None = None

    return CaseIn


def case_details_from_mapping(data: Mapping[str, Any]) -> CaseDetails:
    """Validate `data` (e.g. parsed JSON) and build CaseDetails, or raise CaseInputError."""
    from datetime import UTC

    from pydantic import ValidationError

    try:
        parsed = _model().model_validate(dict(data))
    except ValidationError as error:
        problems = [
            FieldProblem(".".join(str(part) for part in item["loc"]) or "(input)", item["msg"])
            for item in error.errors()
        ]
        raise CaseInputError(problems) from None
    received = parsed.received_at
    if received.tzinfo is None:
        received = received.replace(tzinfo=UTC)
    try:
        return CaseDetails(
            received_at=received,
            source=parsed.source,
            anonymous=parsed.anonymous,
            reporter=Reporter(**parsed.reporter.model_dump()),
            respondents=tuple(Respondent(r.type, r.name, r.details) for r in parsed.respondents),
            location=Location(parsed.location.kind, parsed.location.detail),
            description=parsed.description,
            policy_version=parsed.policy_version,
            behaviour_categories=tuple(parsed.behaviour_categories),
            protected_characteristics=tuple(parsed.protected_characteristics),
            incident_dates=tuple(parsed.incident_dates),
            incident_notes=parsed.incident_notes,
            assigned_officer_id=parsed.assigned_officer_id,
        )
    except InvalidFieldError as error:
        raise CaseInputError([FieldProblem(error.field, error.message)]) from None
