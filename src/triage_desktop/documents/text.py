"""Turn any Unicode string into reportlab paragraph markup that prints in the right glyphs.

Two jobs: Arabic (and Hebrew) is shaped into joined presentation forms and put in visual order
(arabic-reshaper without ligatures, which DejaVu lacks, then python-bidi), and runs of CJK text are
wrapped in the CJK font because reportlab never falls back between fonts. Control characters are
dropped; everything is XML-escaped, so user text can never inject markup.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import Any
from xml.sax.saxutils import escape

from triage_desktop.documents.fonts import CJK

_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
_CJK = re.compile(
    "[\u1100-\u11ff\u2e80-\u2fdf\u3000-\u30ff\u3100-\u31ff\u3200-\u9fff\ua960-\ua97f"
    "\uac00-\ud7ff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003134f]+"
)


@cache
def _reshaper() -> Any:
    from arabic_reshaper import ArabicReshaper

    return ArabicReshaper(configuration={"support_ligatures": False})


def clean(text: str) -> str:
    """Drop control and format characters other than newlines and tabs (they print as boxes)."""
    return "".join(
        ch
        for ch in text
        if ch in "\n\t" or unicodedata.category(ch) not in {"Cc", "Cs", "Co", "Cn"}
    )


def visual(text: str) -> str:
    """Shaped, visually ordered text for one line: a no-op for text with no right-to-left run."""
    text = clean(text)
    if not _RTL.search(text):
        return text
    from bidi import get_display

    base = "R" if _RTL.match(text.lstrip()) else "L"
    return str(get_display(_reshaper().reshape(text), base_dir=base))


def is_rtl(text: str) -> bool:
    """True when the first strong character is right-to-left: the paragraph reads from the right."""
    for ch in text:
        direction = unicodedata.bidirectional(ch)
        if direction in {"R", "AL"}:
            return True
        if direction == "L":
            return False
    return False


def logical_lines(line: str, width: float, font_name: str, font_size: float) -> list[str]:
    """Break one logical line into lines of at most `width` points, before any reordering.

    reportlab wraps the string it is given from left to right; given visually ordered Arabic it
    would put the end of a sentence on the first line. Wrapping in logical order first and then
    reordering each line separately keeps the reading order over several lines.
    """
    from reportlab.pdfbase.pdfmetrics import stringWidth

    def shaped_width(candidate: str) -> float:
        shaped = _reshaper().reshape(candidate) if _RTL.search(candidate) else candidate
        return float(stringWidth(shaped, font_name, font_size))

    lines: list[str] = []
    current = ""
    for word in line.split(" "):
        trial = f"{current} {word}" if current else word
        if current and shaped_width(trial) > width:
            lines.append(current)
            current = word
        else:
            current = trial
    lines.append(current)
    return lines


def markup(
    text: str, width: float | None = None, font_name: str = "", font_size: float = 10
) -> str:
    """Escaped paragraph markup for `text`, with line breaks kept and CJK runs in the CJK font.

    Give the available `width` (and the style's font) so right-to-left lines are wrapped in
    logical order before they are reordered for display.
    """
    lines: list[str] = []
    for line in clean(text).split("\n"):
        if width is not None and font_name and _RTL.search(line):
            lines.extend(logical_lines(line, width, font_name, font_size))
        else:
            lines.append(line)
    return "<br/>".join(_line_markup(line) for line in lines)


def _line_markup(line: str) -> str:
    shown = visual(line)
    parts: list[str] = []
    position = 0
    for match in _CJK.finditer(shown):
        parts.append(escape(shown[position : match.start()]))
        parts.append(f'<font name="{CJK}">{escape(match.group())}</font>')
        position = match.end()
    parts.append(escape(shown[position:]))
    return "".join(parts)


def has_cjk(text: str) -> bool:
    return bool(_CJK.search(text))
