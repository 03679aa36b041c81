"""A child process that runs one vault operation and SIGKILLs itself at its Nth kill point.

Kill points are the moments just before each file write, fsync, rename, copy or delete, each
database write transaction, the `PRAGMA rekey`, each Alembic run, and the marked places inside
a test migration (`point("...")`). With KILL_AT=0 the operation runs to the end and the child
prints `TOTAL <n>`, the number of kill points it passed; the test then kills it at 1 .. n.

    python -m tests.store.kill_child OPERATION FOLDER [ARG]   (environment: KILL_AT, KILL_LOG)

Operations: rekey, passphrase, restore BACKUP, migrate MIGRATIONS_DIR.
"""

from __future__ import annotations

import os
import shutil
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

PASSPHRASE = "correct horse battery staple"  # = tests.support.vaults.PASSPHRASE
NEW_PASSPHRASE = "seven purple elephants dancing slowly"

_count = 0
_kill_at = int(os.environ.get("KILL_AT", "0"))
_log = os.environ.get("KILL_LOG")


def point(label: str) -> None:
    """One kill point: SIGKILL here if it is the chosen one (after noting which it was)."""
    global _count  # noqa: PLW0603 - one counter per child process
    _count += 1
    if _count == _kill_at:
        if _log:
            Path(_log).write_text(label, "utf-8")
        os.kill(os.getpid(), signal.SIGKILL)


def _wrap(owner: Any, name: str, label: str) -> None:
    original: Callable[..., Any] = getattr(owner, name)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        point(label)
        return original(*args, **kwargs)

    setattr(owner, name, wrapper)


def install() -> None:
    from triage_desktop.store import database, executor, migrate

    for name in ("replace", "rename", "write", "fsync", "unlink"):
        _wrap(os, name, f"os.{name}")
    _wrap(shutil, "copyfile", "shutil.copyfile")
    _wrap(executor.SerialExecutor, "_transaction", "database write transaction")
    _wrap(database.VaultDatabase, "rekey", "PRAGMA rekey")
    _wrap(database, "record_restore", "restore's audit entry in the staged copy")
    _wrap(migrate, "upgrade", "Alembic upgrade")


def say(line: str) -> None:
    print(line, flush=True)


def main(operation: str, folder: Path, argument: str = "") -> None:
    import tests.support.vaults  # noqa: F401 - cheap KDF parameters, as in the parent
    from triage_desktop.services import maintenance
    from triage_desktop.services.session import VaultService

    service = VaultService(folder)
    if operation == "rekey":
        service.unlock(PASSPHRASE)
        install()
        say("STARTING")
        recovery = service.rekey(PASSPHRASE)
        say(f"RECOVERY {recovery}")
        service.confirm_recovery_key(recovery)
        say("CONFIRMED")
    elif operation == "passphrase":
        service.unlock(PASSPHRASE)
        install()
        service.change_passphrase(NEW_PASSPHRASE)
        say("CHANGED")
    elif operation == "restore":
        install()
        maintenance.restore(folder, Path(argument), passphrase=PASSPHRASE)
        say("RESTORED")
    elif operation == "migrate":
        from triage_desktop.store import migrate

        migrate.MIGRATIONS_DIR = Path(argument)
        install()
        service.unlock(PASSPHRASE)
        say("OPENED")
    else:
        raise SystemExit(f"unknown operation {operation}")
    service.lock()
    say(f"TOTAL {_count}")


if __name__ == "__main__":
    # One counter: code that imports this module (the test migration) must reach this instance.
    sys.modules["tests.store.kill_child"] = sys.modules[__name__]
    main(sys.argv[1], Path(sys.argv[2]), *sys.argv[3:])
