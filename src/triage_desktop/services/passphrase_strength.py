"""How hard a passphrase is to guess: one estimate, for the setup screen's hint and for the floor
that `VaultService` enforces on every new passphrase (setup, `init`, `passphrase change`, `rekey`).

Written by hand (about 30 lines) rather than adding zxcvbn: a length minimum alone would accept
"aaaaaaaaaa", so the floor is this estimate's "Fair" (about 50 bits), which ten identical
characters or a short dictionary word padded with digits do not reach, while four unrelated words
or a long mixed phrase do.
"""

from __future__ import annotations

import math
import string
from dataclasses import dataclass

MIN_LENGTH = 10
ACCEPTED_SCORE = 2  # "Fair" or better


@dataclass(frozen=True)
class Strength:
    score: int  # 0..4
    label: str
    advice: str

    @property
    def acceptable(self) -> bool:
        return self.score >= ACCEPTED_SCORE


def estimate(passphrase: str) -> Strength:
    if len(passphrase) < MIN_LENGTH:
        return Strength(0, "Too short", f"Use at least {MIN_LENGTH} characters.")
    pool = 0
    pool += 26 if any(c in string.ascii_lowercase for c in passphrase) else 0
    pool += 26 if any(c in string.ascii_uppercase for c in passphrase) else 0
    pool += 10 if any(c.isdigit() for c in passphrase) else 0
    pool += 33 if any(c in string.punctuation or c == " " for c in passphrase) else 0
    pool += 100 if any(ord(c) > 127 for c in passphrase) else 0
    distinct = len(set(passphrase))
    bits = min(len(passphrase), distinct * 2) * math.log2(max(pool, 2))
    words = len([w for w in passphrase.split() if len(w) >= 3])
    if words >= 4:
        bits = max(bits, 22.0 * words)  # unrelated words: roughly a diceware estimate
    if bits < 50:
        return Strength(1, "Weak", "Longer is better: try four or more unrelated words.")
    if bits < 70:
        return Strength(2, "Fair", "Adding another word would make it much harder to guess.")
    if bits < 90:
        return Strength(3, "Good", "A good passphrase.")
    return Strength(4, "Strong", "A strong passphrase.")


def problem(passphrase: str) -> str:
    """Why this passphrase is refused, in words for the officer; empty when it is accepted."""
    strength = estimate(passphrase)
    if strength.acceptable:
        return ""
    if strength.score == 0:
        return f"The passphrase needs at least {MIN_LENGTH} characters (a few words is best)."
    return (
        "That passphrase would be too easy to guess (repeated or too few different characters). "
        "Try four or more unrelated words."
    )
