"""Small owner-only files written atomically: a crash leaves the old file or the new, never half.

A failed write (full disk, read-only folder) leaves nothing behind either: the temporary file is
removed before the error goes up, and `write_failure` says in plain words what went wrong.
"""

from __future__ import annotations

import contextlib
import errno
import os
from pathlib import Path

from triage_desktop.paths import (
    DISK_FULL_ERRNOS,
    READ_ONLY_ERRNOS,
    disk_is_full,
    folder_is_read_only,
    fsync_directory,
)
from triage_desktop.vault.errors import DiskFull, ExportExists, VaultError, VaultReadOnly


def atomic_write(path: Path, data: bytes) -> None:
    temporary = path.with_name(f".{path.name}.tmp")
    try:
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
    fsync_directory(path.parent)


def remove_stale_temporaries(folder: Path) -> None:
    """Temporary files of atomic writes a crash interrupted (never the truth: only the rename
    makes a file count)."""
    for temporary in folder.glob(".*.tmp"):
        with contextlib.suppress(OSError):
            temporary.unlink()


def name_taken(destination: Path) -> str:
    """What an officer is told when an export's file name is already taken."""
    return f"{destination} already exists: choose another name (nothing was written)."


def write_new_private(destination: Path, data: bytes) -> Path:
    """Write a new file readable by the officer alone (an export), and return its path. An
    existing file is never replaced (`ExportExists`); any other failure leaves no partial file
    and is said by `write_failure` (a full disk, a read-only folder)."""
    try:
        fd = os.open(destination, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise ExportExists(name_taken(destination)) from None
    except OSError as error:
        raise write_failure(error, destination.parent, "Nothing was written.") from error
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
    except OSError as error:
        destination.unlink(missing_ok=True)
        raise write_failure(error, destination.parent, "Nothing was written.") from error
    return destination


__all__ = [
    "atomic_write",
    "fsync_directory",
    "name_taken",
    "remove_stale_temporaries",
    "write_failure",
    "write_new_private",
]


def write_failure(error: OSError, folder: Path, outcome: str) -> VaultError:
    """A failed file write in the officer's words, led by `outcome` (what did or did not happen)."""
    if error.errno in DISK_FULL_ERRNOS or (error.errno == errno.EIO and disk_is_full(folder)):
        return DiskFull(
            f"{outcome} The disk holding {folder} is full: free some space, then try again."
        )
    if error.errno in READ_ONLY_ERRNOS or folder_is_read_only(folder):
        return VaultReadOnly(
            f"{outcome} The folder {folder} is read-only (or this account may not write there)."
        )
    return VaultError(f"{outcome} Writing in {folder} failed: {error.strerror or error}.")
