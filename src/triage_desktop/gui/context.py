"""What every screen of an open vault shares: the vault service, a way to run work off the GUI
thread, the self-clearing clipboard, and signals that say the vault locked or a case changed.

Widgets never call the service on the GUI thread: they go through `run`, which queues the call
on a worker and hands the result back on the GUI thread. When the vault locks, `locked` fires and
every widget holding case data clears itself.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from triage_desktop.gui.secure_clipboard import SecureClipboard
from triage_desktop.gui.tasks import TaskRunner
from triage_desktop.services.session import VaultService


class AppContext(QObject):
    locked = Signal()
    unlocked = Signal()
    case_changed = Signal(int)  # a case id whose data changed: lists and views refresh it
    error = Signal(str)  # a plain-language message for the status area

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
        self.clipboard = SecureClipboard(parent=self)

    def run(
        self,
        work: Callable[[VaultService], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        owner: QObject | None = None,
    ) -> None:
        """Call `work(service)` on a worker thread; the callbacks run on the GUI thread, and are
        skipped if `owner` (the widget that asked) was deleted meanwhile, e.g. by locking.

        Without `on_error`, a failure becomes a plain message on the `error` signal.
        """
        service = self.service

        def report(error: BaseException) -> None:
            self.error.emit(describe_error(error))

        self.tasks.run(lambda: work(service), on_done, on_error or report, owner=owner)

    @property
    def is_unlocked(self) -> bool:
        return self.service.is_unlocked


def describe_error(error: BaseException) -> str:
    """One calm sentence for the officer. Our own errors already speak plainly; anything
    unexpected gets a generic line (its details never reach the screen or a log)."""
    from triage_desktop.cases.text import InvalidFieldError
    from triage_desktop.services.errors import VaultError

    if isinstance(error, VaultError | InvalidFieldError):
        return str(error)
    return "Something went wrong and nothing was changed. Please try again."
