"""Load Qt Designer forms from `ui/` at run time: static layouts live there, behaviour here."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QFile, QIODevice, QObject
from PySide6.QtUiTools import QUiLoader
from PySide6.QtWidgets import QWidget

from triage_desktop.resources import ui_form


def load_form(name: str, parent: QWidget | None = None) -> QWidget:
    """Build the widget tree of `ui/<name>`; children are reachable with findChild by objectName."""
    path = ui_form(name)
    file = QFile(str(path))
    if not file.open(QIODevice.OpenModeFlag.ReadOnly):
        raise FileNotFoundError(f"cannot open the form {path}")
    try:
        widget = QUiLoader().load(file, parent)
    finally:
        file.close()
    if widget is None:
        raise RuntimeError(f"the form {path} could not be built")
    return widget


ChildType = TypeVar("ChildType", bound=QObject)


def child(parent: QObject, kind: type[ChildType], name: str) -> ChildType:
    """The named child of a loaded form; a missing one is a packaging bug, so fail loudly."""
    found = parent.findChild(kind, name)
    if found is None:
        raise LookupError(f"the form has no {kind.__name__} named {name!r}")
    return found
