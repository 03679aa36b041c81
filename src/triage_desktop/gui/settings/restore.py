"""The locked half of a restore: ask for the backup's passphrase or recovery key, then replace
the vault off the GUI thread (services.maintenance.restore; the live vault becomes a safety copy).

Flow for the shell: SettingsDialog emits `restore_requested(Path)`; the shell locks the vault as
it always does (models cleared), then shows `RestoreDialog(context, source)`; on `restored(object)`
(the safety-copy folder, or None) it shows the unlock screen. The vault must be locked.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from triage_desktop.gui.context import AppContext, describe_error
from triage_desktop.gui.settings import problems


class RestoreDialog(QDialog):
    restored = Signal(object)  # the safety-copy folder (Path) or None if there was no vault

    def __init__(self, context: AppContext, source: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.source = Path(source)
        self.setWindowTitle("Restore a backup")
        self.setAccessibleName("Restore a backup")
        layout = QVBoxLayout(self)
        explanation = QLabel(
            f"Restore the backup in {self.source}. The vault you have now is moved aside as a "
            "safety copy, not deleted. Give the passphrase the backup was made with, or its "
            "recovery key."
        )
        explanation.setWordWrap(True)
        self.secret_label = QLabel("Backup &passphrase")
        self.secret_edit = QLineEdit()
        self.secret_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret_edit.setAccessibleName("Backup passphrase or recovery key")
        self.secret_label.setBuddy(self.secret_edit)
        self.recovery_check = QCheckBox("This is the backup's &recovery key")
        self.recovery_check.setAccessibleName("Use the recovery key instead")
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName("Restore problem")
        problems.prepare(self.problem)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setAccessibleName("Restore progress")
        self.progress.setVisible(False)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Restore")
        self.buttons.setAccessibleName("Restore or cancel")
        for widget in (
            explanation,
            self.secret_label,
            self.secret_edit,
            self.recovery_check,
            self.problem,
            self.progress,
            self.buttons,
        ):
            layout.addWidget(widget)
        self.buttons.accepted.connect(self.start)
        self.buttons.rejected.connect(self.reject)

    def start(self) -> None:
        secret = self.secret_edit.text()
        if not secret:
            problems.show(self.problem, "Type the backup's passphrase or recovery key.")
            return
        if self.context.service.is_unlocked:
            problems.show(self.problem, "Lock the vault first: a restore replaces its files.")
            return
        problems.clear(self.problem)
        self.progress.setVisible(True)
        self.buttons.setEnabled(False)
        folder, source = self.context.vault_folder, self.source
        use_recovery = self.recovery_check.isChecked()

        def work(_service: Any) -> Path | None:
            from triage_desktop.services import maintenance

            if use_recovery:
                return maintenance.restore(folder, source, recovery_key=secret)
            return maintenance.restore(folder, source, passphrase=secret)

        def done(safety: Path | None) -> None:
            self.secret_edit.clear()
            self.progress.setVisible(False)
            self.restored.emit(safety)
            self.accept()

        def failed(error: BaseException) -> None:
            self.progress.setVisible(False)
            self.buttons.setEnabled(True)
            problems.show(self.problem, f"Nothing was replaced. {_explain(error)}")
            self.secret_edit.selectAll()
            self.secret_edit.setFocus()

        self.context.run(work, done, failed, owner=self)


def _explain(error: BaseException) -> str:
    """The service's words speak of "this vault"; here the secret is the backup's."""
    from triage_desktop.services.errors import WrongPassphrase

    if isinstance(error, WrongPassphrase):
        return "That passphrase does not open this backup (it needs the one it was made with)."
    return describe_error(error)
