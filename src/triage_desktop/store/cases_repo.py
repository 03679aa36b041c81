"""Cases: insert, update, fetch, list, count and full-text search (FTS5, kept in step here)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from triage_desktop.cases.model import (
    Case,
    CaseDetails,
    CaseFilter,
    CaseRow,
    CaseSort,
    CaseStatus,
    FirstContact,
)
from triage_desktop.cases.reference import CaseReference
from triage_desktop.cases.text import strip_controls
from triage_desktop.store.codec import (
    CASE_COLUMNS,
    ROW_COLUMNS,
    case_from_row,
    case_row_from_row,
    details_columns,
    dump_date,
    dump_time,
)
from triage_desktop.store.connection import Connection
from triage_desktop.store.errors import ConcurrentChangeError, NotFoundError

MAX_PAGE = 1000
_ORDER = {
    CaseSort.RECEIVED_NEWEST: "received_at DESC, id DESC",
    CaseSort.RECEIVED_OLDEST: "received_at ASC, id ASC",
    CaseSort.CONTACT_BY: "contact_by IS NULL, contact_by ASC, id ASC",
    CaseSort.REFERENCE: "reference_year DESC, reference_sequence DESC",
}


def _next_reference(con: Connection, year: int) -> CaseReference:
    row = con.execute(
        "SELECT last_sequence FROM reference_counters WHERE year = ?", (year,)
    ).fetchone()
    sequence = 1 if row is None else row[0] + 1
    con.execute(
        "INSERT INTO reference_counters (year, last_sequence) VALUES (?, ?) "
        "ON CONFLICT(year) DO UPDATE SET last_sequence = excluded.last_sequence",
        (year, sequence),
    )
    return CaseReference(year, sequence)


def _fts_text(details: CaseDetails) -> tuple[str, str]:
    body = "\n".join(
        part
        for part in (
            details.description,
            details.incident_notes,
            details.reporter.notes,
            details.location.detail,
            *(r.details for r in details.respondents),
        )
        if part
    )
    return details.searchable_names(), body


def _index(
    con: Connection,
    case_id: int,
    reference: str,
    details: CaseDetails,
    extra: tuple[str, str] | None = None,
) -> None:
    """Index the case's text, and an imported report's own (`extra`: looked up when None)."""
    from triage_desktop.store import reports_repo  # it builds on this module

    names, body = _fts_text(details)
    extra_names, extra_body = extra or reports_repo.stored_search_text(con, case_id)
    names = "\n".join(part for part in (names, extra_names) if part)
    body = "\n".join(part for part in (body, extra_body) if part)
    con.execute("DELETE FROM case_fts WHERE rowid = ?", (case_id,))
    con.execute(
        "INSERT INTO case_fts (rowid, reference, names, body) VALUES (?, ?, ?, ?)",
        (case_id, reference, names, body),
    )


def insert(
    con: Connection,
    details: CaseDetails,
    *,
    status: CaseStatus,
    contact_by: date | None,
    now: datetime,
    closed_at: datetime | None = None,
    extra_search: tuple[str, str] | None = None,
) -> Case:
    """A new case. An imported closed case keeps its `closed_at`; `extra_search` is an imported
    report's own index text (reports_repo.search_text)."""
    reference = _next_reference(con, details.received_at.year)
    columns: dict[str, Any] = details_columns(details)
    columns.update(
        reference=str(reference),
        reference_year=reference.year,
        reference_sequence=reference.sequence,
        status=status.value,
        contact_by=dump_date(contact_by),
        created_at=dump_time(now),
        updated_at=dump_time(now),
        closed_at=dump_time(closed_at or now) if status is CaseStatus.CLOSED else None,
    )
    names = ", ".join(columns)
    marks = ", ".join("?" for _ in columns)
    cursor = con.execute(f"INSERT INTO cases ({names}) VALUES ({marks})", tuple(columns.values()))  # noqa: S608
    case_id = int(cursor.lastrowid)
    _index(con, case_id, str(reference), details, extra_search or ("", ""))
    return get(con, case_id)


def _check_unchanged(before: Case, expected_updated_at: datetime | None) -> None:
    if expected_updated_at is not None and before.updated_at != expected_updated_at:
        raise ConcurrentChangeError(
            f"Case {before.reference} was changed elsewhere (at "
            f"{before.updated_at:%H:%M:%S}) after you opened it, so your change was not saved. "
            "Open it again to see the current version, then make your change."
        )


def _closed_at(before: Case, status: CaseStatus, now: datetime) -> str | None:
    if status is not CaseStatus.CLOSED:
        return None
    if before.status is CaseStatus.CLOSED and before.closed_at is not None:
        return dump_time(before.closed_at)
    return dump_time(now)


def update(
    con: Connection,
    case_id: int,
    details: CaseDetails,
    *,
    status: CaseStatus | None,
    contact_by: date | None,
    now: datetime,
    expected_updated_at: datetime | None = None,
) -> Case:
    """Replace a case's details (and status; None keeps it), read and written in the caller's
    transaction. With `expected_updated_at`, refuse if someone else changed it since."""
    before = get(con, case_id)
    _check_unchanged(before, expected_updated_at)
    new_status = before.status if status is None else status
    columns: dict[str, Any] = details_columns(details)
    columns.update(
        status=new_status.value,
        contact_by=dump_date(contact_by),
        updated_at=dump_time(now),
        closed_at=_closed_at(before, new_status, now),
    )
    assignments = ", ".join(f"{name} = ?" for name in columns)
    con.execute(
        f"UPDATE cases SET {assignments} WHERE id = ?",  # noqa: S608 - fixed column names
        (*columns.values(), case_id),
    )
    _index(con, case_id, before.reference, details)
    return get(con, case_id)


