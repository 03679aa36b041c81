"""Subject access requests, the pure parts: when a response is due, how a name is found in any
script, and how a passage is redacted.

The clock follows the ICO's guidance on the right of access: the time limit runs from the day
the request is received to the corresponding calendar date in the next month (the last day of
that month when it has no such date: 31 January -> 28 February, or 29 in a leap year); when
that date is a weekend or a bank holiday the response is due on the next working day. It can be
extended by a further two months (three in all from receipt) where the request is complex,
with the reason recorded and the requester told within the first month.

Names are matched the same way everywhere: case folded, decomposed (NFKD) and without combining
marks, so "Zoe Angstrom" finds "Zoë Ångström", "محمد" finds "مُحَمَّد" and "nikos" finds
"Νίκος" only when typed in Greek letters (no transliteration between scripts). A match must
start and end at a word boundary, except beside characters of scripts written without spaces
(CJK), where any position is a boundary.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from triage_desktop.policy.calendar import is_working_day

MONTHS_TO_RESPOND = 1
MONTHS_EXTENDED = 3  # one month, extended by a further two
DUE_SOON_DAYS = 7
REDACTED = "[third party]"
MIN_NAME_PART = 3  # shorter parts of a name ("Li", "Dr") are matched only as the whole name
# Titles that are not names: never redacted on their own.
HONORIFICS = frozenset(
    {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "rev"}
)
_SPACES = re.compile(r"\s+")


# -- the clock ----------------------------------------------------------------------------------


def add_months(day: date, months: int) -> date:
    """The corresponding date `months` later, or the last day of that month if it has none."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    following = date(year + month // 12, month % 12 + 1, 1)
    last = (following - timedelta(days=1)).day
    return date(year, month, min(day.day, last))


def next_working_day(day: date) -> date:
    """`day` itself when it is a working day, else the next one (weekends and bank holidays in
    England; a university closure day is not a public holiday and moves nothing)."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


@dataclass(frozen=True)
class Clock:
    """When a response is due: the calendar date, and the working day it moves to."""

    received_on: date
    extended: bool
    one_month: date  # the corresponding date a month on
    due_on: date  # the day the response is due (the next working day when needed)
    extended_month: date  # three months on, were it extended
    extended_due_on: date

    @property
    def moved(self) -> bool:
        """The calendar date falls on a weekend or a bank holiday."""
        calendar = self.extended_month if self.extended else self.one_month
        return calendar != self.due_on


def clock(received_on: date, *, extended: bool = False) -> Clock:
    one_month = add_months(received_on, MONTHS_TO_RESPOND)
    three_months = add_months(received_on, MONTHS_EXTENDED)
    due = next_working_day(three_months if extended else one_month)
    return Clock(
        received_on=received_on,
        extended=extended,
        one_month=one_month,
        due_on=due,
        extended_month=three_months,
        extended_due_on=next_working_day(three_months),
    )


class Standing(StrEnum):
    """Where an open request stands on a given day (the case list shows it in words)."""

    DUE = "due"
    DUE_SOON = "due_soon"  # within DUE_SOON_DAYS
    DUE_TODAY = "due_today"
    OVERDUE = "overdue"
    COMPLETED = "completed"


def standing(due_on: date, today: date, *, completed: bool = False) -> Standing:
    if completed:
        return Standing.COMPLETED
    if today > due_on:
        return Standing.OVERDUE
    if today == due_on:
        return Standing.DUE_TODAY
    if (due_on - today).days <= DUE_SOON_DAYS:
        return Standing.DUE_SOON
    return Standing.DUE


# -- names --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Folded:
    """A text folded for matching, with where each folded character came from."""

    text: str
    origin: tuple[int, ...]  # index in the original text of each folded character


def fold(text: str) -> str:
    """Case folded, decomposed, without combining marks, spaces collapsed."""
    return _SPACES.sub(" ", folded(text).text).strip()


def folded(text: str) -> Folded:
    characters: list[str] = []
    origin: list[int] = []
    for index, character in enumerate(text):
        for piece in unicodedata.normalize("NFKD", character.casefold()):
            if unicodedata.combining(piece):
                continue
            characters.append(" " if piece.isspace() else piece)
            origin.append(index)
    return Folded("".join(characters), tuple(origin))


def name_terms(name: str) -> tuple[str, ...]:
    """What finds a person: the whole name, and each part of it long enough to be a name."""
    whole = fold(name)
    if not whole:
        return ()
    parts = [
        part
        for part in whole.split(" ")
        if len(part) >= MIN_NAME_PART and part.strip(".") not in HONORIFICS
    ]
    return tuple(dict.fromkeys([whole, *parts]))


def _wide(character: str) -> bool:
    """Scripts written without spaces between words (CJK): any position is a word boundary."""
    return unicodedata.east_asian_width(character) in ("W", "F")


def _word(character: str) -> bool:
    return character.isalnum() or unicodedata.category(character) == "Mc"


def _boundary(text: str, before: int, after: int) -> bool:
    """Is there a word boundary between text[before] and text[after] (either may be outside)?"""
    if before < 0 or after >= len(text):
        return True
    left, right = text[before], text[after]
    if _wide(left) or _wide(right):
        return True
    return not (_word(left) and _word(right))


def find(text: str, terms: Iterable[str]) -> list[tuple[int, int]]:
    """Spans (start, end) of the original text where any term is found, merged and in order."""
    shape = folded(text)
    spans: list[tuple[int, int]] = []
    for term in terms:
        if not term:
            continue
        start = shape.text.find(term)
        while start != -1:
            end = start + len(term)
            if _boundary(shape.text, start - 1, start) and _boundary(shape.text, end - 1, end):
                spans.append(_original_span(text, shape, start, end))
            start = shape.text.find(term, start + 1)
    return _merge(spans)


def _original_span(text: str, shape: Folded, start: int, end: int) -> tuple[int, int]:
    first = shape.origin[start]
    last = shape.origin[end - 1] + 1
    # Combining marks after the last letter belong to it (they folded away).
    while last < len(text) and unicodedata.combining(text[last]):
        last += 1
    return first, last


def _merge(spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def mentions(text: str, name: str) -> bool:
    return bool(find(text, name_terms(name)))


def redact(text: str, spans: Sequence[tuple[int, int]], placeholder: str = REDACTED) -> str:
    """The text with every span replaced by the placeholder."""
    out: list[str] = []
    position = 0
    for start, end in _merge(spans):
        out.append(text[position:start])
        out.append(placeholder)
        position = end
    out.append(text[position:])
    return "".join(out)


def same_person(a: str, b: str) -> bool:
    """The same name however it was typed (accents, case, spacing)."""
    return bool(fold(a)) and fold(a) == fold(b)
