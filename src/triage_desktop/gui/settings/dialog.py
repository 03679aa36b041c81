"""The settings dialog: locking and appearance, the passphrase, closure days and retention, the
emergency contacts and the support directory, letters and the signing certificate, backup and
restore.

Everything is read and written off the GUI thread through `context.run`. Save validates every
field first (a message beside the field, nothing saved), then writes the changed settings and
emits `settings_changed(VaultSettings)` so the shell can re-arm the idle timer.
`restore_requested(Path)` asks the shell to lock and restore (see restore.py).
"""

from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtCore import QSettings, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLabel, QWidget

from triage_desktop.cases.text import InvalidFieldError
from triage_desktop.gui.context import AppContext, describe_error
from triage_desktop.gui.generated.ui_settings_dialog import Ui_SettingsDialog
from triage_desktop.gui.look import make_heading
from triage_desktop.gui.palettes import apply_palette
from triage_desktop.gui.settings import problems
from triage_desktop.gui.settings.backup_page import BackupPage
from triage_desktop.gui.settings.documents_page import DocumentsPage
from triage_desktop.gui.settings.passphrase_page import PassphrasePage
from triage_desktop.gui.settings.preferences import load_scheme, save_scheme
from triage_desktop.gui.settings.prompts import Prompts
from triage_desktop.gui.settings.records_page import RecordsPage
from triage_desktop.gui.settings.security_page import SecurityPage
from triage_desktop.gui.settings.snapshot import SettingsSnapshot, load_snapshot
from triage_desktop.gui.settings.support_page import SupportPage
from triage_desktop.services import settings as settings_mod
from triage_desktop.services.settings import VaultSettings


class SettingsPage(Protocol):
    problem_labels: dict[str, QLabel]
    field_widgets: dict[str, QWidget]

    def values(self) -> dict[str, Any]: ...


