"""Working days: weekdays that are neither a bank holiday in England nor a university closure day.

The policy's contact deadline (Appendix B, 'The Triage Meeting') is "within 2 working days" of a
report, and none applies to an anonymous report. Bank holidays come from the `holidays` package
(GB, subdivision ENG), which includes substitute days and one-off holidays; closure days come from
the University's settings and are passed in.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from functools import cache

CONTACT_WITHIN_WORKING_DAYS = 2
_SATURDAY = 5


@cache
def bank_holidays(year: int) -> frozenset[date]:
    """England's bank holidays in `year` (cached: building them costs about a millisecond)."""
    import holidays  # imported on first use: not needed to start the app or print --help

    calendar = holidays.country_holidays("GB", subdiv="ENG", years=year)
    return frozenset(calendar.keys())


def is_working_day(day: date, closures: Iterable[date] = ()) -> bool:
    """True for a weekday that is not a bank holiday in England or a closure day."""
    if day.weekday() >= _SATURDAY or day in bank_holidays(day.year):
        return False
    return day not in _as_set(closures)


def add_working_days(start: date, n: int, closures: Iterable[date] = ()) -> date:
    """The `n`th working day after `start` (`start` itself never counts; n=0 gives `start`)."""
    if n < 0:
        raise ValueError("n must not be negative")
    closed = _as_set(closures)
    day = start
    remaining = n
    while remaining:
        day += timedelta(days=1)
        if is_working_day(day, closed):
            remaining -= 1
    return day


def contact_by(
    received: date, *, anonymous: bool = False, closures: Iterable[date] = ()
) -> date | None:
    """The last day to contact the reporter: the 2nd working day after `received`.

    A report received on a Monday is due on the Wednesday. Anonymous reports have no contact
    deadline (there is no one to contact), so the answer is None.
    """
    if anonymous:
        return None
    return add_working_days(received, CONTACT_WITHIN_WORKING_DAYS, closures)


def _as_set(closures: Iterable[date]) -> frozenset[date] | set[date]:
    if isinstance(closures, frozenset | set):
        return closures
    return frozenset(closures)
