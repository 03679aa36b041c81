"""Changing the key slots so that no crash, full disk or read-only folder loses a way back.

Every change follows one order, so that at each point either the old way in or the new one
works, and the audit log says which:

1. the new slot file is written beside the current one (`keyslots.next.json`);
2. the change is recorded in the database: its audit entry and the slot file's generation in
   one transaction (for a rekey: the database changes key, then the entry follows);
3. the new slot file is renamed over the current one.

An unlock tries both slot files and then `reconcile` finishes or drops what a crash left: a
staged file the database already matches is adopted (auditing it if step 2 had not finished),
one it does not match is deleted. A rekey keeps the previous recovery key working (through a
chain of wrapped keys) until the officer unlocks once with the new recovery key.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from triage_desktop.services._translate import store_errors
from triage_desktop.services.errors import BadRecoveryKey, VaultError
from triage_desktop.store.errors import StoreError
from triage_desktop.vault import slots
from triage_desktop.vault.files import write_failure
from triage_desktop.vault.recovery import RecoveryKey

if TYPE_CHECKING:
    from triage_desktop.store.database import VaultDatabase

log = logging.getLogger(__name__)

ACTION_FOR_CHANGE = {
    slots.CHANGE_PASSPHRASE: "passphrase_changed",
    slots.CHANGE_REKEY: "rekeyed",
    slots.CHANGE_CONFIRM: "recovery_key_confirmed",
}


class KeyChangeUnfinished(VaultError):  # noqa: N818
    """An earlier change of the key slots could not be finished; nothing new was started."""


@dataclass(frozen=True)
class Opened:
    db: VaultDatabase
    key: bytearray
    candidate: slots.Candidate


def open_first(folder: Path, candidates: list[slots.Candidate], *, read_only: bool) -> Opened:
    """Open the database with the first candidate key it accepts (prepare = schema check and
    migration). A wrong key fails at its first read; a damaged file fails for every key, and
    the first key's error is the one reported."""
    from triage_desktop.store import database
    from triage_desktop.store.errors import StoreCorruptError

    first_error: StoreCorruptError | None = None
    tried: set[bytes] = set()
    for candidate in candidates:
        if bytes(candidate.key) in tried:
            continue
        tried.add(bytes(candidate.key))
        try:
            database.prepare(folder, candidate.key, read_only=read_only)
            db = database.VaultDatabase(folder, candidate.key, read_only=read_only)
        except StoreCorruptError as error:
            first_error = first_error or error
            continue
        return Opened(db, candidate.key, candidate)
    assert first_error is not None  # noqa: S101 - candidates is never empty
    raise first_error


def with_outcome(error: VaultError, outcome: str) -> VaultError:
    """The same kind of error, its message led by what did or did not happen."""
    changed = type(error).__new__(type(error))
    VaultError.__init__(changed, f"{outcome} {error}")
    changed.__dict__.update(error.__dict__)
    return changed


def _staged_applies(
    staged: slots.SlotFile, db: VaultDatabase, key: bytearray, candidate: slots.Candidate
) -> bool:
    recorded = bool(staged.generation) and db.slots_generation() == staged.generation
    if staged.key_check:
        matches_key = staged.key_check == slots.key_check(key)
    else:  # written by an older Triage Desk: its staged file was always a rekey's new slots
        matches_key = candidate.source == slots.STAGED
    if staged.change in (slots.CHANGE_REKEY, ""):
        return matches_key
    if staged.change == slots.CHANGE_PASSPHRASE:
        # Recorded: finish it. Not recorded: whichever passphrase the officer typed decides.
        return recorded or (matches_key and candidate.source == slots.STAGED)
    return recorded and matches_key


def reconcile(folder: Path, db: VaultDatabase, key: bytearray, candidate: slots.Candidate) -> None:
    """Finish or undo a key-slot change a crash interrupted (see the module docstring)."""
    if db.read_only:
        return
    try:
        current = slots.read_slots(folder)
        staged = slots.read_staged(folder)
        if staged is not None:
            if staged.vault_id == current.vault_id and _staged_applies(staged, db, key, candidate):
                if db.slots_generation() != staged.generation:
                    action = ACTION_FOR_CHANGE.get(staged.change, "key_slots_changed")
                    db.record_slot_change(db.owner(), action, staged.generation)
                slots.adopt_staged(folder)
                current = staged
                log.info("finished an interrupted key-slot change (%s)", staged.change)
            else:
                slots.discard_staged(folder)
                log.info("dropped a key-slot change that never reached the database")
        if (
            current.generation
            and current.change in ACTION_FOR_CHANGE
            and current.key_check == slots.key_check(key)
            and db.slots_generation() != current.generation
        ):  # renamed into place before its audit entry was written (a rekey's last step)
            db.record_slot_change(db.owner(), ACTION_FOR_CHANGE[current.change], current.generation)
        if current.rekey_unconfirmed and candidate.via == slots.VIA_RECOVERY:
            # Unlocked with the NEW recovery key: the officer has it, so the old one may go.
            _commit(folder, db, slots.confirmed(current), db.owner(), "")
    except (OSError, StoreError, VaultError) as error:
        log.warning("could not finish an interrupted key-slot change: %s", error)


