"""Settings-dialog fixtures: scripted file pickers, a throwaway preferences file, an open dialog."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from triage_desktop.gui.context import AppContext
from triage_desktop.gui.palettes import apply_palette
from triage_desktop.gui.settings import SettingsDialog
from triage_desktop.gui.settings.prompts import Prompts


class ScriptedPrompts(Prompts):
    """Answers the pickers and confirmations from queues a test fills (the OS dialogs are the
    true boundary: they would wait for a person)."""

    def __init__(self) -> None:
        self.folders: list[Path | None] = []
        self.save_files: list[Path | None] = []
        self.open_files: list[Path | None] = []
        self.answers: list[bool] = []
        self.asked: list[str] = []

    def folder(self, parent: QWidget, title: str, start: str = "") -> Path | None:
        self.asked.append(title)
        return self.folders.pop(0)

    def save_file(self, parent: QWidget, title: str, suggested: str, filters: str) -> Path | None:
        self.asked.append(title)
        return self.save_files.pop(0)

    def open_file(self, parent: QWidget, title: str, filters: str) -> Path | None:
        self.asked.append(title)
        return self.open_files.pop(0)

    def confirm(self, parent: QWidget, title: str, text: str) -> bool:
        self.asked.append(f"{title}\n{text}")
        return self.answers.pop(0) if self.answers else True  # unscripted (teardown): yes


@pytest.fixture
def prompts() -> ScriptedPrompts:
    return ScriptedPrompts()


@pytest.fixture
def preferences(tmp_path: Path) -> Iterator[QSettings]:
    store = QSettings(str(tmp_path / "preferences.ini"), QSettings.Format.IniFormat)
    yield store
    app = QApplication.instance()
    if isinstance(app, QApplication):
        apply_palette(app, "system")  # the scheme test must not recolour later tests


@pytest.fixture
def open_dialog(
    qtbot: QtBot, gui_context: AppContext, prompts: ScriptedPrompts, preferences: QSettings
) -> Iterator[SettingsDialog]:
    dialog = make_dialog(qtbot, gui_context, prompts, preferences)
    yield dialog
    gui_context.tasks.wait_all()


def make_dialog(
    qtbot: QtBot, context: AppContext, prompts: Prompts, preferences: QSettings
) -> SettingsDialog:
    dialog = SettingsDialog(context, prompts=prompts, preferences=preferences)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        dialog.resize(1280, 800)
        dialog.show()
    return dialog
