"""The app's look: icon, stylesheet and relative heading sizes (text follows the OS font size)."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QFont, QIcon
from PySide6.QtWidgets import QApplication, QLabel

from triage_desktop.gui.palettes import Scheme, apply_palette
from triage_desktop.resources import resource


@cache
def app_icon() -> QIcon:
    return QIcon(str(resource("icons", "triage-desktop.svg")))


def apply_look(app: QApplication, scheme: Scheme = "system") -> None:
    apply_palette(app, scheme)
    app.setWindowIcon(app_icon())
    app.setStyleSheet(resource("style", "triage.qss").read_text(encoding="utf-8"))


def make_heading(label: QLabel, scale: float = 1.6) -> None:
    """Scale a label's font relative to the application font, so OS text scaling still applies."""
    font = QFont(label.font())
    font.setPointSizeF(max(font.pointSizeF(), 1.0) * scale)
    font.setWeight(QFont.Weight.DemiBold)
    label.setFont(font)
