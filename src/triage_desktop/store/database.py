"""The open vault database: every operation runs on the serial executor; writes are audited in
the same transaction as the change they record, so neither exists without the other.
"""

from __future__ import annotations

import os
import secrets
import shutil
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from triage_desktop.cases.model import (
    AuditEntry,
    Case,
    CaseDetails,
    CaseFilter,
    CaseRow,
    CaseSort,
    CaseStatus,
    FirstContact,
    MeetingRecord,
    NextStep,
    Officer,
    OfficerRole,
    StoredDocument,
)
from triage_desktop.cases.origin import (
    IMPORTED_ACTION,
    ImportedReportRef,
    ImportOutcome,
    ImportRecord,
    ReportOrigin,
    import_action,
)
from triage_desktop.store import audit, cases_repo, migrate, records_repo, reports_repo
from triage_desktop.store.codec import details_columns, dump_time, now_utc
from triage_desktop.store.connection import (
    DB_FILE,
    Connection,
    connect,
    create_private_file,
    raw_key_pragma,
)
from triage_desktop.store.errors import StoreCorruptError
from triage_desktop.store.executor import SerialExecutor

if TYPE_CHECKING:
    from triage_desktop.cases.report_import import ImportedReport

T = TypeVar("T")
MIGRATION_BACKUPS = "migration-backups"
ALL_CASES = CaseFilter()


def _case_content(case: Case) -> dict[str, Any]:
    content: dict[str, Any] = {**details_columns(case.details), "status": case.status.value}
    if case.first_contact is not None:
        contact = case.first_contact
        content["first_contact"] = [contact.on.isoformat(), contact.method.value]
    return content


def initialize(folder: Path, key: bytes | bytearray, *, vault_id: str) -> None:
    """Create the database file at the newest schema with its vault metadata."""
    path = folder / DB_FILE
    migrate.upgrade(path, key)
    con = connect(path, key)
    try:
        con.execute("BEGIN IMMEDIATE")
        records_repo.set_meta(con, "vault_id", vault_id)
        records_repo.set_meta(con, "audit_key", audit.derive_audit_key(key).hex())
        records_repo.set_meta(con, "created_at", dump_time(now_utc()))
        con.execute("COMMIT")
    finally:
        con.close()


def prepare(folder: Path, key: bytes | bytearray) -> str | None:
    """Check the schema; migrate (after an encrypted copy) when older. Return the old revision."""
    path = folder / DB_FILE
    con = connect(path, key)
    try:
        revision = migrate.current_revision(con)
        if revision is None:  # an emptied or foreign file: never "upgrade" it into a new vault
            raise StoreCorruptError(
                "The vault database is empty or is not a Triage Desk database. Nothing was "
                "changed; restore it from a backup."
            )
        if not migrate.needs_upgrade(revision):
            return None
        backups = folder / MIGRATION_BACKUPS
        backups.mkdir(mode=0o700, exist_ok=True)
        stamp = now_utc().strftime("%Y%m%dT%H%M%S")
        copy = backups / f"vault-before-{revision}-{stamp}.db"
        create_private_file(copy)
        con.execute("VACUUM INTO ?", (str(copy),))
    finally:
        con.close()
    migrate.upgrade(path, key)
    return revision


