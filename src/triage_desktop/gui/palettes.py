"""Light and dark palettes: calm, high-contrast text, and never colour alone to carry meaning.

"system" follows the OS colour scheme (Qt reports it on all three desktops); the officer can pin
light or dark in settings. Fusion draws every widget from the palette, so both look the same on
every platform.

Control edges an officer can see (WCAG 1.4.11: at least 3:1 against what is around them), in the
dark scheme as in the light: Fusion draws the edge of a button, check box, radio button, text
field, drop-down, spin box or list in the control's window colour darkened by 140 %
(`QFusionStylePrivate::outline`), which round the window colour itself is barely visible. So
those classes of control get their own palette (`QApplication.setPalette(palette, class)`), whose
window colour is the scheme's border colour lightened by as much: Fusion's edge comes out in the
border colour. They paint nothing else in their window colour, except item views' headers, which
keep the plain palette. tests/gui/test_contrast.py measures the edges on rendered widgets. (This
replaced a QProxyStyle that traced each edge in Python: its Python type alone cost ~12 ms before
the first window, and every control paint went through it.)
"""

from __future__ import annotations

from typing import Literal

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

Scheme = Literal["system", "light", "dark"]
STYLE = "fusion"
# Qt's own command-line option, given to QApplication when the app makes it, so the first style
# Qt makes is Fusion (no platform style plugin is loaded).
STYLE_ARGUMENTS = ("-style", STYLE)
FUSION_OUTLINE_DARKER = 140  # Fusion's edge: the control's window colour .darker(140)
EDGED_CONTROLS = (
    "QAbstractButton",
    "QLineEdit",
    "QComboBox",
    "QAbstractSpinBox",
    "QAbstractItemView",
    "QPlainTextEdit",
    "QTextEdit",
)
PLAIN_CONTROLS = ("QHeaderView",)  # an item view whose empty part is filled in its window colour

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
        role.Mid: "border",
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
    colours = _DARK if chosen == "dark" else _LIGHT
    palette = _palette(colours)
    app.setPalette(palette)
    edged = _palette(colours)  # not QPalette(palette): its overloads cost ~20 ms to resolve
    edged.setColor(
        QPalette.ColorRole.Window, QColor(colours["border"]).lighter(FUSION_OUTLINE_DARKER)
    )
    # PySide's stub types the class name as bytes; at run time it takes str and refuses bytes.
    for class_name in EDGED_CONTROLS:
        app.setPalette(edged, class_name)  # type: ignore[arg-type]
    for class_name in PLAIN_CONTROLS:
        app.setPalette(palette, class_name)  # type: ignore[arg-type]
    return chosen
