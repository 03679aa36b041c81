"""Key slots, as in LUKS: one random database key, wrapped (AES-256-GCM) once per way in.

- passphrase slot: KEK = HKDF(Argon2id(passphrase) || device secret from the OS keychain)
  (passphrase-only mode: without the device secret);
- recovery slot: KEK = HKDF(recovery key). 160 random bits need no slow KDF.

The slot file holds salts, nonces, KDF parameters and wrapped keys: nothing in it opens the vault
without a passphrase (+ keychain) or the recovery key. docs/vault.md shows how to unwrap the
recovery slot with `cryptography` alone.

Changes to the slots are crash-safe in two files: the new slot file is written beside the
current one (`keyslots.next.json`, "staged") and only renamed over it once the change it
describes is in the database (see `services.key_changes`). Until then an unlock tries both, so
whichever the database matches opens it. A rekey keeps the previous recovery slot and a chain of
wrapped keys (the new database key wrapped under the old one) until the officer proves they have
the new recovery key, so the recovery key they already keep never silently stops working.
"""

from __future__ import annotations

import base64
import contextlib
import dataclasses
import hashlib
import hmac
import json
import logging
import os
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from triage_desktop.paths import KEY_SLOTS_FILE, STAGED_KEY_SLOTS_FILE
from triage_desktop.vault import backoff, kdf, keychain
from triage_desktop.vault.errors import (
    BadRecoveryKey,
    KeychainSecretMismatch,
    KeychainSecretMissing,
    UnlockThrottled,
    VaultCorrupt,
    VaultFromNewerVersion,
    VaultNotFound,
    WrongPassphrase,
)
from triage_desktop.vault.files import atomic_write, fsync_directory
from triage_desktop.vault.kdf import KdfParams, stretch
from triage_desktop.vault.recovery import RecoveryKey

log = logging.getLogger(__name__)

FILE_NAME = KEY_SLOTS_FILE  # shared with the first window, which must not load the vault
STAGED_FILE_NAME = STAGED_KEY_SLOTS_FILE
FORMAT = 1
DB_KEY_BYTES = 32
PASSPHRASE_INFO = b"triage-desk passphrase slot v1"
RECOVERY_INFO = b"triage-desk recovery slot v1"
CHAIN_INFO = b"triage-desk rekey chain v1"
KEY_CHECK_INFO = b"triage-desk key check v1"
DEVICE_CHECK_INFO = b"triage-desk device secret check v1"
MODE_KEYCHAIN = "keychain"
MODE_PASSPHRASE_ONLY = "passphrase_only"  # noqa: S105 - a mode name

# What the staged (or current) slot file changed, so an interrupted change can be finished.
CHANGE_CREATE = "create"
CHANGE_PASSPHRASE = "passphrase"  # noqa: S105 - a change name
CHANGE_REKEY = "rekey"
CHANGE_CONFIRM = "confirm_recovery_key"

CURRENT = "current"
STAGED = "staged"
VIA_PASSPHRASE = "passphrase"  # noqa: S105
VIA_RECOVERY = "recovery"
VIA_PREVIOUS_RECOVERY = "previous_recovery"


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text, validate=True)


def _hkdf(material: bytes | bytearray, salt: bytes, info: bytes) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=info).derive(bytes(material))


def _aad(vault_id: str, slot: str) -> bytes:
    return f"triage-desk:{vault_id}:{slot}".encode()


def _wrap(kek: bytes, db_key: bytes | bytearray, aad: bytes) -> tuple[bytes, bytes]:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = secrets.token_bytes(12)
    return nonce, AESGCM(kek).encrypt(nonce, bytes(db_key), aad)


def _unwrap(kek: bytes, nonce: bytes, wrapped: bytes, aad: bytes) -> bytearray | None:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        return bytearray(AESGCM(kek).decrypt(nonce, wrapped, aad))
    except InvalidTag:
        return None


def key_check(db_key: bytes | bytearray) -> str:
    """A check value of the database key: which slot file a key belongs to; reveals nothing."""
    return hmac.new(bytes(db_key), KEY_CHECK_INFO, hashlib.sha256).hexdigest()[:32]


