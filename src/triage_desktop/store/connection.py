"""Opening the SQLCipher database with a raw 256-bit key (never a passphrase per connection).

Failures are told apart by what is true, not by one catch-all: a full disk, a read-only folder,
an I/O error from the disk and a damaged file each get their own error, because the advice
differs ("free some space" must never read as "restore it from a backup", which would replace
newer records with older ones).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import quote

from triage_desktop.paths import (
    DATABASE_FILE,
    DISK_FULL_ERRNOS,
    READ_ONLY_ERRNOS,
    disk_is_full,
    folder_is_read_only,
)
from triage_desktop.store.errors import (
    DiskFullError,
    ReadOnlyError,
    StoreCorruptError,
    StoreIOError,
)

DB_FILE = DATABASE_FILE

Connection = Any  # sqlcipher3.dbapi2.Connection; the stubs are not typed

SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_NOTADB = 26
SQLITE_READONLY = 8
SQLITE_IOERR = 10
# SQLITE_IOERR_WRITE, _FSYNC, _TRUNCATE, _DIR_FSYNC: a write that the disk (or a file size limit)
# refused. SQLite returns these, not SQLITE_FULL, for EFBIG and most ENOSPC paths.
_WRITE_FAILURES = {SQLITE_FULL, 778, 1034, 1546, 1290}


def raw_key_pragma(key: bytes | bytearray) -> str:
    if len(key) != 32:
        raise ValueError("the database key must be 32 bytes")
    return f"x'{bytes(key).hex()}'"


def corrupt_message(error: BaseException | str) -> str:
    return (
        "The vault database is damaged, truncated, or does not belong to this vault's key file "
        f"({error}). Nothing was changed. Keep a copy of the vault folder as it is, then restore "
        "the most recent backup."
    )


def _code(error: BaseException) -> int | None:
    code = getattr(error, "sqlite_errorcode", None)
    return code if isinstance(code, int) else None


def is_corruption(error: BaseException) -> bool:
    if _code(error) in (SQLITE_CORRUPT, SQLITE_NOTADB):
        return True
    text = str(error).lower()
    return any(marker in text for marker in ("not a database", "malformed", "hmac", "corrupt"))


def is_disk_full(error: BaseException, *, writing: bool = False) -> bool:
    """A refused write. Python does not enable extended result codes, so a plain SQLITE_IOERR
    inside a write transaction counts too (reads of damaged files fail as 'malformed')."""
    code = _code(error)
    if code in _WRITE_FAILURES or (writing and code == SQLITE_IOERR):
        return True
    text = str(error).lower()
    return "disk is full" in text or "file too large" in text


def is_read_only(error: BaseException) -> bool:
    code = _code(error)
    return code in (SQLITE_READONLY, SQLITE_CANTOPEN) or "readonly database" in str(error).lower()


def _full(folder: Path | None) -> DiskFullError:
    where = f" holding {folder}" if folder is not None else ""
    return DiskFullError(
        f"The disk{where} is full (or a file size limit was hit), so the change could not be "
        "written. It was not saved; earlier records are intact. Free some space and try again."
    )


def read_only_message(folder: Path | None) -> str:
    where = f"The vault folder {folder}" if folder is not None else "The vault folder"
    return (
        f"{where} is read-only (a read-only disk, or this account may not write there), so "
        "nothing can be changed. The vault can still be read. Copy the folder somewhere "
        "writable, or fix its permissions, to make changes."
    )


def translate(
    error: BaseException, *, writing: bool = False, folder: Path | None = None
) -> BaseException:
    """Map a sqlcipher3 error to the store's own, or return it unchanged."""
    if is_disk_full(error, writing=writing):
        return _full(folder)
    if is_read_only(error) and (folder is None or folder_is_read_only(folder) or writing):
        if folder is not None and disk_is_full(folder):
            return _full(folder)
        return ReadOnlyError(read_only_message(folder))
    if _code(error) == SQLITE_IOERR or "disk i/o error" in str(error).lower():
        if folder is not None and disk_is_full(folder):
            return _full(folder)
        if folder is not None and folder_is_read_only(folder):
            return ReadOnlyError(read_only_message(folder))
        return StoreIOError(
            f"The disk reported an error while reading or writing the vault ({error}). Nothing "
            "was changed. Check the disk and its free space first; do not restore a backup over "
            "the vault until you know the disk is sound."
        )
    if is_corruption(error):
        return StoreCorruptError(corrupt_message(error))
    return error


