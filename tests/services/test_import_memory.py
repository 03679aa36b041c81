"""After an import and a lock, no report text stays in the process: not in anything the
collector tracks, frozen or not (the import pauses the collector and freezes what survives,
services/reports_import.cyclic_gc_paused; what survives is freed by reference counting all the
same). In a child process, so that unfreezing there leaves this process's collector alone."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

CHILD = r"""
import gc, sys
from pathlib import Path
from tests.support.vaults import create_vault
from triage_desktop.services import reports_import

folder = Path(sys.argv[1])
MARK = ("Q", "ZX", "unique-report-words")  # spelled apart: this source never holds it whole
service, _ = create_vault(folder / "v", use_keychain=False)
source = folder / "export.csv"
with source.open("w", encoding="utf-8") as out:
    out.write("schema_version,source_report_id,submitted_at,route,contact_name,description\n")
    for i in range(300):
        out.write(f"1,SR-{i},2026-04-02T10:30:00+01:00,contact,Name {i},{''.join(MARK)} {i}\n")
plan = reports_import.plan_import(service, source)
assert gc.get_freeze_count() > 0  # the import froze what survived it
result = reports_import.run_import(service, plan)
assert len(result.outcome.created) == 300
del plan, result
service.lock()
gc.unfreeze()
gc.collect()

def values(obj):
    if isinstance(obj, dict):
        return list(obj.keys()) + list(obj.values())
    if isinstance(obj, (list, tuple, set, frozenset)):
        return list(obj)
    try:
        return list(vars(obj).values())
    except Exception:  # no __dict__, or one that refuses to be read
        return []

def held_texts():
    marker = "".join(MARK)
    return [str(o)[:80] for o in gc.get_objects()
            if any(isinstance(v, str) and marker in v for v in values(o))]

held = held_texts()
print(len(held), held[:3])
"""


def test_no_report_text_stays_in_memory_after_an_import_and_a_lock(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(tmp_path)],
        check=False,
        capture_output=True,
        text=True,
        cwd=root,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip().splitlines()[-1] == "0 []"