def _device_check(device_secret: bytes) -> str:
    return hmac.new(device_secret, DEVICE_CHECK_INFO, hashlib.sha256).hexdigest()[:16]


def new_generation() -> str:
    return secrets.token_hex(8)


def _damaged(name: str = FILE_NAME) -> VaultCorrupt:
    return VaultCorrupt(f"The vault's key file ({name}) is damaged.")


@dataclass(frozen=True)
class SlotFile:
    """The parsed slot file."""

    vault_id: str
    mode: str
    keychain_backend: str
    created_at: str
    slots: dict[str, dict[str, Any]]
    generation: str = ""
    change: str = ""
    key_check: str = ""
    rekey_chain: tuple[dict[str, Any], ...] = ()

    @property
    def uses_keychain(self) -> bool:
        return self.mode == MODE_KEYCHAIN

    @property
    def rekey_unconfirmed(self) -> bool:
        """A rekey issued a new recovery key the officer has not yet confirmed."""
        return VIA_PREVIOUS_RECOVERY in self.slots

    def replace(self, **changes: Any) -> SlotFile:
        return dataclasses.replace(self, **changes)

    def to_json(self) -> bytes:
        body: dict[str, Any] = {
            "format": FORMAT,
            "vault_id": self.vault_id,
            "created_at": self.created_at,
            "keychain": {"mode": self.mode, "backend": self.keychain_backend},
            "slots": self.slots,
        }
        if self.generation:
            body.update(generation=self.generation, change=self.change, key_check=self.key_check)
        if self.rekey_chain:
            body["rekey_chain"] = list(self.rekey_chain)
        return json.dumps(body, indent=2, sort_keys=True).encode("utf-8")


def _parse(data: Any, name: str) -> SlotFile:
    try:
        fmt = int(data["format"])
    except (KeyError, TypeError, ValueError) as error:
        raise _damaged(name) from error
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
            slots={str(k): dict(v) for k, v in data["slots"].items()},
            generation=str(data.get("generation", "")),
            change=str(data.get("change", "")),
            key_check=str(data.get("key_check", "")),
            rekey_chain=tuple(dict(link) for link in data.get("rekey_chain", ())),
        )
    except (KeyError, TypeError, AttributeError, ValueError) as error:
        raise _damaged(name) from error
    if VIA_RECOVERY not in slot_file.slots:
        raise VaultCorrupt(f"The vault's key file ({name}) has no recovery slot.")
    return slot_file


def read_slots(folder: Path) -> SlotFile:
    path = folder / FILE_NAME
    if not path.exists():
        if (folder / "vault.db").exists():
            raise VaultCorrupt(
                f"The vault's key file ({FILE_NAME}) is missing from {folder}, but its database "
                "is there. Nothing was changed. Put the key file back (from a backup of this "
                "vault) or restore a backup."
            )
        raise VaultNotFound(f"There is no vault in {folder}.")
    try:
        data = json.loads(path.read_bytes())
    except OSError as error:
        raise VaultCorrupt(
            f"The vault's key file ({FILE_NAME}) cannot be read: {error.strerror}."
        ) from error
    except ValueError as error:
        raise _damaged() from error
    return _parse(data, FILE_NAME)


def read_staged(folder: Path) -> SlotFile | None:
    """The staged slot file of an unfinished change, or None (also when unreadable: it is only
    ever written whole, so a damaged one was never the truth)."""
    path = folder / STAGED_FILE_NAME
    try:
        return _parse(json.loads(path.read_bytes()), STAGED_FILE_NAME)
    except FileNotFoundError:
        return None
    except (OSError, ValueError, VaultCorrupt, VaultFromNewerVersion) as error:
        log.warning("ignoring an unreadable staged slot file: %s", error)
        return None


def write_slots(folder: Path, slot_file: SlotFile) -> None:
    atomic_write(folder / FILE_NAME, slot_file.to_json())


def write_staged(folder: Path, slot_file: SlotFile) -> None:
    atomic_write(folder / STAGED_FILE_NAME, slot_file.to_json())


