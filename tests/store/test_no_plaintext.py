"""Nothing in plaintext: markers written into every field never appear in any file the vault
touches (db, -wal, -shm, slots, backups, migration copies), the temp folder, or the logs."""

from __future__ import annotations

import logging
import os
import secrets
import tempfile
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from tests.support.vaults import PASSPHRASE, create_vault, details
from triage_desktop.cases.model import (
    Location,
    LocationKind,
    NextStep,
    Reporter,
    ReporterStatus,
    Respondent,
    RespondentType,
    SigningIdentity,
)
from triage_desktop.services.session import VaultService


def _hits(root: Path, needles: list[bytes], since: float | None = None) -> list[str]:
    found = []
    for dirpath, _dirs, files in os.walk(root):
        for name in files:
            path = Path(dirpath) / name
            try:
                if since is not None and path.stat().st_mtime < since:
                    continue
                if path.stat().st_size > 200_000_000:
                    continue
                data = path.read_bytes().lower()
            except OSError:
                continue
            found += [f"{path}: {n!r}" for n in needles if n in data]
    return found


def test_markers_never_reach_the_disk_in_plaintext(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    started = time.time() - 1
    marker = f"zqx{secrets.token_hex(6)}"
    log_file = tmp_path / "app.log"
    handler = logging.FileHandler(log_file)
    logging.getLogger().addHandler(handler)
    caplog.set_level(logging.DEBUG)
    folder = tmp_path / "vault"
    try:
        service, _ = create_vault(folder)
        base = details(marker.upper())
        rich = replace(
            base,
            reporter=Reporter(
                f"{marker} Rep", ReporterStatus.STAFF, f"{marker}@x.ac.uk", marker, marker
            ),
            respondents=(Respondent(RespondentType.UNKNOWN, f"{marker}resp", f"{marker}det"),),
            location=Location(LocationKind.OFF_CAMPUS, f"{marker} street"),
            behaviour_categories=(f"{marker}cat",),
            protected_characteristics=(f"{marker}pc",),
            incident_notes=f"{marker} notes",
            description=f"{marker} described at length " * 200,
        )
        for _ in range(30):
            case = service.create_case(rich)
        service.update_case(case.id, replace(rich, description=f"{marker} edited"))
        service.get_case(case.id)
        service.save_meeting(
            case.id, step="risk", state="open", record={"notes": f"{marker} meeting"}
        )
        service.save_next_steps(case.id, [NextStep(f"{marker} step", f"{marker} owner")])
        service.add_document(case.id, "summary", f"%PDF {marker} letter".encode())
        service.save_signing_identity(
            SigningIdentity(f"KEY {marker}".encode(), f"CERT {marker}".encode())
        )
        service.update_settings(closure_days=[date(2026, 12, 24)])
        assert service.search(marker)
        service.backup(tmp_path / "backup")
        open_hits = _hits(folder, [marker.encode()])
        service.set_status(case.id, service.get_case(case.id).status)
        service.lock()
        service.unlock(PASSPHRASE)
        service.lock()
    finally:
        logging.getLogger().removeHandler(handler)
        handler.close()
    needles = [marker.encode(), marker.encode("utf-16-le")]
    assert open_hits == []
    assert _hits(folder, needles) == []
    assert _hits(tmp_path / "backup", needles) == []
    assert _hits(Path(tempfile.gettempdir()), needles, since=started) == [], "temp folder"
    assert marker not in log_file.read_text().lower()
    assert marker not in caplog.text.lower()
    names = {p.name for p in folder.iterdir()}
    assert "vault.db" in names
    assert VaultService(folder).is_unlocked is False


def test_the_scanner_would_see_a_leak(tmp_path: Path) -> None:
    (tmp_path / "leak.bin").write_bytes(b"header ZQXLEAK trailer")
    assert _hits(tmp_path, [b"zqxleak"]) != []
