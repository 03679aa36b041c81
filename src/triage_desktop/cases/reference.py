"""Case references: `DR-2026-0042` = the year received and a per-year sequence number."""

from __future__ import annotations

import re
from dataclasses import dataclass

PREFIX = "DR"
_PATTERN = re.compile(r"^DR-(\d{4})-(\d{4,})$")


@dataclass(frozen=True, order=True)
class CaseReference:
    year: int
    sequence: int

    def __str__(self) -> str:
        return f"{PREFIX}-{self.year:04d}-{self.sequence:04d}"

    @classmethod
    def parse(cls, text: str) -> CaseReference:
        match = _PATTERN.match(text.strip().upper())
        if not match:
            raise ValueError(f"not a case reference (expected like DR-2026-0042): {text!r}")
        return cls(int(match.group(1)), int(match.group(2)))
