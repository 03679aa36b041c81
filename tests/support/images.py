"""Checks on rendered pictures: a blank or single-colour grab means nothing was drawn."""

from __future__ import annotations

from PySide6.QtGui import QImage


def distinct_colours(image: QImage, step: int = 4) -> int:
    """How many different colours a sparse grid of pixels holds."""
    seen: set[int] = set()
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            seen.add(image.pixel(x, y))
    return len(seen)
