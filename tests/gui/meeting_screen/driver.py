"""Drive the meeting screen the way an officer does — clicks, keys, typing — and count the clicks.

Every helper goes through the real widgets the schema's fields produced, so a test built on it
checks the same keys the services read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QMessageBox,
    QRadioButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from tests.support.typing import type_text
from triage_desktop.gui.meeting_screen.fields import ChoiceButtons, RowsEditor, StepPage
from triage_desktop.gui.meeting_screen.screen import MeetingScreen
from triage_desktop.meeting import STEPS, Step
from triage_desktop.meeting.schema import Field


@dataclass
class Driver:
    qtbot: QtBot
    screen: MeetingScreen
    clicks: int = 0
    keys: int = 0  # key presses beyond typing text (shortcuts, Tab)
    log: list[str] = field(default_factory=list)

    def click(self, widget: QWidget, why: str = "") -> None:
        assert widget.isVisible(), f"cannot click a hidden widget: {why or widget}"
        assert widget.isEnabled(), f"cannot click a disabled widget: {why or widget}"
        if isinstance(widget, QCheckBox | QRadioButton):  # on its box and words, as people do
            at = QPoint(8, widget.height() // 2)
            self.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=at)
        else:
            self.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
        self.clicks += 1
        self.log.append(why or widget.accessibleName())

    def key(
        self, widget: QWidget, key: Qt.Key, modifier: Any = Qt.KeyboardModifier.NoModifier
    ) -> None:
        self.qtbot.keyClick(widget, key, modifier)
        self.keys += 1

    def page(self, step: Step) -> StepPage:
        """The step's page, going to it first (as the officer must) if it is not showing."""
        if self.screen.meeting.current_step is not step:
            self.go(step)
        page = self.screen.page_for(step)
        assert isinstance(page, StepPage)
        return page

    def go(self, step: Step) -> None:
        """Click the step in the step list."""
        row = STEPS.index(step)
        item = self.screen.step_list.item(row)
        rect = self.screen.step_list.visualItemRect(item)
        self.qtbot.mouseClick(
            self.screen.step_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center()
        )
        self.clicks += 1
        assert self.screen.meeting.current_step is step

    def done(self) -> None:
        """Ctrl+Enter: the step is done; the next one opens."""
        self.key(
            self.screen.focusWidget() or self.screen,
            Qt.Key.Key_Return,
            Qt.KeyboardModifier.ControlModifier,
        )

    def tick(self, step: Step, field: Field) -> None:
        box = self.page(step).widgets[field.key]
        assert isinstance(box, QCheckBox)
        self.click(box, field.label)

    def choose(self, step: Step, field: Field, value: str | None) -> None:
        group = self.page(step).widgets[field.key]
        assert isinstance(group, ChoiceButtons), f"{field.key} is not a one-click choice"
        self.click(group.buttons[value], f"{field.label}: {value}")

    def type(self, step: Step, field: Field, text: str) -> None:
        widget = self.page(step).widgets[field.key]
        target = widget.focusProxy() or widget
        target.setFocus()
        type_text(target, text)

    def add_row(self, step: Step, field: Field, values: dict[str, str]) -> None:
        """Click 'Add', then type each text column (dates typed like any text)."""
        editor = self.page(step).widgets[field.key]
        assert isinstance(editor, RowsEditor)
        self.click(editor.add_button, f"{field.label}: add")
        row = editor.rows[-1]
        for key, text in values.items():
            widget = row[key]
            target = widget.focusProxy() or widget
            target.setFocus()
            type_text(target, text)

    def routing_text(self) -> str:
        """What the routing step's explanation says (going to the step to read it)."""
        self.page(Step.ROUTING)
        return " ".join(self.screen.routing_panel.texts())

    def answer_dialog(self, button: QMessageBox.StandardButton) -> None:
        """Press `button` on the next message box that opens (counted as a click)."""
        self.clicks += 1

        def press() -> None:
            box = QApplication.activeModalWidget()
            if isinstance(box, QMessageBox):
                chosen = box.button(button)
                assert isinstance(chosen, QAbstractButton)
                chosen.click()
            else:
                QTimer.singleShot(20, press)

        QTimer.singleShot(0, press)


def visible_texts(root: QWidget) -> list[str]:
    """Every text a person (or a screen reader) can get from what is on screen under `root`."""
    from PySide6.QtWidgets import (
        QAbstractItemView,
        QComboBox,
        QLabel,
        QLineEdit,
        QPlainTextEdit,
        QTextEdit,
    )

    found = [root.window().windowTitle()]
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisibleTo(root.window()):
            continue
        found += [widget.accessibleName(), widget.accessibleDescription(), widget.toolTip()]
        if isinstance(widget, QLabel | QLineEdit | QAbstractButton):
            found.append(widget.text())
        elif isinstance(widget, QPlainTextEdit | QTextEdit):
            found.append(widget.toPlainText())
        elif isinstance(widget, QComboBox):
            found.append(widget.currentText())
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            found += [str(model.index(r, 0).data()) for r in range(model.rowCount())]
    return found


def centre(widget: QWidget) -> QPoint:
    return widget.rect().center()
