"""Fixtures shared with the GUI tests: an AppContext over a real, unlocked temporary vault."""

from __future__ import annotations

from tests.gui.conftest import gui_context

__all__ = ["gui_context"]
