"""Passphrase stretching with Argon2id. Parameters live in the slot file with the salt.

The slot file is not secret and not authenticated, so its parameters are untrusted input: a
tampered file could ask for almost no work (a cheap guess per try for whoever copies the file
next) or for absurd work (an unlock that never ends). Every read goes through `checked`, which
refuses both; new slots are always written with `STANDARD`, never with what an old slot said.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from triage_desktop.vault.errors import KeySlotRefused

KEY_LEN = 32
MIN_SALT_BYTES = 16


@dataclass(frozen=True)
class KdfParams:
    time_cost: int
    memory_kib: int
    parallelism: int


# About 0.45 s on the reference laptop (Debian 12, 2 cores); see docs/vault.md.
STANDARD = KdfParams(time_cost=3, memory_kib=256 * 1024, parallelism=4)
# The least a slot may ask for: every vault Triage Desk has written used STANDARD, so a slot
# below this was not written by it. Parallelism only spreads the same work over cores, so its
# floor is 1.
MINIMUM = KdfParams(time_cost=3, memory_kib=256 * 1024, parallelism=1)
# The most a slot may ask for: about ten times STANDARD's cost, so a tampered slot cannot make an
# unlock hang or exhaust memory (1 GiB).
MAXIMUM = KdfParams(time_cost=10, memory_kib=1024 * 1024, parallelism=16)
# For tests only: a vault made with these unlocks instantly (the parameters travel in its slots).
# A test process lowers MINIMUM and STANDARD to these (tests/support/vaults.py); nothing in the
# application does.
CHEAP_FOR_TESTS = KdfParams(time_cost=1, memory_kib=1024, parallelism=1)

_NAMES = {"time_cost": "time cost", "memory_kib": "memory (KiB)", "parallelism": "parallelism"}


def _integer(slot: dict[str, Any], name: str) -> int:
    value = slot.get(name)
    if isinstance(value, bool) or not isinstance(value, int):
        raise KeySlotRefused(
            f"The passphrase slot in keyslots.json has no valid Argon2 {_NAMES[name]} "
            f"({value!r}). The file was damaged or edited; unlock with the recovery key, then "
            "set the passphrase again (this rewrites the slot)."
        )
    return value


def checked(slot: dict[str, Any]) -> KdfParams:
    """The slot's Argon2id parameters, refused with a clear message when out of bounds."""
    if slot.get("kdf") != "argon2id":
        raise KeySlotRefused(
            f"The passphrase slot in keyslots.json names an unknown key derivation "
            f"({slot.get('kdf')!r}). Unlock with the recovery key, then set the passphrase again."
        )
    params = KdfParams(*(_integer(slot, name) for name in _NAMES))
    for name, label in _NAMES.items():
        value, low, high = (getattr(p, name) for p in (params, MINIMUM, MAXIMUM))
        if value < low:
            raise KeySlotRefused(
                f"The passphrase slot in keyslots.json asks for less Argon2 work than Triage Desk "
                f"ever writes ({label} {value}, the minimum is {low}): it may have been tampered "
                "with to make guessing cheap. It was not used. Unlock with the recovery key, then "
                "set the passphrase again (the new slot uses the standard parameters)."
            )
        if value > high:
            raise KeySlotRefused(
                f"The passphrase slot in keyslots.json asks for more Argon2 work than Triage Desk "
                f"allows ({label} {value}, the maximum is {high}); it was not used, so the unlock "
                "cannot hang. Unlock with the recovery key, then set the passphrase again."
            )
    return params


def stretch(passphrase: str, salt: bytes, params: KdfParams) -> bytes:
    from argon2.low_level import Type, hash_secret_raw

    return hash_secret_raw(
        passphrase.encode("utf-8"),
        salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_kib,
        parallelism=params.parallelism,
        hash_len=KEY_LEN,
        type=Type.ID,
    )
