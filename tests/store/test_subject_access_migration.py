"""Migration 0005: a vault from 0004 opens with its cases intact and can record a subject access
request; going down drops only the subject access tables; each row goes with its case."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tests.support.vaults import PASSPHRASE, create_vault, details
from triage_desktop.cases.subject_access import Role
from triage_desktop.services import subject_access as sa
from triage_desktop.services.session import VaultService
from triage_desktop.store import migrate
from triage_desktop.store.connection import connect

TABLES = {
    "subject_access_requests",
    "subject_access_cases",
    "subject_access_decisions",
    "subject_access_packs",
}


def _tables(path: Path, key: bytes) -> set[str]:
    con = connect(path, key)
    try:
        rows = con.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
        return {row[0] for row in rows}
    finally:
        con.close()


def test_a_0004_vault_opens_keeps_its_cases_and_records_a_request(tmp_path: Path) -> None:
    service, _ = create_vault(tmp_path / "v")
    case = service.create_case(details("BEFORE"))
    key = bytes(service._key or b"")
    service.lock()
    db = tmp_path / "v" / "vault.db"
    migrate.downgrade(db, key, "0004")
    assert not TABLES & _tables(db, key)

    reopened = VaultService(tmp_path / "v")
    reopened.unlock(PASSPHRASE)
    try:
        assert reopened.get_case(case.id).details == case.details
        request = sa.create_request(
            reopened, "Alex Example BEFORE", dt.date(2026, 4, 3), [(case.id, Role.REPORTER)]
        )
        assert request.reference == "SAR-2026-0001"
        assert reopened.audit_verify().ok
    finally:
        reopened.lock()
    before = _tables(db, key)
    assert before >= TABLES
    migrate.downgrade(db, key, "0004")
    assert _tables(db, key) == before - TABLES


def test_the_rows_go_with_their_case_in_the_database_itself(tmp_path: Path) -> None:
    service, _ = create_vault(tmp_path / "v")
    case = service.create_case(details())
    sa.create_request(service, "Alex Example", dt.date(2026, 4, 3), [(case.id, Role.REPORTER)])

    def remove(con: object) -> int:
        con.execute("DELETE FROM cases WHERE id = ?", (case.id,))  # type: ignore[attr-defined]
        return int(con.execute("SELECT count(*) FROM subject_access_cases").fetchone()[0])  # type: ignore[attr-defined]

    assert service._database().write(remove) == 0
    service.lock()
