"""Change the passphrase from Settings: the current passphrase (or the recovery key, for an
officer who unlocked with it because the passphrase was forgotten), the new one twice, with the
strength meter the setup screen shows; the new one must reach the same floor the service
enforces (`services.passphrase_strength`: one estimate, one minimum length).

Both key derivations (checking the current secret, wrapping the key for the new one) run on a
worker: the window never waits. Secrets leave the fields as soon as they are used, and when the
dialog closes or the vault locks.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLineEdit, QWidget

from triage_desktop.gui.context import AppContext, describe_error
from triage_desktop.gui.generated.ui_settings_passphrase import Ui_SettingsPassphrasePage
from triage_desktop.gui.settings import problems
from triage_desktop.services.passphrase_strength import MIN_LENGTH, estimate
from triage_desktop.services.passphrase_strength import problem as strength_problem

CHANGED = (
    "✓ The passphrase was changed. Use the new one from the next unlock; your recovery key "
    "is unchanged."
)


class PassphrasePage(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.ui = Ui_SettingsPassphrasePage()
        self.ui.setupUi(self)
        self.ui.newEdit.setAccessibleDescription(
            f"At least {MIN_LENGTH} characters; a few unrelated words is best"
        )
        self.ui.changeProgress.hide()
        problems.prepare(self.ui.passphraseError)
        self.problem_labels: dict[str, Any] = {}  # none of the vault's settings live here
        self.field_widgets: dict[str, QWidget] = {}
        self.busy = False
        self.ui.newEdit.textChanged.connect(self._show_strength)
        self.ui.useRecoveryCheck.toggled.connect(self._use_recovery_key)
        self.ui.changeButton.clicked.connect(self.change)
        for edit in (self.ui.currentEdit, self.ui.newEdit, self.ui.confirmEdit):
            edit.returnPressed.connect(self.change)
        self._show_strength("")

    def values(self) -> dict[str, Any]:
        return {}  # changed with its own button, never with the dialog's Save

    # -- what the officer sees ----------------------------------------------------------------

    def _show_strength(self, text: str) -> None:
        strength = estimate(text)
        self.ui.strengthBar.setValue(strength.score)
        self.ui.strengthLabel.setText(f"{strength.label}. {strength.advice}" if text else "")

    def _use_recovery_key(self, on: bool) -> None:
        edit = self.ui.currentEdit
        edit.clear()
        if on:
            self.ui.currentLabel.setText("Rec&overy key")
            edit.setAccessibleName("Recovery key")
            edit.setEchoMode(QLineEdit.EchoMode.Normal)
            edit.setPlaceholderText("e.g. ABCD-EFGH-…")
        else:
            self.ui.currentLabel.setText("C&urrent passphrase")
            edit.setAccessibleName("Current passphrase")
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setPlaceholderText("")
        edit.setFocus()

    def _problem(self, text: str, field: QLineEdit) -> None:
        problems.show(self.ui.passphraseError, text)
        self.ui.passphraseStatus.clear()
        field.setFocus()

    # -- changing -----------------------------------------------------------------------------

    def change(self) -> None:
        if self.busy:
            return
        ui = self.ui
        problems.clear(ui.passphraseError)
        ui.passphraseStatus.clear()
        current, new, again = ui.currentEdit.text(), ui.newEdit.text(), ui.confirmEdit.text()
        recovery = ui.useRecoveryCheck.isChecked()
        if not current:
            what = "recovery key" if recovery else "current passphrase"
            self._problem(f"Type your {what} first.", ui.currentEdit)
            return
        refused = strength_problem(new)
        if refused:
            self._problem(refused, ui.newEdit)
            return
        if new != again:
            self._problem("The two new passphrases are not the same.", ui.confirmEdit)
            return
        if not recovery and new == current:
            self._problem("The new passphrase is the same as the current one.", ui.newEdit)
            return
        ui.currentEdit.clear()  # the secret leaves the field at once
        self._set_busy(True)

        def work(service: Any) -> None:
            if recovery:
                service.change_passphrase(new, recovery_key=current)
            else:
                service.change_passphrase(new, current_passphrase=current)

        self.context.run(work, self._changed, self._failed, owner=self)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.ui.changeProgress.setVisible(busy)
        self.ui.changeButton.setEnabled(not busy)
        if busy:
            self.ui.passphraseStatus.setText("Changing the passphrase…")

    def _changed(self, _result: object) -> None:
        self._set_busy(False)
        self.clear_secrets()
        self.ui.passphraseStatus.setText(CHANGED)

    def _failed(self, error: BaseException) -> None:
        from triage_desktop.services.errors import BadRecoveryKey, WrongPassphrase

        self._set_busy(False)
        if isinstance(error, WrongPassphrase):
            wait = (
                f" Wait {error.retry_after:.0f} s before trying again."
                if error.retry_after > 0
                else ""
            )
            text = f"That is not the current passphrase. Nothing was changed.{wait}"
        elif isinstance(error, BadRecoveryKey):
            text = f"{error} Nothing was changed."
        else:
            text = f"The passphrase was not changed. {describe_error(error)}"
        self._problem(text, self.ui.currentEdit)

    def clear_secrets(self) -> None:
        for edit in (self.ui.currentEdit, self.ui.newEdit, self.ui.confirmEdit):
            edit.clear()
