"""Backup, restore and retention purge.

A backup is a folder that is itself a vault: `vault.db` (an encrypted VACUUM INTO copy, same key),
`keyslots.json`, and `backup.json` listing each file's SHA-256. It opens with the same passphrase
(on this computer, in keychain mode) or the recovery key (anywhere), e.g. `--vault BACKUP`.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from triage_desktop.cases.model import PurgeCandidate
from triage_desktop.paths import ensure_private_dir
from triage_desktop.services._translate import store_errors
from triage_desktop.services.errors import BackupInvalid, VaultError, VaultLocked
from triage_desktop.services.session import VaultService
from triage_desktop.vault import slots

log = logging.getLogger(__name__)

MANIFEST = "backup.json"
DB_FILE = "vault.db"
SAFETY_DIR = "safety-copies"
LIVE_FILES = (DB_FILE, f"{DB_FILE}-wal", f"{DB_FILE}-shm", slots.FILE_NAME)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")


def backup(service: VaultService, destination: Path) -> Path:
    """Write an encrypted, checked backup folder at `destination` (which must not exist yet)."""
    db = service._database()
    destination = Path(destination)
    if destination.exists() and any(destination.iterdir()):
        raise VaultError(f"{destination} already exists and is not empty; choose a new folder.")
    ensure_private_dir(destination)
    with store_errors():
        db.backup_to(destination / DB_FILE)
    shutil.copyfile(service.folder / slots.FILE_NAME, destination / slots.FILE_NAME)
    os.chmod(destination / slots.FILE_NAME, 0o600)
    files = {name: _sha256(destination / name) for name in (DB_FILE, slots.FILE_NAME)}
    manifest = {
        "format": 1,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "vault_id": db.meta("vault_id"),
        "files": files,
    }
    from triage_desktop.vault.files import atomic_write

    atomic_write(destination / MANIFEST, json.dumps(manifest, indent=2).encode("utf-8"))
    with store_errors():
        db.audit_event(service.officer_id, "backup")
    log.info("backup written")
    return destination


def check_backup_files(source: Path) -> None:
    """Raise BackupInvalid unless every file the manifest lists is present and unchanged."""
    try:
        manifest = json.loads((source / MANIFEST).read_text("utf-8"))
        files = dict(manifest["files"])
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise BackupInvalid(
            f"{source} is not a Triage Desk backup (no readable {MANIFEST})."
        ) from error
    for name in (DB_FILE, slots.FILE_NAME):
        path = source / name
        if name not in files or not path.is_file():
            raise BackupInvalid(f"The backup is incomplete: {name} is missing.")
        if _sha256(path) != files[name]:
            raise BackupInvalid(f"The backup is damaged: {name} does not match its checksum.")


def restore(
    folder: Path,
    source: Path,
    *,
    passphrase: str | None = None,
    recovery_key: str | None = None,
) -> Path | None:
    """Replace the vault in `folder` with the backup in `source`, after checking the backup.

    The live vault (if any) is moved to `folder/safety-copies/<time>/` first; returns that path.
    The vault must be locked. Nothing is replaced if any check fails.
    """
    from triage_desktop.store.database import check_database

    folder, source = Path(folder), Path(source)
    check_backup_files(source)
    if recovery_key is not None:
        key = slots.unlock_with_recovery_key(source, recovery_key)
    elif passphrase is not None:
        key = slots.unlock_with_passphrase(source, passphrase)
    else:
        raise ValueError("give the backup's passphrase or its recovery key")
    problems = check_database(source / DB_FILE, key)
    if problems:
        raise BackupInvalid(f"The backup failed its integrity check: {problems[0]}")
    (source / "unlock-attempts.json").unlink(missing_ok=True)
    ensure_private_dir(folder)
    staged = {name: folder / f".restoring-{name}" for name in (DB_FILE, slots.FILE_NAME)}
    for name, target in staged.items():
        shutil.copyfile(source / name, target)
        os.chmod(target, 0o600)
    safety: Path | None = None
    live = [folder / name for name in LIVE_FILES if (folder / name).exists()]
    if live:
        safety = ensure_private_dir(folder / SAFETY_DIR / f"before-restore-{_stamp()}")
        for path in live:
            os.replace(path, safety / path.name)
    for name, staged_path in staged.items():
        os.replace(staged_path, folder / name)
    (folder / "unlock-attempts.json").unlink(missing_ok=True)
    log.info("backup restored")
    return safety


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def purge_candidates(service: VaultService, today: date) -> list[PurgeCandidate]:
    """Closed cases whose retention period has ended, not under legal hold."""
    years = service.settings().retention_years
    due: list[PurgeCandidate] = []
    with store_errors():
        closed = service._database().closed_cases()
    for case_id, reference, closed_at, legal_hold in closed:
        due_on = _add_years(closed_at.date(), years)
        if not legal_hold and due_on <= today:
            due.append(PurgeCandidate(case_id, reference, closed_at, due_on))
    return due


@dataclass(frozen=True)
class PurgeResult:
    purged: tuple[str, ...]


def purge(service: VaultService, today: date) -> PurgeResult:
    """Delete every case due, leave a content-free audit entry each, then VACUUM."""
    if not service.is_unlocked:
        raise VaultLocked("The vault is locked.")
    db = service._database()
    purged = []
    with store_errors():
        for candidate in purge_candidates(service, today):
            purged.append(db.purge_case(service.officer_id, candidate.case_id))
        if purged:
            db.vacuum()
    return PurgeResult(tuple(purged))
