"""The import never writes a copy of the source file: markers put into every field of an export
are, after a dry run, an import, a reconciliation, a search and deleting the source, nowhere in
plaintext in the vault folder, the temp folder or the logs."""

from __future__ import annotations

import logging
import secrets
import tempfile
import time
from pathlib import Path

import pytest
from benchmarks.report_export import export_bytes, fictional_reports

from tests.store.test_no_plaintext import _hits
from tests.support.vaults import PASSPHRASE, create_vault
from triage_desktop.services import reports_import


def test_markers_from_an_imported_file_are_nowhere_in_plaintext(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    started = time.time() - 1
    marker = f"zqx{secrets.token_hex(6)}"
    log_file = tmp_path / "app.log"
    handler = logging.FileHandler(log_file)
    logging.getLogger().addHandler(handler)
    caplog.set_level(logging.DEBUG)
    folder = tmp_path / "vault"
    incoming = tmp_path / "incoming"
    incoming.mkdir()
    try:
        service, _ = create_vault(folder)
        rows = fictional_reports(40)
        for number, row in enumerate(rows):
            row.update(
                source_report_id=f"{marker}-{number}",
                route="contact",
                contact_name=f"{marker} Name مريم",
                contact_email=f"{marker}@example.ac.uk",
                contact_phone=f"{marker} 07700",
                description=f"{marker} described at length, 张伟. " * 100,
                locations=f"{marker} Library",
                department=f"{marker}DEPT",
                excluded_people=f"{marker} Excluded; {marker} Other",
                incident_types="",
                preferred_service="",
            )
        source = incoming / "export.csv"
        source.write_bytes(export_bytes(rows))
        assert marker.encode() in source.read_bytes()
        plan = reports_import.plan_import(service, source)
        result = reports_import.run_import(service, plan)
        assert len(result.outcome.created) == 40
        assert reports_import.reconcile(service, source).ok
        assert len(service.search(marker)) == 40
        case_id = service.case_id_for(result.outcome.created[0][1])
        service.get_case(case_id)
        assert service.report_origin(case_id) is not None
        open_hits = _hits(folder, [marker.encode()])
        reports_import.delete_source(source)
        service.lock()
        service.unlock(PASSPHRASE)
        service.lock()
    finally:
        logging.getLogger().removeHandler(handler)
        handler.close()
    needles = [marker.encode(), marker.encode("utf-16-le")]
    assert open_hits == []
    assert list(incoming.iterdir()) == []
    assert _hits(folder, needles) == []
    assert _hits(Path(tempfile.gettempdir()), needles, since=started) == [], "temp folder"
    assert marker not in log_file.read_text().lower()
    assert marker not in caplog.text.lower()
