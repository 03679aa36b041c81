"""The oversight statistics: counts by quarter, added up across officers, then published under
disclosure control.

Three stages, each a pure function:

1. `count(figures, start, end)`: one `CaseFigures` per case (what the services read from the
   vault) becomes `Counts`: unsuppressed counts per figure, category and quarter, and the
   spread of working days from report to meeting. No case data: only numbers and category ids.
2. `merge(counts...)`: officers' counts for the same period added up.
3. `publish(counts, words)`: the committee's tables, with disclosure control (`disclosure`)
   applied once, over every table together; `to_csv` and `to_json` write them with the rule.

Counts travel between officers as signed files (`Counts.to_json` / `Counts.from_json`; the
signature is the documents layer's), so `from_json` reads them as untrusted input.
"""

from __future__ import annotations

import csv
import io
import json
import statistics as pystats
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from triage_desktop.cases.model import RespondentType
from triage_desktop.cases.words import SOURCE_WORDS
from triage_desktop.reports import disclosure
from triage_desktop.reports.disclosure import RULE, WITHHELD, Cover, Kind, Published, Sum

COUNTS_FORMAT = "triage-desk-statistics-counts"
COUNTS_VERSION = 1
TOTAL = "total"
MAX_CATEGORY_ID = 200
MAX_COUNT = 10_000_000
MAX_DAYS = 100_000


class Figure(StrEnum):
    """The figures the committee sees, in the order it sees them."""

    BEHAVIOUR = "behaviour"
    CONNECTION = "connection"
    RESPONDENT = "respondent"
    ROUTE = "route"
    OUTCOME = "outcome"
    ANONYMOUS = "anonymous"
    HISTORICAL = "historical"
    CONTACT = "contact"
    CONSENT = "consent"
    DEPARTMENT = "department"


# Figures where a case can be in more than one category (several behaviours, several people).
COVER_FIGURES = frozenset({Figure.BEHAVIOUR, Figure.RESPONDENT})
NOT_RECORDED = "not_recorded"
NOT_YET = "not_yet"  # no signed decision yet (the outcome and consent figures share it)
OTHER_DEPARTMENTS = "other_departments"


class Contact(StrEnum):
    """First contact within 2 working days (Appendix B)."""

    MET = "met"
    MISSED = "missed"
    NOT_APPLICABLE = "not_applicable"  # anonymous: there is no one to contact
    NOT_YET_DUE = "not_yet_due"  # not contacted yet, and the deadline has not passed


class ConsentGroup(StrEnum):
    """How a signed decision stands with the reporter (from `meeting_content.routing`)."""

    REPORTER_CHOSE = "reporter_chose"
    REPORTER_AGREED = "reporter_agreed"  # it needed their agreement, and they gave it
    WITHOUT_CONSENT = "without_consent"
    NOT_RECORDED = NOT_RECORDED


class Historical(StrEnum):
    HISTORICAL = "historical"  # the first incident more than six months before the report
    RECENT = "recent"
    NOT_KNOWN = "not_known"


class Anonymity(StrEnum):
    ANONYMOUS = "anonymous"
    NAMED = "named"


CONNECTIONS = ("student", "staff", "other")
# How a report came in, in words: the case screens use the same words (gui/cases/labels.py).
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_LONG_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip


class CountsError(ValueError):
    """A counts file (or a merge of several) that cannot be used, with the reason in words."""


@dataclass(frozen=True)
class CaseFigures:
    """What one case contributes to the statistics: categories only, nothing that names it."""

    received_on: date
    behaviours: tuple[str, ...]  # policy behaviour ids; none recorded: empty
    connection: str  # "student", "staff" or "other" (cases.origin.connection_group)
    respondents: tuple[str, ...]  # RespondentType values of the people it is about
    source: str  # ReportSource value
    anonymous: bool
    historical: Historical
    contact: Contact
    outcome: str | None = None  # the signed decision (an outcome id); None before signing
    consent: ConsentGroup | None = None  # None before signing
    working_days_to_meeting: int | None = None
    department: str = ""  # an imported report's department; "" when not recorded

    def __post_init__(self) -> None:
        # Two figures count the same cases; the disclosure control relies on it.
        if self.anonymous != (self.contact is Contact.NOT_APPLICABLE):
            raise ValueError("contact is 'not applicable' exactly when the report is anonymous")
        if (self.outcome is None) != (self.consent is None):
            raise ValueError("a signed decision has both an outcome and a consent group")