def set_status(
    con: Connection,
    case_id: int,
    status: CaseStatus,
    *,
    now: datetime,
    expected_updated_at: datetime | None = None,
) -> Case:
    """Move a case to `status` (the details stay as they are in the database)."""
    before = get(con, case_id)
    _check_unchanged(before, expected_updated_at)
    con.execute(
        "UPDATE cases SET status = ?, closed_at = ?, updated_at = ? WHERE id = ?",
        (status.value, _closed_at(before, status, now), dump_time(now), case_id),
    )
    return get(con, case_id)


def get(con: Connection, case_id: int) -> Case:
    row = con.execute(
        f"SELECT {CASE_COLUMNS} FROM cases WHERE id = ?",  # noqa: S608
        (case_id,),
    ).fetchone()
    if row is None:
        raise NotFoundError(f"There is no case with id {case_id}.")
    return case_from_row(row)


def id_for_reference(con: Connection, reference: str) -> int:
    row = con.execute("SELECT id FROM cases WHERE reference = ?", (reference,)).fetchone()
    if row is None:
        raise NotFoundError(f"There is no case {reference}.")
    return int(row[0])


def _where(case_filter: CaseFilter) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if case_filter.statuses:
        clauses.append(f"status IN ({', '.join('?' for _ in case_filter.statuses)})")
        params.extend(s.value for s in case_filter.statuses)
    if case_filter.overdue_on is not None:
        clauses.append(
            "status = ? AND first_contact_on IS NULL AND contact_by IS NOT NULL AND contact_by < ?"
        )
        params.extend((CaseStatus.AWAITING_CONTACT.value, case_filter.overdue_on.isoformat()))
    if case_filter.assigned_officer_id is not None:
        clauses.append("assigned_officer_id = ?")
        params.append(case_filter.assigned_officer_id)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def list_page(
    con: Connection,
    case_filter: CaseFilter,
    sort: CaseSort,
    offset: int,
    limit: int,
) -> list[CaseRow]:
    where, params = _where(case_filter)
    limit = max(0, min(limit, MAX_PAGE))
    rows = con.execute(
        f"SELECT {ROW_COLUMNS} FROM cases{where} ORDER BY {_ORDER[sort]} LIMIT ? OFFSET ?",  # noqa: S608
        (*params, limit, max(0, offset)),
    ).fetchall()
    return [case_row_from_row(r) for r in rows]


def count(con: Connection, case_filter: CaseFilter) -> int:
    where, params = _where(case_filter)
    return int(con.execute(f"SELECT count(*) FROM cases{where}", params).fetchone()[0])  # noqa: S608


def fts_query(text: str) -> str:
    """Turn what the officer typed into a safe FTS5 query: every word, as a prefix, all required."""
    words = [w for w in strip_controls(text).split() if w.strip('"')]
    return " AND ".join('"' + w.replace('"', '""') + '"*' for w in words)


def search(con: Connection, text: str, limit: int = 100) -> list[CaseRow]:
    """Cases matching every word, newest first.

    Newest first rather than by bm25 rank: FTS5 walks its index in rowid order and stops at
    LIMIT, where ranking must score every match (90 ms for a common word in 10,000 cases)."""
    query = fts_query(text)
    if not query:
        return []
    columns = ", ".join(f"c.{c.strip()}" for c in ROW_COLUMNS.split(","))
    rows = con.execute(
        f"SELECT {columns} FROM case_fts JOIN cases c ON c.id = case_fts.rowid "  # noqa: S608
        "WHERE case_fts MATCH ? ORDER BY case_fts.rowid DESC LIMIT ?",
        (query, max(1, min(limit, MAX_PAGE))),
    ).fetchall()
    return [case_row_from_row(r) for r in rows]


def set_legal_hold(con: Connection, case_id: int, hold: bool, now: datetime) -> Case:
    get(con, case_id)
    con.execute(
        "UPDATE cases SET legal_hold = ?, updated_at = ? WHERE id = ?",
        (int(hold), dump_time(now), case_id),
    )
    return get(con, case_id)


def set_first_contact(
    con: Connection, case_id: int, contact: FirstContact, status: CaseStatus, now: datetime
) -> Case:
    get(con, case_id)
    con.execute(
        "UPDATE cases SET first_contact_on = ?, first_contact_method = ?, status = ?, "
        "updated_at = ? WHERE id = ?",
        (contact.on.isoformat(), contact.method.value, status.value, dump_time(now), case_id),
    )
    return get(con, case_id)


def delete(con: Connection, case_id: int) -> None:
    """Remove a case and everything hanging off it (secure_delete overwrites the freed pages)."""
    con.execute("DELETE FROM case_fts WHERE rowid = ?", (case_id,))
    for table in ("meetings", "next_steps", "documents"):
        con.execute(f"DELETE FROM {table} WHERE case_id = ?", (case_id,))  # noqa: S608
    con.execute("DELETE FROM cases WHERE id = ?", (case_id,))
