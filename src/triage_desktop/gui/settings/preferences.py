"""Per-computer preferences kept outside the vault (they must apply before it is unlocked).

Only the colour scheme lives here: it says nothing about any case.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

from triage_desktop.gui.palettes import Scheme

SCHEME_KEY = "appearance/colour_scheme"
SCHEMES: tuple[Scheme, ...] = ("system", "light", "dark")


def load_scheme(store: QSettings | None = None) -> Scheme:
    """The chosen scheme, or "system" when none (or something unknown) is stored."""
    value = (store or QSettings()).value(SCHEME_KEY, "system")
    for scheme in SCHEMES:
        if value == scheme:
            return scheme
    return "system"


def save_scheme(scheme: Scheme, store: QSettings | None = None) -> None:
    if scheme not in SCHEMES:
        raise ValueError(f"unknown colour scheme {scheme!r}")
    chosen = store or QSettings()
    chosen.setValue(SCHEME_KEY, scheme)
    chosen.sync()
