"""Reports in from the Support and Report tool: check a file (the dry run), import it in one
transaction, reconcile any file with the vault, and offer to delete the plaintext source.

The file is read once into memory, capped at MAX_FILE_BYTES, and never copied anywhere: the
contract (reports.contract) checks the bytes, the vault stores the cases encrypted. Everything
here blocks its caller; the GUI calls it on a worker (AppContext.run), the CLI directly.
"""

from __future__ import annotations

import gc
import hashlib
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from triage_desktop.cases.model import CaseStatus
from triage_desktop.cases.origin import ImportedReportRef, ImportOutcome, ImportRecord
from triage_desktop.reports.contract import (
    MAX_FILE_BYTES,
    NO_MAPPING,
    ImportMapping,
    ImportProblem,
    ReportBatch,
    ReportFileError,
    check_size,
    parse_mapping,
    read_report_ids,
    read_reports,
)
from triage_desktop.services.errors import VaultError
from triage_desktop.services.session import contact_by_for

if TYPE_CHECKING:
    from triage_desktop.services.session import VaultService

MAX_MAPPING_BYTES = 1024 * 1024
PLAINTEXT_WARNING = (
    "{name} holds personal data in plain text: anyone who can read this computer's files can "
    "read it."
)
NO_COPY_MADE = "Triage Desk made no copy of it; its reports are now encrypted in the vault."
DELETE_CAVEAT = (
    "Deleting overwrites the file once and removes it. On an SSD, and in backups or synced "
    "folders, old copies of its contents may survive all the same: only the disk's own "
    "encryption protects those."
)
OVERWRITE_CHUNK = 1024 * 1024


_gc_lock = threading.Lock()
_gc_pauses = 0
_gc_was_enabled = True


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a whole file is checked or imported.

    Why: a full collection walks every live object while holding the interpreter lock. With
    10,000 reports in memory the passes that building them triggers stalled the GUI thread by
    70-120 ms (benchmarks/import_bench.py, when this was written). What an import
    builds holds no reference cycles, so reference counting frees it all the same. At the end
    the survivors (the plan the dialog shows) are frozen like the start-up objects
    (gui/workspace_warm_up.freeze_long_lived_objects), so no later pass walks them either;
    reference counting still frees them (tests/services/test_import_memory.py).
    """
    global _gc_pauses, _gc_was_enabled  # noqa: PLW0603 - the collector is process-wide
    with _gc_lock:
        if _gc_pauses == 0:
            _gc_was_enabled = gc.isenabled()
            gc.disable()
        _gc_pauses += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_pauses -= 1
            if _gc_pauses == 0:
                gc.freeze()
                if _gc_was_enabled:
                    gc.enable()


class SourceFileError(VaultError):
    """The report or mapping file cannot be read or deleted (missing, a folder, no access)."""


# -- reading the files --------------------------------------------------------------------------


def read_source(path: Path) -> bytes:
    """The file's bytes, once, into memory. Too big: refused before reading, nothing copied."""
    try:
        if not path.is_file():
            raise SourceFileError(
                f"{path} is not a file." if path.exists() else f"{path}: no such file."
            )
        check_size(path.stat().st_size)
        with path.open("rb") as handle:
            return handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise SourceFileError(f"{path} cannot be read ({error.strerror}).") from error


def load_mapping(path: Path | None) -> ImportMapping:
    if path is None:
        return NO_MAPPING
    data = read_source(path)[: MAX_MAPPING_BYTES + 1]
    if len(data) > MAX_MAPPING_BYTES:
        raise ReportFileError([ImportProblem(path.name, "a mapping file of at most 1 MB")])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ReportFileError([ImportProblem(path.name, "UTF-8 text (TOML)")]) from None
    return parse_mapping(text, path.name)


# -- the dry run --------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlannedReport:
    """What importing one row will do."""

    row: int
    source_report_id: str
    submitted_at: datetime
    anonymous: bool
    status: CaseStatus
    contact_by: date | None
    already_here: ImportedReportRef | None = None
    past_contact_by: bool = False

    @property
    def is_new(self) -> bool:
        return self.already_here is None


