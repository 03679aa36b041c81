"""The six-month line for historical reports: same day six months back, month ends clamped."""

from __future__ import annotations

from datetime import date

import pytest

from triage_desktop.policy.facts import CaseFacts
from triage_desktop.policy.routing import historical_cutoff, is_historical


@pytest.mark.parametrize(
    ("reported", "cutoff"),
    [
        (date(2026, 11, 23), date(2026, 5, 23)),  # the example
        (date(2026, 8, 31), date(2026, 2, 28)),  # 31 August -> end of February
        (date(2028, 8, 31), date(2028, 2, 29)),  # ... in a leap year
        (date(2026, 12, 31), date(2026, 6, 30)),  # 31 December -> 30 June
        (date(2027, 3, 31), date(2026, 9, 30)),  # across a year boundary, clamped
        (date(2027, 1, 15), date(2026, 7, 15)),
        (date(2026, 6, 30), date(2025, 12, 30)),
        (date(2026, 7, 1), date(2026, 1, 1)),
    ],
)
def test_cutoff(reported: date, cutoff: date) -> None:
    assert historical_cutoff(reported) == cutoff


def _facts(reported: date, incident: date | None) -> CaseFacts:
    return CaseFacts(
        reported_on=reported, incident_on=incident, respondent="staff", preference="formal"
    )


@pytest.mark.parametrize(
    ("incident", "historical"),
    [
        (date(2026, 5, 22), True),  # before the same day six months back
        (date(2026, 5, 23), False),  # exactly six months: not "more than"
        (date(2026, 5, 24), False),
        (date(2019, 1, 1), True),
        (None, False),  # no incident date given: never flagged
    ],
)
def test_boundary(incident: date | None, historical: bool) -> None:
    assert is_historical(_facts(date(2026, 11, 23), incident)) is historical


def test_month_end_boundary_both_sides() -> None:
    reported = date(2026, 8, 31)
    assert is_historical(_facts(reported, date(2026, 2, 27))) is True
    assert is_historical(_facts(reported, date(2026, 2, 28))) is False
