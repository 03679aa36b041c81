"""VaultService: the one object the GUI (from worker threads) and the CLI talk to.

Thread-safe: every database call is queued on the store's single worker thread, so the GUI may
call from any worker; calls block that worker until done. Keys are held in a bytearray that
`lock()` overwrites; Python may still hold copies (e.g. the hex key string given to SQLCipher),
which is the limit of what an interpreter allows.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
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
from triage_desktop.paths import ensure_private_dir
from triage_desktop.services import settings as settings_mod
from triage_desktop.services._translate import store_errors
from triage_desktop.services.errors import (
    VaultAlreadyExists,
    VaultCorrupt,
    VaultLocked,
    WeakPassphrase,
)
from triage_desktop.services.settings import VaultSettings
from triage_desktop.vault import keychain, slots
from triage_desktop.vault.kdf import STANDARD, KdfParams

if TYPE_CHECKING:
    from triage_desktop.cases.report_import import ImportedReport
    from triage_desktop.store.audit import VerifyResult
    from triage_desktop.store.database import VaultDatabase

log = logging.getLogger(__name__)
T = TypeVar("T")

MIN_PASSPHRASE = 10
MAX_MEETING_JSON = 2_000_000
SIGNING_SECRET = "signing_identity"  # noqa: S105 - a row name
NEXT_SLOTS = "keyslots.next.json"


@dataclass(frozen=True)
class OfficerProfile:
    name: str
    role: OfficerRole
    email: str = ""


def check_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise WeakPassphrase(
            f"Choose a passphrase of at least {MIN_PASSPHRASE} characters (a few words is best)."
        )


def vault_exists(folder: Path) -> bool:
    return (Path(folder) / slots.FILE_NAME).exists()


def keychain_status() -> keychain.KeychainStatus:
    return keychain.status()


class VaultService:
    """One vault folder; locked until `unlock*` or `create` succeeds."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self._lock = threading.RLock()
        self._key: bytearray | None = None
        self._db: VaultDatabase | None = None  # imported lazily
        self.officer_id: int | None = None

    # -- state ------------------------------------------------------------------------------

    @property
    def is_unlocked(self) -> bool:
        return self._db is not None

    def _database(self) -> VaultDatabase:
        db = self._db
        if db is None:
            raise VaultLocked("The vault is locked.")
        return db

    def _call(self, fn: Callable[[VaultDatabase], T]) -> T:
        with store_errors():
            return fn(self._database())

    # -- create, unlock, lock ------------------------------------------------------------------

    def create(
        self,
        officer: OfficerProfile,
        passphrase: str,
        *,
        use_keychain: bool,
        kdf: KdfParams = STANDARD,
    ) -> str:
        """Create the vault and leave it unlocked. Returns the recovery key: show it once."""
        from triage_desktop.store import database

        check_passphrase(passphrase)
        Officer(0, officer.name, officer.role, officer.email)  # validate before writing anything
        if vault_exists(self.folder) or (self.folder / "vault.db").exists():
            raise VaultAlreadyExists(f"There is already a vault in {self.folder}.")
        ensure_private_dir(self.folder)
        key = slots.new_database_key()
        vault_id = database.new_vault_id()
        slot_file, recovery = slots.new_slot_file(
            vault_id, bytes(key), passphrase, use_keychain=use_keychain, params=kdf
        )
        try:
            with store_errors():
                database.initialize(self.folder, key, vault_id=vault_id)
            self._open(key)
            officer_id = self._call(
                lambda db: db.add_officer(officer.name, officer.role, officer.email)
            )
            self._call(lambda db: db.write(lambda con: _set_owner(con, officer_id)))
            self.officer_id = officer_id
            slots.write_slots(self.folder, slot_file)  # last: a vault exists only once complete
        except BaseException:
            self.lock()
            for name in ("vault.db", "vault.db-wal", "vault.db-shm"):
                (self.folder / name).unlink(missing_ok=True)
            if slot_file.uses_keychain:
                keychain.delete_device_secret(vault_id)
            raise
        log.info("vault created (mode: %s)", slot_file.mode)
        return recovery.formatted()

    def unlock(self, passphrase: str) -> None:
        """Open with the passphrase (and the keychain's device secret in keychain mode)."""
        self._unlock_with(lambda: slots.unlock_with_passphrase(self.folder, passphrase))

    def unlock_with_recovery_key(self, recovery_key: str) -> None:
        """Open with the recovery key alone; a mistyped key fails before any key derivation."""
        self._unlock_with(lambda: slots.unlock_with_recovery_key(self.folder, recovery_key))

    def _unlock_with(self, unwrap: Callable[[], bytes]) -> None:
        try:
            self._open(unwrap())
        except VaultCorrupt:
            # A rekey interrupted after the database changed key but before the slot file was
            # replaced: the new slots wait beside the old ones. Adopt them and try once more.
            pending, current = self.folder / NEXT_SLOTS, self.folder / slots.FILE_NAME
            if not pending.exists():
                raise
            previous = self.folder / "keyslots.previous.json"
            os.replace(current, previous)
            os.replace(pending, current)
            try:
                self._open(unwrap())
            except BaseException:  # not a rekey after all (the database is damaged): undo
                os.replace(current, pending)
                os.replace(previous, current)
                raise
            previous.unlink()

    def _open(self, key: bytes | bytearray) -> None:
        from triage_desktop.store import database

        with self._lock:
            if self._db is not None:
                return
            key = bytearray(key)
            if not (self.folder / "vault.db").exists():
                raise VaultCorrupt(
                    "The vault's database file (vault.db) is missing. Restore it from a backup."
                )
            with store_errors():
                database.prepare(self.folder, key)
                self._db = database.VaultDatabase(self.folder, key)
            self._key = key
            owner = self._db.meta("owner_officer_id")
            self.officer_id = None if owner is None else int(owner)
            (self.folder / NEXT_SLOTS).unlink(missing_ok=True)
            log.info("vault unlocked")

    def lock(self) -> None:
        """Close the database and overwrite the key held in memory."""
        with self._lock:
            db, self._db = self._db, None
            if db is not None:
                db.close()
            if self._key is not None:
                for i in range(len(self._key)):
                    self._key[i] = 0
                self._key = None
            log.info("vault locked")

    close = lock

    # -- keys -------------------------------------------------------------------------------

    def change_passphrase(self, new_passphrase: str) -> None:
        """Rewrap the database key under a new passphrase (the vault must be unlocked)."""
        check_passphrase(new_passphrase)
        self._database()
        assert self._key is not None  # noqa: S101 - unlocked implies a key
        slots.change_passphrase(self.folder, bytes(self._key), new_passphrase)
        self._call(lambda db: db.audit_event(self.officer_id, "passphrase_changed"))

    def rekey(self, passphrase: str) -> str:
        """New random database key; returns the NEW recovery key (the old one stops working)."""
        check_passphrase(passphrase)
        db = self._database()
        new_key = slots.new_database_key()
        slot_file, recovery = slots.slots_for_new_key(self.folder, bytes(new_key), passphrase)
        from triage_desktop.vault.files import atomic_write

        # Crash-safe order: the new slots wait beside the old; unlock finds whichever matches.
        atomic_write(self.folder / NEXT_SLOTS, slot_file.to_json())
        with store_errors():
            db.rekey(new_key)
        os.replace(self.folder / NEXT_SLOTS, self.folder / slots.FILE_NAME)
        old_key, self._key = self._key, new_key
        if old_key is not None:
            old_key[:] = bytes(len(old_key))
        self._call(lambda d: d.audit_event(self.officer_id, "rekeyed"))
        return recovery.formatted()

    # -- cases ------------------------------------------------------------------------------

    def _contact_by(self, details: CaseDetails) -> date | None:
        return contact_by_for(details, self.settings().closure_days)

    def create_case(self, details: CaseDetails) -> Case:
        contact = self._contact_by(details)
        return self._call(lambda db: db.create_case(self.officer_id, details, contact))

    def update_case(
        self, case_id: int, details: CaseDetails, status: CaseStatus | None = None
    ) -> Case:
        current = self._call(lambda db: db.read(_plain_case(case_id)))
        new_status = current.status if status is None else status
        contact = self._contact_by(details)
        return self._call(
            lambda db: db.update_case(
                self.officer_id, case_id, details, status=new_status, contact_by=contact
            )
        )

    def set_status(self, case_id: int, status: CaseStatus) -> Case:
        current = self._call(lambda db: db.read(_plain_case(case_id)))
        return self.update_case(case_id, current.details, status)

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
        import json

        size = len(json.dumps(record, ensure_ascii=False, default=str))
        if size > MAX_MEETING_JSON:
            raise InvalidFieldError(
                "meeting", f"is {size:,} characters; the limit is {MAX_MEETING_JSON:,}"
            )
        meeting = MeetingRecord(
            case_id,
            clean_text("meeting.step", step, 100, required=True),
            clean_text("meeting.state", state, 100, required=True),
            record,
        )
        return self._call(lambda db: db.save_meeting(self.officer_id, meeting))

    def load_meeting(self, case_id: int) -> MeetingRecord | None:
        return self._call(lambda db: db.load_meeting(self.officer_id, case_id))

    def save_next_steps(self, case_id: int, steps: Iterable[NextStep]) -> None:
        chosen = tuple(steps)
        self._call(lambda db: db.save_next_steps(self.officer_id, case_id, chosen))

    def next_steps(self, case_id: int) -> list[NextStep]:
        return self._call(lambda db: db.next_steps(case_id))

    # -- documents, signing identity --------------------------------------------------------------

    def add_document(self, case_id: int, kind: str, pdf: bytes) -> StoredDocument:
        kind = clean_text("document.kind", kind, 100, required=True)
        digest = hashlib.sha256(pdf).hexdigest()
        return self._call(lambda db: db.add_document(self.officer_id, case_id, kind, pdf, digest))

    def list_documents(self, case_id: int) -> list[StoredDocument]:
        return self._call(lambda db: db.documents(case_id))

    def fetch_document(self, document_id: int) -> tuple[StoredDocument, bytes]:
        """The signed PDF's bytes (an audited read)."""
        return self._call(lambda db: db.fetch_document(self.officer_id, document_id))

    def export_document(self, document_id: int, destination: Path) -> Path:
        """Write the signed PDF to `destination` (owner-only; an audited export)."""
        info, pdf = self._call(
            lambda db: db.fetch_document(self.officer_id, document_id, action="export")
        )
        fd = os.open(destination, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(pdf)
        del info
        return destination

    def record_export(self, case_id: int, what: str, content: bytes = b"") -> None:
        """Audit an export made elsewhere (e.g. a password-protected letter e-mailed out)."""
        digest = hashlib.sha256(content).hexdigest() if content else None
        self._call(lambda db: db.record_export(self.officer_id, case_id, what, digest))

    def save_signing_identity(self, identity: SigningIdentity) -> None:
        import json

        blob = json.dumps(
            {
                "private_key_pem": identity.private_key_pem.decode("ascii"),
                "certificate_pem": identity.certificate_pem.decode("ascii"),
                "chain_pem": [c.decode("ascii") for c in identity.chain_pem],
            }
        ).encode("ascii")
        self._call(lambda db: db.put_secret(self.officer_id, SIGNING_SECRET, blob))

    def load_signing_identity(self) -> SigningIdentity | None:
        import json

        blob = self._call(lambda db: db.get_secret(SIGNING_SECRET))
        if blob is None:
            return None
        data = json.loads(blob)
        return SigningIdentity(
            data["private_key_pem"].encode("ascii"),
            data["certificate_pem"].encode("ascii"),
            tuple(c.encode("ascii") for c in data["chain_pem"]),
        )

    # -- settings ---------------------------------------------------------------------------

    def settings(self) -> VaultSettings:
        return settings_mod.from_store(self._call(lambda db: db.settings()))

    def update_settings(self, **changes: Any) -> VaultSettings:
        new = settings_mod.changed(self.settings(), **changes)
        stored = settings_mod.to_store(new)
        for key in changes:
            value = stored[key]
            self._call(lambda db: db.set_setting(self.officer_id, key, value))  # noqa: B023
        return new

    # -- audit ------------------------------------------------------------------------------

    def audit_head(self) -> str:
        """The chain head hash now: stamp it into signed PDFs."""
        return self._call(lambda db: db.audit_head())

    def audit_verify(self) -> VerifyResult:
        """ok, entries, first_bad_seq, reason."""
        return self._call(lambda db: db.audit_verify())

    def audit_entries(self, case_id: int) -> list[AuditEntry]:
        reference = self._call(lambda db: db.read(_plain_case(case_id))).reference
        return self._call(lambda db: db.audit_entries(reference))

    def integrity_problems(self) -> list[str]:
        return self._call(lambda db: db.integrity_problems())

    # -- backup and retention (see services.maintenance) ----------------------------------------

    def backup(self, destination: Path) -> Path:
        from triage_desktop.services import maintenance

        return maintenance.backup(self, destination)

    def purge_candidates(self, today: date) -> list[PurgeCandidate]:
        from triage_desktop.services import maintenance

        return maintenance.purge_candidates(self, today)

    def purge(self, today: date) -> list[str]:
        from triage_desktop.services import maintenance

        return list(maintenance.purge(self, today).purged)

    def keychain_backend(self) -> str:
        """The keychain this vault was created with (or passphrase-only), in plain words."""
        return slots.read_slots(self.folder).keychain_backend


def contact_by_for(details: CaseDetails, closures: Iterable[date]) -> date | None:
    """The contact-by date for a report as `details` records it: 2 working days from the day
    it arrived here (local time), none when anonymous. Intake and import both use it."""
    from triage_desktop.policy.calendar import contact_by

    received = details.received_at.astimezone().date()
    return contact_by(received, anonymous=details.anonymous, closures=closures)


def _plain_case(case_id: int) -> Callable[[Any], Case]:
    from triage_desktop.store import cases_repo

    return lambda con: cases_repo.get(con, case_id)


def _set_owner(con: Any, officer_id: int) -> None:
    from triage_desktop.store import records_repo

    records_repo.set_meta(con, "owner_officer_id", str(officer_id))
