"""Working days: weekdays that are neither a bank holiday in England nor a university closure day.

The policy's contact deadline (Appendix B, 'The Triage Meeting') is "within 2 working days" of a
report, and none applies to an anonymous report. Bank holidays come from the `holidays` package
(GB, subdivision ENG), which includes substitute days and one-off holidays; closure days come from
the University's settings and are passed in.

The calendar answers only for years the bank-holiday data covers (`covered_years()`, 1872 to 2100
with holidays 0.109): outside them it would silently skip no bank holidays, so it raises
`CalendarError` instead.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from functools import cache

from triage_desktop.policy.errors import CalendarError

CONTACT_WITHIN_WORKING_DAYS = 2
_SATURDAY = 5


@cache
def covered_years() -> range:
    """The years the bank-holiday data covers, as the `holidays` package states them."""
    import holidays  # imported on first use: not needed to start the app or print --help

    calendar = holidays.country_holidays("GB", subdiv="ENG")
    return range(calendar.start_year, calendar.end_year + 1)


@cache
def bank_holidays(year: int) -> frozenset[date]:
    """England's bank holidays in `year` (cached: building them costs about a millisecond).
    Raises `CalendarError` for a year the data does not cover."""
    import holidays

    _check_covered(year)
    calendar = holidays.country_holidays("GB", subdiv="ENG", years=year)
    return frozenset(calendar.keys())


def _check_covered(year: int) -> None:
    if year not in covered_years():
        raise CalendarError(
            f"{year} is outside the years the bank-holiday calendar covers ({_covered_words()})"
        )


def _covered_words() -> str:
    covered = covered_years()
    return f"{covered.start} to {covered.stop - 1}"


def is_working_day(day: date, closures: Iterable[date] = ()) -> bool:
    """True for a weekday that is not a bank holiday in England or a closure day; raises
    `CalendarError` for a day in a year the bank-holiday data does not cover."""
    if day.weekday() >= _SATURDAY or day in bank_holidays(day.year):
        return False
    return day not in _as_set(closures)


def add_working_days(start: date, n: int, closures: Iterable[date] = ()) -> date:
    """The `n`th working day after `start` (`start` itself never counts; n=0 gives `start`)."""
    if n < 0:
        raise ValueError("n must not be negative")
    _check_covered(start.year)
    closed = _as_set(closures)
    day = start
    remaining = n
    while remaining:
        if day == date.max:
            raise CalendarError(f"no working day after {start.isoformat()} in the calendar")
        day += timedelta(days=1)
        if day.year != start.year and day.year not in covered_years():
            raise CalendarError(
                f"counting {n} working days from {start.isoformat()} runs into {day.year}, "
                f"outside the years the bank-holiday calendar covers ({_covered_words()})"
            )
        if is_working_day(day, closed):
            remaining -= 1
    return day


def contact_by(
    received: date, *, anonymous: bool = False, closures: Iterable[date] = ()
) -> date | None:
    """The last day to contact the reporter: the 2nd working day after `received`.

    A report received on a Monday is due on the Wednesday. Anonymous reports have no contact
    deadline (there is no one to contact), so the answer is None. Raises `CalendarError` when the
    received day or the deadline falls outside `covered_years()`.
    """
    if anonymous:
        return None
    return add_working_days(received, CONTACT_WITHIN_WORKING_DAYS, closures)


def _as_set(closures: Iterable[date]) -> frozenset[date] | set[date]:
    if isinstance(closures, frozenset | set):
        return closures
    return frozenset(closures)
