"""Light and dark palettes: calm, high-contrast text, and never colour alone to carry meaning.

"system" follows the OS colour scheme (Qt reports it on all three desktops); the officer can pin
light or dark in settings. Fusion draws every widget from the palette, so both look the same on
every platform.
"""

from __future__ import annotations

from typing import Literal

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

Scheme = Literal["system", "light", "dark"]
STYLE = "fusion"
# Qt's own command-line option, given to QApplication when the app makes it, so the first style
# Qt makes is Fusion (no platform style plugin is loaded); apply_palette then wraps Fusion in
# ContrastStyle, which the app's look needs from the first window on.
STYLE_ARGUMENTS = ("-style", STYLE)

_LIGHT = {
    "window": "#f4f3ef",
    "base": "#ffffff",
    "alternate": "#eeece6",
    "text": "#1d2327",
    "muted": "#5b636a",
    "button": "#e9e7e1",
    "highlight": "#2f6f73",
    "highlighted_text": "#ffffff",
    "link": "#1f5f8b",
    "tooltip": "#fffdf5",
    "border": "#767676",  # control edges: >= 4:1 on window and base (WCAG 1.4.11 asks 3:1)
}
_DARK = {
    "window": "#1f2326",
    "base": "#15181a",
    "alternate": "#262b2f",
    "text": "#eceae4",
    "muted": "#a7adb2",
    "button": "#2b3034",
    "highlight": "#5fa8ac",
    "highlighted_text": "#0d1012",
    "link": "#8cc4ee",
    "tooltip": "#2b3034",
    "border": "#8b9196",  # control edges: >= 4.5:1 on window and base
}


def _palette(colours: dict[str, str]) -> QPalette:
    palette = QPalette()
    role = QPalette.ColorRole
    pairs = {
        role.Window: "window",
        role.WindowText: "text",
        role.Base: "base",
        role.AlternateBase: "alternate",
        role.Text: "text",
        role.Button: "button",
        role.ButtonText: "text",
        role.Highlight: "highlight",
        role.HighlightedText: "highlighted_text",
        role.Link: "link",
        role.ToolTipBase: "tooltip",
        role.ToolTipText: "text",
        role.PlaceholderText: "muted",
        role.Mid: "border",  # traced round every control by gui/contrast_style.py
    }
    for colour_role, key in pairs.items():
        palette.setColor(colour_role, QColor(colours[key]))
    disabled = QPalette.ColorGroup.Disabled
    for colour_role in (role.Text, role.ButtonText, role.WindowText):
        palette.setColor(disabled, colour_role, QColor(colours["muted"]))
    return palette


_platform_scheme: Literal["light", "dark"] | None = None


def _remember_platform_scheme(app: QApplication) -> Literal["light", "dark"]:
    """The OS colour scheme, read once from the platform's palette before ours replaces it.

    Reading the window colour rather than styleHints().colorScheme() avoids building PySide6's
    Qt enum namespace (~13 ms) before the first window.
    """
    global _platform_scheme  # noqa: PLW0603 - one fact about the session, read once
    if _platform_scheme is None:
        window = app.palette().color(QPalette.ColorRole.Window)
        _platform_scheme = "dark" if window.lightness() < 128 else "light"
    return _platform_scheme


def effective_scheme(app: QApplication, scheme: Scheme) -> Literal["light", "dark"]:
    platform = _remember_platform_scheme(app)
    return platform if scheme == "system" else scheme


def apply_palette(app: QApplication, scheme: Scheme = "system") -> Literal["light", "dark"]:
    chosen = effective_scheme(app, scheme)
    from triage_desktop.gui.contrast_style import ContrastStyle

    app.setStyle(ContrastStyle())  # Fusion with control edges at 3:1 (gui/contrast_style.py)
    app.setPalette(_palette(_DARK if chosen == "dark" else _LIGHT))
    return chosen
