"""An attacker for published statistics: from what is published and the relations between the
counts (a total is the sum of its parts; categories cover their total), can a suppressed count
be worked out?

Independent of the disclosure module's own audit: each published value becomes the set of true
values it allows, then a complete search (bounds propagation and branching) looks, for every
suppressed count, for a second assignment of every count that fits everything published but
gives that count another value. Finding one proves the count cannot be recovered; failing to
find one means subtraction (over any number of relations and tables) recovers it.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass

from triage_desktop.reports.disclosure import Cover, Kind, Published, Sum

Key = Hashable


class SearchTooLong(Exception):  # noqa: N818 - a test helper's signal
    pass


@dataclass
class Attack:
    published: Mapping[Key, Published]
    relations: Sequence[Sum | Cover]
    cap: int  # an upper bound for withheld counts (the search must be finite)
    node_limit: int = 200_000

    def domain(self, key: Key) -> tuple[int, int]:
        shown = self.published[key]
        if shown.kind is Kind.ZERO:
            return 0, 0
        if shown.kind is Kind.LOW:
            return 1, 4
        if shown.kind is Kind.WITHHELD:
            return 1, self.cap  # any count but a true zero (zeros are always shown)
        value = shown.value or 0
        return max(value - 2, 5), value + 2

    def __post_init__(self) -> None:
        self._by_key: dict[Key, list[Sum | Cover]] = {}
        for relation in self.relations:
            for key in (relation.total, *relation.parts):
                self._by_key.setdefault(key, []).append(relation)

    def propagate(
        self, box: dict[Key, tuple[int, int]], changed_keys: Sequence[Key] | None = None
    ) -> bool:
        """Narrow every range through every relation (a worklist of the relations whose counts
        changed); False when the ranges contradict each other."""
        pending = (
            list(self.relations)
            if changed_keys is None
            else list({id(r): r for k in changed_keys for r in self._by_key.get(k, ())}.values())
        )
        queued = {id(r) for r in pending}
        while pending:
            relation = pending.pop()
            queued.discard(id(relation))
            narrowed = self._narrow(box, relation)
            if narrowed is None:
                return False
            for key in narrowed:
                for other in self._by_key.get(key, ()):
                    if id(other) not in queued:
                        queued.add(id(other))
                        pending.append(other)
        return True

    def _narrow(self, box: dict[Key, tuple[int, int]], relation: Sum | Cover) -> list[Key] | None:
        changed: list[Key] = []
        lows = [box[p][0] for p in relation.parts]
        highs = [box[p][1] for p in relation.parts]
        t_low, t_high = box[relation.total]
        if isinstance(relation, Sum):
            new_total = (max(t_low, sum(lows)), min(t_high, sum(highs)))
        else:
            new_total = (max(t_low, max(lows, default=0)), min(t_high, sum(highs)))
        if new_total[0] > new_total[1]:
            return None
        if new_total != (t_low, t_high):
            box[relation.total] = new_total
            changed.append(relation.total)
        t_low, t_high = new_total
        low_sum, high_sum = sum(lows), sum(highs)
        for index, part in enumerate(relation.parts):
            others_low = low_sum - lows[index]
            others_high = high_sum - highs[index]
            p_low, p_high = box[part]
            if isinstance(relation, Sum):
                new = (max(p_low, t_low - others_high), min(p_high, t_high - others_low))
            else:
                new = (max(p_low, t_low - others_high), min(p_high, t_high))
            if new[0] > new[1]:
                return None
            if new != (p_low, p_high):
                box[part] = new
                changed.append(part)
        return changed

    def feasible(
        self, box: dict[Key, tuple[int, int]], near: Mapping[Key, int], fixed: Key
    ) -> dict[Key, int] | None:
        """An assignment inside `box` satisfying every relation, or None (complete search)."""
        self._nodes = 0
        return self._search(dict(box), near, [fixed])

    def _search(
        self, box: dict[Key, tuple[int, int]], near: Mapping[Key, int], changed: list[Key]
    ) -> dict[Key, int] | None:
        self._nodes += 1
        if self._nodes > self.node_limit:
            raise SearchTooLong
        if not self.propagate(box, changed):
            return None
        open_keys = [k for k, (low, high) in box.items() if low < high]
        if not open_keys:
            return {k: low for k, (low, _high) in box.items()} if self._satisfied(box) else None
        key = min(open_keys, key=lambda k: box[k][1] - box[k][0])
        low, high = box[key]
        target = near.get(key, low)
        for value in sorted(range(low, high + 1), key=lambda v: (abs(v - target), v)):
            trial = dict(box)
            trial[key] = (value, value)
            found = self._search(trial, near, [key])
            if found is not None:
                return found
        return None

    def _satisfied(self, box: Mapping[Key, tuple[int, int]]) -> bool:
        for relation in self.relations:
            total = box[relation.total][0]
            parts = [box[p][0] for p in relation.parts]
            if isinstance(relation, Sum) and total != sum(parts):
                return False
            if isinstance(relation, Cover) and (
                any(p > total for p in parts) or sum(parts) < total
            ):
                return False
        return True

    def recovered(self, truth: Mapping[Key, int]) -> dict[Key, int]:
        """Every suppressed count the published values pin to one value: {key: value}."""
        start = {key: self.domain(key) for key in self.published}
        if not self.propagate(start):
            raise AssertionError("the published values contradict each other")
        found: dict[Key, int] = {}
        safe: set[Key] = set()  # shown to have a second possible value
        for key, shown in self.published.items():
            if not shown.suppressed or key in safe:
                continue
            low, high = start[key]
            alternatives = [v for v in range(low, high + 1) if v != truth[key]]
            alternatives.sort(key=lambda v: abs(v - truth[key]))
            for value in alternatives:
                box = dict(start)
                box[key] = (value, value)
                other = self.feasible(box, truth, key)
                if other is not None:  # every count it changes has two possible values
                    safe.update(k for k, v in other.items() if v != truth[k])
                    break
            else:
                found[key] = truth[key]
        return found