def _commit(
    folder: Path,
    db: VaultDatabase,
    new_file: slots.SlotFile,
    officer_id: int | None,
    not_done: str,
) -> None:
    """Steps 1-3 for a change that does not touch the database key."""
    if slots.read_staged(folder) is not None:
        raise KeyChangeUnfinished(
            f"{not_done} An earlier change of the vault's keys is unfinished "
            f"({slots.STAGED_FILE_NAME}); lock and unlock the vault to finish it first."
        )
    try:
        slots.write_staged(folder, new_file)
    except OSError as error:
        raise write_failure(error, folder, not_done) from error
    try:
        with store_errors():
            db.record_slot_change(
                officer_id, ACTION_FOR_CHANGE[new_file.change], new_file.generation
            )
    except VaultError as error:
        slots.discard_staged(folder)
        raise with_outcome(error, not_done) from error
    try:
        slots.adopt_staged(folder)
    except OSError as error:
        raise VaultError(
            f"The change is recorded, but the key file could not be replaced yet "
            f"({error.strerror}); it is finished the next time the vault is unlocked."
        ) from error


def change_passphrase(
    folder: Path, db: VaultDatabase, key: bytearray, new_passphrase: str, officer_id: int | None
) -> None:
    not_done = "The passphrase was not changed; the current one still works."
    new_file = slots.with_new_passphrase(slots.read_slots(folder), key, new_passphrase)
    _commit(folder, db, new_file, officer_id, not_done)


def confirm_recovery_key(
    folder: Path, db: VaultDatabase, key: bytearray, text: str, officer_id: int | None
) -> bool:
    """Drop the previous recovery key once the officer typed the new one; False if there was
    nothing to confirm."""
    current = slots.read_slots(folder)
    if not current.rekey_unconfirmed:
        return False
    recovery = RecoveryKey.parse(text)
    opened = dict(slots.unwrap_recovery(current, recovery))
    primary = opened.get(slots.VIA_RECOVERY)
    if primary is None or slots.key_check(primary) != slots.key_check(key):
        raise BadRecoveryKey(
            "That is not the new recovery key from the last rekey (the one shown last). The "
            "previous recovery key still works until the new one is confirmed."
        )
    not_done = "The new recovery key was not confirmed; the previous one still works."
    _commit(folder, db, slots.confirmed(current), officer_id, not_done)
    return True


def stage_rekey(
    folder: Path, old_key: bytearray, passphrase: str
) -> tuple[bytearray, slots.SlotFile, RecoveryKey]:
    """Step 1 of a rekey: a new key, and the slots for it written beside the current ones."""
    not_done = "The vault was not rekeyed; its keys and recovery key are unchanged."
    if slots.read_staged(folder) is not None:
        raise KeyChangeUnfinished(
            f"{not_done} An earlier change of the vault's keys is unfinished "
            f"({slots.STAGED_FILE_NAME}); lock and unlock the vault to finish it first."
        )
    new_key = slots.new_database_key()
    staged, recovery = slots.for_rekey(slots.read_slots(folder), old_key, new_key, passphrase)
    try:
        slots.write_staged(folder, staged)
    except OSError as error:
        raise write_failure(error, folder, not_done) from error
    return new_key, staged, recovery


def finish_rekey(
    folder: Path, db: VaultDatabase, staged: slots.SlotFile, officer_id: int | None
) -> None:
    """Steps 3 and 2 of a rekey, once the database is on the new key. Failures here are not
    failures of the rekey: the next unlock finishes them (see `reconcile`)."""
    try:
        slots.adopt_staged(folder)
        with store_errors():
            db.record_slot_change(
                officer_id, ACTION_FOR_CHANGE[slots.CHANGE_REKEY], staged.generation
            )
    except (OSError, VaultError) as error:
        log.warning(
            "rekey done; finishing its key file or audit entry at the next unlock: %s", error
        )
