"""Every failure the GUI and CLI may need to tell apart, importable from one place."""

from __future__ import annotations

from triage_desktop.cases.text import InvalidFieldError
from triage_desktop.vault.errors import (
    BadRecoveryKey,
    DiskFull,
    ExportExists,
    KeychainSecretMismatch,
    KeychainSecretMissing,
    KeySlotRefused,
    NoKeychain,
    UnlockThrottled,
    VaultAlreadyExists,
    VaultCorrupt,
    VaultError,
    VaultFromNewerVersion,
    VaultNotFound,
    VaultReadOnly,
    WrongPassphrase,
)


class VaultLocked(VaultError):  # noqa: N818
    """The operation needs an unlocked vault."""


class CaseNotFound(VaultError):  # noqa: N818
    """No such case, meeting or document."""


class CaseChangedElsewhere(VaultError):  # noqa: N818
    """The case changed after the caller read it; the change was not saved."""


class DiskError(VaultError):
    """The disk reported an I/O error (neither full nor read-only); nothing was changed."""


class MigrationFailed(VaultError):  # noqa: N818
    """The vault could not be upgraded to this version; it was left exactly as it was."""


class WeakPassphrase(VaultError):  # noqa: N818
    """The new passphrase is too short or too easy to guess."""


class BackupInvalid(VaultError):  # noqa: N818
    """A backup failed its checks; nothing was replaced."""


class RestoreInterrupted(VaultError):  # noqa: N818
    """A restore that was cut short could not be finished or undone automatically."""


__all__ = [
    "BackupInvalid",
    "BadRecoveryKey",
    "CaseChangedElsewhere",
    "CaseNotFound",
    "DiskError",
    "DiskFull",
    "ExportExists",
    "InvalidFieldError",
    "KeySlotRefused",
    "KeychainSecretMismatch",
    "KeychainSecretMissing",
    "MigrationFailed",
    "NoKeychain",
    "RestoreInterrupted",
    "UnlockThrottled",
    "VaultAlreadyExists",
    "VaultCorrupt",
    "VaultError",
    "VaultFromNewerVersion",
    "VaultLocked",
    "VaultNotFound",
    "VaultReadOnly",
    "WeakPassphrase",
    "WrongPassphrase",
]
