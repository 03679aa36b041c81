"""VaultService: the one object the GUI (from worker threads) and the CLI talk to.

Thread-safe: every database call is queued on the store's single worker thread, so the GUI may
call from any worker; calls block that worker until done. Every call goes through a named
operation of `store.database.VaultDatabase`; one logical operation is one transaction there.

Keys are held in bytearrays that `lock()` overwrites (the database key here, the audit HMAC key
in the database object). Python may still hold copies (the hex key string given to SQLCipher,
the bytes a KDF or cipher returned before they were copied, decrypted text in objects the caller
still holds), which is the limit of what an interpreter allows; see docs/vault.md.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
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
    PurgeCandidate,
    SigningIdentity,
    StoredDocument,
)
from triage_desktop.cases.origin import (
    ImportedReportRef,
    ImportOutcome,
    ImportRecord,
    ReportOrigin,
)
from triage_desktop.cases.text import InvalidFieldError, clean_text
from triage_desktop.paths import (
    DATABASE_FILE,
    ensure_private_dir,
    folder_is_read_only,
    vault_is_set_up,
)
from triage_desktop.services import key_changes, maintenance
from triage_desktop.services import settings as settings_mod
from triage_desktop.services._translate import store_errors
from triage_desktop.services.errors import (
    BadRecoveryKey,
    VaultAlreadyExists,
    VaultCorrupt,
    VaultError,
    VaultLocked,
    VaultReadOnly,
    WeakPassphrase,
    WrongPassphrase,
)
from triage_desktop.services.passphrase_strength import problem as passphrase_problem
from triage_desktop.services.settings import VaultSettings
from triage_desktop.vault import keychain, slots
from triage_desktop.vault.files import remove_stale_temporaries, write_failure
from triage_desktop.vault.kdf import KdfParams

if TYPE_CHECKING:
    from triage_desktop.cases.origin import ImportedReport
    from triage_desktop.cases.subject_access import (
        Decision,
        NewRequest,
        StoredPack,
        SubjectAccessRequest,
    )
    from triage_desktop.store.audit import VerifyResult
    from triage_desktop.store.case_records_repo import CaseRecord
    from triage_desktop.store.database import VaultDatabase

log = logging.getLogger(__name__)
T = TypeVar("T")

MAX_MEETING_JSON = 2_000_000
SIGNING_SECRET = "signing_identity"  # noqa: S105 - a row name


@dataclass(frozen=True)
class OfficerProfile:
    name: str
    role: OfficerRole
    email: str = ""


def check_passphrase(passphrase: str) -> None:
    """Refuse a new passphrase that is too short or too easy to guess (the same estimate the
    setup screen shows)."""
    refused = passphrase_problem(passphrase)
    if refused:
        raise WeakPassphrase(refused)


def vault_exists(folder: Path) -> bool:
    """A vault is set up in `folder` (or the files of one a crash interrupted are there)."""
    return vault_is_set_up(Path(folder))


def keychain_status() -> keychain.KeychainStatus:
    return keychain.status()


def _zero(key: bytearray | None) -> None:
    if key is not None:
        key[:] = bytes(len(key))


def _validated_meeting(meeting: MeetingRecord) -> MeetingRecord:
    size = len(json.dumps(meeting.record, ensure_ascii=False, default=str))
    if size > MAX_MEETING_JSON:
        raise InvalidFieldError(
            "meeting", f"is {size:,} characters; the limit is {MAX_MEETING_JSON:,}"
        )
    return MeetingRecord(
        meeting.case_id,
        clean_text("meeting.step", meeting.step, 100, required=True),
        clean_text("meeting.state", meeting.state, 100, required=True),
        meeting.record,
    )


def _cannot_open(first: Exception, second: Exception, folder: Path) -> Exception:
    """Neither writable nor readable: say why, in terms of what the officer can do."""
    from triage_desktop.store.errors import DiskFullError, UpgradeBlockedError

    if not isinstance(first, DiskFullError):
        return first
    if isinstance(second, UpgradeBlockedError):
        return DiskFullError(
            "This vault needs a one-time upgrade to open in this version of Triage Desk, and the "
            f"upgrade needs free space: the disk holding {folder} is full. Free some space, then "
            "unlock again. Nothing was changed."
        )
    return DiskFullError(
        f"The disk holding {folder} is full, so the vault cannot be opened ({second}). Free "
        "some space, then unlock again. Nothing was changed."
    )


def _read_only_because(error: Exception, folder: Path) -> str:
    from triage_desktop.store.connection import read_only_message
    from triage_desktop.store.errors import DiskFullError

    if isinstance(error, DiskFullError):
        return (
            f"The disk holding {folder} is full, so the vault is open read-only: the case list "
            "and search work, but nothing can be changed, and cases cannot be opened (opening "
            "one is recorded in the audit log). Free some space, then lock and unlock again."
        )
    return read_only_message(folder)


class VaultService:
    """One vault folder; locked until `unlock*` or `create` succeeds."""

    def __init__(self, folder: Path) -> None:
        import threading

        self.folder = Path(folder)
        self._lock = threading.RLock()
        self._key: bytearray | None = None
        self._db: VaultDatabase | None = None  # imported lazily
        self.officer_id: int | None = None
        self.read_only_reason = ""  # why this vault opened read-only ("" when writable)
        self.recovery_key_unconfirmed = False  # a rekey's new recovery key awaits confirmation

    # -- state ------------------------------------------------------------------------------

    @property
    def is_unlocked(self) -> bool:
        return self._db is not None

    @property
    def is_read_only(self) -> bool:
        return bool(self.read_only_reason)

    def _database(self) -> VaultDatabase:
        db = self._db
        if db is None:
            raise VaultLocked("The vault is locked.")
        return db

    def _writable(self) -> VaultDatabase:
        db = self._database()
        if self.read_only_reason:
            raise VaultReadOnly(self.read_only_reason)
        return db

    def _call(self, fn: Callable[[VaultDatabase], T]) -> T:
        try:
            with store_errors():
                return fn(self._database())
        except VaultReadOnly as error:
            if self.read_only_reason:  # say why this vault is read-only (a backup, a full disk)
                raise VaultReadOnly(self.read_only_reason) from error
            raise

    # -- create, unlock, lock ------------------------------------------------------------------

    def create(
        self,
        officer: OfficerProfile,
        passphrase: str,
        *,
        use_keychain: bool,
        kdf: KdfParams | None = None,
    ) -> str:
        """Create the vault and leave it unlocked. Returns the recovery key: show it once."""
        from triage_desktop.store import database

        check_passphrase(passphrase)
        Officer(0, officer.name, officer.role, officer.email)  # validate before writing anything
        if vault_exists(self.folder):
            raise VaultAlreadyExists(f"There is already a vault in {self.folder}.")
        try:
            ensure_private_dir(self.folder)
        except OSError as error:
            raise write_failure(error, self.folder.parent, "The vault was not created.") from error
        key = slots.new_database_key()
        vault_id = database.new_vault_id()
        slot_file, recovery = slots.new_slot_file(
            vault_id, key, passphrase, use_keychain=use_keychain, params=kdf
        )
        try:
            with store_errors():
                database.initialize(
                    self.folder, key, vault_id=vault_id, slots_generation=slot_file.generation
                )
                database.prepare(self.folder, key)
                db = database.VaultDatabase(self.folder, key)
            self._db, self._key = db, key
            with store_errors():
                officer_id = db.add_officer(officer.name, officer.role, officer.email)
                db.set_owner(officer_id)
            self.officer_id = officer_id
            slots.write_slots(self.folder, slot_file)  # last: a vault exists only once complete
        except BaseException:
            self.lock()
            for name in (DATABASE_FILE, f"{DATABASE_FILE}-wal", f"{DATABASE_FILE}-shm"):
                (self.folder / name).unlink(missing_ok=True)
            if slot_file.uses_keychain:
                keychain.delete_device_secret(vault_id)
            raise
        log.info("vault created (mode: %s)", slot_file.mode)
        return recovery.formatted()

    def unlock(self, passphrase: str) -> None:
        """Open with the passphrase (and the keychain's device secret in keychain mode)."""
        self._unlock_with(lambda: slots.passphrase_candidates(self.folder, passphrase))

    def unlock_with_recovery_key(self, recovery_key: str) -> None:
        """Open with the recovery key alone; a mistyped key fails before any key derivation.
        The new recovery key of an unconfirmed rekey confirms it (the previous one stops)."""
        self._unlock_with(lambda: slots.recovery_candidates(self.folder, recovery_key))

    def _unlock_with(self, candidates_for: Callable[[], list[slots.Candidate]]) -> None:
        with self._lock:
            if self._db is not None:
                return
            maintenance.finish_interrupted_restore(self.folder)
            candidates = candidates_for()
            try:
                self._open(candidates)
            finally:
                for candidate in candidates:
                    if candidate.key is not self._key:
                        _zero(candidate.key)

    def _open(self, candidates: list[slots.Candidate]) -> None:
        from triage_desktop.store.errors import DiskFullError, ReadOnlyError

        if not (self.folder / DATABASE_FILE).exists():
            raise VaultCorrupt(
                "The vault's database file (vault.db) is missing. Nothing was changed. Restore "
                "it from a backup (the key file alone holds no records)."
            )
        reason = ""
        if maintenance.is_backup(self.folder):
            reason = (
                "This folder is a backup: it opens read-only, so checking it never changes it. "
                "Restore it to work with it."
            )
        elif folder_is_read_only(self.folder):
            from triage_desktop.store.connection import read_only_message

            reason = read_only_message(self.folder)
        with store_errors():
            try:
                opened = key_changes.open_first(self.folder, candidates, read_only=bool(reason))
            except (DiskFullError, ReadOnlyError) as error:
                if reason:
                    raise
                # Keep the records readable: nothing is written, and every change says why not.
                try:
                    opened = key_changes.open_first(self.folder, candidates, read_only=True)
                except Exception as second:
                    raise _cannot_open(error, second, self.folder) from second
                reason = _read_only_because(error, self.folder)
        self._db, self._key, self.read_only_reason = opened.db, opened.key, reason
        self.officer_id = opened.db.owner()
        if not reason:
            remove_stale_temporaries(self.folder)
            key_changes.reconcile(self.folder, opened.db, opened.key, opened.candidate)
            with contextlib.suppress(OSError):
                maintenance.expire_copies(self.folder)
        with contextlib.suppress(VaultCorrupt, OSError):
            self.recovery_key_unconfirmed = slots.read_slots(self.folder).rekey_unconfirmed
        log.info("vault unlocked%s", " (read-only)" if reason else "")

    def lock(self) -> None:
        """Close the database and overwrite the keys held in memory."""
        with self._lock:
            db, self._db = self._db, None
            if db is not None:
                db.close()  # also overwrites the audit HMAC key
            _zero(self._key)
            self._key = None
            self.read_only_reason = ""
            log.info("vault locked")

    close = lock

    # -- keys -------------------------------------------------------------------------------

    def _current_key(self) -> bytearray:
        key = self._key
        if key is None:
            raise VaultLocked("The vault is locked.")
        return key

    def change_passphrase(
        self,
        new_passphrase: str,
        *,
        current_passphrase: str | None = None,
        recovery_key: str | None = None,
    ) -> None:
        """Rewrap the database key under a new passphrase (the vault must be unlocked). The
        change and its audit entry happen together, or neither does.

        A screen that is already unlocked asks again for the current passphrase or the
        recovery key: given, it must open this vault (WrongPassphrase / BadRecoveryKey
        otherwise, counted like a failed unlock, and nothing changes)."""
        check_passphrase(new_passphrase)
        with self._lock:
            db = self._writable()
            key = self._current_key()
            if current_passphrase is not None or recovery_key is not None:
                self._confirm_secret(key, current_passphrase, recovery_key)
            key_changes.change_passphrase(self.folder, db, key, new_passphrase, self.officer_id)

    def _confirm_secret(
        self, key: bytearray, passphrase: str | None, recovery_key: str | None
    ) -> None:
        """The secret opens the key this vault is open with (one key derivation)."""
        if passphrase is not None:
            candidates = slots.passphrase_candidates(self.folder, passphrase)
        else:
            candidates = slots.recovery_candidates(self.folder, recovery_key or "")
        try:
            if not any(slots.key_check(c.key) == slots.key_check(key) for c in candidates):
                if passphrase is not None:
                    raise WrongPassphrase(0.0)
                raise BadRecoveryKey("That recovery key does not open this vault.")
        finally:
            for candidate in candidates:
                _zero(candidate.key)

    def rekey(self, passphrase: str) -> str:
        """New random database key; returns the NEW recovery key. The previous recovery key keeps
        working until the new one is confirmed (`confirm_recovery_key`, or one unlock with it)."""
        check_passphrase(passphrase)
        with self._lock:
            db = self._writable()
            old_key = self._current_key()
            new_key, staged, recovery = key_changes.stage_rekey(self.folder, old_key, passphrase)
            try:
                with store_errors():
                    db.rekey(new_key)
            except VaultError as error:
                if not self._database_took_key(old_key, new_key):
                    slots.discard_staged(self.folder)
                    _zero(new_key)
                    raise key_changes.with_outcome(
                        error, "The vault was not rekeyed; its keys are unchanged."
                    ) from error
            db = self._database()
            key_changes.finish_rekey(self.folder, db, staged, self.officer_id)
            self._key = new_key
            _zero(old_key)
            self.recovery_key_unconfirmed = True
        return recovery.formatted()

    def _database_took_key(self, old_key: bytearray, new_key: bytearray) -> bool:
        """After a failed PRAGMA rekey: reopen and see which key the database answers to."""
        from triage_desktop.store import database

        db, self._db = self._db, None
        if db is not None:
            db.close()
        for key, took in ((new_key, True), (old_key, False)):
            try:
                with store_errors():
                    self._db = database.VaultDatabase(self.folder, key)
                return took
            except VaultCorrupt:
                continue
        raise VaultCorrupt("After a failed rekey the vault opens with neither key.")

    def confirm_recovery_key(self, recovery_key: str) -> bool:
        """The officer typed the new recovery key from the last rekey: the previous one stops
        working. False when there was nothing to confirm."""
        with self._lock:
            db = self._writable()
            done = key_changes.confirm_recovery_key(
                self.folder, db, self._current_key(), recovery_key, self.officer_id
            )
            self.recovery_key_unconfirmed = False
            return done

    # -- cases ------------------------------------------------------------------------------

    def _contact_by(self, details: CaseDetails) -> date | None:
        return contact_by_for(details, self.settings().closure_days)

    def create_case(self, details: CaseDetails) -> Case:
        contact = self._contact_by(details)
        return self._call(lambda db: db.create_case(self.officer_id, details, contact))

    def update_case(
        self,
        case_id: int,
        details: CaseDetails,
        status: CaseStatus | None = None,
        *,
        expected_updated_at: datetime | None = None,
    ) -> Case:
        """Replace the details (and the status, if given) in one transaction. Pass the
        `updated_at` of the case as you read it: if it changed since, nothing is saved and
        CaseChangedElsewhere says so."""
        contact = self._contact_by(details)
        return self._call(
            lambda db: db.update_case(
                self.officer_id,
                case_id,
                details,
                status=status,
                contact_by=contact,
                expected_updated_at=expected_updated_at,
            )
        )

    def set_status(
        self, case_id: int, status: CaseStatus, *, expected_updated_at: datetime | None = None
    ) -> Case:
        return self._call(
            lambda db: db.set_status(
                self.officer_id, case_id, status, expected_updated_at=expected_updated_at
            )
        )

    def get_case(self, case_id: int) -> Case:
        """Read a case (an audited read)."""
        return self._call(lambda db: db.get_case(self.officer_id, case_id))

    def case_id_for(self, reference: str) -> int:
        return self._call(lambda db: db.case_id_for(reference))

    def officers(self) -> list[Officer]:
        return self._call(lambda db: db.officers())

    def add_officer(self, profile: OfficerProfile) -> int:
        """Another officer to assign cases to (the vault's owner is added by `create`)."""
        Officer(0, profile.name, profile.role, profile.email)
        return self._call(lambda db: db.add_officer(profile.name, profile.role, profile.email))

    def list_cases(
        self,
        case_filter: CaseFilter | None = None,
        sort: CaseSort = CaseSort.RECEIVED_NEWEST,
        offset: int = 0,
        limit: int = 100,
    ) -> list[CaseRow]:
        chosen = case_filter or CaseFilter()
        return self._call(lambda db: db.list_cases(chosen, sort, offset, limit))

    def count_cases(self, case_filter: CaseFilter | None = None) -> int:
        return self._call(lambda db: db.count_cases(case_filter or CaseFilter()))

    def search(self, text: str, limit: int = 100) -> list[CaseRow]:
        return self._call(lambda db: db.search(text, limit))

    def record_first_contact(self, case_id: int, contact: FirstContact) -> Case:
        """When and how the reporter was first contacted (audited)."""
        return self._call(lambda db: db.record_first_contact(self.officer_id, case_id, contact))

    def set_legal_hold(self, case_id: int, hold: bool) -> Case:
        return self._call(lambda db: db.set_legal_hold(self.officer_id, case_id, hold))

    # -- reports imported from the Support and Report tool (see services.reports_import) -------

    def report_origin(self, case_id: int) -> ReportOrigin | None:
        """What an imported case's report said; None for a case recorded by hand."""
        return self._call(lambda db: db.report_origin(case_id))

    def imported_reports(self, source_ids: Sequence[str]) -> dict[str, ImportedReportRef]:
        return self._call(lambda db: db.imported_reports(source_ids))

    def store_imported_reports(
        self,
        reports: Sequence[ImportedReport],
        contact_by: Sequence[date | None],
        record: ImportRecord,
        progress: Callable[[int, int], None] | None = None,
    ) -> ImportOutcome:
        return self._call(
            lambda db: db.import_reports(self.officer_id, reports, contact_by, record, progress)
        )

    # -- meetings, next steps --------------------------------------------------------------------

    def save_meeting(
        self, case_id: int, *, step: str, state: str, record: dict[str, Any]
    ) -> MeetingRecord:
        meeting = _validated_meeting(MeetingRecord(case_id, step, state, record))
        return self._call(lambda db: db.save_meeting(self.officer_id, meeting))

    def load_meeting(self, case_id: int) -> MeetingRecord | None:
        return self._call(lambda db: db.load_meeting(self.officer_id, case_id))

    def save_next_steps(self, case_id: int, steps: Iterable[NextStep]) -> None:
        chosen = tuple(steps)
        self._call(lambda db: db.save_next_steps(self.officer_id, case_id, chosen))

    def next_steps(self, case_id: int) -> list[NextStep]:
        return self._call(lambda db: db.next_steps(case_id))

    # -- documents, signing identity --------------------------------------------------------------

    def add_document(
        self, case_id: int, kind: str, pdf: bytes, *, chain_head: str = ""
    ) -> StoredDocument:
        """Store a signed PDF; `chain_head` is the audit head stamped into it (checked by
        `audit_verify` to still be in the log)."""
        kind = clean_text("document.kind", kind, 100, required=True)
        digest = hashlib.sha256(pdf).hexdigest()
        from triage_desktop.store.database import NewDocument

        document = NewDocument(case_id, kind, pdf, digest, chain_head)
        return self._call(lambda db: db.add_document(self.officer_id, document))

    def record_signed_document(
        self,
        case_id: int,
        kind: str,
        pdf: bytes,
        *,
        chain_head: str = "",
        meeting: MeetingRecord | None = None,
        status: CaseStatus | None = None,
        next_steps: Iterable[NextStep] | None = None,
        expected_updated_at: datetime | None = None,
    ) -> StoredDocument:
        """Sign-off as one transaction: store the signed PDF, save the meeting record, move the
        case to `status`, replace the next steps, and write every audit entry, or do none of it.
        `meeting.case_id` must be `case_id`; with `expected_updated_at`, a case changed since it
        was read is refused (CaseChangedElsewhere) and nothing is stored."""
        kind = clean_text("document.kind", kind, 100, required=True)
        checked = None
        if meeting is not None:
            if meeting.case_id != case_id:
                raise InvalidFieldError("meeting", "belongs to another case")
            checked = _validated_meeting(meeting)
        steps = None if next_steps is None else tuple(next_steps)
        from triage_desktop.store.database import NewDocument

        document = NewDocument(case_id, kind, pdf, hashlib.sha256(pdf).hexdigest(), chain_head)
        return self._call(
            lambda db: db.record_signed_document(
                self.officer_id,
                document,
                meeting=checked,
                status=status,
                next_steps=steps,
                expected_updated_at=expected_updated_at,
            )
        )

    def list_documents(self, case_id: int) -> list[StoredDocument]:
        return self._call(lambda db: db.documents(case_id))

    def fetch_document(self, document_id: int) -> tuple[StoredDocument, bytes]:
        """The signed PDF's bytes (an audited read)."""
        return self._call(lambda db: db.fetch_document(self.officer_id, document_id))

    def export_document(self, document_id: int, destination: Path) -> Path:
        """Write the signed PDF to `destination` (owner-only; an audited export)."""
        _info, pdf = self._call(
            lambda db: db.fetch_document(self.officer_id, document_id, action="export")
        )
        from triage_desktop.vault.files import write_new_private

        return write_new_private(destination, pdf)

    def record_export(self, case_id: int, what: str, content: bytes = b"") -> None:
        """Audit an export made elsewhere (e.g. a password-protected letter e-mailed out)."""
        digest = hashlib.sha256(content).hexdigest() if content else None
        self._call(lambda db: db.record_export(self.officer_id, case_id, what, digest))

    def save_signing_identity(self, identity: SigningIdentity) -> None:
        blob = json.dumps(
            {
                "private_key_pem": identity.private_key_pem.decode("ascii"),
                "certificate_pem": identity.certificate_pem.decode("ascii"),
                "chain_pem": [c.decode("ascii") for c in identity.chain_pem],
            }
        ).encode("ascii")
        self._call(lambda db: db.put_secret(self.officer_id, SIGNING_SECRET, blob))

    def load_signing_identity(self) -> SigningIdentity | None:
        blob = self._call(lambda db: db.get_secret(SIGNING_SECRET))
        if blob is None:
            return None
        data = json.loads(blob)
        return SigningIdentity(
            data["private_key_pem"].encode("ascii"),
            data["certificate_pem"].encode("ascii"),
            tuple(c.encode("ascii") for c in data["chain_pem"]),
        )

    # -- oversight statistics and subject access (services.statistics, .subject_access) -------

    def vault_id(self) -> str:
        """This vault's random identifier (a count file names it: the same vault twice is
        refused when counts are merged)."""
        return self._call(lambda db: db.meta("vault_id")) or ""

    def statistics_rows(
        self, received_from: datetime, received_before: datetime, period: str
    ) -> list[CaseRecord]:
        return self._call(
            lambda db: db.statistics_rows(self.officer_id, received_from, received_before, period)
        )

    def record_report_export(self, action: str, content: Any) -> None:
        self._call(lambda db: db.record_report_export(self.officer_id, action, content))

    def person_search_rows(self, query: str) -> list[CaseRecord]:
        return self._call(lambda db: db.person_search_rows(self.officer_id, query))

    def create_subject_access_request(self, new: NewRequest) -> SubjectAccessRequest:
        return self._call(lambda db: db.create_subject_access_request(self.officer_id, new))

    def subject_access_requests(self) -> list[SubjectAccessRequest]:
        return self._call(lambda db: db.subject_access_requests())

    def subject_access_request(self, request_id: int) -> SubjectAccessRequest:
        return self._call(lambda db: db.subject_access_request(request_id))

    def update_subject_access_request(
        self,
        request_id: int,
        *,
        extension_reason: str | None = None,
        completed_on: date | None = None,
        reopen: bool = False,
        other_names: tuple[str, ...] | None = None,
    ) -> SubjectAccessRequest:
        return self._call(
            lambda db: db.update_subject_access_request(
                self.officer_id,
                request_id,
                extension_reason=extension_reason,
                completed_on=completed_on,
                reopen=reopen,
                other_names=other_names,
            )
        )

    def subject_access_decisions(self, request_id: int) -> list[Decision]:
        return self._call(lambda db: db.subject_access_decisions(request_id))

    def decide_subject_access(
        self, request_id: int, decisions: Sequence[Decision]
    ) -> list[Decision]:
        chosen = tuple(decisions)
        return self._call(lambda db: db.decide_subject_access(self.officer_id, request_id, chosen))

    def add_subject_access_pack(
        self, request_id: int, pdf: bytes, *, log_json: str, chain_head: str
    ) -> StoredPack:
        digest = hashlib.sha256(pdf).hexdigest()
        return self._call(
            lambda db: db.add_subject_access_pack(
                self.officer_id,
                request_id,
                pdf,
                sha256=digest,
                log_json=log_json,
                chain_head=chain_head,
            )
        )

    def subject_access_packs(self, request_id: int) -> list[StoredPack]:
        return self._call(lambda db: db.subject_access_packs(request_id))

    def fetch_subject_access_pack(
        self, pack_id: int, *, export: bool = False
    ) -> tuple[StoredPack, bytes, str]:
        return self._call(
            lambda db: db.fetch_subject_access_pack(self.officer_id, pack_id, export=export)
        )

    def record_subject_access_export(self, request_id: int, content: Any) -> None:
        self._call(lambda db: db.record_subject_access_export(self.officer_id, request_id, content))

    # -- settings ---------------------------------------------------------------------------

    def settings(self) -> VaultSettings:
        return settings_mod.from_store(self._call(lambda db: db.settings()))

    def update_settings(self, **changes: Any) -> VaultSettings:
        """Change several settings at once: validated together, written in one transaction."""
        new = settings_mod.changed(self.settings(), **changes)
        stored = settings_mod.to_store(new)
        values = {key: stored[key] for key in changes}
        self._call(lambda db: db.set_settings(self.officer_id, values))
        return new

    # -- audit ------------------------------------------------------------------------------

    def audit_head(self) -> str:
        """The chain head hash now: stamp it into signed PDFs."""
        return self._call(lambda db: db.audit_head())

    def audit_verify(self) -> VerifyResult:
        """The chain, the records against their last audited content, and the heads recorded by
        this vault's backups (or, for a backup, by its own manifest). ok, entries,
        first_bad_seq, reason."""
        db = self._database()
        if maintenance.is_backup(self.folder):
            manifest = json.loads((self.folder / maintenance.MANIFEST).read_text("utf-8"))
            head = maintenance.manifest_head(manifest, "this backup's manifest")
            heads = [] if head is None else [head]
        else:
            configured = self.settings().backup_folder
            with store_errors():
                since, vault_id = db.last_restore_at(), db.meta("vault_id")
            heads = maintenance.recorded_backup_heads(
                Path(configured) if configured else None, vault_id, since
            )
        return self._call(lambda d: d.audit_verify(heads))

    def audit_entries(self, case_id: int) -> list[AuditEntry]:
        reference = self._call(lambda db: db.case(case_id)).reference
        return self._call(lambda db: db.audit_entries(reference))

    def integrity_problems(self) -> list[str]:
        return self._call(lambda db: db.integrity_problems())

    # -- backup, copies and retention (see services.maintenance) ---------------------------------

    def backup(self, destination: Path) -> Path:
        return maintenance.backup(self._database(), self.folder, self.officer_id, destination)

    def copies_in_folder(self) -> list[maintenance.VaultCopy]:
        """The copies of the vault kept in its folder (safety copies, pre-migration copies)."""
        return maintenance.vault_copies(self.folder)

    def purge_candidates(self, today: date) -> list[PurgeCandidate]:
        years = self.settings().retention_years
        return maintenance.purge_candidates(self._database(), years, today)

    def purge(self, today: date) -> maintenance.PurgeResult:
        """Delete the cases due, and the in-folder copies that still hold them."""
        settings = self.settings()
        backups = Path(settings.backup_folder) if settings.backup_folder else None
        return maintenance.purge(
            self._writable(),
            self.folder,
            self.officer_id,
            settings.retention_years,
            today=today,
            backup_folder=backups,
        )

    def keychain_backend(self) -> str:
        """The keychain this vault was created with (or passphrase-only), in plain words."""
        return slots.read_slots(self.folder).keychain_backend


def contact_by_for(details: CaseDetails, closures: Iterable[date]) -> date | None:
    """The contact-by date for a report as `details` records it: 2 working days from the day
    it arrived here (local time), none when anonymous. Intake and import both use it."""
    from triage_desktop.policy.calendar import contact_by

    received = details.received_at.astimezone().date()
    return contact_by(received, anonymous=details.anonymous, closures=closures)
