"""Passphrase stretching with Argon2id. Parameters live in the slot file with the salt."""

from __future__ import annotations

from dataclasses import dataclass

KEY_LEN = 32


@dataclass(frozen=True)
class KdfParams:
    time_cost: int
    memory_kib: int
    parallelism: int


# About 0.45 s on the reference laptop (Debian 12, 2 cores); see docs/vault.md.
STANDARD = KdfParams(time_cost=3, memory_kib=256 * 1024, parallelism=4)
# For tests only: a vault made with these unlocks instantly (the parameters travel in its slots).
CHEAP_FOR_TESTS = KdfParams(time_cost=1, memory_kib=1024, parallelism=1)


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
