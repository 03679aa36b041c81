"""What every screen of an open vault shares: the vault service, a way to run work off the GUI
thread, the vault's settings, the self-clearing clipboard, and signals that say the vault locked,
a case changed, the settings changed, or something failed.

Widgets never call the service on the GUI thread: they go through `run`, which queues the call
on a worker and hands the result back on the GUI thread. When the vault locks, `locked` fires and
every widget holding case data clears itself.

No failure is silent (Anki's rule for its operations): a task without its own `on_error`, and
every failed `save`, reaches `failed` as a `Failure` -- what failed and what to do, in words --
which the main window shows in its notice area; every failure is also recorded, as its type and
code location only, in the diagnostic log (`triage_desktop.diagnostics`).
"""

from __future__ import annotations

import itertools
import time
from collections import deque
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal

from triage_desktop import diagnostics
from triage_desktop.gui.notices import Failure
from triage_desktop.gui.secure_clipboard import SecureClipboard, install_secure_clipboard
from triage_desktop.gui.tasks import TaskRunner
from triage_desktop.services.session import VaultService
from triage_desktop.services.settings import VaultSettings

SLOW_TASK_S = 1.0  # tasks slower than this are recorded (with their duration) for support
TRY_AGAIN = "Please try again."


@dataclass(frozen=True)
class UnsavedWork:
    """Something the officer typed whose save failed: kept (with the data the work closes over)
    until a save under the same key succeeds or the officer discards it."""

    key: Hashable
    what: str
    work: Callable[[VaultService], Any]
    reason: str
    generation: int


