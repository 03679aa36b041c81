"""Where the vault lives: `--vault DIR`, else $TRIAGE_DESKTOP_HOME, else the platform default."""

from __future__ import annotations

import errno
import os
from pathlib import Path

ENV_HOME = "TRIAGE_DESKTOP_HOME"
# The vault's files. Here (not in vault/ or store/) so the first window can choose between setup
# and unlock without loading the vault.
KEY_SLOTS_FILE = "keyslots.json"
STAGED_KEY_SLOTS_FILE = "keyslots.next.json"  # a key-slot change on its way (see vault.slots)
DATABASE_FILE = "vault.db"
RESTORE_JOURNAL = "restore-journal.json"  # a restore on its way (see services.maintenance)
RESTORE_STAGING_PREFIX = ".restoring-"
# Any of these means the folder holds a vault (or one being restored): never offer first-run
# setup over it, even when the key-slot file itself is missing.
_VAULT_MARKERS = (
    KEY_SLOTS_FILE,
    STAGED_KEY_SLOTS_FILE,
    DATABASE_FILE,
    f"{DATABASE_FILE}-wal",
    RESTORE_JOURNAL,
)


def vault_is_set_up(folder: Path) -> bool:
    """True when `folder` holds a vault, or the files of one that a crash interrupted."""
    try:
        return any((folder / name).exists() for name in _VAULT_MARKERS) or any(
            child.name.startswith(RESTORE_STAGING_PREFIX) for child in folder.iterdir()
        )
    except FileNotFoundError:
        return False
    except OSError:  # a folder we may not read: say so at unlock, never set up over it
        return True


def default_vault_dir() -> Path:
    """The per-user data folder the OS expects (e.g. ~/.local/share/triage-desktop on Linux)."""
    from platformdirs import user_data_path

    return user_data_path("triage-desktop", appauthor=False, roaming=False)


def vault_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    if explicit:
        return Path(explicit).expanduser()
    from_env = os.environ.get(ENV_HOME)
    if from_env:
        return Path(from_env).expanduser()
    return default_vault_dir()


def ensure_private_dir(path: Path) -> Path:
    """Create a folder readable by its owner only (0700), and tighten it if it already exists."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if os.name == "posix":
        path.chmod(0o700)
    return path


def restrict_umask() -> None:
    """Files this process creates are owner-only (umask 077): vaults, exports, backups."""
    if os.name == "posix":
        os.umask(0o077)


# -- the file system under the vault: shared by vault/ (slot files) and store/ (the database) --

DISK_FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})
READ_ONLY_ERRNOS = frozenset({errno.EROFS, errno.EACCES, errno.EPERM})


def fsync_directory(folder: Path) -> None:
    """Make renames and new files in `folder` survive a power cut (POSIX; a no-op elsewhere)."""
    if os.name != "posix":
        return
    directory = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


def folder_is_read_only(folder: Path) -> bool:
    """True when files in `folder` cannot be created: a read-only mount or no write permission."""
    try:
        if os.name == "posix" and os.statvfs(folder).f_flag & os.ST_RDONLY:
            return True
    except OSError:
        return False
    return not os.access(folder, os.W_OK)


def disk_is_full(folder: Path, margin: int = 1 << 20) -> bool:
    """Less than `margin` bytes free for this user on the disk holding `folder`."""
    import shutil

    try:
        if os.name == "posix":
            stats = os.statvfs(folder)
            return stats.f_bavail * stats.f_frsize < margin
        return shutil.disk_usage(folder).free < margin
    except OSError:
        return False