def adopt_staged(folder: Path) -> None:
    """The staged slot file becomes the current one (one rename)."""
    os.replace(folder / STAGED_FILE_NAME, folder / FILE_NAME)
    fsync_directory(folder)


def discard_staged(folder: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        (folder / STAGED_FILE_NAME).unlink()


# -- building slots -------------------------------------------------------------------------


def _passphrase_kek(passphrase: str, slot: dict[str, Any], device_secret: bytes) -> bytes:
    params = kdf.checked(slot)
    salt = _unb64(slot["salt"])
    if len(salt) < kdf.MIN_SALT_BYTES:
        raise _damaged()
    stretched = stretch(passphrase, salt, params)
    return _hkdf(stretched + device_secret, salt, PASSPHRASE_INFO)


def passphrase_slot(
    vault_id: str,
    db_key: bytes | bytearray,
    passphrase: str,
    device_secret: bytes,
    params: KdfParams | None = None,
) -> dict[str, Any]:
    """A passphrase slot; with the current standard Argon2id parameters unless told otherwise."""
    chosen = kdf.STANDARD if params is None else params
    salt = secrets.token_bytes(16)
    slot: dict[str, Any] = {
        "kdf": "argon2id",
        "time_cost": chosen.time_cost,
        "memory_kib": chosen.memory_kib,
        "parallelism": chosen.parallelism,
        "salt": _b64(salt),
        "uses_device_secret": bool(device_secret),
    }
    kdf.checked(slot)  # never write a slot we would refuse to read
    if device_secret:
        slot["device_secret_check"] = _device_check(device_secret)
    nonce, wrapped = _wrap(
        _passphrase_kek(passphrase, slot, device_secret), db_key, _aad(vault_id, "passphrase")
    )
    slot.update(nonce=_b64(nonce), wrapped_key=_b64(wrapped))
    return slot


def recovery_slot(
    vault_id: str, db_key: bytes | bytearray, recovery: RecoveryKey
) -> dict[str, Any]:
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


def _chain_link(
    vault_id: str, index: int, old_key: bytes | bytearray, new_key: bytes | bytearray
) -> dict[str, Any]:
    salt = secrets.token_bytes(16)
    nonce, wrapped = _wrap(
        _hkdf(old_key, salt, CHAIN_INFO), new_key, _aad(vault_id, f"chain:{index}")
    )
    return {"salt": _b64(salt), "nonce": _b64(nonce), "wrapped_key": _b64(wrapped)}


def new_slot_file(
    vault_id: str,
    db_key: bytes | bytearray,
    passphrase: str,
    *,
    use_keychain: bool,
    params: KdfParams | None = None,
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
            "passphrase": passphrase_slot(vault_id, db_key, passphrase, device_secret, params),
            "recovery": recovery_slot(vault_id, db_key, recovery),
        },
        generation=new_generation(),
        change=CHANGE_CREATE,
        key_check=key_check(db_key),
    )
    return slot_file, recovery


def device_secret_for(slot_file: SlotFile) -> bytes:
    return keychain.load_device_secret(slot_file.vault_id) if slot_file.uses_keychain else b""


def _device_secret_for_new_slot(slot_file: SlotFile) -> bytes:
    try:
        return device_secret_for(slot_file)
    except KeychainSecretMissing:
        # Opened with the recovery key on a computer whose keychain lacks the secret (a new
        # laptop, a restored backup): this computer's keychain gets a fresh one.
        return keychain.store_device_secret(slot_file.vault_id)


def with_new_passphrase(
    slot_file: SlotFile, db_key: bytes | bytearray, new_passphrase: str
) -> SlotFile:
    """The slot file with the passphrase slot rewrapped (standard parameters, new salt)."""
    slots = dict(slot_file.slots)
    slots["passphrase"] = passphrase_slot(
        slot_file.vault_id, db_key, new_passphrase, _device_secret_for_new_slot(slot_file)
    )
    return slot_file.replace(
        slots=slots,
        generation=new_generation(),
        change=CHANGE_PASSPHRASE,
        key_check=key_check(db_key),
    )


