"""Key slots, as in LUKS: one random database key, wrapped (AES-256-GCM) once per way in.

- passphrase slot: KEK = HKDF(Argon2id(passphrase) || device secret from the OS keychain)
  (passphrase-only mode: without the device secret);
- recovery slot: KEK = HKDF(recovery key). 160 random bits need no slow KDF.

The slot file holds salts, nonces, KDF parameters and wrapped keys: nothing in it opens the vault
without a passphrase (+ keychain) or the recovery key. docs/vault.md shows how to unwrap the
recovery slot with `cryptography` alone.
"""

from __future__ import annotations

import base64
import json
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from triage_desktop.paths import KEY_SLOTS_FILE
from triage_desktop.vault import backoff, keychain
from triage_desktop.vault.errors import (
    BadRecoveryKey,
    KeychainSecretMissing,
    UnlockThrottled,
    VaultCorrupt,
    VaultFromNewerVersion,
    VaultNotFound,
    WrongPassphrase,
)
from triage_desktop.vault.files import atomic_write
from triage_desktop.vault.kdf import KdfParams, stretch
from triage_desktop.vault.recovery import RecoveryKey

FILE_NAME = KEY_SLOTS_FILE  # shared with the first window, which must not load the vault
FORMAT = 1
DB_KEY_BYTES = 32
PASSPHRASE_INFO = b"triage-desk passphrase slot v1"
RECOVERY_INFO = b"triage-desk recovery slot v1"
MODE_KEYCHAIN = "keychain"
MODE_PASSPHRASE_ONLY = "passphrase_only"  # noqa: S105 - a mode name


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text, validate=True)


def _hkdf(material: bytes, salt: bytes, info: bytes) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=info).derive(material)


def _aad(vault_id: str, slot: str) -> bytes:
    return f"triage-desk:{vault_id}:{slot}".encode()


def _wrap(kek: bytes, db_key: bytes, aad: bytes) -> tuple[bytes, bytes]:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = secrets.token_bytes(12)
    return nonce, AESGCM(kek).encrypt(nonce, db_key, aad)


def _unwrap(kek: bytes, nonce: bytes, wrapped: bytes, aad: bytes) -> bytes | None:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        return AESGCM(kek).decrypt(nonce, wrapped, aad)
    except InvalidTag:
        return None


@dataclass(frozen=True)
class SlotFile:
    """The parsed slot file."""

    vault_id: str
    mode: str
    keychain_backend: str
    created_at: str
    slots: dict[str, dict[str, Any]]

    @property
    def uses_keychain(self) -> bool:
        return self.mode == MODE_KEYCHAIN

    def to_json(self) -> bytes:
        body = {
            "format": FORMAT,
            "vault_id": self.vault_id,
            "created_at": self.created_at,
            "keychain": {"mode": self.mode, "backend": self.keychain_backend},
            "slots": self.slots,
        }
        return json.dumps(body, indent=2, sort_keys=True).encode("utf-8")


def read_slots(folder: Path) -> SlotFile:
    path = folder / FILE_NAME
    if not path.exists():
        raise VaultNotFound(f"There is no vault in {folder}.")
    try:
        data = json.loads(path.read_bytes())
        fmt = int(data["format"])
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise VaultCorrupt(f"The vault's key file ({FILE_NAME}) is damaged.") from error
    if fmt > FORMAT:
        raise VaultFromNewerVersion(
            "This vault was written by a newer version of Triage Desk. Update Triage Desk to open "
            "it; the vault was not changed."
        )
    try:
        slot_file = SlotFile(
            vault_id=str(data["vault_id"]),
            mode=str(data["keychain"]["mode"]),
            keychain_backend=str(data["keychain"]["backend"]),
            created_at=str(data["created_at"]),
            slots={k: dict(v) for k, v in data["slots"].items()},
        )
    except (KeyError, TypeError, AttributeError, ValueError) as error:
        raise VaultCorrupt(f"The vault's key file ({FILE_NAME}) is damaged.") from error
    if "recovery" not in slot_file.slots:
        raise VaultCorrupt(f"The vault's key file ({FILE_NAME}) has no recovery slot.")
    return slot_file


