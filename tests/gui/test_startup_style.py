"""The app's own QApplication draws with Fusion, chosen by Qt's -style option (no Python-side
QStyle before the first window), and one made elsewhere (pytest-qt's) is switched to it."""

from __future__ import annotations

import os
import subprocess
import sys

CHILD = """
from triage_desktop.gui.app import create_application
app = create_application()
app.setStyleSheet("")  # the stylesheet wraps the style; its base is what we check
print(app.style().name())
"""


def test_the_apps_own_application_uses_fusion() -> None:
    result = subprocess.run(
        [sys.executable, "-c", CHILD],
        check=False,
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().splitlines()[-1].lower() == "fusion"


def test_an_existing_application_is_switched_to_fusion(qapp: object) -> None:
    from PySide6.QtWidgets import QApplication

    from triage_desktop.gui.app import create_application

    app = create_application()
    assert app is QApplication.instance()
    sheet = app.styleSheet()
    app.setStyleSheet("")
    try:
        assert app.style().name().lower() == "fusion"
    finally:
        app.setStyleSheet(sheet)
