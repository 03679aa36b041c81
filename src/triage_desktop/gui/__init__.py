"""The desktop app (PySide6). Talks to the layers below only through `triage_desktop.services`."""

from triage_desktop.gui import import_scan, none_guard

none_guard.install()  # before any Qt call: see none_guard for the PySide6 bug it defuses
import_scan.install()  # before the first import after PySide6: see import_scan
