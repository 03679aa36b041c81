"""A plain estimate of passphrase strength for the setup screen.

Written by hand (about 30 lines) rather than adding zxcvbn: the rule that is enforced is only the
minimum length in services.session; this estimate just nudges towards longer, mixed passphrases.
"""

from __future__ import annotations

import math
import string
from dataclasses import dataclass

MIN_LENGTH = 10


@dataclass(frozen=True)
class Strength:
    score: int  # 0..4
    label: str
    advice: str


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
