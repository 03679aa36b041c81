"""Turn any Unicode string into reportlab paragraph markup that prints in the right glyphs.

Two jobs: Arabic (and Hebrew) is shaped into joined presentation forms and put in visual order
(arabic-reshaper without ligatures, which DejaVu lacks, then python-bidi), and runs of CJK text are
wrapped in the CJK font because reportlab never falls back between fonts. Control characters and
bidirectional controls (U+202E and the like, which would reverse the text around a name) are
dropped; everything is XML-escaped, so user text can never inject markup.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import Any
from xml.sax.saxutils import escape

from triage_desktop.cases.text import neutralise_bidi
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
    """Drop control characters other than newlines and tabs (they print as boxes), unassigned
    and private-use code points, and bidi controls (they would reorder the text around them)."""
    return "".join(
        ch
        for ch in neutralise_bidi(text)
        if ch in "\n\t" or unicodedata.category(ch) not in {"Cc", "Cs", "Co", "Cn"}
    )


def visual(text: str, base: str | None = None) -> str:
    """Shaped, visually ordered text for one line: a no-op for text with no right-to-left run.

    `base` is the paragraph's direction ("R" or "L"); by default the line's own first strong
    character decides, as the Unicode bidi algorithm does for a paragraph.
    """
    text = clean(text)
    if not _RTL.search(text):
        return text
    from bidi import get_display

    direction = base or ("R" if is_rtl(text) else "L")
    return str(get_display(_reshaper().reshape(text), base_dir=direction))


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
        cjk = "".join(_CJK.findall(shaped))
        rest = _CJK.sub("", shaped)
        width = stringWidth(rest, font_name, font_size)
        return float(width + (stringWidth(cjk, CJK, font_size) if cjk else 0))

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
    shown: list[str] = []
    for line in clean(text).split("\n"):
        base = "R" if is_rtl(line) else "L"  # one direction for every wrapped piece of a line
        if width is not None and font_name and _RTL.search(line):
            pieces = logical_lines(line, width, font_name, font_size)
        else:
            pieces = [line]
        shown.extend(_line_markup(piece, base) for piece in pieces)
    return "<br/>".join(shown)


def _line_markup(line: str, base: str) -> str:
    shown = visual(line, base)
    parts: list[str] = []
    position = 0
    for match in _CJK.finditer(shown):
        parts.append(escape(shown[position : match.start()]))
        parts.append(f'<font name="{CJK}">{escape(match.group())}</font>')
        position = match.end()
    parts.append(escape(shown[position:]))
    return "".join(parts)


def has_rtl(text: str) -> bool:
    """True when `text` holds any right-to-left run (Arabic, Hebrew, Syriac, Thaana…)."""
    return bool(_RTL.search(text))


def has_cjk(text: str) -> bool:
    return bool(_CJK.search(text))
