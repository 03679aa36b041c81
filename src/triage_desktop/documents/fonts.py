"""Find and register the fonts every document embeds: a Latin/Arabic face and a CJK face.

reportlab embeds any TrueType font it is given, but never falls back between fonts, so a name in a
script the font lacks would print as empty boxes. We therefore insist on two faces:

* ``TriageSans`` / ``TriageSans-Bold``: DejaVu Sans (Latin with diacritics, Greek, Cyrillic,
  Arabic);
* ``TriageCJK``: WenQuanYi Micro Hei (Chinese, Japanese kana, Korean hangul).

Lookup order, first hit wins: ``$TRIAGE_DESKTOP_FONTS`` (a folder an administrator points at),
``resources/fonts`` (what a PyInstaller bundle ships), then the usual system folders of Linux,
macOS and Windows. When nothing is found the error names the font and every folder searched.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from triage_desktop.documents.errors import FontNotFoundError

ENV_FONTS = "TRIAGE_DESKTOP_FONTS"
SANS, SANS_BOLD, CJK = "TriageSans", "TriageSans-Bold", "TriageCJK"


@dataclass(frozen=True)
class FontSpec:
    """A face, the files that may provide it (best first) and characters it must cover."""

    face: str
    purpose: str
    file_names: tuple[str, ...]
    subfolders: tuple[str, ...]
    probe: str


# After DejaVu / WenQuanYi (Linux, or copied into resources/fonts for a bundle) come faces that
# Windows and macOS ship with TrueType outlines; each candidate must also pass the glyph probe.
FONT_SPECS = (
    FontSpec(
        SANS,
        "Latin and Arabic text",
        ("DejaVuSans.ttf", "arial.ttf", "Arial Unicode.ttf"),
        ("dejavu", "truetype/dejavu", "Supplemental"),
        "Åëßﻣﺤ",
    ),
    FontSpec(
        SANS_BOLD,
        "headings",
        ("DejaVuSans-Bold.ttf", "arialbd.ttf", "Arial Bold.ttf"),
        ("dejavu", "truetype/dejavu", "Supplemental"),
        "Åëß",
    ),
    FontSpec(
        CJK,
        "Chinese, Japanese and Korean text",
        ("wqy-microhei.ttc", "WenQuanYiMicroHei.ttf", "msyh.ttc", "Arial Unicode.ttf"),
        ("wqy", "truetype/wqy", "Supplemental"),
        "张伟あ가",
    ),
)


def _system_folders() -> list[Path]:
    if sys.platform == "win32":
        windir = Path(os.environ.get("WINDIR", r"C:\Windows"))
        local = Path(os.environ.get("LOCALAPPDATA", "")) / "Microsoft" / "Windows" / "Fonts"
        return [windir / "Fonts", local]
    if sys.platform == "darwin":
        return [
            Path.home() / "Library/Fonts",
            Path("/Library/Fonts"),
            Path("/System/Library/Fonts"),
        ]
    data_dirs = os.environ.get("XDG_DATA_DIRS", "/usr/local/share:/usr/share").split(":")
    return [Path.home() / ".local/share/fonts", Path.home() / ".fonts"] + [
        Path(d) / "fonts" for d in data_dirs if d
    ]


def search_folders() -> list[Path]:
    """Every folder the lookup tries, in order."""
    from triage_desktop.resources import resource

    folders: list[Path] = []
    if os.environ.get(ENV_FONTS):
        folders.append(Path(os.environ[ENV_FONTS]))
    with contextlib.suppress(FileNotFoundError):
        folders.append(resource("fonts"))
    folders.extend(_system_folders())
    return folders


def _load(spec: FontSpec, path: Path) -> Any:
    """The reportlab font for `path`, or None when it cannot be read or lacks the probe glyphs."""
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    try:
        if path.suffix.lower() == ".ttc":
            font = TTFont(spec.face, str(path), subfontIndex=0)
        else:
            font = TTFont(spec.face, str(path))
    except (TTFError, OSError, ValueError):
        return None  # e.g. PostScript (CFF) outlines, which reportlab cannot embed
    covered = font.face.charToGlyph
    return font if all(ord(ch) in covered for ch in spec.probe) else None


def find_font(spec: FontSpec) -> tuple[Path, Any]:
    """The first usable file for `spec` (and its loaded font), or a clear FontNotFoundError."""
    folders = search_folders()
    for file_name in spec.file_names:
        for folder in folders:
            for sub in ("", *spec.subfolders):
                candidate = folder / sub / file_name if sub else folder / file_name
                if candidate.is_file():
                    font = _load(spec, candidate)
                    if font is not None:
                        return candidate, font
    looked = ", ".join(str(f) for f in folders)
    raise FontNotFoundError(
        f"The font for {spec.purpose} ({' or '.join(spec.file_names)}) is not installed. "
        f"Install it (Debian: fonts-dejavu-core, fonts-wqy-microhei), or copy the file into the "
        f"folder named by ${ENV_FONTS}. Looked in: {looked}"
    )


_registered: dict[str, Path] = {}
# Parsing the faces is pure Python (~0.25 s, most of it the CJK face) and the desktop app warms
# it on a background thread (services/warm_up.py) while a draft may already be rendering: the
# lock makes the second caller wait for the first parse instead of parsing the files again.
_registering = threading.Lock()


def register_fonts() -> dict[str, Path]:
    """Register the three faces with reportlab once per process; returns face -> file used."""
    with _registering:
        if not _registered:
            _registered.update(_register())
        return dict(_registered)


def _register() -> dict[str, Path]:
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics

    used: dict[str, Path] = {}
    for spec in FONT_SPECS:
        path, font = find_font(spec)
        pdfmetrics.registerFont(font)
        used[spec.face] = path
    addMapping(SANS, 0, 0, SANS)
    addMapping(SANS, 1, 0, SANS_BOLD)
    addMapping(SANS, 0, 1, SANS)
    addMapping(SANS, 1, 1, SANS_BOLD)
    addMapping(CJK, 0, 0, CJK)
    addMapping(CJK, 1, 0, CJK)
    addMapping(CJK, 0, 1, CJK)
    addMapping(CJK, 1, 1, CJK)
    return used
