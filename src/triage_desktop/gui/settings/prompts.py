"""The OS file pickers and confirmations the settings pages ask through, in one replaceable place
(tests give a scripted stand-in; the real ones are modal and would wait for a person)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget


class Prompts:
    def folder(self, parent: QWidget, title: str, start: str = "") -> Path | None:
        chosen = QFileDialog.getExistingDirectory(parent, title, start)
        return Path(chosen) if chosen else None

    def save_file(self, parent: QWidget, title: str, suggested: str, filters: str) -> Path | None:
        chosen, _ = QFileDialog.getSaveFileName(parent, title, suggested, filters)
        return Path(chosen) if chosen else None

    def open_file(self, parent: QWidget, title: str, filters: str) -> Path | None:
        chosen, _ = QFileDialog.getOpenFileName(parent, title, "", filters)
        return Path(chosen) if chosen else None

    def confirm(self, parent: QWidget, title: str, text: str) -> bool:
        buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel
        answer = QMessageBox.question(
            parent, title, text, buttons, QMessageBox.StandardButton.Cancel
        )
        return answer == QMessageBox.StandardButton.Yes
