"""Why a vault would not open, in words the officer can act on."""

from __future__ import annotations


class VaultError(Exception):
    """Base for every failure to create, open or use a vault."""


class VaultNotFound(VaultError):  # noqa: N818 - names read as the situation
    """There is no vault in the folder."""


class VaultAlreadyExists(VaultError):  # noqa: N818
    """Refusing to create a vault over an existing one."""


class WrongPassphrase(VaultError):  # noqa: N818
    """The passphrase did not open the vault. `retry_after`: seconds before the next attempt."""

    def __init__(self, retry_after: float) -> None:
        wait = f" Wait {retry_after:.0f} s before trying again." if retry_after > 0 else ""
        super().__init__(f"That passphrase does not open this vault.{wait}")
        self.retry_after = retry_after


class UnlockThrottled(VaultError):  # noqa: N818
    """Too many failed attempts: no attempt is made until `retry_after` seconds have passed."""

    def __init__(self, retry_after: float) -> None:
        super().__init__(
            f"Too many failed attempts. Try again in {max(retry_after, 1):.0f} seconds."
        )
        self.retry_after = retry_after


class BadRecoveryKey(VaultError):  # noqa: N818
    """The recovery key is mistyped (caught by its checksum) or belongs to another vault."""


class VaultCorrupt(VaultError):  # noqa: N818
    """A vault file is damaged or truncated. Nothing was changed."""


class KeySlotRefused(VaultCorrupt):
    """A key slot asks for key-derivation parameters outside the accepted bounds: not used."""


class VaultFromNewerVersion(VaultError):  # noqa: N818
    """The vault was written by a newer Triage Desk. It was not touched."""


class NoKeychain(VaultError):  # noqa: N818
    """No usable OS keychain: the officer must choose passphrase-only mode explicitly."""


class KeychainSecretMissing(VaultError):  # noqa: N818
    """The keychain no longer holds this vault's device secret (another machine or user?)."""


class KeychainSecretMismatch(KeychainSecretMissing):
    """The keychain holds a device secret for this vault, but not the one its slot was made with.

    Told apart from a wrong passphrase (and not counted towards the back-off): retyping the
    passphrase cannot help."""


class VaultReadOnly(VaultError):  # noqa: N818
    """The vault folder (or its disk) cannot be written: it can be read, nothing can change."""


class ExportExists(VaultError):  # noqa: N818
    """An export would replace an existing file: nothing was written."""


class DiskFull(VaultError):  # noqa: N818
    """The disk is full; the change was rolled back and earlier records are intact."""
