"""Lock after a period without keyboard or mouse input (KeePassXC keeps its inactivity timer on an
application-wide event filter the same way)."""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

_ACTIVITY_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TabletPress,
    }
)


class IdleWatcher(QObject):
    """Emits `idle` once after `timeout_ms` without user input; any input restarts the count."""

    idle = Signal()

    # Restarting a QTimer on every mouse move is wasteful: restart at most this often.
    RESTART_EVERY_S = 0.5

    def __init__(self, timeout_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.idle)
        self._last_restart = 0.0
        self.set_timeout(timeout_ms)

    def set_timeout(self, timeout_ms: int) -> None:
        if timeout_ms <= 0:
            raise ValueError("the idle timeout must be positive")
        self._timer.setInterval(timeout_ms)

    def timeout_ms(self) -> int:
        return self._timer.interval()

    def start(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self._restart(force=True)

    def stop(self) -> None:
        self._timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def is_running(self) -> bool:
        return self._timer.isActive()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY_EVENTS:
            self._restart()
        return False

    def _restart(self, force: bool = False) -> None:
        now = time.monotonic()
        if force or now - self._last_restart >= self.RESTART_EVERY_S:
            self._last_restart = now
            self._timer.start()
