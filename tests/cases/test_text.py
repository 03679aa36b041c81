"""strip_controls is exactly 'remove Unicode category Cc except newline and tab'."""

from __future__ import annotations

import sys
import unicodedata

from triage_desktop.cases.text import strip_controls


def strip_controls_slowly(value: str) -> str:
    """The definition `strip_controls` implements, character by character."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(ch for ch in value if ch in "\n\t" or unicodedata.category(ch) != "Cc")


def test_strip_controls_matches_its_definition_for_every_code_point() -> None:
    everything = "".join(chr(i) for i in range(sys.maxunicode + 1) if not 0xD800 <= i <= 0xDFFF)
    assert strip_controls(everything) == strip_controls_slowly(everything)
    assert strip_controls("a\r\nb\rc\x00d\x85e\tf\u200fg") == "a\nb\ncd" + "e\tf\u200fg"
