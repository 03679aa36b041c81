"""Fusion with control borders an officer can see (WCAG 1.4.11: at least 3:1 against what is
around them), in the dark scheme as in the light.

Fusion draws the edges of check boxes, radio buttons, text fields, drop-downs and buttons in a
colour it derives from the window colour (`window.darker(140)`, private to the style), which in
the dark palette is barely distinguishable from the background. No palette role reaches it, so
this proxy lets Fusion draw as usual and then traces each control's edge in the palette's `Mid`
colour, which `palettes` chooses per scheme for contrast (tests/gui/test_contrast.py measures it
on rendered widgets).
"""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import QProxyStyle, QStyle, QStyleOption, QStyleOptionComplex, QWidget

_BOXES = frozenset(
    {
        QStyle.PrimitiveElement.PE_IndicatorCheckBox,
        QStyle.PrimitiveElement.PE_FrameLineEdit,
        QStyle.PrimitiveElement.PE_PanelButtonCommand,
    }
)


class ContrastStyle(QProxyStyle):
    def __init__(self) -> None:
        super().__init__("Fusion")

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawPrimitive(element, option, painter, widget)
        if element in _BOXES:
            _trace(painter, option, round_=False)
        elif element == QStyle.PrimitiveElement.PE_IndicatorRadioButton:
            _trace(painter, option, round_=True)
        elif element == QStyle.PrimitiveElement.PE_Frame and _is_text_frame(widget):
            _trace(painter, option, round_=False)

    def drawComplexControl(
        self,
        control: QStyle.ComplexControl,
        option: QStyleOptionComplex,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawComplexControl(control, option, painter, widget)
        if control in (QStyle.ComplexControl.CC_ComboBox, QStyle.ComplexControl.CC_SpinBox):
            _trace(painter, option, round_=False)


def _is_text_frame(widget: QWidget | None) -> bool:
    """Text areas, lists and tables: controls with a frame (not the scroll areas that hold
    whole pages, whose frame is only decoration)."""
    from PySide6.QtWidgets import QAbstractItemView, QPlainTextEdit, QTextEdit

    return isinstance(widget, QAbstractItemView | QPlainTextEdit | QTextEdit)


def _trace(painter: QPainter, option: QStyleOption, *, round_: bool) -> None:
    """Stroke the control's outline in the palette's Mid colour, filling nothing.

    Only calls with a single signature: PySide's first resolution of an overloaded call with an
    argument (`QPen(colour)`, `setPen`, `setBrush`) costs ~20 ms, which here fell on the first
    frame (benchmarks/startup.py)."""
    pen = QPen()
    pen.setColor(option.palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Mid))
    pen.setWidthF(1.0)
    box = QRectF(option.rect).adjusted(0.5, 0.5, -0.5, -0.5)
    outline = QPainterPath()
    if round_:
        outline.addEllipse(box)
    else:
        outline.addRoundedRect(box, 2.0, 2.0)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, round_)
    painter.strokePath(outline, pen)
    painter.restore()