def for_rekey(
    slot_file: SlotFile,
    old_key: bytes | bytearray,
    new_key: bytes | bytearray,
    passphrase: str,
) -> tuple[SlotFile, RecoveryKey]:
    """Slots for a rekeyed database: the passphrase rewraps, and a NEW recovery key is issued.

    The recovery key the officer keeps (the previous one, until a new one is confirmed) stays in
    `previous_recovery`, and the new database key is wrapped under the old one, so that key still
    opens the vault through the chain. `confirmed` drops both once the officer shows they have
    the new recovery key.
    """
    recovery = RecoveryKey.generate()
    vault_id = slot_file.vault_id
    kept = slot_file.slots.get(VIA_PREVIOUS_RECOVERY, slot_file.slots[VIA_RECOVERY])
    chain = slot_file.rekey_chain if slot_file.rekey_unconfirmed else ()
    chain = (*chain, _chain_link(vault_id, len(chain), old_key, new_key))
    slots = {
        "passphrase": passphrase_slot(
            vault_id, new_key, passphrase, _device_secret_for_new_slot(slot_file)
        ),
        VIA_RECOVERY: recovery_slot(vault_id, new_key, recovery),
        VIA_PREVIOUS_RECOVERY: dict(kept),
    }
    staged = slot_file.replace(
        slots=slots,
        generation=new_generation(),
        change=CHANGE_REKEY,
        key_check=key_check(new_key),
        rekey_chain=chain,
    )
    return staged, recovery


def confirmed(slot_file: SlotFile) -> SlotFile:
    """The slot file without the previous recovery key and the rekey chain."""
    slots = {k: v for k, v in slot_file.slots.items() if k != VIA_PREVIOUS_RECOVERY}
    return slot_file.replace(
        slots=slots, generation=new_generation(), change=CHANGE_CONFIRM, rekey_chain=()
    )


def new_database_key() -> bytearray:
    return bytearray(secrets.token_bytes(DB_KEY_BYTES))


# -- unlocking --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    """A database key a secret unwrapped, and where from (which file, which slot)."""

    key: bytearray
    source: str  # CURRENT or STAGED
    via: str  # VIA_PASSPHRASE, VIA_RECOVERY or VIA_PREVIOUS_RECOVERY

    def __repr__(self) -> str:  # never print the key by accident
        return f"Candidate(<key hidden>, {self.source}, {self.via})"


def _slot_files(folder: Path) -> list[tuple[str, SlotFile]]:
    files = [(CURRENT, read_slots(folder))]
    staged = read_staged(folder)
    if staged is not None and staged.vault_id == files[0][1].vault_id:
        files.append((STAGED, staged))
    return files


def _check_throttle(folder: Path) -> None:
    wait = backoff.remaining(folder)
    if wait > 0:
        raise UnlockThrottled(wait)


def _check_device_secret(slot: dict[str, Any], device_secret: bytes) -> None:
    expected = slot.get("device_secret_check")
    if (
        device_secret
        and expected
        and not hmac.compare_digest(str(expected), _device_check(device_secret))
    ):
        raise KeychainSecretMismatch(
            "The keychain on this computer holds a different secret for this vault than the one "
            "its passphrase was set with (it was replaced or restored from elsewhere), so no "
            "passphrase can open it here. This did not count as a failed attempt. Unlock with "
            "the recovery key, then set the passphrase again."
        )


def _unwrap_passphrase(
    slot_file: SlotFile, slot: dict[str, Any], passphrase: str, device_secret: bytes
) -> bytearray | None:
    try:
        kek = _passphrase_kek(passphrase, slot, device_secret)
        return _unwrap(
            kek,
            _unb64(slot["nonce"]),
            _unb64(slot["wrapped_key"]),
            _aad(slot_file.vault_id, "passphrase"),
        )
    except (KeyError, ValueError, TypeError) as error:
        raise _damaged() from error


