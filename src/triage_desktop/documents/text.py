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


def markup(text: str) -> str:
    """Escaped paragraph markup for `text`, with line breaks kept and CJK runs in the CJK font."""
    lines = [_line_markup(line) for line in clean(text).split("\n")]
    return "<br/>".join(lines)


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
