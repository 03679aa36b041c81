"""The settings dialog over a 10,000-case vault: open (settings, certificate and every legal
hold read on a worker), Back up now, and Save, each with the worst GUI-thread stall measured by
the heartbeat StallMeter (target < 50 ms).

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/settings_bench.py [--cases 10000]
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QWidget

from benchmarks.vault_bench import create_vault, seed
from triage_desktop.gui.app import create_application
from triage_desktop.gui.context import AppContext
from triage_desktop.gui.settings import SettingsDialog
from triage_desktop.gui.settings.prompts import Prompts
from triage_desktop.gui.stall_meter import StallMeter
from triage_desktop.services.documents_service import DocumentsService


def wait_until(done: Callable[[], bool], timeout_s: float = 120) -> None:
    """Run one event loop until `done()`. Not a processEvents() loop: PySide6 6.12 on Python
    3.11 drops a reference to None on every call of a void method, and a few thousand such
    calls abort the interpreter (see docs/settings.md, known problems)."""
    loop = QEventLoop()
    deadline = time.perf_counter() + timeout_s
    poll = QTimer()
    poll.setInterval(5)

    def check() -> None:
        if done() or time.perf_counter() > deadline:
            loop.quit()

    poll.timeout.connect(check)
    poll.start()
    loop.exec()
    poll.stop()
    if not done():
        raise TimeoutError("the operation did not finish")


def measured(start: Callable[[], None], done: Callable[[], bool]) -> dict[str, float]:
    meter = StallMeter()
    meter.start()
    began = time.perf_counter()
    start()
    wait_until(done)
    took = time.perf_counter() - began
    worst = meter.stop()
    return {"seconds": round(took, 3), "worst_stall_ms": round(worst * 1000, 1)}


class BackupInto(Prompts):
    def __init__(self, folder: Path) -> None:
        self.chosen = folder

    def folder(self, parent: QWidget, title: str, start: str = "") -> Path | None:
        return self.chosen


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000)
    args = parser.parse_args()
    create_application()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "vault"
        service = create_vault(folder)
        seed(service, args.cases, random.Random(7))
        for case_id in range(1, args.cases, max(1, args.cases // 25)):
            service.set_legal_hold(case_id, True)
        DocumentsService(service).set_up_identity("Benchmark Officer", "DRLRO", "Example")
        context = AppContext(folder, service=service)
        prompts = BackupInto(Path(scratch) / "backups")
        results: dict[str, object] = {"cases": args.cases}

        holder: list[SettingsDialog] = []
        loaded: list[bool] = []

        def open_dialog() -> None:
            dialog = SettingsDialog(context, prompts=prompts)
            dialog.loaded.connect(lambda: loaded.append(True))
            dialog.resize(1280, 800)
            dialog.show()
            holder.append(dialog)

        results["open"] = measured(open_dialog, lambda: bool(loaded))
        dialog = holder[0]
        results["legal_holds_listed"] = dialog.records.ui.holdsList.count()
        dialog.backup.choose_backup_folder()
        results["back_up_now"] = measured(
            dialog.backup.back_up_now, lambda: dialog.backup.last_backup is not None
        )
        saved: list[bool] = []
        dialog.settings_changed.connect(lambda _new: saved.append(True))
        dialog.security.ui.autoLockSpin.setValue(9)
        results["save"] = measured(dialog.save, lambda: bool(saved))
        QTimer.singleShot(0, dialog.close)
        context.tasks.wait_all()
        service.lock()
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
