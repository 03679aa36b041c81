"""Settings: the dialog (SettingsDialog) and the locked half of a restore (RestoreDialog).

Imported lazily: the dialog's pages load only when the dialog is first opened.
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
