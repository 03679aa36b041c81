"""Walk a window by keyboard the way an officer would, and check what a screen reader hears."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

INTERACTIVE = (
    QAbstractButton,
    QLineEdit,
    QComboBox,
    QAbstractItemView,
    QAbstractSpinBox,
    QPlainTextEdit,
    QTextEdit,
)


def interactive_widgets(root: QWidget) -> list[QWidget]:
    """Visible, enabled widgets a person can operate, inside `root`."""
    found = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE):
            continue
        if not widget.isVisibleTo(root) or not widget.isEnabled():
            continue
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
            continue  # e.g. toolbar buttons: their actions have shortcuts instead
        if type(widget).__name__ in {"QScrollBar", "QTabBar"} or widget.objectName().startswith(
            "qt_"
        ):
            continue  # Qt's own parts of composite widgets
        parent = widget.parentWidget()
        if isinstance(parent, QComboBox | QAbstractSpinBox):
            continue  # the line edit inside an editable combo box or spin box
        found.append(widget)
    return found


def spoken_name(widget: QWidget) -> str:
    """The name assistive technology reads: the accessible name, else a label's buddy text."""
    if widget.accessibleName():
        return widget.accessibleName()
    for label in widget.window().findChildren(QLabel):
        if label.buddy() is widget and label.text():
            return label.text().replace("&", "")
    if isinstance(widget, QAbstractButton):
        return widget.text().replace("&", "")
    return ""


def tab_walk(qtbot: QtBot, start: QWidget, limit: int = 400) -> list[QWidget]:
    """Press Tab from `start` until focus comes back round; the widgets in the order visited."""
    window = start.window()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    start.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=2000)
    first = QApplication.focusWidget()
    visited: list[QWidget] = [first]
    for _ in range(limit):
        previous = QApplication.focusWidget()
        qtbot.keyClick(previous, Qt.Key.Key_Tab)
        current = QApplication.focusWidget()
        if current is first or current is None:
            break
        if current is previous:
            continue  # date and time edits use Tab to step through their sections first
        if current in visited:
            break
        visited.append(current)
    return visited


def _in_reached_radio_group(widget: QWidget, reached: set[QWidget]) -> bool:
    if not isinstance(widget, QRadioButton) or widget.group() is None:
        return False
    return any(button in reached for button in widget.group().buttons())


def check_keyboard_and_names(qtbot: QtBot, root: QWidget, start: QWidget) -> list[str]:
    """Problems found: widgets Tab never reaches, and widgets without a spoken name."""
    problems = []
    reached = set(tab_walk(qtbot, start))
    for widget in interactive_widgets(root):
        label = f"{type(widget).__name__} {widget.objectName() or spoken_name(widget)!r}"
        if _in_reached_radio_group(widget, reached):
            continue  # Tab enters a group of radio buttons once; the arrow keys choose within it
        if widget not in reached and widget.focusProxy() not in reached:
            problems.append(f"not reachable by Tab: {label}")
        if not spoken_name(widget):
            problems.append(f"no accessible name: {label}")
    return problems
