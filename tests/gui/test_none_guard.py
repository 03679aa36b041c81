"""PySide6 6.12 on Python 3.11 drops a reference to None per void call; the guard defuses it."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

CALLS = """
import sys
{setup}
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
label = QLabel()
for _ in range(200_000):
    label.setText("x")
print("survived")
"""


def run(setup: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", CALLS.format(setup=setup)],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=120,
        check=False,
    )


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12")
def test_without_the_guard_pyside_crashes_the_interpreter() -> None:
    result = run("")
    assert result.returncode != 0
    assert "none_dealloc" in result.stderr


def test_with_the_gui_package_imported_many_calls_are_safe() -> None:
    result = run("import triage_desktop.gui")
    assert result.returncode == 0, result.stderr[-2000:]
    assert "survived" in result.stdout


def test_the_guard_is_installed_once() -> None:
    from triage_desktop.gui import none_guard

    before = sys.getrefcount(None)
    assert none_guard.install() is False  # the package import already did it (or not needed)
    assert abs(sys.getrefcount(None) - before) < 1000


def test_the_guard_counts_in_the_same_integer_ctypes_uses_for_py_ssize_t() -> None:
    import ctypes

    from triage_desktop.gui.none_guard import _ssize_t_type

    made = _ssize_t_type()
    assert ctypes.sizeof(made) == ctypes.sizeof(ctypes.c_ssize_t) == ctypes.sizeof(ctypes.c_void_p)
    assert made._type_ == ctypes.c_ssize_t._type_
    probe = ctypes.c_ssize_t(-5)
    assert made.from_address(ctypes.addressof(probe)).value == -5  # signed, like Py_ssize_t
