"""The open vault database: every operation runs on the serial executor; writes are audited in
the same transaction as the change they record, so neither exists without the other.

The services call only the named operations below; `read`/`write` (a function on the raw
connection) stay for the store's own tests.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
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
from triage_desktop.store import (
    audit,
    audit_check,
    case_records_repo,
    cases_repo,
    migrate,
    records_repo,
    reports_repo,
)
from triage_desktop.store import subject_access_repo as sar
from triage_desktop.store.audit_check import DOCUMENT_HEAD_META, RecordedHead
from triage_desktop.store.audit_content import (
    case_content,
    document_content,
    legal_hold_content,
    meeting_content,
    next_steps_content,
)
from triage_desktop.store.codec import dump_time, now_utc
from triage_desktop.store.connection import (
    DB_FILE,
    Connection,
    connect,
    create_private_file,
    raw_key_pragma,
    read_only_message,
    translate,
)
from triage_desktop.store.errors import ReadOnlyError, StoreCorruptError, UpgradeBlockedError
from triage_desktop.store.executor import SerialExecutor

if TYPE_CHECKING:
    from triage_desktop.cases.origin import ImportedReport
    from triage_desktop.cases.subject_access import (
        Decision,
        NewRequest,
        StoredPack,
        SubjectAccessRequest,
    )
    from triage_desktop.store.case_records_repo import CaseRecord

T = TypeVar("T")
MIGRATION_BACKUPS = migrate.MIGRATION_BACKUPS
ALL_CASES = CaseFilter()
SLOTS_GENERATION = "slots_generation"  # vault_meta: the key-slot change last recorded here
LAST_RESTORE = "last_restore_at"  # vault_meta: when this database was put in place by a restore
OWNER = "owner_officer_id"


def initialize(
    folder: Path, key: bytes | bytearray, *, vault_id: str, slots_generation: str
) -> None:
    """Create the database file at the newest schema with its vault metadata."""
    path = folder / DB_FILE
    migrate.upgrade(path, key)
    con = connect(path, key)
    try:
        con.execute("BEGIN IMMEDIATE")
        records_repo.set_meta(con, "vault_id", vault_id)
        records_repo.set_meta(con, "audit_key", audit.derive_audit_key(key).hex())
        records_repo.set_meta(con, "created_at", dump_time(now_utc()))
        records_repo.set_meta(con, SLOTS_GENERATION, slots_generation)
        con.execute("COMMIT")
    finally:
        con.close()


def prepare(folder: Path, key: bytes | bytearray, *, read_only: bool = False) -> str | None:
    """Check the schema; migrate (all or nothing) when older. Return the old revision, if any."""
    path = folder / DB_FILE
    if not read_only:
        migrate.discard_work_copy(folder)
    con = connect(path, key, read_only=read_only)
    try:
        revision = migrate.current_revision(con)
    except Exception as error:
        raise _opening_error(error, folder) from error
    finally:
        con.close()
    if revision is None:  # an emptied or foreign file: never "upgrade" it into a new vault
        raise StoreCorruptError(
            "The vault database is empty or is not a Triage Desk database. Nothing was "
            "changed; restore it from a backup."
        )
    if not migrate.needs_upgrade(revision):
        return None
    if read_only:
        raise UpgradeBlockedError(
            f"This vault was written by an older Triage Desk and needs a one-time upgrade, which "
            f"must write to its folder. {read_only_message(folder)}"
        )
    migrate.upgrade_atomically(folder, path, key, revision)
    return revision


def _opening_error(error: Exception, folder: Path) -> Exception:
    translated = translate(error, folder=folder)
    if translated is error:
        from triage_desktop.store.connection import corrupt_message

        return StoreCorruptError(corrupt_message(error))
    return translated  # type: ignore[return-value]


@dataclass(frozen=True)
class NewDocument:
    """A signed PDF to store: `chain_head` is the audit head stamped into it ("" if none)."""

    case_id: int
    kind: str
    pdf: bytes
    sha256: str
    chain_head: str = ""


class VaultDatabase:
    """An unlocked vault database. Thread-safe: calls are queued on one worker thread."""

    def __init__(self, folder: Path, key: bytes | bytearray, *, read_only: bool = False) -> None:
        self.folder = folder
        self.path = folder / DB_FILE
        self.read_only = read_only
        self._executor = SerialExecutor(
            lambda: connect(self.path, key, read_only=read_only), folder=folder
        )
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
        self._audit_key[:] = bytes(len(self._audit_key))

    def read(self, fn: Callable[[Connection], T]) -> T:
        return self._executor.read(fn)

    def write(self, fn: Callable[[Connection], T]) -> T:
        return self._executor.write(fn)

    def _audit(
        self, con: Connection, officer_id: int | None, action: str, reference: str, content: Any
    ) -> str:
        chash = "" if content is None else audit.content_hash(self._audit_key, content)
        return audit.append(
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

    def set_owner(self, officer_id: int) -> None:
        """The officer whose vault this is (the first one added at creation)."""

        def run(con: Connection) -> None:
            records_repo.set_meta(con, OWNER, str(officer_id))

        self.write(run)

    def owner(self) -> int | None:
        value = self.meta(OWNER)
        return None if value is None else int(value)

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
            self._audit(con, officer_id, "create", case.reference, case_content(case))
            return case

        return self.write(run)

    def _update_case(
        self,
        con: Connection,
        officer_id: int | None,
        case_id: int,
        details: CaseDetails,
        *,
        status: CaseStatus | None,
        contact_by: date | None,
        expected_updated_at: datetime | None,
    ) -> Case:
        case = cases_repo.update(
            con,
            case_id,
            details,
            status=status,
            contact_by=contact_by,
            now=now_utc(),
            expected_updated_at=expected_updated_at,
        )
        self._audit(con, officer_id, "update", case.reference, case_content(case))
        return case

    def update_case(
        self,
        officer_id: int | None,
        case_id: int,
        details: CaseDetails,
        *,
        status: CaseStatus | None,
        contact_by: date | None,
        expected_updated_at: datetime | None = None,
    ) -> Case:
        """Read, check and write in one transaction: it cannot half-happen, and with
        `expected_updated_at` it cannot overwrite a change made since the caller read the case."""

        def run(con: Connection) -> Case:
            return self._update_case(
                con,
                officer_id,
                case_id,
                details,
                status=status,
                contact_by=contact_by,
                expected_updated_at=expected_updated_at,
            )

        return self.write(run)

    def _set_status(
        self,
        con: Connection,
        officer_id: int | None,
        case_id: int,
        status: CaseStatus,
        expected_updated_at: datetime | None,
    ) -> Case:
        case = cases_repo.set_status(
            con, case_id, status, now=now_utc(), expected_updated_at=expected_updated_at
        )
        self._audit(con, officer_id, "update", case.reference, case_content(case))
        return case

    def set_status(
        self,
        officer_id: int | None,
        case_id: int,
        status: CaseStatus,
        *,
        expected_updated_at: datetime | None = None,
    ) -> Case:
        def run(con: Connection) -> Case:
            return self._set_status(con, officer_id, case_id, status, expected_updated_at)

        return self.write(run)

    def case(self, case_id: int) -> Case:
        """A case without an audit entry: for the services' own bookkeeping, never for display."""
        return self.read(lambda con: cases_repo.get(con, case_id))

    def get_case(self, officer_id: int | None, case_id: int) -> Case:
        def run(con: Connection) -> Case:
            case = cases_repo.get(con, case_id)
            self._audit(con, officer_id, "read", case.reference, case_content(case))
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
            self._audit(con, officer_id, "first_contact", case.reference, case_content(case))
            return case

        return self.write(run)

    def set_legal_hold(self, officer_id: int | None, case_id: int, hold: bool) -> Case:
        def run(con: Connection) -> Case:
            case = cases_repo.set_legal_hold(con, case_id, hold, now_utc())
            action = "legal_hold_on" if hold else "legal_hold_off"
            self._audit(con, officer_id, action, case.reference, legal_hold_content(hold))
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
                # The case is created like any other (audit verify checks every case against
                # its `create` and later entries); the origin is a second entry of its own.
                self._audit(con, officer_id, "create", case.reference, case_content(case))
                action = f"{IMPORTED_ACTION}:{origin.source_report_id}"
                origin_content = reports_repo.origin_content(origin)
                self._audit(con, officer_id, action, case.reference, origin_content)

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

    def _save_meeting(
        self, con: Connection, officer_id: int | None, meeting: MeetingRecord
    ) -> MeetingRecord:
        saved = records_repo.save_meeting(con, meeting, now_utc())
        reference = self._reference(con, meeting.case_id)
        self._audit(con, officer_id, "update_meeting", reference, meeting_content(saved))
        return saved

    def save_meeting(self, officer_id: int | None, meeting: MeetingRecord) -> MeetingRecord:
        return self.write(lambda con: self._save_meeting(con, officer_id, meeting))

    def load_meeting(self, officer_id: int | None, case_id: int) -> MeetingRecord | None:
        def run(con: Connection) -> MeetingRecord | None:
            meeting = records_repo.load_meeting(con, case_id)
            self._audit(con, officer_id, "read_meeting", self._reference(con, case_id), None)
            return meeting

        return self.write(run)

    def _save_next_steps(
        self, con: Connection, officer_id: int | None, case_id: int, steps: tuple[NextStep, ...]
    ) -> None:
        records_repo.replace_next_steps(con, case_id, steps)
        reference = self._reference(con, case_id)
        self._audit(con, officer_id, "update_next_steps", reference, next_steps_content(steps))

    def save_next_steps(
        self, officer_id: int | None, case_id: int, steps: tuple[NextStep, ...]
    ) -> None:
        self.write(lambda con: self._save_next_steps(con, officer_id, case_id, steps))

    def next_steps(self, case_id: int) -> list[NextStep]:
        return self.read(lambda con: records_repo.next_steps(con, case_id))

    # -- documents and the signing identity --------------------------------------------------

    def _add_document(
        self, con: Connection, officer_id: int | None, document: NewDocument
    ) -> StoredDocument:
        stored = records_repo.add_document(
            con,
            document.case_id,
            document.kind,
            document.pdf,
            sha256=document.sha256,
            now=now_utc(),
        )
        if document.chain_head:
            records_repo.set_meta(con, f"{DOCUMENT_HEAD_META}{stored.id}", document.chain_head)
        reference = self._reference(con, document.case_id)
        content = document_content(document.sha256, document.chain_head)
        action = f"{audit.DOCUMENT_ADD_PREFIX}{document.kind}"
        self._audit(con, officer_id, action, reference, content)
        return stored

    def add_document(self, officer_id: int | None, document: NewDocument) -> StoredDocument:
        """Store a signed PDF with its audit entry."""
        return self.write(lambda con: self._add_document(con, officer_id, document))

    def record_signed_document(
        self,
        officer_id: int | None,
        document: NewDocument,
        *,
        meeting: MeetingRecord | None = None,
        status: CaseStatus | None = None,
        next_steps: tuple[NextStep, ...] | None = None,
        expected_updated_at: datetime | None = None,
    ) -> StoredDocument:
        """The end of a meeting as one transaction: the meeting record, the next steps, the
        case's new status and the signed document, each with its audit entry, or none of it."""
        case_id = document.case_id

        def run(con: Connection) -> StoredDocument:
            if meeting is not None:
                self._save_meeting(con, officer_id, meeting)
            if next_steps is not None:
                self._save_next_steps(con, officer_id, case_id, next_steps)
            if status is not None or expected_updated_at is not None:
                current = cases_repo.get(con, case_id)
                self._set_status(
                    con, officer_id, case_id, status or current.status, expected_updated_at
                )
            return self._add_document(con, officer_id, document)

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

    def set_settings(self, officer_id: int | None, values: dict[str, Any]) -> None:
        """Several settings at once, each audited, in one transaction."""

        def run(con: Connection) -> None:
            for key, value in values.items():
                records_repo.set_setting(con, key, value)
                self._audit(con, officer_id, f"setting:{key}", "", value)

        self.write(run)

    def set_setting(self, officer_id: int | None, key: str, value: Any) -> None:
        self.set_settings(officer_id, {key: value})

    def meta(self, key: str) -> str | None:
        return self.read(lambda con: records_repo.get_meta(con, key))

    def last_restore_at(self) -> datetime | None:
        """When a restore last put this database in place (None: never)."""
        value = self.meta(LAST_RESTORE)
        return None if value is None else datetime.fromisoformat(value)

    # -- audit ------------------------------------------------------------------------------

    def audit_head(self) -> str:
        return self.read(audit.head)

    def audit_verify(self, heads: Sequence[RecordedHead] = ()) -> audit.VerifyResult:
        return self.read(lambda con: audit_check.verify(con, self._audit_key, heads))

    def audit_entries(self, reference: str) -> list[AuditEntry]:
        return self.read(lambda con: audit.entries_for_case(con, reference))

    def audit_event(self, officer_id: int | None, action: str, reference: str = "") -> None:
        self.write(lambda con: self._audit(con, officer_id, action, reference, None))

    # -- oversight statistics and subject access requests ------------------------------------

    def statistics_rows(
        self,
        officer_id: int | None,
        received_from: datetime,
        received_before: datetime,
        period: str,
    ) -> list[CaseRecord]:
        """Every case received in the period, for counting: one audit entry for the read."""

        def run(con: Connection) -> list[CaseRecord]:
            found = case_records_repo.received_between(con, received_from, received_before)
            action = f"{case_records_repo.STATISTICS_ACTION}:{period}"
            self._audit(con, officer_id, action, "", {"cases": len(found)})
            return found

        return self.write(run)

    def record_report_export(self, officer_id: int | None, action: str, content: Any) -> None:
        """An export that belongs to no one case (statistics, a count file), audited."""
        self.write(lambda con: self._audit(con, officer_id, action, "", content))

    def person_search_rows(self, officer_id: int | None, query: str) -> list[CaseRecord]:
        """Every case, to look for one person's name: one audit entry (the keyed hash of what
        was searched for, never the name)."""

        def run(con: Connection) -> list[CaseRecord]:
            self._audit(con, officer_id, sar.SEARCH_ACTION, "", {"query": query})
            return case_records_repo.every_case(con)

        return self.write(run)

    def _audit_request(
        self, con: Connection, officer_id: int | None, request: SubjectAccessRequest
    ) -> None:
        self._audit(
            con, officer_id, sar.REQUEST_ACTION, request.reference, sar.request_content(request)
        )

    def create_subject_access_request(
        self, officer_id: int | None, new: NewRequest
    ) -> SubjectAccessRequest:
        """The request, its cases and roles, audited (and an entry on each case's history)."""

        def run(con: Connection) -> SubjectAccessRequest:
            request = sar.create(con, new, now_utc())
            self._audit_request(con, officer_id, request)
            for linked in request.cases:
                action = f"{sar.REQUEST_ACTION}_case:{request.reference}"
                self._audit(con, officer_id, action, linked.case_reference, None)
            return request

        return self.write(run)

    def subject_access_requests(self) -> list[SubjectAccessRequest]:
        return self.read(sar.all_requests)

    def subject_access_request(self, request_id: int) -> SubjectAccessRequest:
        return self.read(lambda con: sar.get(con, request_id))

    def update_subject_access_request(
        self,
        officer_id: int | None,
        request_id: int,
        *,
        extension_reason: str | None = None,
        completed_on: date | None = None,
        reopen: bool = False,
        other_names: tuple[str, ...] | None = None,
    ) -> SubjectAccessRequest:
        """Extend (with the reason), mark complete or open again, or change the other names to
        redact; audited with the request's new content."""
        from triage_desktop.cases.subject_access import RequestStatus

        status = None
        if completed_on is not None:
            status = RequestStatus.COMPLETED
        elif reopen:
            status = RequestStatus.OPEN

        def run(con: Connection) -> SubjectAccessRequest:
            request = sar.update(
                con,
                request_id,
                now_utc(),
                extension_reason=extension_reason,
                status=status,
                completed_on=completed_on,
                other_names=other_names,
            )
            self._audit_request(con, officer_id, request)
            return request

        return self.write(run)

    def subject_access_decisions(self, request_id: int) -> list[Decision]:
        return self.read(lambda con: sar.decisions(con, request_id))

    def decide_subject_access(
        self, officer_id: int | None, request_id: int, decisions: Sequence[Decision]
    ) -> list[Decision]:
        """Record the officer's decisions; one audit entry per case whose decisions changed,
        covering all of that case's decisions for this request."""

        def run(con: Connection) -> list[Decision]:
            request = sar.get(con, request_id)
            references = {c.case_id: c.case_reference for c in request.cases}
            for case_id in sar.put_decisions(con, request_id, decisions, now_utc()):
                content = sar.decisions_content(sar.decisions(con, request_id, case_id))
                action = f"{sar.DECISIONS_PREFIX}{request.reference}"
                self._audit(con, officer_id, action, references[case_id], content)
            return sar.decisions(con, request_id)

        return self.write(run)

    def add_subject_access_pack(
        self,
        officer_id: int | None,
        request_id: int,
        pdf: bytes,
        *,
        sha256: str,
        log_json: str,
        chain_head: str,
    ) -> StoredPack:
        """Keep a signed pack and its redaction log; audited on the request and on each case
        it drew from."""

        def run(con: Connection) -> StoredPack:
            request = sar.get(con, request_id)
            stored = sar.add_pack(
                con,
                request_id,
                pdf,
                sha256=sha256,
                log_json=log_json,
                chain_head=chain_head,
                now=now_utc(),
            )
            content = sar.pack_content(sha256, chain_head, log_json)
            action = f"{sar.PACK_PREFIX}{request.reference}"
            self._audit(con, officer_id, action, request.reference, content)
            for linked in request.cases:
                action = f"{sar.DISCLOSED_PREFIX}{request.reference}"
                self._audit(con, officer_id, action, linked.case_reference, {"sha256": sha256})
            return stored

        return self.write(run)

    def subject_access_packs(self, request_id: int) -> list[StoredPack]:
        return self.read(lambda con: sar.packs(con, request_id))

    def fetch_subject_access_pack(
        self, officer_id: int | None, pack_id: int, *, export: bool = False
    ) -> tuple[StoredPack, bytes, str]:
        """A stored pack's PDF and redaction log (an audited read, or export)."""

        def run(con: Connection) -> tuple[StoredPack, bytes, str]:
            info = sar.pack_info(con, pack_id)
            pdf, log_json = sar.pack_bytes(con, pack_id)
            reference = sar.get(con, info.request_id).reference
            action = f"{sar.EXPORT_PREFIX if export else 'sar_pack_read:'}{reference}"
            self._audit(con, officer_id, action, reference, {"sha256": info.sha256})
            return info, pdf, log_json

        return self.write(run)

    def record_subject_access_export(
        self, officer_id: int | None, request_id: int, content: Any
    ) -> None:
        """An export made from a pack elsewhere (the password-protected copy), audited."""

        def run(con: Connection) -> None:
            reference = sar.get(con, request_id).reference
            self._audit(con, officer_id, f"{sar.EXPORT_PREFIX}{reference}", reference, content)

        self.write(run)

    def _forget_in_requests(
        self, con: Connection, officer_id: int | None, case_id: int, reference: str
    ) -> None:
        """A purged case leaves no trace in any request (see subject_access_repo.forget_case);
        each change is audited in the purge's transaction."""
        for forgotten in sar.forget_case(con, case_id):
            request_reference = forgotten.request_reference
            if forgotten.had_decisions:
                action = f"{sar.DECISIONS_PREFIX}{request_reference}"
                self._audit(con, officer_id, action, reference, [])
            for _ in range(forgotten.packs_removed):
                action = f"{sar.PACK_PURGED_PREFIX}{request_reference}"
                self._audit(con, officer_id, action, request_reference, None)
            if forgotten.request is None:
                self._audit(con, officer_id, sar.REQUEST_PURGED, request_reference, None)
            else:
                self._audit_request(con, officer_id, forgotten.request)

    # -- key slots --------------------------------------------------------------------------

    def slots_generation(self) -> str:
        return self.meta(SLOTS_GENERATION) or ""

    def record_slot_change(self, officer_id: int | None, action: str, generation: str) -> None:
        """A change of the key slots, audited; `generation` names the slot file it produced."""

        def run(con: Connection) -> None:
            records_repo.set_meta(con, SLOTS_GENERATION, generation)
            self._audit(con, officer_id, action, "", {"generation": generation})

        self.write(run)

    # -- integrity, backup, rekey, purge -------------------------------------------------------

    def integrity_problems(self) -> list[str]:
        """SQLite's integrity check plus SQLCipher's page HMAC check; empty when healthy."""
        return self.read(_integrity_problems)

    def backup_to(self, destination: Path) -> tuple[int, str]:
        """An encrypted, consistent copy (same key) made with VACUUM INTO; returns the audit
        head (seq, hash) the copy holds."""
        create_private_file(destination)  # refuses to overwrite

        def run(con: Connection) -> tuple[int, str]:
            con.execute("VACUUM INTO ?", (str(destination),))
            return audit.head_entry(con)

        try:
            return self.read(run)
        except BaseException:
            destination.unlink(missing_ok=True)
            raise

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
            for document_id in records_repo.document_ids(con, case_id):
                records_repo.delete_meta(con, f"{DOCUMENT_HEAD_META}{document_id}")
            self._forget_in_requests(con, officer_id, case_id, reference)
            cases_repo.delete(con, case_id)
            self._audit(con, officer_id, audit.PURGE_ACTION, reference, None)
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


