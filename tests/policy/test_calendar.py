"""Working days and the contact-by date: weekends, bank holidays in England, closure days."""

from __future__ import annotations

import time
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from triage_desktop.policy.calendar import (
    add_working_days,
    bank_holidays,
    contact_by,
    covered_years,
    is_working_day,
)
from triage_desktop.policy.errors import CalendarError


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (date(2026, 11, 23), date(2026, 11, 25)),  # Monday -> Wednesday
        (date(2026, 11, 26), date(2026, 11, 30)),  # Thursday -> Monday (weekend)
        (date(2026, 11, 27), date(2026, 12, 1)),  # Friday -> Tuesday
        (date(2026, 11, 28), date(2026, 12, 1)),  # Saturday -> Tuesday (Mon is the 1st)
        (date(2026, 11, 29), date(2026, 12, 1)),  # Sunday -> Tuesday
        # Easter 2026: Good Friday 3 April, Easter Monday 6 April.
        (date(2026, 4, 2), date(2026, 4, 8)),  # Thursday before Easter (PLATFORM-NOTES)
        (date(2026, 4, 1), date(2026, 4, 7)),  # Wed -> Thu 2nd is 1st, Tue 7th is 2nd
        (date(2026, 4, 3), date(2026, 4, 8)),  # on Good Friday itself
        # Easter 2027: Good Friday 26 March, Easter Monday 29 March.
        (date(2027, 3, 25), date(2027, 3, 31)),
        # Christmas 2025: Thu 25, Fri 26 December.
        (date(2025, 12, 24), date(2025, 12, 30)),  # Wed -> Mon 29, Tue 30
        # Christmas 2026: Boxing Day on Saturday, substitute Monday 28 December.
        (date(2026, 12, 24), date(2026, 12, 30)),  # Thu -> Tue 29, Wed 30
        # Christmas 2027: both on the weekend, substitutes Mon 27 and Tue 28 December.
        (date(2027, 12, 24), date(2027, 12, 30)),  # Fri -> Wed 29, Thu 30
        # New Year 2028 is a Saturday: substitute Monday 3 January.
        (date(2027, 12, 31), date(2028, 1, 5)),  # Fri -> Tue 4, Wed 5
        # Late Summer bank holiday, Monday 31 August 2026.
        (date(2026, 8, 28), date(2026, 9, 2)),
    ],
)
def test_contact_by(received: date, due: date) -> None:
    assert contact_by(received) == due


def test_substitute_days_are_holidays() -> None:
    assert date(2026, 12, 28) in bank_holidays(2026)
    assert {date(2027, 12, 27), date(2027, 12, 28)} <= bank_holidays(2027)
    assert not is_working_day(date(2027, 12, 28))


def test_anonymous_reports_have_no_deadline() -> None:
    assert contact_by(date(2026, 11, 23), anonymous=True) is None


def test_closure_days_are_skipped() -> None:
    # The University closes 29-31 December 2026 (a configured closure).
    closures = [date(2026, 12, 29), date(2026, 12, 30), date(2026, 12, 31)]
    assert contact_by(date(2026, 12, 24), closures=closures) == date(2027, 1, 5)
    assert contact_by(date(2026, 11, 23), closures=[date(2026, 11, 24)]) == date(2026, 11, 26)
    assert not is_working_day(date(2026, 11, 24), [date(2026, 11, 24)])
    assert is_working_day(date(2026, 11, 24))


def test_closures_can_be_any_iterable() -> None:
    closures = (d for d in [date(2026, 11, 24)])
    assert contact_by(date(2026, 11, 23), closures=closures) == date(2026, 11, 26)


def test_add_working_days_basics() -> None:
    assert add_working_days(date(2026, 11, 28), 0) == date(2026, 11, 28)
    assert add_working_days(date(2026, 11, 23), 5) == date(2026, 11, 30)
    with pytest.raises(ValueError, match="negative"):
        add_working_days(date(2026, 11, 23), -1)


@given(
    st.dates(min_value=date(2025, 1, 1), max_value=date(2040, 12, 31)),
    st.integers(min_value=0, max_value=30),
)
def test_add_working_days_lands_on_a_working_day_and_counts_exactly(start: date, n: int) -> None:
    end = add_working_days(start, n)
    counted = sum(
        is_working_day(start + timedelta(days=i)) for i in range(1, (end - start).days + 1)
    )
    assert counted == n
    if n:
        assert is_working_day(end)


def test_fast_enough_for_a_case_list() -> None:
    contact_by(date(2026, 1, 1))  # warm the cache
    started = time.perf_counter()
    for offset in range(10_000):
        contact_by(date(2026, 1, 1) + timedelta(days=offset % 365))
    assert time.perf_counter() - started < 1.0


def test_the_calendar_covers_the_years_its_bank_holiday_data_covers() -> None:
    covered = covered_years()
    assert covered.start <= 1900
    assert covered.stop - 1 >= 2100
    assert bank_holidays(2100)  # the last covered year has its bank holidays


@pytest.mark.parametrize(
    ("received", "message"),
    [
        (date(9999, 12, 31), "9999 is outside the years the bank-holiday calendar covers"),
        (date(2101, 1, 5), "2101 is outside the years"),
        (date(1871, 6, 1), "1871 is outside the years"),
        (date(1, 1, 1), "1 is outside the years"),
        (date(2100, 12, 30), "counting 2 working days from 2100-12-30 runs into 2101"),
    ],
)
def test_dates_the_calendar_cannot_answer_for_are_refused_not_guessed(
    received: date, message: str
) -> None:
    """Outside its data, the calendar would skip no bank holidays: it says so instead."""
    with pytest.raises(CalendarError, match=message):
        contact_by(received)
    assert contact_by(received, anonymous=True) is None  # no deadline to work out


def test_a_deadline_past_the_last_representable_date_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Should the bank-holiday data ever reach year 9999, 31 December 9999 has no next day."""
    from triage_desktop.policy import calendar

    monkeypatch.setattr(calendar, "covered_years", lambda: range(1, 10_000))
    monkeypatch.setattr(calendar, "bank_holidays", lambda year: frozenset())
    with pytest.raises(CalendarError, match="no working day after 9999-12-31"):
        calendar.contact_by(date(9999, 12, 31))
    assert calendar.contact_by(date(9999, 12, 28)) == date(9999, 12, 30)
