"""Migration 0005: a vault from 0004 opens with its cases intact and can record a subject access
request; going down drops only the subject access tables; each row goes with its case."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tests.support.migrations import table_names, vault_at_revision
from tests.support.vaults import PASSPHRASE, create_vault, details
from triage_desktop.cases.subject_access import Role
from triage_desktop.services import subject_access as sa
from triage_desktop.services.session import VaultService
from triage_desktop.store import migrate

TABLES = {
    "subject_access_requests",
    "subject_access_cases",
    "subject_access_decisions",
    "subject_access_packs",
}


def test_a_0004_vault_opens_keeps_its_cases_and_records_a_request(tmp_path: Path) -> None:
    case, db, key = vault_at_revision(tmp_path / "v", "0004", "BEFORE")
    assert not TABLES & table_names(db, key)

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
    before = table_names(db, key)
    assert before >= TABLES
    migrate.downgrade(db, key, "0004")
    assert table_names(db, key) == before - TABLES


def test_the_rows_go_with_their_case_in_the_database_itself(tmp_path: Path) -> None:
    service, _ = create_vault(tmp_path / "v")
    case = service.create_case(details())
    sa.create_request(service, "Alex Example", dt.date(2026, 4, 3), [(case.id, Role.REPORTER)])

    def remove(con: object) -> int:
        con.execute("DELETE FROM cases WHERE id = ?", (case.id,))  # type: ignore[attr-defined]
        return int(con.execute("SELECT count(*) FROM subject_access_cases").fetchone()[0])  # type: ignore[attr-defined]

    assert service._database().write(remove) == 0
    service.lock()
