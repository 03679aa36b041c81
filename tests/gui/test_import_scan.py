"""PySide6 reads the source of every module imported after it; the gui package stops that, and
PySide's bookkeeping (which modules use PySide) stays right."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

CHILD = """
import json, linecache, sys
sys.path.insert(0, {folder!r})
{setup}
import PySide6.QtCore
import plain_module, qt_module
feature = sys.modules["PySide6.support.feature"]
print(json.dumps({{
    "read": sorted(f for f in linecache.cache if f.endswith(("plain_module.py", "qt_module.py"))),
    "plain": feature.pyside_feature_dict.get("plain_module"),
    "qt": feature.pyside_feature_dict.get("qt_module"),
    "signal": qt_module.round_trip(),
}}))
"""

PLAIN = "VALUE = 42  # a module that has nothing to do with Qt\n"
QT = """
from PySide6.QtCore import QObject, Signal

class Emitter(QObject):
    said = Signal(str)

def round_trip():
    heard = []
    emitter = Emitter()
    emitter.said.connect(heard.append)
    emitter.said.emit("still works")
    return heard
"""


def run(folder: Path, setup: str) -> dict[str, object]:
    (folder / "plain_module.py").write_text(PLAIN, encoding="utf-8")
    (folder / "qt_module.py").write_text(QT, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-c", CHILD.format(folder=str(folder), setup=setup)],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


def test_without_the_gui_package_pyside_reads_each_later_module(tmp_path: Path) -> None:
    seen = run(tmp_path, "")
    assert len(seen["read"]) == 2  # type: ignore[arg-type]
    assert seen["plain"] == -1
    assert seen["qt"] == 0


def test_with_the_gui_package_nothing_is_read_and_the_answers_are_the_same(
    tmp_path: Path,
) -> None:
    seen = run(tmp_path, "import triage_desktop.gui")
    assert seen["read"] == []
    assert seen["plain"] == -1  # ignored by PySide's feature switching, as before
    assert seen["qt"] == 0  # uses PySide, as before
    assert seen["signal"] == ["still works"]


def test_install_is_done_once() -> None:
    from triage_desktop.gui import import_scan

    assert import_scan.install() is False  # the package import already did it
