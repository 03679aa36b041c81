"""Strict reading of case facts from JSON-like data: one line naming the field and the problem."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from triage_desktop.policy.facts import FIELD_NAMES, CaseFacts, facts_from_mapping, facts_to_mapping
from triage_desktop.policy.routing import FactsError

BASE: dict[str, Any] = {
    "reported_on": "2026-11-23",
    "respondent": "staff",
    "preference": "undecided",
}


def test_defaults_follow_the_contract() -> None:
    facts = facts_from_mapping(BASE)
    assert facts == CaseFacts(date(2026, 11, 23), "staff", "undecided")
    assert facts.severity == "low"
    assert facts.risk == "low"
    assert facts.parties_willing_informal is True
    assert facts.within_scope is True
    assert facts.incident_on is None
    assert facts.reporter == "unknown"


def test_round_trip() -> None:
    data = {**BASE, "incident_on": "2026-01-02", "risk": "high", "anonymous": True}
    facts = facts_from_mapping(data)
    assert facts_from_mapping(facts_to_mapping(facts)) == facts
    assert list(facts_to_mapping(facts)) == list(FIELD_NAMES)


def test_incident_on_may_be_null() -> None:
    assert facts_from_mapping({**BASE, "incident_on": None}).incident_on is None


@pytest.mark.parametrize(
    ("data", "field", "problem"),
    [
        ({"respondent": "staff", "preference": "formal"}, "reported_on", "is required"),
        ({**BASE, "Anonymous": True}, "Anonymous", "unknown key"),
        (
            {**BASE, "reported_on": "2026-11-23T10:00"},
            "reported_on",
            "expected a date as YYYY-MM-DD",
        ),
        ({**BASE, "reported_on": "20261123"}, "reported_on", "expected a date as YYYY-MM-DD"),
        ({**BASE, "reported_on": None}, "reported_on", "expected a date as text"),
        ({**BASE, "incident_on": "2027-01-01"}, "incident_on", "is after reported_on"),
        ({**BASE, "preference": "Formal"}, "preference", "expected one of informal, formal"),
        ({**BASE, "repeated": "false"}, "repeated", "expected true or false, found text"),
        ({**BASE, "within_scope": 0}, "within_scope", "expected true or false, found a number"),
        ({**BASE, "risk": ["high"]}, "risk", "found an array"),
        ({**BASE, "severity": "x" * 500}, "severity", "…"),
        ({**BASE, "reporter": "undergraduate"}, "reporter", "expected one of student, staff"),
        ({**BASE, "anonymous": Decimal("9" * 5000)}, "anonymous", "found a number"),
    ],
)
def test_errors_name_field_and_problem(data: dict[str, Any], field: str, problem: str) -> None:
    with pytest.raises(FactsError) as caught:
        facts_from_mapping(data)
    assert caught.value.field == field
    assert problem in caught.value.problem
    assert str(caught.value).startswith(f"{field}: ")
    assert len(str(caught.value)) < 400


def test_not_a_mapping() -> None:
    with pytest.raises(FactsError, match="input: expected a JSON object, found an array"):
        facts_from_mapping([1, 2])  # type: ignore[arg-type]


@given(st.dictionaries(st.text(max_size=30), st.none() | st.booleans() | st.text(max_size=30)))
def test_any_junk_gives_facts_or_one_line_error(data: dict[str, object]) -> None:
    message = ""
    try:
        facts_from_mapping({**BASE, **data})
    except FactsError as error:
        message = str(error)
    assert "\n" not in message
    assert "\r" not in message


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"respondent": "visitor"}, "respondent"),
        ({"reporter": "visitors"}, "reporter"),
        ({"risk": "severe"}, "risk"),
        ({"anonymous": "no"}, "anonymous"),
        ({"reported_on": "2026-11-23"}, "reported_on"),
        ({"incident_on": datetime(2026, 1, 1, 9, 0)}, "incident_on"),
    ],
)
def test_facts_built_in_code_are_checked_too(changes: dict[str, Any], field: str) -> None:
    arguments: dict[str, Any] = {
        "reported_on": date(2026, 11, 23),
        "respondent": "staff",
        "preference": "formal",
        **changes,
    }
    with pytest.raises(FactsError) as caught:
        CaseFacts(**arguments)
    assert caught.value.field == field
