"""Work around a PySide6 6.12 reference-count bug on Python 3.11.

Every PySide6 call that returns nothing (QLabel.setText, processEvents, ...) drops one reference
to `None` without having taken it. After a few thousand such calls None's count reaches zero and
CPython aborts with "Fatal Python error: none_dealloc" -- the app would crash mid-meeting. Python
3.12 made None immortal (PEP 683), so there the bug is harmless. On older CPython we give None a
huge reserve of references once, at start: 2**48 calls would take centuries to use up. Written
by hand because no library offers it; tests/gui/test_none_guard.py proves the crash and the cure.
"""

from __future__ import annotations

import sys
from typing import Any

RESERVE = 1 << 48


def needed() -> bool:
    return sys.implementation.name == "cpython" and sys.version_info < (3, 12)


def install() -> bool:
    """Add the reserve to None's reference count once. Returns whether it did anything."""
    if not needed() or sys.getrefcount(None) > RESERVE:
        return False
    # ob_refcnt is the first field of every CPython object (Py_ssize_t at offset 0).
    refcount = _ssize_t_type().from_address(id(None))
    refcount.value += RESERVE
    return True


def _ssize_t_type() -> Any:  # a ctypes type made at run time: mypy cannot name it
    """ctypes' Py_ssize_t, made from `_ctypes` directly: importing the `ctypes` package costs
    ~3.4 ms more, all of it before the first window (benchmarks/startup.py). This is how ctypes
    itself defines c_ssize_t: the first of int, long and long long that is pointer-sized."""
    import struct
    from _ctypes import _SimpleCData

    code = next(code for code in "ilq" if struct.calcsize(code) == struct.calcsize("P"))
    return type("c_ssize_t", (_SimpleCData,), {"_type_": code})
