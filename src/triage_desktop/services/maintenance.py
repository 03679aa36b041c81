"""Backup, restore, retention purge, and the copies the app keeps inside the vault folder.

A backup is a folder that is itself a vault: `vault.db` (an encrypted VACUUM INTO copy, same key),
`keyslots.json`, and `backup.json` listing each file's SHA-256 and the audit chain head the copy
holds. It opens with the same passphrase (on this computer, in keychain mode) or the recovery key
(anywhere), e.g. `--vault BACKUP`; checking or restoring it never writes to it.

A restore is journalled: the backup is checked, copied into the vault folder under staging names,
and only then does `restore-journal.json` appear; from that moment the restore is finished by
whoever starts next (`finish_interrupted_restore`), and before it nothing was touched. So a crash
at any point leaves either the old vault or the restored one, never "no vault".

Nothing here imports `session`: the service passes in its database and folder.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import re
import shutil
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from triage_desktop.cases.model import PurgeCandidate
from triage_desktop.paths import (
    DATABASE_FILE,
    RESTORE_JOURNAL,
    RESTORE_STAGING_PREFIX,
    disk_is_full,
    ensure_private_dir,
    folder_is_read_only,
    fsync_directory,
)
from triage_desktop.services._translate import store_errors
from triage_desktop.services.errors import (
    BackupInvalid,
    DiskFull,
    RestoreInterrupted,
    VaultError,
    VaultReadOnly,
)
from triage_desktop.vault import backoff, slots
from triage_desktop.vault.files import atomic_write, write_failure

if TYPE_CHECKING:
    from triage_desktop.store.audit_check import RecordedHead
    from triage_desktop.store.database import VaultDatabase

log = logging.getLogger(__name__)

MANIFEST = "backup.json"
DB_FILE = DATABASE_FILE
SAFETY_DIR = "safety-copies"
MIGRATION_BACKUPS = "migration-backups"  # = store.migrate.MIGRATION_BACKUPS (checked by a test)
COPY_EXPIRY_DAYS = 30
# Everything of a live vault a restore moves aside (so no stale -wal meets the restored file).
LIVE_FILES = (
    DB_FILE,
    f"{DB_FILE}-wal",
    f"{DB_FILE}-shm",
    slots.STAGED_FILE_NAME,
    slots.FILE_NAME,
    backoff.FILE_NAME,
)
RESTORED_FILES = (DB_FILE, slots.FILE_NAME)  # the key file last: its presence means "a vault"
_STAMP = re.compile(r"(\d{8}T\d{6})")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")


def _unique(path: Path) -> Path:
    candidate, number = path, 1
    while candidate.exists():
        number += 1
        candidate = path.with_name(f"{path.name}-{number}")
    return candidate


# -- backup ------------------------------------------------------------------------------------


def _backup_failure(error: Exception, destination: Path) -> VaultError:
    outcome = "The backup was not written."
    if isinstance(error, OSError):
        return write_failure(error, destination, outcome)
    if disk_is_full(destination):
        return DiskFull(f"The disk holding {destination} is full. {outcome} Free some space there.")
    if folder_is_read_only(destination):
        return VaultReadOnly(f"The folder {destination} is read-only. {outcome}")
    if isinstance(error, VaultError):
        return error
    return VaultError(f"{outcome} ({error})")


def backup(db: VaultDatabase, folder: Path, officer_id: int | None, destination: Path) -> Path:
    """Write an encrypted, checked backup folder at `destination` (which must be new or empty)."""
    destination = Path(destination)
    if db.read_only:
        raise VaultReadOnly(
            "This vault is open read-only, so a backup could not be recorded in its audit log. "
            "Copy the whole vault folder instead: every file in it is encrypted."
        )
    if destination.exists() and any(destination.iterdir()):
        raise VaultError(f"{destination} already exists and is not empty; choose a new folder.")
    written: list[Path] = []
    try:
        ensure_private_dir(destination)
        with store_errors():
            seq, head = db.backup_to(destination / DB_FILE)
        written.append(destination / DB_FILE)
        shutil.copyfile(folder / slots.FILE_NAME, destination / slots.FILE_NAME)
        written.append(destination / slots.FILE_NAME)
        os.chmod(destination / slots.FILE_NAME, 0o600)
        files = {name: _sha256(destination / name) for name in RESTORED_FILES}
        manifest = {
            "format": 1,
            "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "vault_id": db.meta("vault_id"),
            "files": files,
            "audit_head": {"seq": seq, "hash": head},
        }
        atomic_write(destination / MANIFEST, json.dumps(manifest, indent=2).encode("utf-8"))
    except Exception as error:
        for path in written:
            with contextlib.suppress(OSError):
                path.unlink()
        raise _backup_failure(error, destination) from error
    with store_errors():
        db.audit_event(officer_id, "backup")
    log.info("backup written")
    return destination


def check_backup_files(source: Path) -> dict[str, Any]:
    """Raise BackupInvalid unless every file the manifest lists is present and unchanged;
    return the manifest."""
    try:
        manifest = json.loads((source / MANIFEST).read_text("utf-8"))
        files = dict(manifest["files"])
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise BackupInvalid(
            f"{source} is not a Triage Desk backup (no readable {MANIFEST})."
        ) from error
    for name in RESTORED_FILES:
        path = source / name
        if name not in files or not path.is_file():
            raise BackupInvalid(f"The backup is incomplete: {name} is missing.")
        if _sha256(path) != files[name]:
            raise BackupInvalid(f"The backup is damaged: {name} does not match its checksum.")
    return dict(manifest)


def manifest_head(manifest: dict[str, Any], where: str) -> RecordedHead | None:
    """The audit head a manifest recorded (backups from before this was recorded have none)."""
    from triage_desktop.store.audit_check import RecordedHead

    head = manifest.get("audit_head")
    try:
        return RecordedHead(where, int(head["seq"]), str(head["hash"]))  # type: ignore[index]
    except (TypeError, KeyError, ValueError):
        return None


def is_backup(folder: Path) -> bool:
    return (folder / MANIFEST).is_file()


def backups_in(
    backup_folder: Path | None, vault_id: str | None
) -> list[tuple[Path, dict[str, Any]]]:
    """Backups of this vault in the configured backup folder (and its immediate subfolders)."""
    if backup_folder is None or not backup_folder.is_dir():
        return []
    found = []
    with contextlib.suppress(OSError):
        for candidate in [backup_folder, *sorted(p for p in backup_folder.iterdir() if p.is_dir())]:
            try:
                manifest = json.loads((candidate / MANIFEST).read_text("utf-8"))
            except (OSError, ValueError):
                continue
            if isinstance(manifest, dict) and manifest.get("vault_id") == vault_id:
                found.append((candidate, manifest))
    return found


def recorded_backup_heads(
    backup_folder: Path | None, vault_id: str | None, since: datetime | None
) -> list[RecordedHead]:
    """The chain heads recorded by backups made since the last restore (earlier ones describe a
    history the restore replaced)."""
    heads = []
    for path, manifest in backups_in(backup_folder, vault_id):
        try:
            made = datetime.fromisoformat(str(manifest["created_at"]))
        except (KeyError, ValueError):
            continue
        if since is not None and made < since:
            continue
        head = manifest_head(manifest, f"the backup made {manifest['created_at']} in {path}")
        if head is not None:
            heads.append(head)
    return heads


# -- restore ---------------------------------------------------------------------------------


def _staged(folder: Path, name: str) -> Path:
    return folder / f"{RESTORE_STAGING_PREFIX}{name}"


def _copy_durably(source: Path, target: Path) -> None:
    shutil.copyfile(source, target)
    os.chmod(target, 0o600)
    with target.open("rb+") as handle:
        os.fsync(handle.fileno())


def _roll_forward(folder: Path, journal: dict[str, Any]) -> Path:
    """Finish a journalled restore from wherever it stopped; idempotent."""
    safety = folder / str(journal["safety"])
    staged = {name: _staged(folder, name) for name in RESTORED_FILES}
    if all(path.exists() for path in staged.values()):  # nothing moved in yet: move all out
        ensure_private_dir(safety)
        for name in LIVE_FILES:
            if (folder / name).exists():
                os.replace(folder / name, safety / name)
        fsync_directory(safety)
        fsync_directory(folder)
    for name in RESTORED_FILES:
        if staged[name].exists():
            os.replace(staged[name], folder / name)
    fsync_directory(folder)
    (folder / RESTORE_JOURNAL).unlink()
    fsync_directory(folder)
    return safety


def finish_interrupted_restore(folder: Path) -> bool:
    """Complete a restore a crash cut short (journal present), or clear the staged copies of one
    that never started replacing anything (no journal). True if a restore was completed."""
    folder = Path(folder)
    journal_path = folder / RESTORE_JOURNAL
    if not journal_path.exists():
        with contextlib.suppress(OSError):
            for leftover in folder.glob(f"{RESTORE_STAGING_PREFIX}*"):
                leftover.unlink()
        return False
    try:
        journal = json.loads(journal_path.read_text("utf-8"))
        _roll_forward(folder, journal)
    except (ValueError, KeyError, TypeError) as error:
        raise RestoreInterrupted(
            f"A restore into {folder} was interrupted and its journal ({RESTORE_JOURNAL}) cannot "
            "be read. Nothing was deleted: the restored files start with "
            f"'{RESTORE_STAGING_PREFIX}', the previous vault is in {SAFETY_DIR}/."
        ) from error
    except OSError as error:
        raise write_failure(
            error,
            folder,
            "A restore was interrupted and could not be finished yet; nothing was lost.",
        ) from error
    log.info("finished a restore that was interrupted")
    return True


def _backup_key(
    source: Path, folder: Path, passphrase: str | None, recovery_key: str | None, heads: list[Any]
) -> tuple[bytearray, list[str]]:
    from triage_desktop.store.database import check_database

    if recovery_key is not None:
        candidates = slots.recovery_candidates(source, recovery_key, backoff_folder=folder)
    elif passphrase is not None:
        candidates = slots.passphrase_candidates(source, passphrase, backoff_folder=folder)
    else:
        raise ValueError("give the backup's passphrase or its recovery key")
    first: list[str] = []
    for candidate in candidates:
        problems = check_database(source / DB_FILE, candidate.key, heads)
        if not problems:
            return candidate.key, []
        first = first or problems
    return candidates[0].key, first


def restore(
    folder: Path,
    source: Path,
    *,
    passphrase: str | None = None,
    recovery_key: str | None = None,
) -> Path | None:
    """Replace the vault in `folder` with the backup in `source`, after checking the backup.

    The live vault (if any) is moved to `folder/safety-copies/<time>/`; returns that path. The
    vault must be locked. Nothing is replaced if any check fails, and the backup is only read.
    """
    from triage_desktop.store.database import record_restore

    folder, source = Path(folder), Path(source)
    finish_interrupted_restore(folder)
    manifest = check_backup_files(source)
    head = manifest_head(manifest, "the backup's manifest")
    key, problems = _backup_key(source, folder, passphrase, recovery_key, [head] if head else [])
    if problems:
        raise BackupInvalid(f"The backup failed its integrity check: {problems[0]}")
    nothing = "Nothing was replaced."
    staged = {name: _staged(folder, name) for name in RESTORED_FILES}
    try:
        ensure_private_dir(folder)
        for name, target in staged.items():
            _copy_durably(source / name, target)
        with store_errors():
            record_restore(
                staged[DB_FILE],
                key,
                {"backup_created_at": manifest.get("created_at"), "audit_head": head and head.seq},
            )
        fsync_directory(folder)
        safety = _unique(folder / SAFETY_DIR / f"before-restore-{_stamp()}")
        ensure_private_dir(safety.parent)
        journal = {"format": 1, "safety": str(safety.relative_to(folder))}
        atomic_write(folder / RESTORE_JOURNAL, json.dumps(journal).encode("utf-8"))
    except BaseException as error:
        if not (folder / RESTORE_JOURNAL).exists():  # not started: take the staged copies away
            finish_interrupted_restore(folder)
        if isinstance(error, OSError):
            raise write_failure(error, folder, nothing) from error
        raise
    finally:
        key[:] = bytes(len(key))
    try:
        safety = _roll_forward(folder, journal)
    except OSError as error:
        raise write_failure(
            error,
            folder,
            "The restore was interrupted; it is finished the next time Triage "
            "Desk opens this vault, and nothing was lost.",
        ) from error
    log.info("backup restored")
    if safety.is_dir() and not any(safety.iterdir()):
        safety.rmdir()
        return None
    return safety


# -- copies inside the vault folder ------------------------------------------------------------


@dataclass(frozen=True)
class VaultCopy:
    """A whole-vault copy the app made inside the vault folder."""

    path: Path
    kind: str  # "safety copy" (before a restore) or "pre-migration copy"
    made_at: datetime


def _made_at(path: Path) -> datetime:
    match = _STAMP.search(path.name)
    if match:
        with contextlib.suppress(ValueError):
            return datetime.strptime(match.group(1), "%Y%m%dT%H%M%S").replace(tzinfo=UTC)
    return datetime.fromtimestamp(path.stat().st_mtime, UTC)


def vault_copies(folder: Path) -> list[VaultCopy]:
    copies: list[VaultCopy] = []
    with contextlib.suppress(OSError):
        safety = folder / SAFETY_DIR
        if safety.is_dir():
            copies += [VaultCopy(p, "safety copy", _made_at(p)) for p in safety.iterdir()]
        migration = folder / MIGRATION_BACKUPS
        if migration.is_dir():
            copies += [
                VaultCopy(p, "pre-migration copy", _made_at(p)) for p in migration.glob("*.db")
            ]
    return sorted(copies, key=lambda c: c.made_at)


def _remove(copy: VaultCopy) -> None:
    if copy.path.is_dir():
        shutil.rmtree(copy.path)
    else:
        for suffix in ("", "-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                copy.path.with_name(copy.path.name + suffix).unlink()


def remove_copies(copies: list[VaultCopy]) -> list[VaultCopy]:
    removed = []
    for copy in copies:
        try:
            _remove(copy)
            removed.append(copy)
        except OSError as error:
            log.warning("could not remove an old copy of the vault: %s", error.strerror)
    return removed


def expire_copies(folder: Path, now: datetime | None = None) -> list[VaultCopy]:
    """Remove copies older than COPY_EXPIRY_DAYS (run at every unlock)."""
    cutoff = (now or datetime.now(UTC)) - timedelta(days=COPY_EXPIRY_DAYS)
    return remove_copies([c for c in vault_copies(folder) if c.made_at < cutoff])


# -- retention ---------------------------------------------------------------------------------


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def purge_candidates(db: VaultDatabase, retention_years: int, today: date) -> list[PurgeCandidate]:
    """Closed cases whose retention period has ended, not under legal hold."""
    due: list[PurgeCandidate] = []
    with store_errors():
        closed = db.closed_cases()
    for case_id, reference, closed_at, legal_hold in closed:
        due_on = _add_years(closed_at.date(), retention_years)
        if not legal_hold and due_on <= today:
            due.append(PurgeCandidate(case_id, reference, closed_at, due_on))
    return due


@dataclass(frozen=True)
class PurgeResult:
    purged: tuple[str, ...]
    removed_copies: tuple[VaultCopy, ...] = ()
    # Backups in the backup folder made before the purge: they still hold the purged cases.
    older_backups: tuple[Path, ...] = ()


def purge(
    db: VaultDatabase,
    folder: Path,
    officer_id: int | None,
    retention_years: int,
    *,
    today: date,
    backup_folder: Path | None = None,
) -> PurgeResult:
    """Delete every case due (a content-free audit entry each), VACUUM, then remove every copy of
    the vault the app keeps in its folder: they were made before the purge and hold those cases."""
    purged = []
    with store_errors():
        for candidate in purge_candidates(db, retention_years, today):
            purged.append(db.purge_case(officer_id, candidate.case_id))
        if purged:
            db.vacuum()
    if not purged:
        return PurgeResult(())
    removed = remove_copies(vault_copies(folder))
    older = tuple(path for path, _ in backups_in(backup_folder, db.meta("vault_id")))
    return PurgeResult(tuple(purged), tuple(removed), older)