@dataclass(frozen=True)
class ImportPlan:
    """The dry run: every report and what will happen to it, past contact-by ones first."""

    path: Path
    sha256: str
    file_format: str
    schema_version: str
    mapping_version: str
    today: date
    reports: tuple[PlannedReport, ...]
    batch: ReportBatch = field(repr=False)

    @property
    def file_name(self) -> str:
        return self.path.name

    @property
    def new(self) -> tuple[PlannedReport, ...]:
        return tuple(r for r in self.reports if r.is_new)

    @property
    def duplicates(self) -> tuple[PlannedReport, ...]:
        return tuple(r for r in self.reports if not r.is_new)

    @property
    def past_contact_by(self) -> tuple[PlannedReport, ...]:
        return tuple(r for r in self.reports if r.past_contact_by)

    def record(self) -> ImportRecord:
        return ImportRecord(
            file_sha256=self.sha256,
            file_format=self.file_format,
            schema_version=self.schema_version,
            mapping_version=self.mapping_version,
            reports=len(self.reports),
        )


def plan_import(
    service: VaultService,
    path: Path,
    mapping_path: Path | None = None,
    *,
    now: datetime | None = None,
    today: date | None = None,
) -> ImportPlan:
    """Check the whole file and say what importing it would do. Writes nothing."""
    with cyclic_gc_paused():
        mapping = load_mapping(mapping_path)
        data = read_source(path)
        batch = read_reports(
            data,
            file_name=path.name,
            mapping=mapping,
            now=now or datetime.now(UTC),
            assigned_officer_id=service.officer_id,
        )
        sha256 = hashlib.sha256(data).hexdigest()
        return _plan(service, path, sha256, batch, today or date.today())


def _contact_dates(service: VaultService, batch: ReportBatch) -> list[date | None]:
    closures = service.settings().closure_days
    return [contact_by_for(report.details, closures) for report in batch.reports]


def _plan(
    service: VaultService, path: Path, sha256: str, batch: ReportBatch, today: date
) -> ImportPlan:
    known = service.imported_reports([r.origin.source_report_id for r in batch.reports])
    planned = []
    for report, due in zip(batch.reports, _contact_dates(service, batch), strict=True):
        here = known.get(report.origin.source_report_id)
        late = (
            here is None
            and due is not None
            and due < today
            and report.status is CaseStatus.AWAITING_CONTACT
        )
        planned.append(
            PlannedReport(
                row=report.row,
                source_report_id=report.origin.source_report_id,
                submitted_at=report.origin.submitted_at,
                anonymous=report.details.anonymous,
                status=report.status,
                contact_by=due,
                already_here=here,
                past_contact_by=late,
            )
        )
    late_first = sorted(
        (p for p in planned if p.past_contact_by), key=lambda p: (p.contact_by, p.row)
    )
    new = [p for p in planned if p.is_new and not p.past_contact_by]
    duplicates = [p for p in planned if not p.is_new]
    return ImportPlan(
        path=path,
        sha256=sha256,
        file_format=batch.file_format,
        schema_version=batch.schema_version,
        mapping_version=batch.mapping_version,
        today=today,
        reports=(*late_first, *new, *duplicates),
        batch=batch,
    )


# -- the import ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportResult:
    plan: ImportPlan
    outcome: ImportOutcome
    reconciliation: Reconciliation

    @property
    def references(self) -> dict[str, str]:
        """Source id to case reference, for every report of the file."""
        return dict(self.outcome.created + self.outcome.duplicates)


class ImportCancelled(VaultError):  # noqa: N818
    """The officer stopped the import: the transaction was rolled back, nothing was imported."""


def run_import(
    service: VaultService,
    plan: ImportPlan,
    progress: Callable[[int, int], None] | None = None,
) -> ImportResult:
    """Import exactly what the plan checked, in one transaction, then reconcile the file.

    `progress(done, total)` is called from the database thread; raising ImportCancelled in it
    rolls the whole import back."""
    with cyclic_gc_paused():
        contact = _contact_dates(service, plan.batch)
        record = plan.record()
        outcome = service.store_imported_reports(plan.batch.reports, contact, record, progress)
        ids = tuple((r.row, r.origin.source_report_id) for r in plan.batch.reports)
        created = {source_id for source_id, _reference in outcome.created}
        reconciliation = _reconcile(service, plan.path, plan.sha256, ids, created=created)
        return ImportResult(plan, outcome, reconciliation)


# -- reconciliation -----------------------------------------------------------------------------


def _count(number: int, word: str) -> str:
    return f"{number:,} {word}{'' if number == 1 else 's'}"


