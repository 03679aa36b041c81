"""Failed unlocks slow down further attempts; the count survives restarts (a file beside the slots).

The first three failures are free (typos happen), then 1, 2, 4 ... seconds, capped at 5 minutes.
The Argon2id cost already limits guessing; this stops a script hammering the dialog.

The file is not trusted: a time in the future (a clock that jumped back, or an edit) counts as
"now", and no wait is ever longer than the cap. A folder that cannot be written (read-only
media) keeps the count for this process only.
"""

from __future__ import annotations

import json
import logging
import math
import time
from pathlib import Path

from triage_desktop.vault.files import atomic_write

log = logging.getLogger(__name__)

FILE_NAME = "unlock-attempts.json"
FREE_ATTEMPTS = 3
MAX_DELAY = 300.0
_MAX_EXPONENT = 16  # 2**16 s is far past the cap; never compute 2**(a huge count)
_in_memory: dict[Path, tuple[int, float]] = {}


def _read(folder: Path) -> tuple[int, float]:
    try:
        data = json.loads((folder / FILE_NAME).read_text("utf-8"))
        failures, last = int(data["failures"]), float(data["last_failure"])
    except (OSError, ValueError, KeyError, TypeError, OverflowError):
        return _in_memory.get(folder, (0, 0.0))
    if failures < 0 or math.isnan(last):  # a negative count or no time: ignore the file
        return 0, 0.0
    return failures, last


def delay_for(failures: int) -> float:
    if failures < FREE_ATTEMPTS:
        return 0.0
    exponent = min(failures - FREE_ATTEMPTS, _MAX_EXPONENT)
    return float(min(2**exponent, MAX_DELAY))


def remaining(folder: Path, now: float | None = None) -> float:
    """Seconds to wait before the next attempt is allowed (0 when it may go ahead)."""
    failures, last = _read(folder)
    now = time.time() if now is None else now
    last = min(last, now)  # a failure "in the future" happened, at the latest, now
    return min(MAX_DELAY, max(0.0, last + delay_for(failures) - now))


def record_failure(folder: Path, now: float | None = None) -> float:
    """Count a failure; return the wait before the next attempt."""
    failures, _ = _read(folder)
    now = time.time() if now is None else now
    failures += 1
    _in_memory[folder] = (failures, now)
    try:
        atomic_write(
            folder / FILE_NAME,
            json.dumps({"failures": failures, "last_failure": now}).encode("utf-8"),
        )
    except OSError as error:  # read-only or full: the count holds for this process only
        log.warning("could not save the failed-unlock count: %s", error.strerror)
    return delay_for(failures)


def record_success(folder: Path) -> None:
    _in_memory.pop(folder, None)
    try:
        (folder / FILE_NAME).unlink(missing_ok=True)
    except OSError as error:
        log.warning("could not clear the failed-unlock count: %s", error.strerror)
