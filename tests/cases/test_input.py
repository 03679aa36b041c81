"""Untrusted case input: every problem named by its field; good input kept exactly."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from triage_desktop.cases.input import CaseInputError, case_details_from_mapping
from triage_desktop.cases.model import RespondentType


def _good() -> dict[str, Any]:
    return {
        "received_at": "2026-04-02T10:30:00",
        "source": "email",
        "reporter": {"name": "مريم حداد", "status": "staff"},
        "respondents": [{"type": "staff_and_student", "name": "张伟"}],
        "location": {"kind": "online", "detail": "group chat"},
        "description": "Fictional\ttext\nwith lines",
        "policy_version": "2.0",
        "incident_dates": ["2026-03-30"],
    }


def test_good_input_is_kept_exactly() -> None:
    details = case_details_from_mapping(_good())
    assert details.received_at == datetime(2026, 4, 2, 10, 30, tzinfo=UTC)
    assert details.reporter.name == "مريم حداد"
    assert details.respondents[0].respondent_type is RespondentType.STAFF_AND_STUDENT
    assert details.respondents[0].name == "张伟"
    assert details.description == "Fictional\ttext\nwith lines"
    assert details.incident_dates == (date(2026, 3, 30),)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"source": "carrier pigeon"}, "source"),
        ({"respondents": [{"type": "alien"}]}, "respondents.0.type"),
        ({"received_at": "yesterday"}, "received_at"),
        ({"unknown_key": 1}, "unknown_key"),
        ({"description": "x" * 200_000}, "description"),
        ({"reporter": {"name": "n" * 500}}, "reporter.name"),
        ({"location": {"kind": "moon"}}, "location.kind"),
    ],
)
def test_each_problem_names_its_field(change: dict[str, Any], field: str) -> None:
    data = {**_good(), **change}
    with pytest.raises(CaseInputError) as caught:
        case_details_from_mapping(data)
    assert field in [p.field for p in caught.value.problems], caught.value.problems


def test_missing_required_fields_are_all_reported() -> None:
    with pytest.raises(CaseInputError) as caught:
        case_details_from_mapping({})
    fields = {p.field for p in caught.value.problems}
    assert {"received_at", "source", "location", "policy_version"} <= fields