@dataclass(frozen=True)
class Quarter:
    year: int
    number: int

    @property
    def id(self) -> str:
        return f"{self.year}-Q{self.number}"

    @property
    def first_day(self) -> date:
        return date(self.year, 3 * self.number - 2, 1)

    @property
    def last_day(self) -> date:
        month = 3 * self.number
        following = date(self.year + month // 12, month % 12 + 1, 1)
        return date.fromordinal(following.toordinal() - 1)

    def label(self) -> str:
        first = 3 * self.number - 3
        return f"{_MONTHS[first]}–{_MONTHS[first + 2]} {self.year}"

    @classmethod
    def of(cls, day: date) -> Quarter:
        return cls(day.year, (day.month - 1) // 3 + 1)

    @classmethod
    def parse(cls, text: str) -> Quarter:
        year, _, number = text.partition("-Q")
        if not (year.isdigit() and len(year) == 4 and number in ("1", "2", "3", "4")):
            raise CountsError(f"{text!r} is not a quarter (like 2026-Q1)")
        return cls(int(year), int(number))


def quarters(start: date, end: date) -> tuple[Quarter, ...]:
    """The calendar quarters the period touches, in order."""
    if end < start:
        raise CountsError("the period ends before it starts")
    found = []
    current = Quarter.of(start)
    while current.first_day <= end:
        found.append(current)
        following = current.last_day.toordinal() + 1
        current = Quarter.of(date.fromordinal(following))
    return tuple(found)


def long_date(day: date) -> str:
    return f"{day.day} {_LONG_MONTHS[day.month - 1]} {day.year}"


def period_words(start: date, end: date) -> str:
    return f"{long_date(start)} to {long_date(end)}"


def department_key(name: str) -> str:
    """Departments as one key however they were typed: case, accents and spacing ignored."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    kept = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(kept.split())


# -- counting ----------------------------------------------------------------------------------


Table = dict[str, dict[str, int]]  # category id -> quarter id -> count


@dataclass(frozen=True)
class Counts:
    """Unsuppressed counts for one period: never published as they are."""

    start: date
    end: date
    cases: dict[str, int]  # quarter id -> cases received
    tables: dict[str, Table]  # figure id -> category id -> quarter id -> count
    days: dict[str, dict[int, int]]  # quarter id -> working days to meeting -> meetings
    departments: dict[str, str] = field(default_factory=dict)  # key -> the name as written

    @property
    def quarters(self) -> tuple[Quarter, ...]:
        return quarters(self.start, self.end)

    def total_cases(self) -> int:
        return sum(self.cases.values())

    # -- the count file's payload ------------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        return {
            "format": COUNTS_FORMAT,
            "version": COUNTS_VERSION,
            "period": {"from": self.start.isoformat(), "to": self.end.isoformat()},
            "cases": dict(sorted(self.cases.items())),
            "tables": {
                figure: {row: dict(sorted(cells.items())) for row, cells in sorted(rows.items())}
                for figure, rows in sorted(self.tables.items())
            },
            "working_days_to_meeting": {
                quarter: {str(days): n for days, n in sorted(spread.items())}
                for quarter, spread in sorted(self.days.items())
            },
            "departments": dict(sorted(self.departments.items())),
        }

    @classmethod
    def from_json(cls, raw: object) -> Counts:
        """Counts from a file's payload, checked: refused with the reason when anything is off."""
        reader = _Reader()
        return reader.counts(raw)


def count(figures: Iterable[CaseFigures], start: date, end: date) -> Counts:
    """Count the cases received in [start, end] by quarter (others are ignored)."""
    quarters(start, end)  # refuses a period that ends before it starts
    cases: dict[str, int] = {}
    tables: dict[str, Table] = {figure.value: {} for figure in Figure}
    days: dict[str, dict[int, int]] = {}
    departments: dict[str, str] = {}

    def add(figure: Figure, row: str, quarter: str) -> None:
        cells = tables[figure.value].setdefault(row, {})
        cells[quarter] = cells.get(quarter, 0) + 1

    for case in figures:
        if not start <= case.received_on <= end:
            continue
        quarter = Quarter.of(case.received_on).id
        cases[quarter] = cases.get(quarter, 0) + 1
        for behaviour in dict.fromkeys(case.behaviours) or (NOT_RECORDED,):
            add(Figure.BEHAVIOUR, behaviour, quarter)
        add(Figure.CONNECTION, case.connection, quarter)
        for kind in dict.fromkeys(case.respondents) or (RespondentType.UNKNOWN.value,):
            add(Figure.RESPONDENT, kind, quarter)
        add(Figure.ROUTE, case.source, quarter)
        add(Figure.OUTCOME, case.outcome or NOT_YET, quarter)
        add(Figure.CONSENT, case.consent.value if case.consent else NOT_YET, quarter)
        anonymity = Anonymity.ANONYMOUS if case.anonymous else Anonymity.NAMED
        add(Figure.ANONYMOUS, anonymity.value, quarter)
        add(Figure.HISTORICAL, case.historical.value, quarter)
        add(Figure.CONTACT, case.contact.value, quarter)
        key = department_key(case.department)
        add(Figure.DEPARTMENT, key or NOT_RECORDED, quarter)
        if key:
            departments.setdefault(key, " ".join(case.department.split()))
        if case.working_days_to_meeting is not None:
            spread = days.setdefault(quarter, {})
            spread[case.working_days_to_meeting] = spread.get(case.working_days_to_meeting, 0) + 1
    return Counts(start, end, cases, tables, days, departments)


def merge(parts: Sequence[Counts]) -> Counts:
    """Several officers' counts for the same period, added up."""
    if not parts:
        raise CountsError("there are no counts to merge")
    first = parts[0]
    for other in parts[1:]:
        if (other.start, other.end) != (first.start, first.end):
            raise CountsError(
                f"the counts cover different periods ({period_words(first.start, first.end)} "
                f"and {period_words(other.start, other.end)}): export them for the same period"
            )
    cases: dict[str, int] = {}
    tables: dict[str, Table] = {}
    days: dict[str, dict[int, int]] = {}
    departments: dict[str, str] = {}
    for part in parts:
        _add_into(cases, part.cases)
        for figure, rows in part.tables.items():
            target = tables.setdefault(figure, {})
            for row, cells in rows.items():
                _add_into(target.setdefault(row, {}), cells)
        for quarter, spread in part.days.items():
            _add_into(days.setdefault(quarter, {}), spread)
        for key, name in part.departments.items():
            departments.setdefault(key, name)
    return Counts(first.start, first.end, cases, tables, days, departments)


def _add_into(target: dict[Any, int], source: Mapping[Any, int]) -> None:
    for key, value in source.items():
        target[key] = target.get(key, 0) + value


# -- publishing --------------------------------------------------------------------------------


class RowKind(StrEnum):
    COUNT = "count"
    TOTAL = "total"  # all cases received
    SHARE = "share"  # a percentage worked out from published counts
    MEASURE = "measure"  # working days: median, shortest, longest


@dataclass(frozen=True)
class PublishedRow:
    label: str
    cells: tuple[str, ...]  # one per column: quarters, then the period's total
    kind: RowKind = RowKind.COUNT
    values: tuple[int | None, ...] = ()  # the rounded counts (None when suppressed)


@dataclass(frozen=True)
class PublishedTable:
    id: str
    title: str
    note: str
    rows: tuple[PublishedRow, ...]
    chart: bool = True  # the committee would rather look than read: a bar chart of the total


@dataclass(frozen=True)
class PublishedStatistics:
    """Exactly what the committee sees: every figure is a published string."""

    title: str
    period: str
    columns: tuple[str, ...]  # quarter labels, then "Total"
    tables: tuple[PublishedTable, ...]
    rule: str = RULE
    source: str = ""  # e.g. "3 officers' vaults, each count file's signature verified"

    def table(self, table_id: str) -> PublishedTable:
        for table in self.tables:
            if table.id == table_id:
                return table
        raise KeyError(table_id)


@dataclass(frozen=True)
class Words:
    """The words for every category id (from the policy and the case model): no id is shown."""

    behaviours: Mapping[str, str]  # policy order
    outcomes: Mapping[str, str]  # policy order
    respondents: Mapping[str, str]


TITLES = {
    Figure.BEHAVIOUR: "Kinds of behaviour reported",
    Figure.CONNECTION: "The reporter's connection to the University",
    Figure.RESPONDENT: "Who the concern is about",
    Figure.ROUTE: "How the report came in",
    Figure.OUTCOME: "Outcome of the triage meeting",
    Figure.ANONYMOUS: "Anonymous reports",
    Figure.HISTORICAL: "Historical reports",
    Figure.CONTACT: "First contact within 2 working days",
    Figure.CONSENT: "The decision and the reporter's consent",
    Figure.DEPARTMENT: "Department (reports imported from the Support and Report tool)",
}
NOTES = {
    Figure.BEHAVIOUR: "A report can describe more than one kind of behaviour, so the rows can add "
    "up to more than the cases received.",
    Figure.CONNECTION: "Students at any level; staff; everyone else (visitors, others, and "
    "reporters who preferred not to say).",
    Figure.RESPONDENT: "A report can be about more than one person, so the rows can add up to more "
    "than the cases received.",
    Figure.ROUTE: "How each report reached the service.",
    Figure.OUTCOME: "The officer's decision in the signed triage summary.",
    Figure.ANONYMOUS: "Share: anonymous reports among all cases received.",
    Figure.HISTORICAL: "Historical: the first incident was more than six months before the "
    "report. Share: historical reports among all cases received.",
    Figure.CONTACT: "Met: the reporter was contacted within 2 working days of the report. Not "
    "applicable: anonymous reports, which have no one to contact.",
    Figure.CONSENT: "From the signed triage summary: the reporter chose the decision; it needed "
    "their agreement, and they gave it; or the officer acts without their consent (only on a "
    "safeguarding concern or a significant risk).",
    Figure.DEPARTMENT: "Departments with fewer than 5 cases in the period are counted together.",
}
CATEGORY_WORDS: dict[Figure, dict[str, str]] = {
    Figure.CONNECTION: {"student": "Student", "staff": "Staff", "other": "Other or not said"},
    Figure.ROUTE: {source.value: words for source, words in SOURCE_WORDS.items()},
    Figure.ANONYMOUS: {"anonymous": "Anonymous", "named": "Named"},
    Figure.HISTORICAL: {
        "historical": "Historical (over six months before the report)",
        "recent": "Within six months of the report",
        "not_known": "Date of the incident not known",
    },
    Figure.CONTACT: {
        "met": "Met: contacted within 2 working days",
        "missed": "Missed: contacted later, or not yet and overdue",
        "not_applicable": "Not applicable: anonymous report",
        "not_yet_due": "Not contacted yet, not yet due",
    },
    Figure.CONSENT: {
        "reporter_chose": "What the reporter asked for",
        "reporter_agreed": "Needed the reporter's agreement, and they agreed",
        "without_consent": "Acting without the reporter's consent",
        "not_recorded": "Not recorded",
        NOT_YET: "No signed decision yet",
    },
}
ALL_CASES = "All cases received"
DAYS_TITLE = "Working days from report to triage meeting"
DAYS_NOTE = (
    "Working days exclude weekends, bank holidays in England and the University's closure days. "
    "Shown only where at least 5 meetings were held; [c] otherwise."
)


def _rows(figure: Figure, counts: Counts, words: Words) -> list[tuple[str, str]]:
    """(category id, words) in the order the committee reads them; every category always."""
    seen = set(counts.tables.get(figure.value, {}))
    if figure is Figure.BEHAVIOUR:
        rows = list(words.behaviours.items())
        rows += [(b, "Another kind of behaviour") for b in sorted(seen - set(words.behaviours))]
        rows = [r for r in rows if r[0] != NOT_RECORDED]
        return [*rows, (NOT_RECORDED, "Not recorded")]
    if figure is Figure.OUTCOME:
        rows = list(words.outcomes.items())
        rows += [(o, "Another outcome") for o in sorted(seen - set(words.outcomes) - {NOT_YET})]
        return [*rows, (NOT_YET, "No signed decision yet")]
    if figure is Figure.RESPONDENT:
        return [(t.value, words.respondents.get(t.value, t.value)) for t in RespondentType]
    return list(CATEGORY_WORDS[figure].items())


def _department_rows(counts: Counts) -> tuple[list[tuple[str, str]], dict[str, list[str]]]:
    """Departments with at least 5 cases by name (alphabetical); the rest together."""
    table = counts.tables.get(Figure.DEPARTMENT.value, {})
    named: list[str] = []
    small: list[str] = []
    for key, cells in table.items():
        if key == NOT_RECORDED:
            continue
        (named if sum(cells.values()) >= disclosure.THRESHOLD else small).append(key)
    named.sort(key=lambda k: (counts.departments.get(k) or k).casefold())
    rows = [(k, counts.departments.get(k, k)) for k in named]
    rows.append((OTHER_DEPARTMENTS, "Other departments (fewer than 5 cases each)"))
    rows.append((NOT_RECORDED, "Not recorded (cases recorded by hand)"))
    return rows, {OTHER_DEPARTMENTS: small}


# Counts two tables both show, by the row that shows them: (figure, row) -> the other table.
SHARED_ROWS = {
    Figure.ANONYMOUS: (Anonymity.ANONYMOUS.value, Figure.CONTACT),
    Figure.CONTACT: (Contact.NOT_APPLICABLE.value, Figure.ANONYMOUS),
    Figure.OUTCOME: (NOT_YET, Figure.CONSENT),
    Figure.CONSENT: (NOT_YET, Figure.OUTCOME),
}
CASES = "cases"


def _cell_key(figure: Figure, row: str, column: str) -> tuple[str, str, str]:
    """The key of one count; counts that are the same number share a key across tables."""
    if figure is Figure.CONTACT and row == Contact.NOT_APPLICABLE:
        return (Figure.ANONYMOUS.value, Anonymity.ANONYMOUS.value, column)
    if figure is Figure.CONSENT and row == NOT_YET:
        return (Figure.OUTCOME.value, NOT_YET, column)
    return (figure.value, row, column)


def _cases_key(column: str) -> tuple[str, str]:
    return (CASES, column)


class _Grid:
    """The tables' shape, for proposing witnesses (`disclosure.Move`): one case in another
    category, two cases swapped between quarters, one case more or less in a quarter."""

    def __init__(self, quarters: Sequence[str], layout: Mapping[Figure, Sequence[str]]) -> None:
        self.quarters = list(quarters)
        self.layout = layout
        self.where: dict[Any, list[tuple[Figure, str, str]]] = {}
        for figure, rows in layout.items():
            for row in rows:
                for column in [*self.quarters, TOTAL]:
                    self.where.setdefault(_cell_key(figure, row, column), []).append(
                        (figure, row, column)
                    )

    def moves(self, key: Any, room: disclosure.Room) -> Iterator[dict[Any, int]]:
        if key[0] == CASES:
            column = key[1]
            for quarter in self.quarters if column == TOTAL else [column]:
                for sign in (1, -1):
                    yield self._case(quarter, sign, {}, room)
            return
        for figure, row, column in self.where.get(key, ()):
            for quarter in self.quarters if column == TOTAL else [column]:
                for other in self.layout[figure]:
                    if other != row:
                        yield from self._between(figure, quarter, row, other)
                        yield from self._between(figure, quarter, other, row)
                for sign in (1, -1):
                    yield self._case(quarter, sign, {figure: row}, room)
                if column != TOTAL:
                    yield from self._rectangles(figure, row, quarter)

    def _shift(self, figure: Figure, row: str, quarter: str, change: int) -> dict[Any, int]:
        return {_cell_key(figure, row, quarter): change, _cell_key(figure, row, TOTAL): change}

    def _between(
        self, figure: Figure, quarter: str, source: str, target: str
    ) -> Iterator[dict[Any, int]]:
        """One case of `quarter` counted under `target` instead of `source`."""
        move = _merged(
            self._shift(figure, source, quarter, -1), self._shift(figure, target, quarter, 1)
        )
        shared = SHARED_ROWS.get(figure)
        if shared is None or shared[0] not in (source, target):
            yield move
            return
        row, partner = shared  # the other table shows that row too: it moves there as well
        change = 1 if row == source else -1
        for other in self.layout[partner]:
            if other != SHARED_ROWS[partner][0]:
                yield _merged(move, self._shift(partner, other, quarter, change))

    def _rectangles(self, figure: Figure, row: str, quarter: str) -> Iterator[dict[Any, int]]:
        """One case of `row` moves quarter, one of another row moves back: totals unchanged."""
        shared = {SHARED_ROWS[figure][0]} if figure in SHARED_ROWS else set()
        if row in shared:
            return
        for other_quarter in self.quarters:
            if other_quarter == quarter:
                continue
            for other in self.layout[figure]:
                if other == row or other in shared:
                    continue
                for sign in (1, -1):
                    yield {
                        _cell_key(figure, row, quarter): sign,
                        _cell_key(figure, row, other_quarter): -sign,
                        _cell_key(figure, other, quarter): -sign,
                        _cell_key(figure, other, other_quarter): sign,
                    }

    def _case(
        self, quarter: str, sign: int, forced: Mapping[Figure, str], room: disclosure.Room
    ) -> dict[Any, int]:
        """One case more (or less) in `quarter`, in a category of every table with room."""
        chosen = dict(forced)
        for figure in self.layout:
            if figure in chosen:
                continue
            shared = SHARED_ROWS.get(figure)
            if shared is not None and shared[1] in chosen:
                # The other table of the pair decided: the same case, counted consistently.
                if chosen[shared[1]] == SHARED_ROWS[shared[1]][0]:
                    chosen[figure] = shared[0]
                else:
                    chosen[figure] = self._roomy(figure, quarter, sign, room, skip=shared[0])
            else:
                chosen[figure] = self._roomy(figure, quarter, sign, room)
        keys: set[tuple[str, ...]] = {_cases_key(quarter), _cases_key(TOTAL)}
        for figure, row in chosen.items():
            keys.add(_cell_key(figure, row, quarter))
            keys.add(_cell_key(figure, row, TOTAL))
        return dict.fromkeys(keys, sign)

    def _roomy(
        self, figure: Figure, quarter: str, sign: int, room: disclosure.Room, skip: str = ""
    ) -> str:
        rows = [row for row in self.layout[figure] if row != skip]
        for row in rows:
            if room(_cell_key(figure, row, quarter), sign) and room(
                _cell_key(figure, row, TOTAL), sign
            ):
                return row
        return rows[0]


def _merged(*moves: Mapping[Any, int]) -> dict[Any, int]:
    found: dict[Any, int] = {}
    for move in moves:
        for key, change in move.items():
            found[key] = found.get(key, 0) + change
    return {key: change for key, change in found.items() if change}


def publish(counts: Counts, words: Words, *, title: str, source: str = "") -> PublishedStatistics:
    """The committee's tables, disclosure control applied over all of them at once."""
    periods = counts.quarters
    columns = [q.id for q in periods] + [TOTAL]
    values: dict[Any, int] = {}
    relations: list[disclosure.Relation] = []
    layout: dict[Figure, list[tuple[str, str]]] = {}

    def add_row(key_of: Any, quarterly: Mapping[str, int]) -> None:
        keys = [key_of(q.id) for q in periods]
        total = key_of(TOTAL)
        if total in values:
            return  # a count shared with another table: already there with its relations
        for key, quarter in zip(keys, periods, strict=True):
            values[key] = quarterly.get(quarter.id, 0)
        values[total] = sum(values[k] for k in keys)
        relations.append(Sum(total, tuple(keys)))

    add_row(_cases_key, counts.cases)
    for figure in Figure:
        table = counts.tables.get(figure.value, {})
        if figure is Figure.DEPARTMENT:
            rows, groups = _department_rows(counts)
            table = dict(table)
            table[OTHER_DEPARTMENTS] = {}
            for member in groups[OTHER_DEPARTMENTS]:
                _add_into(table[OTHER_DEPARTMENTS], table.pop(member))
        else:
            rows = _rows(figure, counts, words)
        layout[figure] = rows
        for row, _label in rows:
            add_row(
                lambda column, figure=figure, row=row: _cell_key(figure, row, column),
                table.get(row, {}),
            )
        kind = Cover if figure in COVER_FIGURES else Sum
        for column in columns:
            parts = tuple(dict.fromkeys(_cell_key(figure, row, column) for row, _ in rows))
            relations.append(kind(_cases_key(column), parts))
    grid = _Grid([q.id for q in periods], {f: [row for row, _ in r] for f, r in layout.items()})
    shown = disclosure.disclose(values, _distinct(relations), grid.moves)

    labels = (*(q.label() for q in periods), "Total")
    tables = []
    for figure in Figure:
        rows_out = [
            _count_row(label, [shown[_cell_key(figure, row, c)] for c in columns])
            for row, label in layout[figure]
        ]
        rows_out.append(
            _count_row(ALL_CASES, [shown[_cases_key(c)] for c in columns], RowKind.TOTAL)
        )
        share_of = {Figure.ANONYMOUS: Anonymity.ANONYMOUS.value, Figure.HISTORICAL: "historical"}
        if figure in share_of:
            shares = [shown[_cell_key(figure, share_of[figure], c)] for c in columns]
            totals = [shown[_cases_key(c)] for c in columns]
            rows_out.append(
                PublishedRow(
                    "Share of all cases",
                    tuple(_share(p, t) for p, t in zip(shares, totals, strict=True)),
                    RowKind.SHARE,
                )
            )
        tables.append(PublishedTable(figure.value, TITLES[figure], NOTES[figure], tuple(rows_out)))
        if figure is Figure.OUTCOME:
            tables.append(_days_table(counts, columns))
    return PublishedStatistics(
        title=title,
        period=period_words(counts.start, counts.end),
        columns=labels,
        tables=tuple(tables),
        source=source,
    )


def _distinct(relations: list[disclosure.Relation]) -> list[disclosure.Relation]:
    return list(dict.fromkeys(relations))


def _count_row(
    label: str, cells: Sequence[Published], kind: RowKind = RowKind.COUNT
) -> PublishedRow:
    return PublishedRow(
        label,
        tuple(c.text for c in cells),
        kind,
        tuple(None if c.suppressed else c.value for c in cells),
    )


def _share(part: Published, total: Published) -> str:
    if total.kind is Kind.ZERO:
        return "–"
    if part.suppressed or total.suppressed or not total.value:
        return WITHHELD
    return f"{round(100 * (part.value or 0) / total.value)}%"


def _days_table(counts: Counts, columns: Sequence[str]) -> PublishedTable:
    spreads = []
    for column in columns:
        if column == TOTAL:
            merged: dict[int, int] = {}
            for spread in counts.days.values():
                _add_into(merged, spread)
            spreads.append(merged)
        else:
            spreads.append(counts.days.get(column, {}))
    cells: dict[str, list[str]] = {"Median": [], "Shortest": [], "Longest": []}
    for spread in spreads:
        held = sum(spread.values())
        if held < disclosure.THRESHOLD:
            for row in cells.values():
                row.append(WITHHELD if held else "–")
            continue
        days = [d for d, n in sorted(spread.items()) for _ in range(n)]
        cells["Median"].append(_number(pystats.median(days)))
        cells["Shortest"].append(str(days[0]))
        cells["Longest"].append(str(days[-1]))
    rows = tuple(PublishedRow(label, tuple(row), RowKind.MEASURE) for label, row in cells.items())
    return PublishedTable("working_days_to_meeting", DAYS_TITLE, DAYS_NOTE, rows, chart=False)


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


# -- CSV and JSON ----------------------------------------------------------------------------


def to_csv(published: PublishedStatistics) -> str:
    """One row per published row, the rule stated first."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([published.title])
    writer.writerow(["Period", published.period])
    writer.writerow(["Rule", published.rule])
    if published.source:
        writer.writerow(["Source", published.source])
    writer.writerow([])
    writer.writerow(["Figure", "Row", *published.columns])
    for table in published.tables:
        for row in table.rows:
            writer.writerow([table.title, row.label, *row.cells])
    return out.getvalue()


def to_json(published: PublishedStatistics) -> str:
    document = {
        "title": published.title,
        "period": published.period,
        "rule": published.rule,
        "source": published.source,
        "columns": list(published.columns),
        "figures": [
            {
                "id": table.id,
                "title": table.title,
                "note": table.note,
                "rows": [
                    {"label": row.label, "kind": row.kind.value, "cells": list(row.cells)}
                    for row in table.rows
                ],
            }
            for table in published.tables
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


# -- reading a counts payload ----------------------------------------------------------------


class _Reader:
    """Checks an untrusted payload field by field; the first problem is the error."""

    def counts(self, raw: object) -> Counts:
        document = self.mapping(raw, "the counts")
        if document.get("format") != COUNTS_FORMAT:
            raise CountsError("it is not a Triage Desk statistics counts file")
        if document.get("version") != COUNTS_VERSION:
            raise CountsError(
                f"it is version {document.get('version')!r}; this Triage Desk reads version "
                f"{COUNTS_VERSION}"
            )
        period = self.mapping(document.get("period"), "period")
        start, end = self.day(period.get("from"), "period.from"), self.day(period.get("to"), "to")
        allowed = {q.id for q in quarters(start, end)}
        cases = self.cells(document.get("cases"), "cases", allowed)
        tables: dict[str, Table] = {}
        figures = {f.value for f in Figure}
        for figure, rows in self.mapping(document.get("tables"), "tables").items():
            if figure not in figures:
                raise CountsError(f"tables: {figure!r} is not a figure of this version")
            tables[figure] = {}
            for row, cells in self.mapping(rows, f"tables.{figure}").items():
                self.category(row, f"tables.{figure}")
                tables[figure][row] = self.cells(cells, f"tables.{figure}.{row}", allowed)
        days: dict[str, dict[int, int]] = {}
        spreads = self.mapping(document.get("working_days_to_meeting"), "working_days_to_meeting")
        for quarter, spread in spreads.items():
            if quarter not in allowed:
                raise CountsError(f"working_days_to_meeting: {quarter!r} is outside the period")
            days[quarter] = {}
            for text, n in self.mapping(spread, f"working_days_to_meeting.{quarter}").items():
                if not (isinstance(text, str) and text.isdigit() and int(text) <= MAX_DAYS):
                    raise CountsError(f"working_days_to_meeting.{quarter}: {text!r} is not days")
                days[quarter][int(text)] = self.number(n, f"working_days_to_meeting.{quarter}")
        departments = {}
        for key, name in self.mapping(document.get("departments"), "departments").items():
            self.category(key, "departments")
            if not isinstance(name, str) or len(name) > MAX_CATEGORY_ID:
                raise CountsError("departments: a name is not text")
            departments[key] = name
        counts = Counts(start, end, cases, tables, days, departments)
        for figure, rows in tables.items():
            for row, cells in rows.items():
                for quarter, n in cells.items():
                    if n > cases.get(quarter, 0):
                        raise CountsError(
                            f"tables.{figure}.{row}: more cases in {quarter} than were received"
                        )
        return counts

    def mapping(self, raw: object, where: str) -> Mapping[str, Any]:
        if not isinstance(raw, Mapping):
            raise CountsError(f"{where}: expected an object")
        return raw

    def day(self, raw: object, where: str) -> date:
        try:
            return date.fromisoformat(str(raw))
        except ValueError:
            raise CountsError(f"{where}: {raw!r} is not a date") from None

    def category(self, raw: object, where: str) -> None:
        if not (isinstance(raw, str) and 0 < len(raw) <= MAX_CATEGORY_ID and raw.isprintable()):
            raise CountsError(f"{where}: {raw!r} is not a category")

    def number(self, raw: object, where: str) -> int:
        if isinstance(raw, bool) or not isinstance(raw, int) or not 0 <= raw <= MAX_COUNT:
            raise CountsError(f"{where}: {raw!r} is not a count")
        return raw

    def cells(self, raw: object, where: str, allowed: set[str]) -> dict[str, int]:
        found = {}
        for quarter, n in self.mapping(raw, where).items():
            if quarter not in allowed:
                raise CountsError(f"{where}: {quarter!r} is outside the period")
            found[quarter] = self.number(n, f"{where}.{quarter}")
        return found
