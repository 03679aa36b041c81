"""Static layouts are Qt Designer forms in ui/, compiled to gui/generated/ by
scripts/compile_forms.py; the widget classes in gui/ add behaviour on top of them."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QObject

ChildType = TypeVar("ChildType", bound=QObject)


def child(parent: QObject, kind: type[ChildType], name: str) -> ChildType:
    """The named child of a form; a missing one is a programming error, so fail loudly."""
    found = parent.findChild(kind, name)
    if found is None:
        raise LookupError(f"the form has no {kind.__name__} named {name!r}")
    return found
