"""Migration 0004: a vault from 0003 opens with its cases intact and can import; the ledger's
(source, source_report_id) is unique in the database itself; going down drops only the import
tables; a purged case leaves its ledger entry (source id and reference) behind."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.migrations import table_names, vault_at_revision
from tests.support.vaults import PASSPHRASE, create_vault
from triage_desktop.services import reports_import
from triage_desktop.services.session import VaultService
from triage_desktop.store import migrate
from triage_desktop.store.connection import connect

TABLES = {"report_imports", "imported_reports", "report_origins"}
LINES = [
    "schema_version,source_report_id,submitted_at,route,contact_email",
    "1,SR-1,2026-04-02T10:30:00+01:00,contact,a@example.ac.uk",
]


def test_a_0003_vault_opens_keeps_its_cases_and_imports(tmp_path: Path) -> None:
    case, db, key = vault_at_revision(tmp_path / "v", "0003", "BEFORE")
    assert not TABLES & table_names(db, key)

    reopened = VaultService(tmp_path / "v")
    reopened.unlock(PASSPHRASE)
    try:
        assert reopened.get_case(case.id).details == case.details
        assert reopened.report_origin(case.id) is None
        source = tmp_path / "export.csv"
        source.write_text("\n".join(LINES) + "\n", encoding="utf-8")
        plan = reports_import.plan_import(reopened, source)
        result = reports_import.run_import(reopened, plan)
        assert result.outcome.created == (("SR-1", "DR-2026-0002"),)
    finally:
        reopened.lock()
    assert table_names(db, key) >= TABLES


def test_the_source_id_is_unique_in_the_database_and_down_drops_only_importtable_names(
    tmp_path: Path,
) -> None:
    import sqlcipher3

    service, _ = create_vault(tmp_path / "v")
    source = tmp_path / "export.csv"
    source.write_text("\n".join(LINES) + "\n", encoding="utf-8")
    reports_import.run_import(service, reports_import.plan_import(service, source))

    def twice(con: object) -> None:
        con.execute(  # type: ignore[attr-defined]
            "INSERT INTO imported_reports (source, source_report_id, import_id, case_id, "
            "case_reference) VALUES ('report_and_support', 'SR-1', 1, NULL, 'DR-2026-0099')"
        )

    with pytest.raises(sqlcipher3.IntegrityError, match="UNIQUE"):
        service._database().write(twice)
    key = bytes(service._key or b"")
    service.lock()
    db = tmp_path / "v" / "vault.db"
    migrate.downgrade(db, key, "0004")  # later revisions' tables first (0005: subject access)
    before = table_names(db, key)
    migrate.downgrade(db, key, "0003")
    assert table_names(db, key) == before - TABLES
    con = connect(db, key)
    try:
        assert con.execute("SELECT reference FROM cases").fetchall() == [("DR-2026-0001",)]
    finally:
        con.close()