def write_slots(folder: Path, slot_file: SlotFile) -> None:
    atomic_write(folder / FILE_NAME, slot_file.to_json())


def _passphrase_kek(passphrase: str, slot: dict[str, Any], device_secret: bytes) -> bytes:
    params = KdfParams(int(slot["time_cost"]), int(slot["memory_kib"]), int(slot["parallelism"]))
    stretched = stretch(passphrase, _unb64(slot["salt"]), params)
    return _hkdf(stretched + device_secret, _unb64(slot["salt"]), PASSPHRASE_INFO)


def passphrase_slot(
    vault_id: str, db_key: bytes, passphrase: str, params: KdfParams, device_secret: bytes
) -> dict[str, Any]:
    salt = secrets.token_bytes(16)
    slot: dict[str, Any] = {
        "kdf": "argon2id",
        "time_cost": params.time_cost,
        "memory_kib": params.memory_kib,
        "parallelism": params.parallelism,
        "salt": _b64(salt),
        "uses_device_secret": bool(device_secret),
    }
    nonce, wrapped = _wrap(
        _passphrase_kek(passphrase, slot, device_secret), db_key, _aad(vault_id, "passphrase")
    )
    slot.update(nonce=_b64(nonce), wrapped_key=_b64(wrapped))
    return slot


def recovery_slot(vault_id: str, db_key: bytes, recovery: RecoveryKey) -> dict[str, Any]:
    salt = secrets.token_bytes(16)
    nonce, wrapped = _wrap(
        _hkdf(recovery.raw, salt, RECOVERY_INFO), db_key, _aad(vault_id, "recovery")
    )
    return {
        "kdf": "hkdf-sha256",
        "salt": _b64(salt),
        "nonce": _b64(nonce),
        "wrapped_key": _b64(wrapped),
    }


def new_slot_file(
    vault_id: str,
    db_key: bytes,
    passphrase: str,
    *,
    use_keychain: bool,
    params: KdfParams,
) -> tuple[SlotFile, RecoveryKey]:
    """Build the slot file for a new vault (stores the device secret when `use_keychain`)."""
    recovery = RecoveryKey.generate()
    if use_keychain:
        device_secret = keychain.store_device_secret(vault_id)
        backend = keychain.status().backend
    else:
        device_secret, backend = b"", "none (passphrase-only mode chosen by the officer)"
    slot_file = SlotFile(
        vault_id=vault_id,
        mode=MODE_KEYCHAIN if use_keychain else MODE_PASSPHRASE_ONLY,
        keychain_backend=backend,
        created_at=datetime.now(UTC).isoformat(timespec="seconds"),
        slots={
            "passphrase": passphrase_slot(vault_id, db_key, passphrase, params, device_secret),
            "recovery": recovery_slot(vault_id, db_key, recovery),
        },
    )
    return slot_file, recovery


def device_secret_for(slot_file: SlotFile) -> bytes:
    return keychain.load_device_secret(slot_file.vault_id) if slot_file.uses_keychain else b""


def _check_throttle(folder: Path) -> None:
    wait = backoff.remaining(folder)
    if wait > 0:
        raise UnlockThrottled(wait)


def unlock_with_passphrase(folder: Path, passphrase: str) -> bytes:
    """Return the database key, or raise WrongPassphrase / UnlockThrottled / keychain errors."""
    slot_file = read_slots(folder)
    _check_throttle(folder)
    slot = slot_file.slots.get("passphrase")
    if slot is None:
        raise VaultCorrupt("The vault has no passphrase slot; unlock it with the recovery key.")
    device_secret = device_secret_for(slot_file)
    try:
        kek = _passphrase_kek(passphrase, slot, device_secret)
        db_key = _unwrap(
            kek,
            _unb64(slot["nonce"]),
            _unb64(slot["wrapped_key"]),
            _aad(slot_file.vault_id, "passphrase"),
        )
    except (KeyError, ValueError, TypeError) as error:
        raise VaultCorrupt(f"The vault's key file ({FILE_NAME}) is damaged.") from error
    if db_key is None:
        raise WrongPassphrase(backoff.record_failure(folder))
    backoff.record_success(folder)
    return db_key


