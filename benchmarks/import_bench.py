"""Importing 10,000 reports into a 10,000-case vault: how long, and the GUI thread's worst stall
while the real File → Import reports… dialog checks the file and imports it.

Three runs, each on a fresh copy of the same seeded vault, with the same fictional export
(benchmarks/report_export.py) and its mapping file:

- baseline, the store alone: the already-checked reports inserted with cases_repo.insert and an
  audit entry each, in one transaction (no file, no checks, no origins or ledger), with the
  cyclic garbage collector paused as the import pauses it;
- the service: plan_import (read + check + duplicates + contact-by) and run_import, no Qt;
- the GUI: the dialog driven in a real event loop, a StallMeter ticking every 5 ms throughout.

Printed as times and ratios against the baseline of the same run, and the worst stalls beside
the worst "stall" of the same meter over 3 idle seconds (the machine's noise floor in this run).
Target: no GUI stall over 50 ms. Key derivation is excluded (minimal KDF parameters).

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m benchmarks.import_bench [--cases 10000]
        [--reports 10000]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import triage_desktop.gui  # noqa: F401 - installs the PySide6 None guard before any Qt call
from benchmarks.vault_bench import PASSPHRASE


def make_vault(folder: Path, cases: int) -> None:
    from benchmarks.vault_bench import create_vault, seed

    service = create_vault(folder)
    seed(service, cases, random.Random(7))
    service.lock()


def write_export(folder: Path, reports: int) -> tuple[Path, Path]:
    from benchmarks.report_export import MAPPING_TOML, export_bytes, fictional_reports

    source = folder / "export.csv"
    source.write_bytes(export_bytes(fictional_reports(reports, prefix="BENCH")))
    mapping = folder / "mapping.toml"
    mapping.write_text(MAPPING_TOML, encoding="utf-8")
    return source, mapping


def _open(folder: Path) -> Any:
    from triage_desktop.services.session import VaultService

    service = VaultService(folder)
    service.unlock(PASSPHRASE)
    return service


def store_alone(folder: Path, source: Path, mapping: Path) -> float:
    """The same reports' cases inserted by the store in one transaction, each audited."""
    from triage_desktop.cases.model import CaseStatus
    from triage_desktop.reports.contract import parse_mapping, read_reports
    from triage_desktop.services.reports_import import cyclic_gc_paused
    from triage_desktop.store import audit, cases_repo

    service = _open(folder)
    batch = read_reports(
        source.read_bytes(),
        file_name=source.name,
        mapping=parse_mapping(mapping.read_text("utf-8")),
    )
    db = service._database()
    key = db._audit_key

    def run(con: Any) -> None:
        now = datetime.now(UTC)
        for report in batch.reports:
            case = cases_repo.insert(
                con, report.details, status=CaseStatus.AWAITING_CONTACT, contact_by=None, now=now
            )
            audit.append(con, key, officer_id=1, action="create", case_reference=case.reference)

    started = time.perf_counter()
    with cyclic_gc_paused():  # as the import runs: the ratio then shows what it adds
        db.write(run)
    took = time.perf_counter() - started
    service.lock()
    return took


def service_alone(folder: Path, source: Path, mapping: Path) -> float:
    from triage_desktop.services import reports_import

    service = _open(folder)
    started = time.perf_counter()
    plan = reports_import.plan_import(service, source, mapping)
    result = reports_import.run_import(service, plan)
    took = time.perf_counter() - started
    assert result.reconciliation.ok, result.reconciliation.summary()
    service.lock()
    return took


def through_the_gui(folder: Path, source: Path, mapping: Path) -> dict[str, float]:
    from PySide6.QtCore import QEventLoop, QTimer

    from triage_desktop.gui.app import create_application
    from triage_desktop.gui.context import AppContext
    from triage_desktop.gui.reports_import.dialog import ImportReportsDialog
    from triage_desktop.gui.stall_meter import StallMeter

    create_application()
    service = _open(folder)
    context = AppContext(folder, service=service)
    dialog = ImportReportsDialog(context)
    dialog.resize(980, 640)
    dialog.show()

    def wait_for(signal: Any, timeout_s: float = 600.0) -> Any:
        got: list[Any] = []
        loop = QEventLoop()

        def arrived(*args: Any) -> None:
            got.append(args)
            loop.quit()

        signal.connect(arrived)
        dialog.failed.connect(loop.quit)
        QTimer.singleShot(int(timeout_s * 1000), loop.quit)
        loop.exec()
        signal.disconnect(arrived)
        if not got:
            raise RuntimeError("the dialog did not get there: " + dialog.preview_summary.text())
        return got[0]

    meter = StallMeter(interval_ms=5)
    # The noise floor: the same meter over the same event loop with nothing to do. On a shared
    # machine the OS alone can hold the GUI thread off the CPU this long.
    meter.start()
    idle = QEventLoop()
    QTimer.singleShot(3000, idle.quit)
    idle.exec()
    idle_stall = meter.stop()
    dialog.file_edit.setText(str(source))
    dialog.mapping_edit.setText(str(mapping))
    meter.start()
    started = time.perf_counter()
    dialog.check_button.click()
    wait_for(dialog.plan_ready)
    checked = time.perf_counter()
    check_stall = meter.stop()
    meter.start()
    dialog.import_button.click()
    (result,) = wait_for(dialog.import_done)
    finished = time.perf_counter()
    import_stall = meter.stop()
    assert result.reconciliation.ok
    dialog.close()
    context.tasks.wait_all()
    service.lock()
    return {
        "total_s": finished - started,
        "check_s": checked - started,
        "import_s": finished - checked,
        "check_stall_s": check_stall,
        "import_stall_s": import_stall,
        "idle_stall_s": idle_stall,
    }


def main() -> int:
    from benchmarks.qt_driver import STALL_BUDGET_S

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--reports", type=int, default=10_000)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        seeded = root / "seeded"
        started = time.perf_counter()
        make_vault(seeded, args.cases)
        seeding = time.perf_counter() - started
        source, mapping = write_export(root, args.reports)
        runs = {}
        for name in ("store", "service", "gui"):
            shutil.copytree(seeded, root / name)
        runs["store"] = store_alone(root / "store", source, mapping)
        runs["service"] = service_alone(root / "service", source, mapping)
        gui = through_the_gui(root / "gui", source, mapping)
        size = source.stat().st_size
    base = runs["store"]
    print(
        f"{args.reports:,} reports ({size / 1e6:.1f} MB CSV) into a {args.cases:,}-case vault "
        f"(seeded in {seeding:.1f} s); key derivation excluded"
    )
    print(f"store alone (baseline)   {base:7.2f} s")
    print(
        f"service: check + import  {runs['service']:7.2f} s   ratio {runs['service'] / base:5.2f}x"
    )
    print(
        f"GUI: check + import      {gui['total_s']:7.2f} s   ratio {gui['total_s'] / base:5.2f}x"
        f"   (check {gui['check_s']:.2f} s, import {gui['import_s']:.2f} s)"
    )
    for name in ("check", "import"):
        stall = gui[f"{name}_stall_s"] * 1000
        print(
            f"worst GUI stall while {name:6s}  {stall:6.1f} ms "
            f"(target < {STALL_BUDGET_S * 1000:.0f} ms)"
        )
    idle = gui["idle_stall_s"] * 1000
    print(f"worst GUI stall while idle    {idle:6.1f} ms (3 s, the machine's noise floor)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
