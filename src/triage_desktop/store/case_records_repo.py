"""Every case with its meeting record and what an imported report said, in one read: for the
reads that look across all cases without opening any of them for display (the oversight
statistics, which keep only categories; the person search of a subject access request, which
keeps only where a name was found).

Each caller audits its read once (`database.VaultDatabase.statistics_rows`,
`person_search_rows`), not once per case.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from triage_desktop.cases.model import Case
from triage_desktop.store.codec import CASE_COLUMNS, case_from_row, dump_time
from triage_desktop.store.connection import Connection

STATISTICS_ACTION = "statistics"  # + ":<from>..<to>"
_WIDTH = len(CASE_COLUMNS.split(","))
_PREFIXED = ", ".join(f"c.{column.strip()}" for column in CASE_COLUMNS.split(","))
_SELECT = (
    f"SELECT {_PREFIXED}, m.record_json, o.department, o.excluded_people_json "  # noqa: S608
    "FROM cases AS c LEFT JOIN meetings AS m ON m.case_id = c.id "
    "LEFT JOIN report_origins AS o ON o.case_id = c.id"
)


@dataclass(frozen=True)
class CaseRecord:
    case: Case
    meeting: dict[str, Any] | None  # the meeting record's JSON document, if there is one
    department: str = ""  # an imported report's department ("" for a case recorded by hand)
    excluded_people: tuple[str, ...] = ()  # an imported report's people not to contact


def _record(row: tuple[Any, ...]) -> CaseRecord:
    record_json, department, excluded_json = row[_WIDTH], row[_WIDTH + 1], row[_WIDTH + 2]
    meeting = json.loads(record_json) if record_json else None
    excluded = json.loads(excluded_json) if excluded_json else []
    return CaseRecord(
        case_from_row(tuple(row[:_WIDTH])),
        meeting if isinstance(meeting, dict) else None,
        department or "",
        tuple(str(name) for name in excluded),
    )


def received_between(
    con: Connection, received_from: datetime, received_before: datetime
) -> list[CaseRecord]:
    """Cases received in [received_from, received_before) (UTC instants)."""
    rows = con.execute(
        f"{_SELECT} WHERE c.received_at >= ? AND c.received_at < ? ORDER BY c.id",
        (dump_time(received_from), dump_time(received_before)),
    )
    return [_record(tuple(row)) for row in rows]


def every_case(con: Connection) -> list[CaseRecord]:
    return [_record(tuple(row)) for row in con.execute(f"{_SELECT} ORDER BY c.id")]