class AppContext(QObject):
    locked = Signal()
    unlocked = Signal()
    case_changed = Signal(int)  # a case id whose data changed: lists and views refresh it
    settings_changed = Signal(object)  # the vault's VaultSettings: after unlock, after a save
    failed = Signal(object)  # a Failure for the window's notice area
    resolved = Signal(object)  # the key of a Failure that no longer applies (a later save worked)

    def __init__(
        self,
        vault_folder: Path,
        parent: QObject | None = None,
        service: VaultService | None = None,
    ) -> None:
        super().__init__(parent)
        self.vault_folder = Path(vault_folder)
        self.service = service or VaultService(self.vault_folder)
        self.tasks = TaskRunner(self, max_threads=2)
        self.clipboard: SecureClipboard = install_secure_clipboard()
        self.settings: VaultSettings | None = None  # the one copy the screens read
        self.locking = False  # between `begin_lock` and `end_lock`: only saves may start
        self._saves = itertools.count(1)
        self._newest_save: dict[Hashable, int] = {}
        self._save_queues: dict[Hashable, deque[Callable[[], None]]] = {}
        self._unsaved: dict[Hashable, UnsavedWork] = {}

    @property
    def is_unlocked(self) -> bool:
        return self.service.is_unlocked

    # -- running work -------------------------------------------------------------------------

    def run(
        self,
        work: Callable[[VaultService], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        owner: QObject | None = None,
        *,
        what: str = "Something in the background",
    ) -> None:
        """Call `work(service)` on a worker thread; the callbacks run on the GUI thread, and are
        skipped if `owner` (the widget that asked) was deleted meanwhile, e.g. by locking.

        Without `on_error`, a failure reaches the notice area as "<what> did not work. <why>".
        Once the vault is locking, new work is refused (`on_error` hears VaultLocked): the
        screens that asked are going away. Writes of what the officer typed use `save`.
        """
        if self.locking:
            from triage_desktop.services.errors import VaultLocked

            refused = VaultLocked("The vault is locking.")
            QTimer.singleShot(0, lambda: _call_if_alive(owner, on_error, refused))
            return
        where = diagnostics.where_defined(work)

        def failed(error: BaseException) -> None:
            diagnostics.record_failure("task_failed", error, where=where)
            if owner is not None and not shiboken6.isValid(owner):
                return  # the screen that asked is gone (a read nobody waits for any more)
            if on_error is not None:
                on_error(error)
            elif not _expected_while_locking(error):
                self.report_failure(error, what=what)

        self.tasks.run(
            self._timed(work, where), lambda value: _call_if_alive(owner, on_done, value), failed
        )

    def save(
        self,
        work: Callable[[VaultService], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        owner: QObject | None = None,
        *,
        what: str,
        key: Hashable,
    ) -> None:
        """Write something the officer typed (`what`: "The meeting's answers"). Like `run`, but
        a failure is never dropped with its widget: the work and the data it closes over are
        kept under `key` until a later save under the same key succeeds, the notice area says
        what failed with Try again, and locking does not close the vault over it.

        A save under a key replaces what earlier ones under it wrote (the meeting saves its
        whole record), so saves under one key run one after another, in order, and only the
        newest one's failure is kept and retried: retrying an older one would overwrite newer
        answers.
        """
        generation = next(self._saves)
        self._newest_save[key] = generation
        where = diagnostics.where_defined(work)

        def done(value: Any) -> None:
            try:
                if self._newest_save.get(key) == generation:
                    self._newest_save.pop(key, None)
                    if self._unsaved.pop(key, None) is not None:
                        self.resolved.emit(key)
                _call_if_alive(owner, on_done, value)
            finally:
                self._start_next_save(key)

        def failed(error: BaseException) -> None:
            try:
                diagnostics.record_failure("save_failed", error, where=where)
                if self._newest_save.get(key) == generation:
                    reason = describe_error(error)
                    self._unsaved[key] = UnsavedWork(key, what, work, reason, generation)
                    self.failed.emit(
                        Failure(
                            f"{what} could not be saved. {reason} What you typed is kept in "
                            "this window until it is saved: choose Try again.",
                            key=key,
                            retry=lambda: self.retry_save(key),
                        )
                    )
                _call_if_alive(owner, on_error, error)
            finally:
                self._start_next_save(key)

        queue = self._save_queues.setdefault(key, deque())
        queue.append(lambda: self.tasks.run(self._timed(work, where), done, failed))
        if len(queue) == 1:
            queue[0]()

    def _start_next_save(self, key: Hashable) -> None:
        queue = self._save_queues.get(key)
        if queue:
            queue.popleft()
        if queue:
            queue[0]()
        else:
            self._save_queues.pop(key, None)

    def retry_save(self, key: Hashable) -> None:
        """Run a kept save again (the notice's Try again, or the lock screen's) -- unless a
        newer save under the same key has started since: it carries newer answers."""
        kept = self._unsaved.get(key)
        if kept is not None and self._newest_save.get(key) == kept.generation:
            self.save(kept.work, what=kept.what, key=key)

    def retry_unsaved(self) -> None:
        for key in list(self._unsaved):
            self.retry_save(key)

    def unsaved(self) -> list[UnsavedWork]:
        return list(self._unsaved.values())

    def discard_unsaved(self) -> None:
        """The officer chose to lose the kept work (Lock anyway)."""
        for key in list(self._unsaved):
            self._unsaved.pop(key)
            self._newest_save.pop(key, None)
            self.resolved.emit(key)

    def _timed(self, work: Callable[[VaultService], Any], where: str) -> Callable[[], Any]:
        service = self.service

        def timed() -> Any:
            started = time.perf_counter()
            try:
                return work(service)
            finally:
                took = time.perf_counter() - started
                if took >= SLOW_TASK_S:
                    diagnostics.record_timing("slow_task", took, where=where)

        return timed

    # -- failures -----------------------------------------------------------------------------

    def report_failure(
        self,
        error: BaseException,
        *,
        what: str,
        key: Hashable | None = None,
        retry: Callable[[], None] | None = None,
    ) -> None:
        """Tell the officer, in the window's notice area, that `what` did not work and why.
        The API for any screen whose failure has no place of its own on screen."""
        self.failed.emit(Failure(f"{what} did not work. {describe_error(error)}", key, retry))

    # -- settings -----------------------------------------------------------------------------

    def load_settings(self) -> None:
        """Read the vault's settings (after unlock); `settings_changed` follows."""
        self.run(
            lambda service: service.settings(),
            self.use_settings,
            what="Reading the settings",
        )

    def use_settings(self, settings: VaultSettings) -> None:
        """The settings every screen reads from now on (after unlock, or a save in Settings)."""
        self.settings = settings
        self.settings_changed.emit(settings)

    # -- locking ------------------------------------------------------------------------------

    def begin_lock(self) -> None:
        """Every screen clears itself now (`locked`); only saves may still start."""
        self.locking = True
        self.locked.emit()

    def when_idle(self, callback: Callable[[], None]) -> None:
        """Call `callback` on the GUI thread once no task is running (never waits here)."""
        if self.tasks.active() == 0:
            QTimer.singleShot(0, callback)
            return

        def once() -> None:
            self.tasks.idle.disconnect(once)
            callback()

        self.tasks.idle.connect(once)

    def end_lock(self) -> None:
        self.settings = None
        self.locking = False


def _call_if_alive(
    owner: QObject | None, handler: Callable[[Any], None] | None, value: Any
) -> None:
    if handler is None or (owner is not None and not shiboken6.isValid(owner)):
        return
    handler(value)


def _expected_while_locking(error: BaseException) -> bool:
    from triage_desktop.services.errors import VaultLocked

    return isinstance(error, VaultLocked)


def describe_error(error: BaseException) -> str:
    """One calm sentence for the officer. Our own errors already speak plainly; anything
    unexpected gets a generic line (its details never reach the screen or a log)."""
    from triage_desktop.cases.text import InvalidFieldError
    from triage_desktop.documents.errors import DocumentError
    from triage_desktop.services.errors import VaultError

    if isinstance(error, VaultError | InvalidFieldError | DocumentError):
        return str(error)  # each of these says what happened in words meant for the officer
    return f"Something went wrong and nothing was changed. {TRY_AGAIN}"
