"""The keyboard-walk checker finds what it is meant to find, so its green means something."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from tests.support.a11y import check_keyboard_and_names


def test_checker_reports_unnamed_and_unreachable_widgets(qtbot: QtBot) -> None:
    root = QWidget()
    qtbot.addWidget(root)
    layout = QVBoxLayout(root)
    named = QLineEdit(root)
    named.setAccessibleName("Name")
    unnamed = QLineEdit(root)
    trapped = QPushButton("", root)
    trapped.setAccessibleName("Trapped")
    trapped.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # visible, but Tab never lands on it
    labelled = QLineEdit(root)
    buddy = QLabel("&Email", root)
    buddy.setBuddy(labelled)
    for widget in (named, unnamed, trapped, buddy, labelled):
        layout.addWidget(widget)
    root.show()
    qtbot.waitExposed(root)
    problems = check_keyboard_and_names(qtbot, root, named)
    assert any("no accessible name" in p for p in problems)
    assert any("not reachable by Tab" in p and "Trapped" in p for p in problems)
    assert not any("Email" in p for p in problems)  # a buddy label names its field
    assert len(problems) == 2
