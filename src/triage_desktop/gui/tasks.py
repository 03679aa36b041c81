"""Run slow work (unlock KDF, search, PDF signing, backup) off the GUI thread.

A callable runs on Qt's thread pool; its result or error comes back to the GUI thread through a
queued signal. The GUI never waits on a task. Database writes are serialised further down, in the
store's single writer, so the pool here may run a few tasks at once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Relay(QObject):
    succeeded = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._work = work
        self._relay = relay
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = self._work()
        except Exception as error:  # every failure must reach the GUI as a message
            self._relay.failed.emit(error)
        else:
            self._relay.succeeded.emit(result)


class TaskRunner(QObject):
    """Owns the relays of running tasks so their signals outlive the call that started them."""

    idle = Signal()  # the last running task's result has been handed back (locking waits on it)

    def __init__(self, parent: QObject | None = None, max_threads: int = 2) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._relays: set[_Relay] = set()

    def run(
        self,
        work: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        owner: QObject | None = None,
    ) -> None:
        """Run `work` on the pool; `on_done(result)` or `on_error(exception)` follow on the GUI
        thread, unless `owner` (the widget that asked) has been deleted in the meantime."""
        relay = _Relay()
        self._relays.add(relay)

        def finished(handler: Callable[[Any], None] | None, value: Any) -> None:
            self._relays.discard(relay)
            relay.deleteLater()
            try:
                if handler is not None and (owner is None or shiboken6.isValid(owner)):
                    handler(value)
            finally:
                if not self._relays:
                    self.idle.emit()

        relay.succeeded.connect(lambda value: finished(on_done, value))
        relay.failed.connect(lambda error: finished(on_error, error))
        self._pool.start(_Job(work, relay))

    def active(self) -> int:
        return len(self._relays)

    def wait_all(self, timeout_ms: int = 30_000) -> bool:
        """Block until every task has finished (for shutdown and tests, never in normal use)."""
        return self._pool.waitForDone(timeout_ms)

    def drain(self, timeout_ms: int = 30_000) -> bool:
        """Block until every task has finished AND its result was handed back (closing the
        window: the last saves' failures must be known before the app may end)."""
        from PySide6.QtCore import QCoreApplication, QDeadlineTimer

        deadline = QDeadlineTimer(timeout_ms)
        while self._relays:
            if not self._pool.waitForDone(max(1, int(deadline.remainingTime()))):
                return False
            QCoreApplication.sendPostedEvents()  # deliver the queued results and failures
            if deadline.hasExpired() and self._relays:
                return False
        return True
