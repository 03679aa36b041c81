"""The fictional case and complete meeting the first-use benchmark signs: the same complete
record the tests sign (tests/support/meetings.py), so the benchmark signs what the tests check."""

from __future__ import annotations

from datetime import UTC, date, datetime

from tests.support.meetings import filled_meeting

from triage_desktop.cases.model import (
    CaseDetails,
    Location,
    LocationKind,
    Reporter,
    ReporterStatus,
    ReportSource,
    Respondent,
    RespondentType,
)
from triage_desktop.meeting import Meeting


def complete_meeting() -> Meeting:
    return filled_meeting()


def fictional_case() -> CaseDetails:
    """What the benchmark types into the intake form, as the service receives it."""
    return CaseDetails(
        received_at=datetime.now(UTC),
        source=ReportSource.EMAIL,
        anonymous=False,
        reporter=Reporter(
            name="Alex Example",
            status=ReporterStatus.UNDERGRADUATE,
            email="alex@example.ac.uk",
            phone="",
            notes="",
        ),
        respondents=(
            Respondent(RespondentType.STUDENT, "Sam Sample", ""),
            Respondent(RespondentType.STUDENT, "Dr Placeholder", ""),
        ),
        location=Location(LocationKind.ONLINE, ""),
        description="A fictional concern raised for a benchmark.",
        policy_version="2.0",
        behaviour_categories=("harassment",),
        protected_characteristics=(),
        incident_dates=(date.today(),),
        incident_notes="",
    )
