"""The backup folder, "Back up now" (off the GUI thread, with a busy bar), and the start of a
restore: choose and check a backup, explain, confirm, then ask the shell to lock and restore
(`restore_requested(Path)`; see restore.py for the locked half)."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from triage_desktop.gui.context import AppContext, describe_error
from triage_desktop.gui.generated.ui_settings_backup import Ui_SettingsBackupPage
from triage_desktop.gui.look import make_heading
from triage_desktop.gui.settings import problems
from triage_desktop.gui.settings.prompts import Prompts


def backup_name(now: datetime | None = None) -> str:
    """A new folder name per backup, sortable by time, free of any case data."""
    return f"triage-desk-backup-{(now or datetime.now()):%Y-%m-%d-%H%M%S}"


def checked_backup(source: Path) -> str:
    """Check a backup folder's files against its manifest; returns when it was written."""
    from triage_desktop.services import maintenance

    maintenance.check_backup_files(source)
    manifest = json.loads((source / maintenance.MANIFEST).read_text("utf-8"))
    return str(manifest.get("created_at", "an unknown time"))


class BackupPage(QWidget):
    restore_requested = Signal(object)  # the checked backup folder (a Path)

    def __init__(
        self, context: AppContext, prompts: Prompts, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.prompts = prompts
        self.ui = Ui_SettingsBackupPage()
        self.ui.setupUi(self)
        self.restore_source: Path | None = None
        self.last_backup: Path | None = None
        self.ui.backupProgress.setRange(0, 0)  # busy: a backup has no measurable steps
        self.ui.backupProgress.setVisible(False)
        self.ui.restoreButton.setEnabled(False)
        make_heading(self.ui.restoreHeading, 1.1)
        problems.prepare(self.ui.backupStatus)
        self.problem_labels = {"backup_folder": self.ui.backupStatus}
        self.field_widgets: dict[str, QWidget] = {"backup_folder": self.ui.chooseBackupFolderButton}
        self.ui.chooseBackupFolderButton.clicked.connect(self.choose_backup_folder)
        self.ui.backupNowButton.clicked.connect(self.back_up_now)
        self.ui.chooseRestoreButton.clicked.connect(self.choose_restore_source)
        self.ui.restoreButton.clicked.connect(self.confirm_restore)

    def load(self, backup_folder: str | None) -> None:
        self.ui.backupFolderEdit.setText(backup_folder or "")

    def values(self) -> dict[str, Any]:
        return {"backup_folder": self.ui.backupFolderEdit.text() or None}

    def choose_backup_folder(self) -> None:
        start = self.ui.backupFolderEdit.text()
        folder = self.prompts.folder(self, "Choose where backups go", start)
        if folder is not None:
            self.ui.backupFolderEdit.setText(str(folder))
            problems.clear(self.ui.backupStatus)

    def back_up_now(self) -> None:
        folder = self.ui.backupFolderEdit.text()
        if not folder:
            problems.show(self.ui.backupStatus, "Choose a backup folder first.")
            self.ui.chooseBackupFolderButton.setFocus()
            return
        destination = Path(folder) / backup_name()
        self.ui.backupNowButton.setEnabled(False)
        self.ui.backupProgress.setVisible(True)
        self.ui.backupStatus.setText("Backing up… you can keep working.")
        self.ui.backupStatus.setVisible(True)

        def done(written: Path) -> None:
            self._idle()
            self.last_backup = Path(written)
            self.ui.backupStatus.setText(
                f"✓ Backup written and checked: {written} ({datetime.now():%H:%M})."
            )

        def failed(error: BaseException) -> None:
            self._idle()
            problems.show(self.ui.backupStatus, f"The backup failed: {describe_error(error)}")

        self.context.run(lambda service: service.backup(destination), done, failed, owner=self)

    def _idle(self) -> None:
        self.ui.backupProgress.setVisible(False)
        self.ui.backupNowButton.setEnabled(True)

    # -- restore: choose, check, explain, confirm; the shell does the rest ----------------------

    def choose_restore_source(self) -> None:
        source = self.prompts.folder(
            self, "Choose the backup folder to restore (it holds backup.json)", ""
        )
        if source is None:
            return
        self.restore_source = None
        self.ui.restoreButton.setEnabled(False)
        self.ui.restoreStatus.setText("Checking the backup…")

        def done(created_at: str) -> None:
            self.restore_source = source
            self.ui.restoreButton.setEnabled(True)
            self.ui.restoreStatus.setText(
                f"✓ {source} is a complete backup, written {created_at}; its checksums match."
            )

        def failed(error: BaseException) -> None:
            self.ui.restoreStatus.setText(f"{problems.MARK} {describe_error(error)}")

        self.context.run(lambda _service: checked_backup(source), done, failed, owner=self)

    def confirm_restore(self) -> None:
        source = self.restore_source
        if source is None:
            return
        if self.prompts.confirm(
            self,
            "Restore this backup?",
            f"The vault will be replaced with the backup in {source}.\n\n"
            "Nothing is deleted: the vault you have now is moved aside as a safety copy in "
            f"{self.context.vault_folder / 'safety-copies'}.\n\n"
            "Triage Desk will lock now, then ask for the backup's passphrase or recovery key.",
        ):
            self.ui.restoreStatus.setText("Locking to restore…")
            self.restore_requested.emit(source)
