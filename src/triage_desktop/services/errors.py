"""Every failure the GUI and CLI may need to tell apart, importable from one place."""

from __future__ import annotations

from triage_desktop.cases.text import InvalidFieldError
from triage_desktop.vault.errors import (
    BadRecoveryKey,
    KeychainSecretMissing,
    NoKeychain,
    UnlockThrottled,
    VaultAlreadyExists,
    VaultCorrupt,
    VaultError,
    VaultFromNewerVersion,
    VaultNotFound,
    WrongPassphrase,
)


class VaultLocked(VaultError):  # noqa: N818
    """The operation needs an unlocked vault."""


class CaseNotFound(VaultError):  # noqa: N818
    """No such case, meeting or document."""


class DiskFull(VaultError):  # noqa: N818
    """The disk is full; the change was rolled back and earlier records are intact."""


class WeakPassphrase(VaultError):  # noqa: N818
    """The new passphrase is too short."""


class BackupInvalid(VaultError):  # noqa: N818
    """A backup failed its checks; nothing was replaced."""


__all__ = [
    "BackupInvalid",
    "BadRecoveryKey",
    "CaseNotFound",
    "DiskFull",
    "InvalidFieldError",
    "KeychainSecretMissing",
    "NoKeychain",
    "UnlockThrottled",
    "VaultAlreadyExists",
    "VaultCorrupt",
    "VaultError",
    "VaultFromNewerVersion",
    "VaultLocked",
    "VaultNotFound",
    "WeakPassphrase",
    "WrongPassphrase",
]
