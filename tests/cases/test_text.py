"""strip_controls is exactly 'remove Unicode category Cc except newline and tab'."""

from __future__ import annotations

import sys

from triage_desktop.cases.text import strip_controls, strip_controls_slowly


def test_strip_controls_matches_its_definition_for_every_code_point() -> None:
    everything = "".join(chr(i) for i in range(sys.maxunicode + 1) if not 0xD800 <= i <= 0xDFFF)
    assert strip_controls(everything) == strip_controls_slowly(everything)
    assert strip_controls("a\r\nb\rc\x00d\x85e\tf\u200fg") == "a\nb\ncd" + "e\tf\u200fg"