def unwrap_recovery(slot_file: SlotFile, recovery: RecoveryKey) -> bytes | None:
    slot = slot_file.slots["recovery"]
    try:
        kek = _hkdf(recovery.raw, _unb64(slot["salt"]), RECOVERY_INFO)
        return _unwrap(
            kek,
            _unb64(slot["nonce"]),
            _unb64(slot["wrapped_key"]),
            _aad(slot_file.vault_id, "recovery"),
        )
    except (KeyError, ValueError, TypeError) as error:
        raise VaultCorrupt(f"The vault's key file ({FILE_NAME}) is damaged.") from error


def unlock_with_recovery_key(folder: Path, recovery_text: str) -> bytes:
    """Return the database key. A mistyped key fails its checksum before anything else runs."""
    recovery = RecoveryKey.parse(recovery_text)
    slot_file = read_slots(folder)
    _check_throttle(folder)
    db_key = unwrap_recovery(slot_file, recovery)
    if db_key is None:
        backoff.record_failure(folder)
        raise BadRecoveryKey("This recovery key is valid but belongs to a different vault.")
    backoff.record_success(folder)
    return db_key


def change_passphrase(
    folder: Path, db_key: bytes, new_passphrase: str, params: KdfParams | None = None
) -> None:
    """Rewrap the database key under a new passphrase (same KDF parameters unless given)."""
    slot_file = read_slots(folder)
    old = slot_file.slots.get("passphrase", {})
    if params is None and "time_cost" in old:
        params = KdfParams(int(old["time_cost"]), int(old["memory_kib"]), int(old["parallelism"]))
    if params is None:
        from triage_desktop.vault.kdf import STANDARD

        params = STANDARD
    try:
        device_secret = device_secret_for(slot_file)
    except KeychainSecretMissing:
        # Opened with the recovery key on a computer whose keychain lacks the secret (a new
        # laptop, a restored backup): this computer's keychain gets a fresh one.
        device_secret = keychain.store_device_secret(slot_file.vault_id)
    slots = dict(slot_file.slots)
    slots["passphrase"] = passphrase_slot(
        slot_file.vault_id, db_key, new_passphrase, params, device_secret
    )
    write_slots(folder, _replace_slots(slot_file, slots))


def _replace_slots(slot_file: SlotFile, slots: dict[str, dict[str, Any]]) -> SlotFile:
    return SlotFile(
        slot_file.vault_id,
        slot_file.mode,
        slot_file.keychain_backend,
        slot_file.created_at,
        slots,
    )


def slots_for_new_key(
    folder: Path, new_db_key: bytes, passphrase: str
) -> tuple[SlotFile, RecoveryKey]:
    """Slots for a rekeyed database: the passphrase rewraps, and a NEW recovery key is issued.

    The old recovery key cannot be reused: we never keep it, so we cannot wrap a new key with it.
    Not written here: the caller writes it only once the database itself is rekeyed.
    """
    slot_file = read_slots(folder)
    old = slot_file.slots["passphrase"]
    params = KdfParams(int(old["time_cost"]), int(old["memory_kib"]), int(old["parallelism"]))
    recovery = RecoveryKey.generate()
    slots = {
        "passphrase": passphrase_slot(
            slot_file.vault_id, new_db_key, passphrase, params, device_secret_for(slot_file)
        ),
        "recovery": recovery_slot(slot_file.vault_id, new_db_key, recovery),
    }
    return _replace_slots(slot_file, slots), recovery


def new_database_key() -> bytearray:
    return bytearray(secrets.token_bytes(DB_KEY_BYTES))
