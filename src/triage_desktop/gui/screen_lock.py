"""Hear the operating system lock the screen, so the vault can lock with it.

Linux desktops announce it on D-Bus: `ActiveChanged(true)` from the freedesktop or GNOME screen
saver on the session bus, and `Lock` from logind on the system bus. Where none of these exists
the listener simply never fires; `available()` says whether anything is listening.
"""

from __future__ import annotations

import sys
from typing import Any, cast

from PySide6.QtCore import SLOT, QObject, Signal, Slot

_SESSION_SCREENSAVERS = (
    ("org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver"),
    ("org.freedesktop.ScreenSaver", "/ScreenSaver", "org.freedesktop.ScreenSaver"),
    ("org.gnome.ScreenSaver", "/org/gnome/ScreenSaver", "org.gnome.ScreenSaver"),
)


class ScreenLockListener(QObject):
    """Emits `screen_locked` when the OS reports that the screen was locked."""

    screen_locked = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._connected = 0
        if sys.platform.startswith("linux"):
            self._connect_dbus()

    def available(self) -> bool:
        return self._connected > 0

    def _connect_dbus(self) -> None:
        from PySide6.QtDBus import QDBusConnection

        session = QDBusConnection.sessionBus()
        if session.isConnected():
            for _service, path, interface in _SESSION_SCREENSAVERS:
                # An empty service name accepts the signal from whichever peer owns the name.
                # PySide6 wants SLOT()'s str here, though its stubs say bytes.
                slot: Any = SLOT("_on_active(bool)")
                if session.connect("", path, interface, "ActiveChanged", self, slot):
                    self._connected += 1
        system = QDBusConnection.systemBus()
        if system.isConnected() and system.connect(
            "org.freedesktop.login1",
            "",
            "org.freedesktop.login1.Session",
            "Lock",
            self,
            cast(Any, SLOT("_on_lock()")),
        ):
            self._connected += 1

    @Slot(bool)
    def _on_active(self, active: bool) -> None:
        if active:
            self.screen_locked.emit()

    @Slot()
    def _on_lock(self) -> None:
        self.screen_locked.emit()