class SettingsDialog(QDialog):
    settings_changed = Signal(object)  # the new VaultSettings, after a successful save
    restore_requested = Signal(object)  # a checked backup folder (Path): lock, then restore
    loaded = Signal()  # the dialog shows the vault's current settings (tests wait on it)

    def __init__(
        self,
        context: AppContext,
        parent: QWidget | None = None,
        *,
        prompts: Prompts | None = None,
        preferences: QSettings | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.prompts = prompts or Prompts()
        self.preferences = preferences
        self.ui = Ui_SettingsDialog()
        self.ui.setupUi(self)
        make_heading(self.ui.headingLabel)
        self.ui.footerLayout.setStretch(0, 1)  # the status line takes the width, buttons right
        self.current: VaultSettings | None = None
        self.saving = False

        self.security = SecurityPage(self)
        self.passphrase = PassphrasePage(context, self)
        self.records = RecordsPage(context, self)
        self.support = SupportPage(self)
        self.documents = DocumentsPage(context, self.prompts, self)
        self.backup = BackupPage(context, self.prompts, self)
        self.pages: list[tuple[str, QWidget]] = [
            ("Locking and appearance", self.security),
            ("Passphrase", self.passphrase),
            ("Closure days and retention", self.records),
            ("Emergency contacts and support", self.support),
            ("Letters and certificate", self.documents),
            ("Backup and restore", self.backup),
        ]
        for title, page in self.pages:
            self.ui.pageList.addItem(title)
            self.ui.pageStack.addWidget(page)
            heading = page.findChild(QLabel, "titleLabel")
            if heading is not None:
                make_heading(heading, 1.3)
        self.ui.pageList.setSpacing(4)
        self.ui.pageList.currentRowChanged.connect(self.ui.pageStack.setCurrentIndex)
        self.ui.pageList.setCurrentRow(0)
        # Like tabs: Ctrl+Page Down / Ctrl+Page Up move between pages from anywhere.
        for keys, step in (("Ctrl+PgDown", 1), ("Ctrl+PgUp", -1)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.activated.connect(lambda step=step: self.step_page(step))

        self.save_button = self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setShortcut(QKeySequence(QKeySequence.StandardKey.Save))
        self.save_button.setAccessibleName("Save settings")
        self.close_button = self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setAccessibleName("Close settings")
        self.ui.buttonBox.rejected.connect(self.reject)
        self.save_button.clicked.connect(self.save)
        self.save_button.setEnabled(False)
        self.ui.pageStack.setEnabled(False)  # nothing to edit until the vault's values are in
        self.ui.statusLabel.setText("Loading settings…")

        self.security.ui.autoLockSpin.valueChanged.connect(
            lambda v: self._check_field("auto_lock_minutes", v)
        )
        self.records.ui.retentionSpin.valueChanged.connect(
            lambda v: self._check_field("retention_years", v)
        )
        self.backup.restore_requested.connect(self.restore_requested)
        context.locked.connect(self._on_locked)
        self.setTabOrder(self.ui.pageList, self.ui.pageStack)
        self.setTabOrder(self.ui.pageStack, self.save_button)
        self.setTabOrder(self.save_button, self.close_button)
        self.reload()

    # -- loading --------------------------------------------------------------------------

    def reload(self) -> None:
        self.context.run(load_snapshot, self._show, self._load_failed, owner=self)

    def _show(self, snapshot: SettingsSnapshot) -> None:
        self.current = snapshot.settings
        self.security.load(snapshot, load_scheme(self.preferences))
        self.records.load(snapshot)
        self.support.load(snapshot)
        self.documents.load(snapshot)
        self.backup.load(snapshot.settings.backup_folder)
        self._clear_problems()
        self.save_button.setEnabled(True)
        self.ui.pageStack.setEnabled(True)
        self.ui.statusLabel.setText("")
        self.loaded.emit()

    def _load_failed(self, error: BaseException) -> None:
        self.ui.statusLabel.setText(f"{problems.MARK} {describe_error(error)}")

    # -- checking and saving ---------------------------------------------------------------

    def step_page(self, step: int) -> None:
        count = self.ui.pageList.count()
        self.ui.pageList.setCurrentRow((self.ui.pageList.currentRow() + step) % count)

    def show_page(self, page: QWidget) -> None:
        self.ui.pageList.setCurrentRow(self.ui.pageStack.indexOf(page))

    def _page_for(self, field: str) -> SettingsPage | None:
        for _title, page in self.pages:
            if field in getattr(page, "problem_labels", {}):
                return page  # type: ignore[return-value]
        return None

    def _check_field(self, field: str, value: Any) -> None:
        page = self._page_for(field)
        if page is None:
            return
        try:
            settings_mod.changed(VaultSettings(), **{field: value})
        except InvalidFieldError as error:
            problems.show(page.problem_labels[field], problems.sentence(error))
        else:
            problems.clear(page.problem_labels[field])

    def _clear_problems(self) -> None:
        for field in (
            "auto_lock_minutes",
            "retention_years",
            "closure_days",
            "campus_security",
            "safeguarding_lead",
        ):
            page = self._page_for(field)
            if page is not None:
                problems.clear(page.problem_labels[field])

    def pending_changes(self) -> dict[str, Any]:
        """Settings whose widget value differs from what the vault holds."""
        if self.current is None:
            return {}
        values: dict[str, Any] = {}
        for _title, page in self.pages:
            values.update(page.values())  # type: ignore[attr-defined]
        stored = settings_mod.to_store(self.current)
        wanted = settings_mod.to_store(settings_mod.changed(self.current, **values))
        return {key: values[key] for key in values if wanted[key] != stored[key]}

    def _show_problem(self, error: InvalidFieldError) -> None:
        page = self._page_for(error.field)
        text = problems.sentence(error)
        if page is None:
            self.ui.statusLabel.setText(f"{problems.MARK} {text}")
            return
        problems.show(page.problem_labels[error.field], text)
        self.show_page(page)  # type: ignore[arg-type]
        page.field_widgets[error.field].setFocus()
        self.ui.statusLabel.setText(f"{problems.MARK} Nothing was saved: {text}")

    def save(self) -> None:
        """Validate everything, apply the colour scheme, then write changed settings off-thread."""
        if self.current is None or self.saving:
            return
        try:
            changes = self.pending_changes()
            self.support.effective()
        except InvalidFieldError as error:
            self._show_problem(error)
            return
        self._clear_problems()
        scheme = self.security.scheme()
        if scheme != load_scheme(self.preferences):
            save_scheme(scheme, self.preferences)
            app = QApplication.instance()
            if isinstance(app, QApplication):
                apply_palette(app, scheme)
                # With an app stylesheet, widgets keep the colours they were polished with;
                # setting the sheet again re-polishes them in the new palette.
                app.setStyleSheet(app.styleSheet())
        if not changes:
            self.ui.statusLabel.setText("✓ Saved.")
            return
        self.saving = True
        self.save_button.setEnabled(False)
        self.ui.statusLabel.setText("Saving…")
        self.context.run(
            lambda service: service.update_settings(**changes),
            self._saved,
            self._failed,
            owner=self,
        )

    def _saved(self, new: VaultSettings) -> None:
        self.saving = False
        self.current = new
        self.save_button.setEnabled(True)
        self.ui.statusLabel.setText("✓ Saved.")
        self.context.use_settings(new)  # every screen (the idle lock, intake) reads it now
        self.settings_changed.emit(new)

    def _failed(self, error: BaseException) -> None:
        self.saving = False
        self.save_button.setEnabled(True)
        if isinstance(error, InvalidFieldError):
            self._show_problem(error)
        else:
            message = describe_error(error)
            self.ui.statusLabel.setText(f"{problems.MARK} Nothing was saved: {message}")

    def has_unsaved_changes(self) -> bool:
        if self.current is None:
            return False
        if self.security.scheme() != load_scheme(self.preferences):
            return True
        try:
            return bool(self.pending_changes())
        except InvalidFieldError:
            return True  # a bad value typed but not saved is still the officer's work

    def reject(self) -> None:
        """Close (Esc, Close, the window's ×); unsaved changes are confirmed first."""
        if self.has_unsaved_changes() and not self.prompts.confirm(
            self,
            "Close without saving?",
            "Some settings were changed but not saved. Close and lose those changes?",
        ):
            return
        self.passphrase.clear_secrets()
        super().reject()

    # -- locking ---------------------------------------------------------------------------

    def _on_locked(self) -> None:
        """Case references and the import password leave the screen; the dialog closes."""
        self.records.clear_case_data()
        self.documents.clear_case_data()
        self.passphrase.clear_secrets()
        self.current = None
        self.save_button.setEnabled(False)
        if self.isVisible():  # the shell may have closed it already
            self.reject()
