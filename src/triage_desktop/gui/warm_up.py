"""First use as fast as every later use: each feature's first-time work, done before it is asked
for (DESIGN.md, Performance).

Measured on a fresh vault (benchmarks/first_use.py), the first time a feature ran in a process it
was slower than every later time by what it loaded: Alembic and SQLAlchemy when the vault was
created, the policy file and the bank-holiday tables for the first intake form, reportlab, the
fonts and pyHanko for the first draft and signature. That work is pure Python: done on a worker
after the officer clicks, it competes with the GUI thread for the interpreter lock, and on a busy
2-core machine every hand-over of the lock waits for the scheduler, so it took many times longer
than the same work from the command line.

So the setup screens and the workspace start it here while the officer is still typing or reading:
on a thread of its own, one job after another, each once per process, so it never takes a worker
from the officer's own actions (AppContext.tasks) and never runs twice. The jobs only load code
and read-only data (services/warm_up.py). When the officer is quicker than a job, the feature
waits for the job's imports (Python's import locks) behind its usual progress bar, as it would
have without the warm-up; a job that fails changes nothing (the feature does the work itself
when asked, and reports any problem then), and only its exception type is logged.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QRunnable, QThreadPool

_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    """A warm-up: its name (for the log) and what it does."""

    name: str
    run: Callable[[], None]


def _vault_creation() -> None:
    from triage_desktop.services import warm_up

    warm_up.vault_creation()


def _documents() -> None:
    from triage_desktop.services import warm_up

    warm_up.documents()


VAULT_CREATION = Job("vault creation", _vault_creation)
DOCUMENTS = Job("documents", _documents)
# The workspace's own job imports the workspace, which queues DOCUMENTS from here, so it lives
# beside the workspace (gui/workspace_warm_up.py) to keep this module below it.
_started: set[Job] = set()
_pool: QThreadPool | None = None


class _Runnable(QRunnable):
    def __init__(self, job: Job) -> None:
        super().__init__()
        self.job = job
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            self.job.run()
        except Exception as error:  # an optimisation only: the feature will do (and report) it
            _log.warning("warm-up %r failed: %s", self.job.name, type(error).__name__)


def _thread() -> QThreadPool:
    global _pool  # noqa: PLW0603 - one background thread for the whole process
    if _pool is None:
        _pool = QThreadPool(QCoreApplication.instance())
        _pool.setMaxThreadCount(1)
    return _pool


def start(job: Job) -> None:
    """Queue `job` unless it already ran or is queued."""
    if job in _started:
        return
    _started.add(job)
    _thread().start(_Runnable(job))


def started(job: Job) -> bool:
    return job in _started


def all_done() -> bool:
    """Whether every queued warm-up has finished (never waits)."""
    return _pool is None or _pool.waitForDone(0)


def wait(timeout_ms: int = 60_000) -> bool:
    """Block until the queued warm-ups are done (tests and benchmarks only)."""
    return _pool is None or _pool.waitForDone(timeout_ms)
