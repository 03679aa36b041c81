"""The recovery key: 160 random bits shown once, as base32 groups with a checksum.

`ABCDEF-GHIJKL-MNOPQR-STUVWX-YZ2345-67ABCD`: 32 characters of key and 4 of checksum (20 bits of
SHA-256), so a mistyped key is caught at once, before any key derivation runs. 0 and 1 are read as
O and I, spaces and dashes are ignored, lower case is accepted.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
from dataclasses import dataclass

from triage_desktop.vault.errors import BadRecoveryKey

KEY_BYTES = 20
_KEY_CHARS = 32
_CHECK_CHARS = 4
_GROUP = 6
_CHECK_DOMAIN = b"triage-desk recovery key checksum v1"
_ALPHABET = set("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")


def _checksum(raw: bytes) -> str:
    digest = hashlib.sha256(_CHECK_DOMAIN + raw).digest()
    return base64.b32encode(digest[:5]).decode("ascii")[:_CHECK_CHARS]


@dataclass(frozen=True)
class RecoveryKey:
    raw: bytes

    @classmethod
    def generate(cls) -> RecoveryKey:
        return cls(secrets.token_bytes(KEY_BYTES))

    def formatted(self) -> str:
        text = base64.b32encode(self.raw).decode("ascii") + _checksum(self.raw)
        return "-".join(text[i : i + _GROUP] for i in range(0, len(text), _GROUP))

    def __repr__(self) -> str:  # never print the key by accident
        return "RecoveryKey(<hidden>)"

    @classmethod
    def parse(cls, text: str) -> RecoveryKey:
        cleaned = "".join(text.split()).replace("-", "").upper().replace("0", "O").replace("1", "I")
        expected = _KEY_CHARS + _CHECK_CHARS
        if len(cleaned) != expected:
            raise BadRecoveryKey(
                f"A recovery key has {expected} letters and digits (six groups of six); "
                f"this one has {len(cleaned)}."
            )
        bad = sorted(set(cleaned) - _ALPHABET)
        if bad:
            raise BadRecoveryKey(
                f"A recovery key uses only A-Z and 2-7; found {''.join(bad)!r}. Check for typos."
            )
        raw = base64.b32decode(cleaned[:_KEY_CHARS])
        if _checksum(raw) != cleaned[_KEY_CHARS:]:
            raise BadRecoveryKey(
                "This recovery key is mistyped (its checksum does not match). Check each group."
            )
        return cls(raw)
