"""Stop PySide6 reading the source file of every module imported after it.

PySide6 hooks every import (shibokensupport/feature.py, PYSIDE-2029) to learn whether the new
module uses PySide, so that only such modules take part in `from __feature__ import ...`
switching. It finds out with `inspect.getsource(module)`: each module imported after PySide6 is
read, decoded and kept whole in `linecache`. Triage Desk imports SQLAlchemy, Alembic, reportlab,
pyHanko, Jinja2 and the `holidays` tables after the first window: measured here, the scan added
~0.16 s of CPU to those imports (1.16 s against 1.00 s, +16 %) and kept 16.5 MB of source text
in memory for the life of the process; on a worker that is pure-Python work competing with the
GUI thread for the interpreter lock.

We answer the same question from the module's namespace instead: a module uses PySide when it
holds something from PySide6 (the module or a name imported from it). Triage Desk selects no
feature anywhere, so the answer only decides between "no feature" (0) and "ignore" (-1), which
behave alike here; the cheap answer keeps PySide's bookkeeping as it would be. Written by hand
because PySide offers no switch for the scan; tests/gui/test_import_scan.py shows the cost and
the cure. If a PySide release changes the hook, `install` leaves it alone.
"""

from __future__ import annotations

import sys
from types import ModuleType
from typing import Any

_MARK = "_triage_desktop_cheap_scan"
USES_PYSIDE, IGNORED = 0, -1


def _from_pyside(value: Any) -> bool:
    name = value.__name__ if isinstance(value, ModuleType) else getattr(value, "__module__", None)
    return isinstance(name, str) and (name == "PySide6" or name.startswith("PySide6."))


def uses_pyside(module: ModuleType) -> bool:
    """Whether the module holds anything from PySide6 (what PySide's source scan looks for)."""
    try:
        values = list(vars(module).values())
    except TypeError:  # a module-like object without a namespace
        return False
    return any(_from_pyside(value) for value in values)


def install() -> bool:
    """Replace PySide's source scan with the namespace check. Returns whether it did anything."""
    import PySide6  # noqa: F401 - loading PySide6 is what installs its import hook

    feature = sys.modules.get("PySide6.support.feature")
    original = getattr(feature, "feature_imported", None)
    table = getattr(feature, "pyside_feature_dict", None)
    if feature is None or not callable(original) or not isinstance(table, dict):
        return False
    if getattr(original, _MARK, False):
        return False

    def feature_imported(module: ModuleType) -> None:
        name = getattr(module, "__name__", None)
        if isinstance(name, str) and name not in table:
            table[name] = USES_PYSIDE if uses_pyside(module) else IGNORED

    setattr(feature_imported, _MARK, True)
    # shiboken calls the loader's wrapper, which looks this attribute up on every import.
    setattr(feature, "feature_imported", feature_imported)  # noqa: B010 - not a declared attribute
    return True