def passphrase_candidates(
    folder: Path, passphrase: str, *, backoff_folder: Path | None = None
) -> list[Candidate]:
    """Every database key this passphrase unwraps (current slot file first), or raise
    WrongPassphrase / UnlockThrottled / keychain errors. Failures count in `backoff_folder`
    (default: the vault folder)."""
    counter = folder if backoff_folder is None else backoff_folder
    files = _slot_files(folder)
    _check_throttle(counter)
    device_secret: bytes | None = None
    found: list[Candidate] = []
    seen_salts: set[str] = set()
    for source, slot_file in files:
        slot = slot_file.slots.get("passphrase")
        if slot is None or str(slot.get("salt")) in seen_salts:
            continue
        seen_salts.add(str(slot.get("salt")))
        if device_secret is None:
            device_secret = device_secret_for(slot_file)
        _check_device_secret(slot, device_secret)
        key = _unwrap_passphrase(slot_file, slot, passphrase, device_secret)
        if key is not None:
            found.append(Candidate(key, source, VIA_PASSPHRASE))
    if not any(f.slots.get("passphrase") for _, f in files):
        raise VaultCorrupt("The vault has no passphrase slot; unlock it with the recovery key.")
    if not found:
        raise WrongPassphrase(backoff.record_failure(counter))
    backoff.record_success(counter)
    return found


def _unwrap_recovery_slot(
    vault_id: str, slot: dict[str, Any], recovery: RecoveryKey
) -> bytearray | None:
    try:
        kek = _hkdf(recovery.raw, _unb64(slot["salt"]), RECOVERY_INFO)
        return _unwrap(
            kek, _unb64(slot["nonce"]), _unb64(slot["wrapped_key"]), _aad(vault_id, "recovery")
        )
    except (KeyError, ValueError, TypeError) as error:
        raise _damaged() from error


def _follow_chain(slot_file: SlotFile, key: bytearray) -> bytearray | None:
    for index, link in enumerate(slot_file.rekey_chain):
        try:
            kek = _hkdf(key, _unb64(link["salt"]), CHAIN_INFO)
            following = _unwrap(
                kek,
                _unb64(link["nonce"]),
                _unb64(link["wrapped_key"]),
                _aad(slot_file.vault_id, f"chain:{index}"),
            )
        except (KeyError, ValueError, TypeError) as error:
            raise _damaged() from error
        key[:] = bytes(len(key))
        if following is None:
            return None
        key = following
    return key


def unwrap_recovery(slot_file: SlotFile, recovery: RecoveryKey) -> list[tuple[str, bytearray]]:
    """The keys a recovery key opens in one slot file: (via, key) pairs."""
    found: list[tuple[str, bytearray]] = []
    primary = _unwrap_recovery_slot(slot_file.vault_id, slot_file.slots[VIA_RECOVERY], recovery)
    if primary is not None:
        found.append((VIA_RECOVERY, primary))
    previous = slot_file.slots.get(VIA_PREVIOUS_RECOVERY)
    if previous is not None:
        old = _unwrap_recovery_slot(slot_file.vault_id, previous, recovery)
        current = None if old is None else _follow_chain(slot_file, old)
        if current is not None:
            found.append((VIA_PREVIOUS_RECOVERY, current))
    return found


def recovery_candidates(
    folder: Path, recovery_text: str, *, backoff_folder: Path | None = None
) -> list[Candidate]:
    """Every database key this recovery key opens. A mistyped key fails its checksum first."""
    recovery = RecoveryKey.parse(recovery_text)
    counter = folder if backoff_folder is None else backoff_folder
    files = _slot_files(folder)
    _check_throttle(counter)
    found = [
        Candidate(key, source, via)
        for source, slot_file in files
        for via, key in unwrap_recovery(slot_file, recovery)
    ]
    if not found:
        backoff.record_failure(counter)
        raise BadRecoveryKey("This recovery key is valid but belongs to a different vault.")
    backoff.record_success(counter)
    return found


def unlock_with_passphrase(folder: Path, passphrase: str) -> bytearray:
    """The database key of the current slot file (for tools that open one file on its own)."""
    return passphrase_candidates(folder, passphrase)[0].key


def unlock_with_recovery_key(folder: Path, recovery_text: str) -> bytearray:
    return recovery_candidates(folder, recovery_text)[0].key
