"""Measure how long the GUI thread stops answering: a timer ticks every few milliseconds and the
longest gap between ticks, less the interval, is the worst stall. Used by tests and benchmarks."""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, Qt, QTimer


class StallMeter(QObject):
    def __init__(self, interval_ms: int = 5, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._interval_s = interval_ms / 1000
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._tick)
        self._last = 0.0
        self.worst_s = 0.0
        self.ticks = 0

    def start(self) -> None:
        self.worst_s = 0.0
        self.ticks = 0
        self._last = time.perf_counter()
        self._timer.start()

    def stop(self) -> float:
        self._timer.stop()
        self._tick()
        return self.worst_s

    def _tick(self) -> None:
        now = time.perf_counter()
        self.worst_s = max(self.worst_s, now - self._last - self._interval_s)
        self._last = now
        self.ticks += 1
