"""Errors the policy layer raises: each reads as one plain line that names what is wrong."""

from __future__ import annotations


class PolicyDataError(ValueError):
    """A policy data file is missing, unreadable or malformed: `file: key.path: problem`."""


class PolicyNotInForceError(LookupError):
    """No version of the policy is in force on the date asked about."""


class FactsError(ValueError):
    """The facts given to the routing engine are not valid: `field: problem`."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}")
        self.field = field
        self.problem = problem


class RiskError(ValueError):
    """A risk screen answer, override or checklist record is not valid."""


class CalendarError(ValueError):
    """A date the working-day calendar cannot answer for: outside the years its bank-holiday data
    covers, or a result past the last date Python can represent."""
