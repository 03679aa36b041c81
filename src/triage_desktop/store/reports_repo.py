"""Reports imported from the Support and Report tool: the ledger of source ids, what each report
said (its origin), and the insert of a whole file inside the caller's one transaction.

The ledger's unique index on (source, source_report_id) is the de-duplication key. Its rows are
identifiers only (a source id, a case reference), so they outlive a purged case: a re-import of
an old export never brings a deleted report back.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from triage_desktop.cases.model import Case, ReportSource
from triage_desktop.cases.origin import (
    ImportedReportRef,
    ImportOutcome,
    ImportRecord,
    OnBehalfOf,
    ReportOrigin,
    ReportRoute,
)
from triage_desktop.store import cases_repo
from triage_desktop.store.codec import dump_time, load_time
from triage_desktop.store.connection import Connection

if TYPE_CHECKING:
    from triage_desktop.cases.origin import ImportedReport

SOURCE = ReportSource.REPORT_AND_SUPPORT.value
_CHUNK = 500  # ids per IN (...) query: well under SQLite's variable limit
PROGRESS_STEPS = 200

AuditNew = Callable[[Case, ReportOrigin], None]
Progress = Callable[[int, int], None]


def origin_columns(origin: ReportOrigin) -> dict[str, Any]:
    return {
        "submitted_at": origin.submitted_at.isoformat(),  # with the offset it was given
        "route": origin.route.value,
        "on_behalf_of": origin.on_behalf_of.value,
        "department": origin.department,
        "preferred_service": origin.preferred_service,
        "excluded_people_json": json.dumps(list(origin.excluded_people), ensure_ascii=False),
        "incident_dates_json": json.dumps(list(origin.incident_dates)),
        "locations": origin.locations,
    }


def origin_content(origin: ReportOrigin) -> dict[str, Any]:
    """What the audit entry's content hash covers, beside the case's own columns."""
    return {"source_report_id": origin.source_report_id, **origin_columns(origin)}


def search_text(origin: ReportOrigin) -> tuple[str, str]:
    """(names, body) for the full-text index: excluded people are names; the source id and the
    reporter's own words for where it happened are text to find the case by."""
    body = "\n".join(part for part in (origin.source_report_id, origin.locations) if part)
    return "\n".join(origin.excluded_people), body


_ORIGIN_COLUMNS = (
    "o.submitted_at, o.route, o.on_behalf_of, o.department, o.preferred_service, "
    "o.excluded_people_json, o.incident_dates_json, o.locations, r.source_report_id, r.source"
)


def origin(con: Connection, case_id: int) -> ReportOrigin | None:
    row = con.execute(
        f"SELECT {_ORIGIN_COLUMNS} FROM report_origins o "  # noqa: S608 - fixed column names
        "JOIN imported_reports r ON r.case_id = o.case_id WHERE o.case_id = ?",
        (case_id,),
    ).fetchone()
    if row is None:
        return None
    (submitted, route, on_behalf_of, department, service, excluded, dates, locations) = row[:8]
    return ReportOrigin(
        source_report_id=row[8],
        submitted_at=load_time(submitted),
        route=ReportRoute(route),
        on_behalf_of=OnBehalfOf(on_behalf_of),
        department=department,
        preferred_service=service,
        excluded_people=tuple(json.loads(excluded)),
        incident_dates=tuple(json.loads(dates)),
        locations=locations,
        source=ReportSource(row[9]),
    )


def stored_search_text(con: Connection, case_id: int) -> tuple[str, str]:
    """The origin's index text for a case that has one, ("", "") otherwise (cases_repo keeps
    it in the index when the officer edits the case)."""
    found = origin(con, case_id)
    return ("", "") if found is None else search_text(found)


def known(con: Connection, source_ids: Sequence[str]) -> dict[str, ImportedReportRef]:
    """The ledger entries of those source ids that the vault has imported before."""
    found: dict[str, ImportedReportRef] = {}
    unique = list(dict.fromkeys(source_ids))
    for start in range(0, len(unique), _CHUNK):
        chunk = unique[start : start + _CHUNK]
        marks = ", ".join("?" for _ in chunk)
        rows = con.execute(
            "SELECT r.source_report_id, r.case_reference, r.case_id, i.file_sha256 "  # noqa: S608
            "FROM imported_reports r JOIN report_imports i ON i.id = r.import_id "
            f"WHERE r.source = ? AND r.source_report_id IN ({marks})",
            (SOURCE, *chunk),
        ).fetchall()
        for source_id, reference, case_id, sha in rows:
            found[source_id] = ImportedReportRef(source_id, reference, case_id, sha)
    return found


def import_batch(
    con: Connection,
    reports: Sequence[ImportedReport],
    contact_by: Sequence[date | None],
    record: ImportRecord,
    *,
    officer_id: int | None,
    now: datetime,
    audit_new: AuditNew,
    progress: Progress | None = None,
) -> ImportOutcome:
    """Create a case for every report the vault does not have yet, in the caller's transaction.

    New cases are numbered in the order the reports were submitted. `progress(done, total)` is
    called as cases are created; if it raises, the caller's transaction rolls everything back.
    """
    if len(contact_by) != len(reports):
        raise ValueError("one contact-by date (or None) per report")
    existing = known(con, [report.origin.source_report_id for report in reports])
    new = [
        (report, due)
        for report, due in zip(reports, contact_by, strict=True)
        if report.origin.source_report_id not in existing
    ]
    new.sort(key=lambda pair: (pair[0].details.received_at, pair[0].row))
    cursor = con.execute(
        "INSERT INTO report_imports (at, officer_id, file_sha256, file_format, schema_version, "
        "mapping_version, reports, created, duplicates) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            dump_time(now),
            officer_id,
            record.file_sha256,
            record.file_format,
            record.schema_version,
            record.mapping_version,
            len(reports),
            len(new),
            len(reports) - len(new),
        ),
    )
    import_id = int(cursor.lastrowid)
    step = max(1, len(new) // PROGRESS_STEPS)
    created: list[tuple[str, str]] = []
    for done, (report, due) in enumerate(new, start=1):
        case = cases_repo.insert(
            con,
            report.details,
            status=report.status,
            contact_by=due,
            now=now,
            closed_at=report.closed_at,
            extra_search=search_text(report.origin),
        )
        columns = {"case_id": case.id, **origin_columns(report.origin)}
        names = ", ".join(columns)
        marks = ", ".join("?" for _ in columns)
        con.execute(
            f"INSERT INTO report_origins ({names}) VALUES ({marks})",  # noqa: S608
            tuple(columns.values()),
        )
        con.execute(
            "INSERT INTO imported_reports (source, source_report_id, import_id, case_id, "
            "case_reference) VALUES (?, ?, ?, ?, ?)",
            (SOURCE, report.origin.source_report_id, import_id, case.id, case.reference),
        )
        audit_new(case, report.origin)
        created.append((report.origin.source_report_id, case.reference))
        if progress is not None and (done % step == 0 or done == len(new)):
            progress(done, len(new))
    duplicates = tuple(
        (report.origin.source_report_id, existing[report.origin.source_report_id].case_reference)
        for report in reports
        if report.origin.source_report_id in existing
    )
    return ImportOutcome(import_id, tuple(created), duplicates)
