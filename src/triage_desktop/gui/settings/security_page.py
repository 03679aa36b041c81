"""Auto-lock minutes, colour scheme and the keychain the vault uses."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from triage_desktop.gui.generated.ui_settings_security import Ui_SettingsSecurityPage
from triage_desktop.gui.look import make_heading
from triage_desktop.gui.palettes import Scheme
from triage_desktop.gui.settings import problems
from triage_desktop.gui.settings.snapshot import SettingsSnapshot

SCHEME_CHOICES: tuple[tuple[str, Scheme], ...] = (
    ("Follow the computer", "system"),
    ("Light", "light"),
    ("Dark", "dark"),
)


def describe_keychain(backend: str) -> str:
    if not backend or backend.startswith("none"):
        return (
            "Passphrase only: no keychain is used. Your passphrase alone opens the vault; "
            "keep your recovery key safe."
        )
    return (
        f"Passphrase plus this computer's keychain ({backend}). A copy of the vault needs "
        "both, or the recovery key."
    )


class SecurityPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_SettingsSecurityPage()
        self.ui.setupUi(self)
        for text, scheme in SCHEME_CHOICES:
            self.ui.schemeCombo.addItem(text, scheme)
        make_heading(self.ui.keychainLabel, 1.1)
        problems.prepare(self.ui.autoLockError)
        self.problem_labels = {"auto_lock_minutes": self.ui.autoLockError}
        self.field_widgets: dict[str, QWidget] = {"auto_lock_minutes": self.ui.autoLockSpin}

    def load(self, snapshot: SettingsSnapshot, scheme: Scheme) -> None:
        self.ui.autoLockSpin.setValue(snapshot.settings.auto_lock_minutes)
        self.set_scheme(scheme)
        self.ui.keychainValue.setText(describe_keychain(snapshot.keychain_backend))

    def set_scheme(self, scheme: Scheme) -> None:
        self.ui.schemeCombo.setCurrentIndex(max(0, self.ui.schemeCombo.findData(scheme)))

    def scheme(self) -> Scheme:
        chosen: Scheme = self.ui.schemeCombo.currentData()
        return chosen

    def values(self) -> dict[str, Any]:
        return {"auto_lock_minutes": self.ui.autoLockSpin.value()}
