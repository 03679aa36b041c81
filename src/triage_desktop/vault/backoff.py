"""Failed unlocks slow down further attempts; the count survives restarts (a file beside the slots).

The first three failures are free (typos happen), then 1, 2, 4 ... seconds, capped at 5 minutes.
The Argon2id cost already limits guessing; this stops a script hammering the dialog.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from triage_desktop.vault.files import atomic_write

FILE_NAME = "unlock-attempts.json"
FREE_ATTEMPTS = 3
MAX_DELAY = 300.0


def _read(folder: Path) -> tuple[int, float]:
    try:
        data = json.loads((folder / FILE_NAME).read_text("utf-8"))
        return int(data["failures"]), float(data["last_failure"])
    except (OSError, ValueError, KeyError, TypeError):
        return 0, 0.0


def delay_for(failures: int) -> float:
    if failures < FREE_ATTEMPTS:
        return 0.0
    return float(min(2 ** (failures - FREE_ATTEMPTS), MAX_DELAY))


def remaining(folder: Path, now: float | None = None) -> float:
    """Seconds to wait before the next attempt is allowed (0 when it may go ahead)."""
    failures, last = _read(folder)
    now = time.time() if now is None else now
    return max(0.0, last + delay_for(failures) - now)


def record_failure(folder: Path, now: float | None = None) -> float:
    """Count a failure; return the wait before the next attempt."""
    failures, _ = _read(folder)
    now = time.time() if now is None else now
    failures += 1
    atomic_write(
        folder / FILE_NAME,
        json.dumps({"failures": failures, "last_failure": now}).encode("utf-8"),
    )
    return delay_for(failures)


def record_success(folder: Path) -> None:
    (folder / FILE_NAME).unlink(missing_ok=True)
