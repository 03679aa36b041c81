"""A disk that fills up half way through an import: the one transaction rolls back, nothing of
the file is in the vault, earlier cases are intact, and the same import succeeds later."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from benchmarks.report_export import MAPPING_TOML, export_bytes, fictional_reports

from tests.support.vaults import PASSPHRASE, create_vault, details
from triage_desktop.services import reports_import
from triage_desktop.services.session import VaultService

REPO = Path(__file__).resolve().parents[2]
CHILD = textwrap.dedent(
    """
    import resource, signal, sys
    from pathlib import Path
    from triage_desktop.services import reports_import
    from triage_desktop.services.errors import DiskFull
    from triage_desktop.services.session import VaultService
    from tests.support.vaults import PASSPHRASE

    folder, source, mapping = (Path(a) for a in sys.argv[1:4])
    service = VaultService(folder)
    service.unlock(PASSPHRASE)
    plan = reports_import.plan_import(service, source, mapping)
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # the write fails with EFBIG instead
    used = max(p.stat().st_size for p in folder.iterdir() if p.is_file())
    resource.setrlimit(resource.RLIMIT_FSIZE, (used + 200_000, resource.RLIM_INFINITY))
    try:
        reports_import.run_import(service, plan)
        print("IMPORTED")
    except DiskFull as error:
        print("DISKFULL", service.count_cases(), error, flush=True)
    service.lock()
    """
)


def test_a_full_disk_rolls_the_whole_import_back(tmp_path: Path) -> None:
    service, _ = create_vault(tmp_path / "v", use_keychain=False)
    service.create_case(details("EARLIER"))
    service.lock()
    source = tmp_path / "export.csv"
    source.write_bytes(export_bytes(fictional_reports(1500)))
    mapping = tmp_path / "mapping.toml"
    mapping.write_text(MAPPING_TOML, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(tmp_path / "v"), str(source), str(mapping)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    words = result.stdout.split()
    assert words[:2] == ["DISKFULL", "1"], result.stdout
    assert " is full" in result.stdout
    assert "Free some space" in result.stdout
    again = VaultService(tmp_path / "v")
    again.unlock(PASSPHRASE)
    try:
        assert again.count_cases() == 1
        assert again.integrity_problems() == []
        assert again.audit_verify().ok
        plan = reports_import.plan_import(again, source, mapping)
        assert len(plan.new) == 1500  # nothing of the file went in
        assert len(reports_import.run_import(again, plan).outcome.created) == 1500
    finally:
        again.lock()
