"""The desktop app (PySide6). Talks to the layers below only through `triage_desktop.services`."""

from triage_desktop.gui import none_guard

none_guard.install()  # before any Qt call: see none_guard for the PySide6 bug it defuses
