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
_SECRET_SERVICE_MODULE = "keyring.backends.SecretService"  # noqa: S105 - a module name
# How long the setup screen waits for the Secret Service to answer. A running one answers in
# milliseconds and one that D-Bus starts on demand (gnome-keyring, KWallet) within a second; a
# declared one that never comes up would otherwise hold the first real call for D-Bus's own
# limit (25 s) and then fail.
SECRET_SERVICE_TIMEOUT_S = 1.5


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
    usable = [b for b in chained if not _name(b).startswith(_PLAINTEXT_MODULES)]
    if all(_name(b).startswith(_SECRET_SERVICE_MODULE) for b in usable) and not (
        secret_service_answers(SECRET_SERVICE_TIMEOUT_S)
    ):
        return KeychainStatus(
            name,
            False,
            f"This computer's keychain (the Secret Service) did not answer within "
            f"{SECRET_SERVICE_TIMEOUT_S:g} seconds. Check again in a moment, or create a vault "
            "protected by your passphrase alone (passphrase-only mode).",
        )
    return KeychainStatus(name, True, f"The keychain {_describe(backend)} is available.")


def secret_service_answers(timeout_s: float) -> bool:
    """Whether the Secret Service on the session bus answers within `timeout_s`.

    keyring reports it usable when D-Bus merely knows how to start it; asking it something (here
    its list of collections) starts it if needed, and the bounded wait keeps a service that never
    comes up from holding the setup screen or the vault's creation.
    """
    from jeepney import DBusAddress, MessageType, Properties
    from jeepney.io.blocking import open_dbus_connection

    service = DBusAddress(
        "/org/freedesktop/secrets",
        bus_name="org.freedesktop.secrets",
        interface="org.freedesktop.Secret.Service",
    )
    try:
        with open_dbus_connection(bus="SESSION", auth_timeout=timeout_s) as connection:
            reply = connection.send_and_get_reply(
                Properties(service).get("Collections"), timeout=timeout_s
            )
    except (OSError, KeyError, ValueError):  # TimeoutError is an OSError; KeyError: no bus
        return False
    return bool(reply.header.message_type is MessageType.method_return)


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
    except Exception as error:  # D-Bus errors (jeepney) are not KeyringErrors
        raise NoKeychain(
            f"The keychain did not store the secret ({type(error).__name__}). Try again, or "
            "choose passphrase-only mode."
        ) from error
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