@dataclass(frozen=True)
class Reconciliation:
    """Every report of a file, accounted for in the vault, or named."""

    file_name: str
    reports: int
    with_file: int  # came in with this file: created by this import, or by one of this file
    already: int  # here from an earlier import (another file, or this file imported before)
    after_import: bool
    purged: tuple[tuple[str, str], ...] = ()  # (source id, reference): retention period ended
    missing: tuple[tuple[int, str], ...] = ()  # (row, source id): not in the vault
    unreadable: tuple[ImportProblem, ...] = ()  # rows without a source id
    repeated: tuple[tuple[int, str, int], ...] = ()  # (row, source id, first row)

    @property
    def accounted(self) -> int:
        return self.with_file + self.already + len(self.purged)

    @property
    def ok(self) -> bool:
        return not self.missing and not self.unreadable

    def summary(self) -> str:
        """'1,000 reports in the file = 1,000 cases (990 new, 10 already here).'"""
        if self.after_import:
            parts = [f"{self.with_file:,} new", f"{self.already:,} already here"]
        else:
            parts = [
                f"{self.with_file:,} imported from this file",
                f"{self.already:,} already here from earlier imports",
            ]
        if self.purged:
            parts.append(f"{len(self.purged):,} deleted at the end of their retention period")
        reports = _count(self.reports, "report")
        cases = _count(self.accounted, "case")
        if self.ok:
            return f"{reports} in the file = {cases} ({', '.join(parts)})."
        lost = len(self.missing) + len(self.unreadable)
        return (
            f"{reports} in the file, {cases} here ({', '.join(parts)}): "
            f"{_count(lost, 'report')} NOT accounted for."
        )

    def details(self) -> list[str]:
        """One line per report not accounted for, then the notes."""
        lines = [
            f"NOT IN THE VAULT: report {source_id} (row {row})" for row, source_id in self.missing
        ]
        lines += [f"NOT ACCOUNTED FOR: {problem}" for problem in self.unreadable]
        lines += [
            f"Report {source_id} was deleted at the end of its retention period (case {reference})."
            for source_id, reference in self.purged
        ]
        lines += [
            f"Row {row} repeats report {source_id} (first on row {first}); counted once."
            for row, source_id, first in self.repeated
        ]
        return lines


def reconcile(service: VaultService, path: Path) -> Reconciliation:
    """Compare any export with the vault: each report in it is a case here, or is named.
    Reads only the source ids (a file that would not import can still be checked)."""
    with cyclic_gc_paused():
        data = read_source(path)
        found = read_report_ids(data, file_name=path.name)
        sha256 = hashlib.sha256(data).hexdigest()
        return _reconcile(service, path, sha256, found.ids, created=None, unreadable=found.problems)


def _reconcile(
    service: VaultService,
    path: Path,
    sha256: str,
    ids: Sequence[tuple[int, str]],
    *,
    created: set[str] | None,
    unreadable: Sequence[ImportProblem] = (),
) -> Reconciliation:
    first_row: dict[str, int] = {}
    repeated = []
    for row, source_id in ids:
        earlier = first_row.setdefault(source_id, row)
        if earlier != row:
            repeated.append((row, source_id, earlier))
    known = service.imported_reports(list(first_row))
    with_file = already = 0
    purged, missing = [], []
    for source_id, row in first_row.items():
        here = known.get(source_id)
        if here is None:
            missing.append((row, source_id))
        elif here.case_id is None:
            purged.append((source_id, here.case_reference))
        elif (source_id in created) if created is not None else here.file_sha256 == sha256:
            with_file += 1
        else:
            already += 1
    return Reconciliation(
        file_name=path.name,
        reports=len(first_row) + len(unreadable),
        with_file=with_file,
        already=already,
        after_import=created is not None,
        purged=tuple(purged),
        missing=tuple(missing),
        unreadable=tuple(unreadable),
        repeated=tuple(repeated),
    )


# -- the plaintext source ---------------------------------------------------------------------


def plaintext_warning(path: Path, *, imported: bool = True) -> str:
    warning = PLAINTEXT_WARNING.format(name=path.name)
    return f"{warning} {NO_COPY_MADE}" if imported else warning


def delete_source(path: Path) -> None:
    """Overwrite the file once, flush that to the disk, and remove it (see DELETE_CAVEAT)."""
    try:
        size = path.stat().st_size
        with path.open("r+b") as handle:
            zeros = bytes(OVERWRITE_CHUNK)
            remaining = size
            while remaining > 0:
                remaining -= handle.write(zeros[: min(remaining, OVERWRITE_CHUNK)])
            handle.flush()
            os.fsync(handle.fileno())
        path.unlink()
    except OSError as error:
        raise SourceFileError(f"{path} could not be deleted ({error.strerror}).") from error