def _integrity_problems(con: Connection) -> list[str]:
    problems = [str(r[0]) for r in con.execute("PRAGMA integrity_check").fetchall()]
    problems = [p for p in problems if p != "ok"]
    problems += [str(r[0]) for r in con.execute("PRAGMA cipher_integrity_check")]
    return problems


def new_vault_id() -> str:
    return secrets.token_hex(16)


def check_database(
    path: Path, key: bytes | bytearray, heads: Iterable[RecordedHead] = ()
) -> list[str]:
    """Open a database file on its own, read-only, and report problems (for backups about to be
    restored). The file is never written: not even the journal-mode switch."""
    try:
        con = connect(path, key, read_only=True)
    except (StoreCorruptError, ReadOnlyError) as error:
        return [str(error)]
    except Exception as error:
        return [str(translate(error, folder=path.parent))]
    try:
        revision = migrate.current_revision(con)
        migrate.check_not_newer(revision)
        problems = _integrity_problems(con)
        if problems:
            return problems
        key_bytes = audit.load_audit_key(con)
        if revision == migrate.head():
            result = audit_check.verify(con, key_bytes, heads)
        else:  # an older schema: the records are checked after the upgrade, the chain now
            result = audit.verify(con, key_bytes)
        if not result.ok:
            where = f"audit entry {result.first_bad_seq}: " if result.first_bad_seq else ""
            return [f"{where}{result.reason}"]
        return []
    except Exception as error:
        return [str(translate(error, folder=path.parent))]
    finally:
        con.close()


def record_restore(path: Path, key: bytes | bytearray, content: dict[str, Any]) -> None:
    """Audit, inside a restored copy before it replaces the vault, that it was restored (and
    from which backup), and note when: backups from before this moment describe a history the
    restore replaced."""
    con = connect(path, key)
    try:
        audit_key = audit.load_audit_key(con)
        con.execute("BEGIN IMMEDIATE")
        audit.append(
            con,
            audit_key,
            officer_id=None,
            action="restored",
            chash=audit.content_hash(audit_key, content),
        )
        records_repo.set_meta(con, LAST_RESTORE, dump_time(now_utc()))
        con.execute("COMMIT")
        audit_key[:] = bytes(len(audit_key))
    finally:
        con.close()
