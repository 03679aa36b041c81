"""Fixtures shared with the GUI tests: an AppContext over a real, unlocked temporary vault, and
the settings dialog's scripted pickers and open dialog."""

from __future__ import annotations

from tests.gui.conftest import gui_context
from tests.gui.settings.conftest import open_dialog, preferences, prompts

__all__ = ["gui_context", "open_dialog", "preferences", "prompts"]
