"""The app draws with Fusion (its control edges at 3:1 come from the palettes, gui/palettes.py),
in the app's own QApplication and in one made elsewhere (pytest-qt's)."""

from __future__ import annotations

import os
import subprocess
import sys

CHILD = """
from triage_desktop.gui.app import create_application
app = create_application()
app.setStyleSheet("")  # the stylesheet wraps the style; its base is what we check
style = app.style()
print(style.name(), style.metaObject().className())
"""


def test_the_apps_own_application_uses_fusion_with_visible_edges() -> None:
    result = subprocess.run(
        [sys.executable, "-c", CHILD],
        check=False,
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().splitlines()[-1].lower() == "fusion qfusionstyle"


def test_an_existing_application_is_switched_to_it(qapp: object) -> None:
    from PySide6.QtWidgets import QApplication

    from triage_desktop.gui.app import create_application

    existing = QApplication.instance()
    assert isinstance(existing, QApplication)
    sheet = existing.styleSheet()
    existing.setStyleSheet("")
    existing.setStyle("windows")
    try:
        app = create_application()
        assert app is existing
        app.setStyleSheet("")
        assert app.style().name().lower() == "fusion"
    finally:
        existing.setStyle("fusion")
        existing.setStyleSheet(sheet)


GUARD = """
from triage_desktop.gui import secure_clipboard
from triage_desktop.gui.app import create_application
from triage_desktop.gui.context import AppContext
import sys
create_application(guard_clipboard=False)
assert secure_clipboard._installed is None
context = AppContext(sys.argv[1])
assert secure_clipboard._installed is context.clipboard
print("guarded")
"""


def test_the_apps_own_start_guards_the_clipboard_once_a_vault_can_open(tmp_path: object) -> None:
    """The app's own start leaves the clipboard guard to AppContext (made at unlock or setup,
    before any case text is on screen)."""
    result = subprocess.run(
        [sys.executable, "-c", GUARD, str(tmp_path)],
        check=False,
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().splitlines()[-1] == "guarded"
