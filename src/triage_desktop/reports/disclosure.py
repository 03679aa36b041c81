"""Disclosure control for the oversight statistics: what a published count may say.

The rule, stated on every output (`RULE`):

* a true zero is shown as 0;
* a count from 1 to 4 is shown as "<5" (primary suppression);
* every other count is rounded to the nearest 5;
* a count that would let someone work out a suppressed one is withheld as "[c]" (secondary
  suppression).

Suppression is decided over every table of one output at once. The caller names each count by a
key; a count that appears in several tables (the cases of a quarter, the anonymous reports) has
one key, so withholding it in one table withholds it in all of them. The caller also states every
relation a reader can see between counts: a `Sum` (a total is the sum of its parts: a row across
quarters, the categories of a partition) and a `Cover` (each category is at most the total and
together they reach it: categories a case can be in more than one of).

What a reader can infer from one published value is a range of true values (`Published.bounds`):
0 is exactly 0; "<5" is 1 to 4; a rounded 5 is 5 to 7 and any other rounded r is r-2 to r+2;
"[c]" is any count from 1 up (zeros are always shown). Subtraction through the relations narrows
those ranges, and rounding alone does not stop it from closing: 4 and 4 in two quarters with a
total rounded to 10 can only be 4 and 4.

So a suppressed count is published only with a *witness*: a second set of true counts that fits
every relation and every published range but gives that count another value (`Move`: a change of
a few counts from the true ones, e.g. one case more in a quarter, or one case in another
category). Whoever reads the output cannot tell the two apart, so cannot recover the count. Two
passes decide what is withheld, repeated until neither adds anything:

1. the line rule: a sum with exactly one suppressed count gets a second one, so subtracting the
   others from its total leaves only a sum of two. Of its shown non-zero counts, the one chosen
   is the one whose withholding leaves the fewest other sums with a single suppressed count
   (so it spreads least), then the smallest;
2. the audit: every suppressed count without a witness gets one more count withheld nearby
   (`_widen`): the smallest shown count of one of its relations; where every count there is
   already suppressed or zero, a "<5" becomes "[c]", which widens its range to "1 or more".

Withholding only ever widens ranges, so a witness found stays valid, and the passes end (at worst
with every non-zero count withheld, when a case added anywhere is a witness for all of them).
A true zero is never withheld.

Pure Python: no Qt, no SQL, no I/O. The property test (tests/reports/test_disclosure_property.py)
attacks published outputs with a complete search over every relation a reader can see.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

THRESHOLD = 5  # counts below this (and above zero) are suppressed
ROUND_TO = 5
LOW = "<5"
WITHHELD = "[c]"
RULE = (
    "Disclosure control: a count from 1 to 4 is shown as <5 and a true zero as 0; every other "
    "count is rounded to the nearest 5. [c] marks a count withheld so that no count under 5 can "
    "be worked out from a total or from another table in this output. Totals are rounded "
    "separately, so rounded counts may not add up to their total; shares are worked out from "
    "the rounded counts. No names, references, dates of single cases, free text or departments "
    "with fewer than 5 cases are shown."
)

Key = Hashable
Move = Mapping[Key, int]  # key -> change from the true count
INFINITY = math.inf


class Kind(StrEnum):
    ZERO = "zero"
    LOW = "low"  # 1 to 4: "<5"
    ROUNDED = "rounded"
    WITHHELD = "withheld"  # secondary suppression: "[c]"


@dataclass(frozen=True)
class Published:
    """One count as published: its kind, and the rounded value when it is shown."""

    kind: Kind
    value: int | None = None

    @property
    def text(self) -> str:
        if self.kind is Kind.LOW:
            return LOW
        if self.kind is Kind.WITHHELD:
            return WITHHELD
        return str(self.value)

    @property
    def suppressed(self) -> bool:
        return self.kind in (Kind.LOW, Kind.WITHHELD)

    def bounds(self) -> tuple[float, float]:
        """The true values this published value allows (what a reader can infer from it)."""
        if self.kind is Kind.ZERO:
            return 0, 0
        if self.kind is Kind.LOW:
            return 1, THRESHOLD - 1
        if self.kind is Kind.WITHHELD:
            return 1, INFINITY  # never a true zero (zeros are shown); any count from 1 up
        assert self.value is not None  # noqa: S101 - a rounded count has its value
        return max(self.value - ROUND_TO // 2, THRESHOLD), self.value + ROUND_TO // 2


@dataclass(frozen=True)
class Sum:
    """`total` is exactly the sum of `parts`."""

    total: Key
    parts: tuple[Key, ...]


@dataclass(frozen=True)
class Cover:
    """Each part is at most `total`, and the parts together are at least `total` (each case
    is in one or more of them)."""

    total: Key
    parts: tuple[Key, ...]


Relation = Sum | Cover
Room = Callable[[Key, int], bool]  # can this count change by this much within its range?
MoveSource = Callable[[Key, Room], Iterable[Move]]


class DisclosureError(ValueError):
    """The counts given are not consistent with the relations stated (a caller's mistake)."""


def round_to_five(value: int) -> int:
    """The nearest multiple of 5 (a remainder of 3 or 4 rounds up)."""
    return ROUND_TO * ((value + ROUND_TO // 2) // ROUND_TO)


def primary(value: int) -> Published:
    """A count on its own: 0, "<5" or rounded (before any secondary suppression)."""
    if value < 0:
        raise DisclosureError(f"a count cannot be negative ({value})")
    if value == 0:
        return Published(Kind.ZERO, 0)
    if value < THRESHOLD:
        return Published(Kind.LOW)
    return Published(Kind.ROUNDED, round_to_five(value))


class _Control:
    """One run of the two passes over one output."""

    def __init__(
        self, values: Mapping[Key, int], relations: Sequence[Relation], moves: MoveSource
    ) -> None:
        self.values = values
        self.relations = relations
        self.moves = moves
        self.order = {key: index for index, key in enumerate(values)}
        self.published = {key: primary(value) for key, value in values.items()}
        self.by_key: dict[Key, list[Relation]] = {}
        for relation in relations:
            for key in _members(relation):
                self.by_key.setdefault(key, []).append(relation)
        self.witnessed: set[Key] = set()

    def run(self) -> dict[Key, Published]:
        while True:
            if self._line_rule():
                continue
            unprotected = [
                key
                for key, shown in self.published.items()
                if shown.suppressed and key not in self.witnessed and not self._witness(key)
            ]
            if not unprotected:
                return self.published
            # One more withheld count at a time: it may give several counts a witness at once.
            if not any(self._widen(key) for key in unprotected):
                raise DisclosureError(f"no count is left to withhold to protect {unprotected[0]!r}")

    def _line_rule(self) -> bool:
        """A sum with exactly one suppressed count gets a second. (A cover is an inequality:
        subtracting its parts from its total recovers nothing, so the audit alone guards it.)"""
        changed = False
        for relation in self.relations:
            if not isinstance(relation, Sum):
                continue
            members = _members(relation)
            if self._suppressed_in(relation) == 1:
                changed |= self._withhold_smallest(members, relation)
        return changed

    def _suppressed_in(self, relation: Relation) -> int:
        return sum(1 for k in _members(relation) if self.published[k].suppressed)

    def _new_lines(self, key: Key, besides: Relation | None) -> int:
        """How many sums with nothing suppressed withholding `key` would leave with one (each
        would then need a second): the fewer, the less the withholding spreads."""
        return sum(
            1
            for relation in self.by_key.get(key, ())
            if relation is not besides
            and isinstance(relation, Sum)
            and self._suppressed_in(relation) == 0
        )

    def _withhold_smallest(self, members: Iterable[Key], besides: Relation | None = None) -> bool:
        """Withhold the shown, non-zero count whose withholding spreads least (then the
        smallest, then the first)."""
        shown = [k for k in members if not self.published[k].suppressed and self.values[k] > 0]
        if not shown:
            return False
        chosen = min(
            shown, key=lambda k: (self._new_lines(k, besides), self.values[k], self.order[k])
        )
        self.published[chosen] = Published(Kind.WITHHELD)
        return True

    def _room(self, key: Key, change: int) -> bool:
        low, high = self.published[key].bounds()
        return low <= self.values[key] + change <= high

    def _witness(self, key: Key) -> bool:
        for move in self.moves(key, self._room):
            if move.get(key) and self._fits(move):
                self.witnessed.add(key)
                return True
        return False

    def _fits(self, move: Move) -> bool:
        """The true counts changed by `move` still fit every relation and published range."""
        for key, change in move.items():
            low, high = self.published[key].bounds()
            if not low <= self.values[key] + change <= high:
                return False
        touched = {id(r): r for key in move for r in self.by_key.get(key, ())}
        for relation in touched.values():
            if isinstance(relation, Sum):
                if move.get(relation.total, 0) != sum(move.get(p, 0) for p in relation.parts):
                    return False
                continue
            total = self.values[relation.total] + move.get(relation.total, 0)
            parts = [self.values[p] + move.get(p, 0) for p in relation.parts]
            if any(p > total for p in parts) or sum(parts) < total:
                return False
        return True

    def _widen(self, key: Key) -> bool:
        """Withhold one more count near `key`: a shown count of one of its relations, else a
        "<5" there becomes "[c]", preferring a relation's total; when neither exists there, the
        same one ring further out, through the suppressed counts."""
        seen: set[Key] = {key}
        frontier = [key]
        while frontier:
            relations = [r for current in frontier for r in self.by_key.get(current, ())]
            nearby = [k for relation in relations for k in _members(relation)]
            if self._withhold_smallest(nearby):
                return True
            low = [r.total for r in relations if self.published[r.total].kind is Kind.LOW]
            low += [k for k in nearby if self.published[k].kind is Kind.LOW]
            if low:
                self.published[low[0]] = Published(Kind.WITHHELD)
                return True
            frontier = [
                k for k in dict.fromkeys(nearby) if k not in seen and self.published[k].suppressed
            ]
            seen.update(frontier)
        return False


def disclose(
    values: Mapping[Key, int], relations: Sequence[Relation], moves: MoveSource
) -> dict[Key, Published]:
    """Every count as it may be published, with secondary suppression across all relations.

    `moves(key, room)` proposes changes to the true counts that alter `key` (one case more or
    less, one case in another category); `room(key, change)` says whether one count can change
    that much within its published range. `disclose` keeps only the moves that fit every
    relation, and publishes a suppressed count only when one does."""
    _check(values, relations)
    return _Control(values, relations, moves).run()


def _members(relation: Relation) -> tuple[Key, ...]:
    return (relation.total, *relation.parts)


def _check(values: Mapping[Key, int], relations: Sequence[Relation]) -> None:
    for relation in relations:
        for key in _members(relation):
            if key not in values:
                raise DisclosureError(f"a relation names a count that is not given: {key!r}")
        total = values[relation.total]
        parts = [values[p] for p in relation.parts]
        if isinstance(relation, Sum) and total != sum(parts):
            raise DisclosureError(
                f"{relation.total!r} is {total}, but its parts add up to {sum(parts)}"
            )
        if isinstance(relation, Cover) and (
            any(p > total for p in parts) or (parts and sum(parts) < total)
        ):
            raise DisclosureError(f"the categories of {relation.total!r} do not cover it")
