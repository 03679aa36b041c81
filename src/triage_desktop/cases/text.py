"""Checks for text typed or pasted by a person: size caps, control characters, exact Unicode.

Why strip rather than refuse control characters: text pasted from PDFs and e-mail carries stray
form feeds and NULs; refusing would make the officer hunt for invisible characters in front of a
distressed reporter. Newlines and tabs are kept; carriage returns become newlines. Everything
else, including right-to-left marks and CJK, is kept exactly as typed.
"""

from __future__ import annotations

import re

# Documented caps (characters, not bytes). A pasted 10 MB text is refused with a clear message.
NAME_MAX = 200
SHORT_TEXT_MAX = 2_000
LONG_TEXT_MAX = 100_000


class InvalidFieldError(ValueError):
    """A value the officer (or an import file) gave that cannot be stored; names the field."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


# Unicode category Cc is exactly U+0000-U+001F and U+007F-U+009F (tests/cases/test_text.py
# checks this against unicodedata); as one regex it is ~50x faster than a per-character test,
# which an import of 10,000 reports feels.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def strip_controls(value: str) -> str:
    """Remove control characters (Unicode category Cc) except newline and tab."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROLS.sub("", value)


def clean_text(field: str, value: object, limit: int, *, required: bool = False) -> str:
    """Return `value` without control characters; InvalidFieldError if too long or empty."""
    if not isinstance(value, str):
        raise InvalidFieldError(field, f"must be text, not {type(value).__name__}")
    if len(value) > limit:
        raise InvalidFieldError(
            field, f"is {len(value):,} characters long; the limit is {limit:,} characters"
        )
    if any(0xD800 <= ord(ch) <= 0xDFFF for ch in value):
        # A lone surrogate cannot be stored or printed; it only comes from broken input.
        raise InvalidFieldError(field, "contains characters that are not valid text")
    cleaned = strip_controls(value)
    if required and not cleaned.strip():
        raise InvalidFieldError(field, "is required")
    return cleaned


# Embedding, override and isolate controls, the directional marks and the Arabic letter mark.
BIDI_CONTROLS = frozenset(
    "\u202a\u202b\u202c\u202d\u202e"  # LRE RLE PDF LRO RLO
    "\u2066\u2067\u2068\u2069"  # LRI RLI FSI PDI
    "\u200e\u200f\u061c"  # LRM RLM ALM
)


def neutralise_bidi(value: str) -> str:
    """`value` without bidirectional control characters, for display only (never for storage).

    Why: a name typed or imported with U+202E (right-to-left override) reverses everything drawn
    after it on the same line, in a PDF as on screen, so "Zoë, formal process" could read as
    something else. Removing the controls leaves each script in its natural direction (the
    Unicode bidi algorithm still orders Arabic and Hebrew correctly without them); the record
    keeps exactly what was typed.
    """
    if not BIDI_CONTROLS.intersection(value):
        return value
    return "".join(ch for ch in value if ch not in BIDI_CONTROLS)
