"""Settings: the dialog (SettingsDialog) and the locked half of a restore (RestoreDialog)."""

from __future__ import annotations

from triage_desktop.gui.settings.dialog import SettingsDialog
from triage_desktop.gui.settings.restore import RestoreDialog

__all__ = ["RestoreDialog", "SettingsDialog"]
