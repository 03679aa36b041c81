"""Opening the SQLCipher database with a raw 256-bit key (never a passphrase per connection)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from triage_desktop.store.errors import DiskFullError, StoreCorruptError

DB_FILE = "vault.db"

Connection = Any  # sqlcipher3.dbapi2.Connection; the stubs are not typed


def raw_key_pragma(key: bytes | bytearray) -> str:
    if len(key) != 32:
        raise ValueError("the database key must be 32 bytes")
    return f"x'{bytes(key).hex()}'"


def corrupt_message(error: Exception) -> str:
    return (
        "The vault database is damaged or truncated and cannot be read "
        f"({error}). Nothing was changed; restore it from a backup."
    )


SQLITE_FULL = 13
# SQLITE_IOERR_WRITE, _FSYNC, _TRUNCATE, _DIR_FSYNC: a write that the disk (or a file size limit)
# refused. SQLite returns these, not SQLITE_FULL, for EFBIG and most ENOSPC paths.
_WRITE_FAILURES = {SQLITE_FULL, 778, 1034, 1546, 1290}


def is_corruption(error: BaseException) -> bool:
    text = str(error).lower()
    return any(
        marker in text
        for marker in ("not a database", "malformed", "hmac", "corrupt", "disk i/o error")
    )


SQLITE_IOERR = 10


def is_disk_full(error: BaseException, *, writing: bool = False) -> bool:
    """A refused write. Python does not enable extended result codes, so a plain SQLITE_IOERR
    inside a write transaction counts too (reads of damaged files fail as 'malformed')."""
    code = getattr(error, "sqlite_errorcode", None)
    if code in _WRITE_FAILURES or (writing and code == SQLITE_IOERR):
        return True
    text = str(error).lower()
    return "disk is full" in text or "file too large" in text


def translate(error: Exception, *, writing: bool = False) -> Exception:
    """Map a sqlcipher3 error to the store's own, or return it unchanged."""
    if is_disk_full(error, writing=writing):
        return DiskFullError(
            "The change could not be written: the disk is full (or a file size limit was hit). "
            "It was not saved; earlier records are intact."
        )
    if is_corruption(error):
        return StoreCorruptError(corrupt_message(error))
    return error


def create_private_file(path: Path) -> None:
    """An empty owner-only file: SQLite takes it as a new database (and gives -wal/-shm the same
    mode), VACUUM INTO accepts it as its target. Works whatever the process umask is."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def connect(path: Path, key: bytes | bytearray, *, create: bool = False) -> Connection:
    """Open `path` with `key`, check the key by reading, and set the safety pragmas."""
    import sqlcipher3

    if not path.exists():
        if not create:
            raise StoreCorruptError(f"The vault database file {path.name} is missing.")
        create_private_file(path)
    con = sqlcipher3.connect(str(path), isolation_level=None, timeout=10)
    try:
        con.execute("PRAGMA cipher_log_level = NONE")
        con.set_key(raw_key_pragma(key))
        objects = con.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if not objects and not create:  # an emptied file: leave it exactly as it is
            con.close()
            raise StoreCorruptError(
                "The vault database is empty or is not a Triage Desk database. Nothing was "
                "changed; restore it from a backup."
            )
        con.execute("PRAGMA journal_mode = WAL").fetchone()
        con.execute("PRAGMA synchronous = FULL")
        con.execute("PRAGMA temp_store = MEMORY")
        # 64 MiB of decrypted page cache: repeated reads (search, list) skip re-decryption.
        con.execute("PRAGMA cache_size = -65536")
        con.execute("PRAGMA secure_delete = ON")
        con.execute("PRAGMA foreign_keys = ON")
    except sqlcipher3.DatabaseError as error:
        con.close()
        raise StoreCorruptError(corrupt_message(error)) from error
    return con
