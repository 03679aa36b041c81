"""The desktop app (PySide6). Talks to the layers below only through `triage_desktop.services`."""