def create_private_file(path: Path) -> None:
    """An empty owner-only file: SQLite takes it as a new database (and gives -wal/-shm the same
    mode), VACUUM INTO accepts it as its target. Works whatever the process umask is."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def _uri(path: Path, **params: str) -> str:
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return f"file:{quote(str(path.resolve()))}?{query}"


def wal_has_changes(path: Path) -> bool:
    """Committed transactions still in the -wal file (only after a crash, or while open)."""
    wal = path.with_name(path.name + "-wal")
    try:
        return wal.stat().st_size > 0
    except FileNotFoundError:
        return False


def connect(
    path: Path, key: bytes | bytearray, *, create: bool = False, read_only: bool = False
) -> Connection:
    """Open `path` with `key`, check the key by reading, and set the safety pragmas.

    `read_only` opens the file immutable: SQLite writes nothing at all (no -wal, no -shm, not
    even the journal-mode switch that would rewrite page 1). Used for backups being checked and
    for vaults on read-only folders; the caller must know no one else writes the file.
    """
    import sqlcipher3

    folder = path.parent
    if not path.exists():
        if not create:
            raise StoreCorruptError(f"The vault database file {path.name} is missing.")
        try:
            create_private_file(path)
        except OSError as error:
            raise _os_error(error, folder) from error
    if read_only and wal_has_changes(path):
        raise ReadOnlyError(
            f"{read_only_message(folder)} But the vault was not closed cleanly and has changes "
            f"still in {path.name}-wal, which cannot be merged here: open it once from a "
            "writable folder."
        )
    try:
        if read_only:
            con = sqlcipher3.connect(_uri(path, immutable="1"), uri=True, isolation_level=None)
        else:
            con = sqlcipher3.connect(str(path), isolation_level=None, timeout=10)
    except sqlcipher3.Error as error:
        raise _translated(translate(error, folder=folder), error) from error
    try:
        con.execute("PRAGMA cipher_log_level = NONE")
        con.set_key(raw_key_pragma(key))
        objects = con.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if not objects and not create:  # an emptied file: leave it exactly as it is
            raise StoreCorruptError(
                "The vault database is empty or is not a Triage Desk database. Nothing was "
                "changed; restore it from a backup."
            )
        if not read_only:
            con.execute("PRAGMA journal_mode = WAL").fetchone()
            con.execute("PRAGMA synchronous = FULL")
        con.execute("PRAGMA temp_store = MEMORY")
        # 64 MiB of decrypted page cache: repeated reads (search, list) skip re-decryption.
        con.execute("PRAGMA cache_size = -65536")
        con.execute("PRAGMA secure_delete = ON")
        con.execute("PRAGMA foreign_keys = ON")
    except StoreCorruptError:
        con.close()
        raise
    except sqlcipher3.Error as error:
        con.close()
        raise _translated(translate(error, folder=folder), error) from error
    return con


def _translated(translated: BaseException, original: BaseException) -> BaseException:
    """Errors met while opening: anything not recognised is reported as damage."""
    if translated is original:
        return StoreCorruptError(corrupt_message(original))
    return translated


def _os_error(error: OSError, folder: Path) -> BaseException:
    if error.errno in DISK_FULL_ERRNOS or disk_is_full(folder):
        return _full(folder)
    if error.errno in READ_ONLY_ERRNOS or folder_is_read_only(folder):
        return ReadOnlyError(read_only_message(folder))
    return StoreIOError(f"The vault file could not be created in {folder} ({error.strerror}).")
