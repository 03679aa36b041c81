"""The OS keychain through `keyring`: holds the device secret the passphrase slot also needs.

Never falls back silently: with no usable backend, or a plain-text one (keyrings.alt), the status
says so and the officer must choose passphrase-only mode.
"""

from __future__ import annotations

import base64
import contextlib
import secrets
from dataclasses import dataclass

from triage_desktop.vault.errors import KeychainSecretMissing, NoKeychain

SERVICE = "triage-desktop"
DEVICE_SECRET_BYTES = 32
_PLAINTEXT_MODULES = ("keyrings.alt", "keyring.backends.null", "keyring.backends.fail")


@dataclass(frozen=True)
class KeychainStatus:
    backend: str
    available: bool
    description: str


def _backend() -> object:
    import keyring

    return keyring.get_keyring()


def _name(backend: object) -> str:
    kind = type(backend)
    return f"{kind.__module__}.{kind.__qualname__}"


def _describe(backend: object) -> str:
    return str(getattr(backend, "name", _name(backend)))


def status() -> KeychainStatus:
    """Which keychain this machine offers, and whether the vault may rely on it."""
    backend = _backend()
    name = _name(backend)
    chained = list(getattr(backend, "backends", [backend]))
    if not chained or all(_name(b).startswith(_PLAINTEXT_MODULES) for b in chained):
        return KeychainStatus(
            name,
            False,
            "No secure keychain is available on this computer. You can still create a vault "
            "protected by your passphrase alone (passphrase-only mode).",
        )
    if any(_name(b).startswith("keyrings.alt") for b in chained):
        return KeychainStatus(
            name, False, "The only keychain found stores secrets in plain text; it is not used."
        )
    return KeychainStatus(name, True, f"The keychain {_describe(backend)} is available.")


def store_device_secret(account: str) -> bytes:
    """Create this vault's device secret and save it in the keychain."""
    import keyring.errors

    current = status()
    if not current.available:
        raise NoKeychain(current.description)
    secret = secrets.token_bytes(DEVICE_SECRET_BYTES)
    try:
        keyring.set_password(SERVICE, account, base64.b64encode(secret).decode("ascii"))
    except keyring.errors.KeyringError as error:
        raise NoKeychain(f"The keychain refused to store the secret: {error}") from error
    return secret


def load_device_secret(account: str) -> bytes:
    import keyring.errors

    try:
        stored = keyring.get_password(SERVICE, account)
    except keyring.errors.NoKeyringError as error:
        raise NoKeychain(
            "This vault needs the OS keychain, and none is available. Unlock it with the "
            "recovery key instead."
        ) from error
    except keyring.errors.KeyringError as error:
        raise KeychainSecretMissing(f"The keychain could not be read: {error}") from error
    if stored is None:
        raise KeychainSecretMissing(
            "The keychain on this computer does not hold this vault's device secret (was the "
            "vault copied from another computer?). Unlock it with the recovery key."
        )
    try:
        return base64.b64decode(stored, validate=True)
    except ValueError as error:
        raise KeychainSecretMissing("The keychain entry for this vault is damaged.") from error


def delete_device_secret(account: str) -> None:
    import keyring.errors

    with contextlib.suppress(keyring.errors.KeyringError):  # already gone: nothing to forget
        keyring.delete_password(SERVICE, account)
