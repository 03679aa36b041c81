"""Render the application icon (resources/icons/triage-desktop.svg) to the PNG sizes and the
Windows .ico that desktops and installers want. Run after changing the SVG; the outputs are
committed so a build needs no rendering step."""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

REPO = Path(__file__).resolve().parents[1]
SVG = REPO / "resources" / "icons" / "triage-desktop.svg"
OUT = REPO / "packaging" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def render(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(SVG)).render(painter)
    painter.end()
    return image


def main() -> int:
    _app = QGuiApplication(sys.argv[:1])
    OUT.mkdir(parents=True, exist_ok=True)
    for size in SIZES:
        path = OUT / f"triage-desktop-{size}.png"
        if not render(size).save(str(path)):
            print(f"could not write {path}", file=sys.stderr)
            return 1
    if not render(256).save(str(OUT / "triage-desktop.ico"), "ICO"):
        print("this Qt has no ICO writer; the Windows icon was not made", file=sys.stderr)
    print(f"icons written to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