class VaultDatabase:
    """An unlocked vault database. Thread-safe: calls are queued on one worker thread."""

    def __init__(self, folder: Path, key: bytes | bytearray) -> None:
        self.folder = folder
        self.path = folder / DB_FILE
        self._executor = SerialExecutor(lambda: connect(self.path, key))
        try:
            self._audit_key = self._executor.read(audit.load_audit_key)
        except (LookupError, StoreCorruptError) as error:
            self._executor.close()
            raise StoreCorruptError(
                "The vault database is missing its audit key: it is damaged or not a vault."
            ) from error

    # -- plumbing ---------------------------------------------------------------------------

    def close(self) -> None:
        self._executor.close()
        self._audit_key = b""

    def read(self, fn: Callable[[Connection], T]) -> T:
        return self._executor.read(fn)

    def write(self, fn: Callable[[Connection], T]) -> T:
        return self._executor.write(fn)

    def _audit(
        self, con: Connection, officer_id: int | None, action: str, reference: str, content: Any
    ) -> None:
        chash = "" if content is None else audit.content_hash(self._audit_key, content)
        audit.append(
            con,
            self._audit_key,
            officer_id=officer_id,
            action=action,
            case_reference=reference,
            chash=chash,
        )

    # -- officers ---------------------------------------------------------------------------

    def add_officer(self, name: str, role: OfficerRole, email: str = "") -> int:
        def run(con: Connection) -> int:
            officer_id = records_repo.add_officer(con, name, role, email, now_utc())
            self._audit(con, officer_id, "officer_added", "", {"officer_id": officer_id})
            return officer_id

        return self.write(run)

    def officers(self) -> list[Officer]:
        return self.read(records_repo.officers)

    # -- cases ------------------------------------------------------------------------------

    def create_case(
        self, officer_id: int | None, details: CaseDetails, contact_by: date | None
    ) -> Case:
        def run(con: Connection) -> Case:
            case = cases_repo.insert(
                con,
                details,
                status=CaseStatus.AWAITING_CONTACT,
                contact_by=contact_by,
                now=now_utc(),
            )
            self._audit(con, officer_id, "create", case.reference, _case_content(case))
            return case

        return self.write(run)

    def update_case(
        self,
        officer_id: int | None,
        case_id: int,
        details: CaseDetails,
        *,
        status: CaseStatus,
        contact_by: date | None,
    ) -> Case:
        def run(con: Connection) -> Case:
            case = cases_repo.update(
                con, case_id, details, status=status, contact_by=contact_by, now=now_utc()
            )
            self._audit(con, officer_id, "update", case.reference, _case_content(case))
            return case

        return self.write(run)

    def get_case(self, officer_id: int | None, case_id: int) -> Case:
        def run(con: Connection) -> Case:
            case = cases_repo.get(con, case_id)
            self._audit(con, officer_id, "read", case.reference, _case_content(case))
            return case

        return self.write(run)

    def case_id_for(self, reference: str) -> int:
        return self.read(lambda con: cases_repo.id_for_reference(con, reference))

    def list_cases(
        self,
        case_filter: CaseFilter = ALL_CASES,
        sort: CaseSort = CaseSort.RECEIVED_NEWEST,
        offset: int = 0,
        limit: int = 100,
    ) -> list[CaseRow]:
        return self.read(lambda con: cases_repo.list_page(con, case_filter, sort, offset, limit))

    def count_cases(self, case_filter: CaseFilter = ALL_CASES) -> int:
        return self.read(lambda con: cases_repo.count(con, case_filter))

    def search(self, text: str, limit: int = 100) -> list[CaseRow]:
        return self.read(lambda con: cases_repo.search(con, text, limit))

    def record_first_contact(
        self, officer_id: int | None, case_id: int, contact: FirstContact
    ) -> Case:
        """The first contact, and 'awaiting contact' becomes 'meeting arranged' (the contact is
        made to arrange the meeting), in one transaction with its audit entry."""

        def run(con: Connection) -> Case:
            before = cases_repo.get(con, case_id)
            status = before.status
            if status is CaseStatus.AWAITING_CONTACT:
                status = CaseStatus.MEETING_ARRANGED
            case = cases_repo.set_first_contact(con, case_id, contact, status, now_utc())
            self._audit(con, officer_id, "first_contact", case.reference, _case_content(case))
            return case

        return self.write(run)

    def set_legal_hold(self, officer_id: int | None, case_id: int, hold: bool) -> Case:
        def run(con: Connection) -> Case:
            case = cases_repo.set_legal_hold(con, case_id, hold, now_utc())
            action = "legal_hold_on" if hold else "legal_hold_off"
            self._audit(con, officer_id, action, case.reference, {"legal_hold": hold})
            return case

        return self.write(run)

    # -- reports imported from the Support and Report tool ------------------------------------

    def import_reports(
        self,
        officer_id: int | None,
        reports: Sequence[ImportedReport],
        contact_by: Sequence[date | None],
        record: ImportRecord,
        progress: reports_repo.Progress | None = None,
    ) -> ImportOutcome:
        """A whole file in one transaction: each new case with its own audit entry ('imported
        from report <source id>'), then one entry for the import (file SHA-256, counts,
        versions). All of it is committed, or none."""

        def run(con: Connection) -> ImportOutcome:
            def audit_new(case: Case, origin: ReportOrigin) -> None:
                content = {**_case_content(case), "origin": reports_repo.origin_content(origin)}
                action = f"{IMPORTED_ACTION}:{origin.source_report_id}"
                self._audit(con, officer_id, action, case.reference, content)

            outcome = reports_repo.import_batch(
                con,
                reports,
                contact_by,
                record,
                officer_id=officer_id,
                now=now_utc(),
                audit_new=audit_new,
                progress=progress,
            )
            action = import_action(record, len(outcome.created), len(outcome.duplicates))
            content = {"created": outcome.created, "duplicates": outcome.duplicates}
            self._audit(con, officer_id, action, "", content)
            return outcome

        return self.write(run)

    def imported_reports(self, source_ids: Sequence[str]) -> dict[str, ImportedReportRef]:
        return self.read(lambda con: reports_repo.known(con, source_ids))

    def report_origin(self, case_id: int) -> ReportOrigin | None:
        return self.read(lambda con: reports_repo.origin(con, case_id))

    # -- meetings and next steps -------------------------------------------------------------

    def _reference(self, con: Connection, case_id: int) -> str:
        return cases_repo.get(con, case_id).reference

    def save_meeting(self, officer_id: int | None, meeting: MeetingRecord) -> MeetingRecord:
        def run(con: Connection) -> MeetingRecord:
            saved = records_repo.save_meeting(con, meeting, now_utc())
            content = {"step": saved.step, "state": saved.state, "record": saved.record}
            reference = self._reference(con, meeting.case_id)
            self._audit(con, officer_id, "update_meeting", reference, content)
            return saved

        return self.write(run)

    def load_meeting(self, officer_id: int | None, case_id: int) -> MeetingRecord | None:
        def run(con: Connection) -> MeetingRecord | None:
            meeting = records_repo.load_meeting(con, case_id)
            self._audit(con, officer_id, "read_meeting", self._reference(con, case_id), None)
            return meeting

        return self.write(run)

    def save_next_steps(
        self, officer_id: int | None, case_id: int, steps: tuple[NextStep, ...]
    ) -> None:
        def run(con: Connection) -> None:
            records_repo.replace_next_steps(con, case_id, steps)
            content = [[s.text, s.owner, str(s.due), s.done] for s in steps]
            self._audit(
                con, officer_id, "update_next_steps", self._reference(con, case_id), content
            )

        self.write(run)

    def next_steps(self, case_id: int) -> list[NextStep]:
        return self.read(lambda con: records_repo.next_steps(con, case_id))

    # -- documents and the signing identity --------------------------------------------------

    def add_document(
        self, officer_id: int | None, case_id: int, kind: str, pdf: bytes, sha256: str
    ) -> StoredDocument:
        def run(con: Connection) -> StoredDocument:
            stored = records_repo.add_document(
                con, case_id, kind, pdf, sha256=sha256, now=now_utc()
            )
            reference = self._reference(con, case_id)
            self._audit(con, officer_id, f"document_add:{kind}", reference, {"sha256": sha256})
            return stored

        return self.write(run)

    def documents(self, case_id: int) -> list[StoredDocument]:
        return self.read(lambda con: records_repo.documents_for_case(con, case_id))

    def fetch_document(
        self, officer_id: int | None, document_id: int, *, action: str = "document_read"
    ) -> tuple[StoredDocument, bytes]:
        def run(con: Connection) -> tuple[StoredDocument, bytes]:
            info = records_repo.document_info(con, document_id)
            pdf = records_repo.document_bytes(con, document_id)
            reference = self._reference(con, info.case_id)
            self._audit(
                con, officer_id, f"{action}:{info.kind}", reference, {"sha256": info.sha256}
            )
            return info, pdf

        return self.write(run)

    def record_export(self, officer_id: int | None, case_id: int, what: str, content: Any) -> None:
        def run(con: Connection) -> None:
            self._audit(con, officer_id, f"export:{what}", self._reference(con, case_id), content)

        self.write(run)

    def put_secret(self, officer_id: int | None, name: str, value: bytes) -> None:
        def run(con: Connection) -> None:
            records_repo.put_secret(con, name, value)
            self._audit(con, officer_id, f"secret_saved:{name}", "", None)

        self.write(run)

    def get_secret(self, name: str) -> bytes | None:
        return self.read(lambda con: records_repo.get_secret(con, name))

    # -- settings ---------------------------------------------------------------------------

    def settings(self) -> dict[str, Any]:
        return self.read(records_repo.all_settings)

    def set_setting(self, officer_id: int | None, key: str, value: Any) -> None:
        def run(con: Connection) -> None:
            records_repo.set_setting(con, key, value)
            self._audit(con, officer_id, f"setting:{key}", "", value)

        self.write(run)

    def meta(self, key: str) -> str | None:
        return self.read(lambda con: records_repo.get_meta(con, key))

    # -- audit ------------------------------------------------------------------------------

    def audit_head(self) -> str:
        return self.read(audit.head)

    def audit_verify(self) -> audit.VerifyResult:
        return self.read(lambda con: audit.verify(con, self._audit_key))

    def audit_entries(self, reference: str) -> list[AuditEntry]:
        return self.read(lambda con: audit.entries_for_case(con, reference))

    def audit_event(self, officer_id: int | None, action: str, reference: str = "") -> None:
        self.write(lambda con: self._audit(con, officer_id, action, reference, None))

    # -- integrity, backup, rekey, purge -------------------------------------------------------

    def integrity_problems(self) -> list[str]:
        """SQLite's integrity check plus SQLCipher's page HMAC check; empty when healthy."""

        def run(con: Connection) -> list[str]:
            problems = [str(r[0]) for r in con.execute("PRAGMA integrity_check").fetchall()]
            problems = [p for p in problems if p != "ok"]
            problems += [str(r[0]) for r in con.execute("PRAGMA cipher_integrity_check")]
            return problems

        return self.read(run)

    def backup_to(self, destination: Path) -> None:
        """An encrypted, consistent copy (same key) made with VACUUM INTO."""
        create_private_file(destination)  # refuses to overwrite
        self.read(lambda con: con.execute("VACUUM INTO ?", (str(destination),)))

    def rekey(self, new_key: bytes | bytearray) -> None:
        def run(con: Connection) -> None:
            con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            con.execute(f'PRAGMA rekey = "{raw_key_pragma(new_key)}"')

        self.read(run)

    def vacuum(self) -> None:
        """Rewrite the database so deleted text survives nowhere: merge the FTS5 index (deleted
        entries otherwise linger in old segments), VACUUM, and empty the WAL."""

        def run(con: Connection) -> None:
            con.execute("INSERT INTO case_fts (case_fts) VALUES ('optimize')")
            con.execute("VACUUM")
            con.execute("PRAGMA wal_checkpoint(TRUNCATE)")

        self.read(run)

    def purge_case(self, officer_id: int | None, case_id: int) -> str:
        def run(con: Connection) -> str:
            reference = self._reference(con, case_id)
            cases_repo.delete(con, case_id)
            self._audit(con, officer_id, "purge", reference, None)
            return reference

        return self.write(run)

    def closed_cases(self) -> list[tuple[int, str, datetime, bool]]:
        def run(con: Connection) -> list[tuple[int, str, datetime, bool]]:
            rows = con.execute(
                "SELECT id, reference, closed_at, legal_hold FROM cases "
                "WHERE status = 'closed' AND closed_at IS NOT NULL ORDER BY closed_at"
            ).fetchall()
            return [(r[0], r[1], datetime.fromisoformat(r[2]), bool(r[3])) for r in rows]

        return self.read(run)


def new_vault_id() -> str:
    return secrets.token_hex(16)


def copy_database_files(source: Path, destination: Path) -> None:
    """Copy vault.db (after the caller checkpointed) and nothing else; owner-only."""
    shutil.copyfile(source, destination)
    os.chmod(destination, 0o600)


def check_database(path: Path, key: bytes | bytearray) -> list[str]:
    """Open a database file on its own and report problems (for backups about to be restored)."""
    try:
        con = connect(path, key)
    except StoreCorruptError as error:
        return [str(error)]
    try:
        migrate.check_not_newer(migrate.current_revision(con))
        problems = [str(r[0]) for r in con.execute("PRAGMA integrity_check").fetchall()]
        problems = [p for p in problems if p != "ok"]
        problems += [str(r[0]) for r in con.execute("PRAGMA cipher_integrity_check")]
        if not problems:
            result = audit.verify(con, audit.load_audit_key(con))
            if not result.ok:
                problems.append(f"audit entry {result.first_bad_seq}: {result.reason}")
        return problems
    except Exception as error:  # any read failure means the copy is unusable
        return [str(error)]
    finally:
        con.close()
