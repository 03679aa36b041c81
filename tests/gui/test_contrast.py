"""Control edges an officer can see: every kind of control, rendered in the light and the dark
scheme, has an edge of at least 3:1 against the window around it and against its own fill
(WCAG 2.2, 1.4.11 Non-text Contrast). Measured on the rendered pixels."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QStyle,
    QStyleOptionButton,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from triage_desktop.gui.app import create_application
from triage_desktop.gui.palettes import apply_palette

MINIMUM = 3.0


def luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def contrast(a: QColor, b: QColor) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def edge_contrast(image: QImage, rect: QRect, against: QColor) -> float:
    """The best contrast any pixel on the rectangle's edge band (2 px) has against a colour:
    the edge is there for the eye if some ring of it stands out."""
    best = 0.0
    for x in range(rect.left(), rect.right() + 1):
        for y in range(rect.top(), rect.bottom() + 1):
            on_edge = min(x - rect.left(), rect.right() - x, y - rect.top(), rect.bottom() - y) < 2
            if on_edge:
                best = max(best, contrast(image.pixelColor(x, y), against))
    return best


@pytest.fixture(params=["light", "dark"])
def scheme(request: pytest.FixtureRequest, qtbot: QtBot) -> Iterator[str]:
    app = create_application()
    apply_palette(app, request.param)
    yield request.param
    apply_palette(app, "light")


def indicator_rect(widget: QCheckBox | QRadioButton) -> QRect:
    option = QStyleOptionButton()
    widget.initStyleOption(option)  # type: ignore[arg-type]
    element = (
        QStyle.SubElement.SE_CheckBoxIndicator
        if isinstance(widget, QCheckBox)
        else QStyle.SubElement.SE_RadioButtonIndicator
    )
    return widget.style().subElementRect(element, option, widget)


def test_every_control_edge_reaches_three_to_one(qtbot: QtBot, scheme: str) -> None:
    holder = QWidget()
    qtbot.addWidget(holder)
    layout = QVBoxLayout(holder)
    check, radio = QCheckBox("A tick"), QRadioButton("An answer")
    line, text, combo = QLineEdit(), QPlainTextEdit(), QComboBox()
    combo.addItems(["One", "Two"])
    button, listing = QPushButton("A button"), QListWidget()
    listing.addItem("An item")
    rich, spin = QTextEdit(), QSpinBox()
    for widget in (check, radio, line, text, combo, button, listing, rich, spin):
        layout.addWidget(widget)
    holder.resize(400, 640)
    holder.show()
    qtbot.waitExposed(holder)
    image = holder.grab().toImage()
    window = holder.palette().color(holder.backgroundRole())
    base = QApplication.palette().base().color()
    found = {}
    for widget in (check, radio):
        rect = indicator_rect(widget).translated(widget.pos())
        inside = image.pixelColor(rect.center())
        found[type(widget).__name__] = min(
            edge_contrast(image, rect, window), edge_contrast(image, rect, inside)
        )
    for widget in (line, text, combo, button, listing, rich, spin):
        rect = widget.geometry()
        inside = image.pixelColor(rect.center().x(), rect.top() + 6)
        # the edge must stand out from the window round it and from the control's own fill
        found[type(widget).__name__] = min(
            edge_contrast(image, rect, window), edge_contrast(image, rect, inside)
        )
    assert base.isValid()
    low = {name: round(value, 2) for name, value in found.items() if value < MINIMUM}
    assert low == {}, f"{scheme}: edges below {MINIMUM}:1: {low}"


def test_edges_come_from_the_control_palettes_and_headers_keep_the_window_colour(
    qtbot: QtBot, scheme: str
) -> None:
    """Fusion's edge is the control's window colour darkened: the app's own control classes
    (subclasses included) carry the lightened border colour there; a table's headers, which fill
    their empty part with it, keep the window's own colour."""
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QTableWidget

    from triage_desktop.gui.palettes import FUSION_OUTLINE_DARKER

    class SearchField(QLineEdit):
        pass

    field, table = SearchField(), QTableWidget(2, 2)
    qtbot.addWidget(field)
    qtbot.addWidget(table)
    field.ensurePolished()
    table.ensurePolished()
    window = QApplication.palette().color(QPalette.ColorRole.Window)
    border = QApplication.palette().color(QPalette.ColorRole.Mid)
    edge = field.palette().color(QPalette.ColorRole.Window).darker(FUSION_OUTLINE_DARKER)
    assert contrast(edge, border) < 1.05  # Fusion's edge comes out in the border colour
    assert contrast(edge, window) >= MINIMUM
    assert table.horizontalHeader().palette().color(QPalette.ColorRole.Window) == window
