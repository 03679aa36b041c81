"""Settings: the dialog (SettingsDialog) and the locked half of a restore (RestoreDialog).

Loaded lazily (PEP 562): the first window reads only `preferences` from this package, and must
not pay for the dialog, the keychain and the vault service on its way to the screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from triage_desktop.gui.settings.dialog import SettingsDialog
    from triage_desktop.gui.settings.restore import RestoreDialog

__all__ = ["RestoreDialog", "SettingsDialog"]


def __getattr__(name: str) -> Any:
    if name == "SettingsDialog":
        from triage_desktop.gui.settings.dialog import SettingsDialog

        return SettingsDialog
    if name == "RestoreDialog":
        from triage_desktop.gui.settings.restore import RestoreDialog

        return RestoreDialog
    raise AttributeError(name)
