"""Find the shipped `ui/` and `resources/` folders the same way everywhere.

In a wheel (and the PyInstaller bundle, which copies them to the same place) they sit inside the
package as `triage_desktop/ui` and `triage_desktop/resources`. In a source checkout or an editable
install they are the top-level folders of the repository. One function serves all three.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def _candidates(name: str) -> list[Path]:
    found = [_PACKAGE_DIR / name]
    bundle_root = getattr(sys, "_MEIPASS", None)  # PyInstaller one-folder bundle
    if bundle_root:
        found.append(Path(bundle_root) / "triage_desktop" / name)
    found.append(_PACKAGE_DIR.parents[1] / name)  # src/triage_desktop -> repository root
    return found


@cache
def data_dir(name: str) -> Path:
    """The folder `ui` or `resources`, wherever this copy of the app keeps it."""
    if name not in {"ui", "resources"}:
        raise ValueError(f"unknown data folder {name!r}")
    for candidate in _candidates(name):
        if candidate.is_dir():
            return candidate
    tried = ", ".join(str(p) for p in _candidates(name))
    raise FileNotFoundError(f"Triage Desk cannot find its {name}/ folder (looked in {tried})")


def resource(*parts: str) -> Path:
    """A path inside `resources/`, e.g. resource("policy", "dignity-and-respect-2.0.toml")."""
    return data_dir("resources").joinpath(*parts)


def ui_form(name: str) -> Path:
    """A Qt Designer form in `ui/`, e.g. ui_form("about.ui")."""
    return data_dir("ui") / name
