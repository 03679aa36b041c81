"""Migration 0003 adds the first-contact columns: existing cases keep everything and read as
'not yet contacted'; going back down drops only those columns."""

from __future__ import annotations

from pathlib import Path

from tests.support.vaults import PASSPHRASE, create_vault, details
from triage_desktop.cases.model import ContactMethod, FirstContact
from triage_desktop.services.session import VaultService
from triage_desktop.store import migrate
from triage_desktop.store.connection import connect


def _columns(path: Path, key: bytes) -> set[str]:
    con = connect(path, key)
    try:
        return {row[1] for row in con.execute("PRAGMA table_info(cases)").fetchall()}
    finally:
        con.close()


def test_cases_from_0002_open_as_not_yet_contacted(tmp_path: Path) -> None:
    service, _ = create_vault(tmp_path / "v")
    case = service.create_case(details("MIGRATE"))
    key = bytes(service._key or b"")
    service.lock()
    db = tmp_path / "v" / "vault.db"
    migrate.downgrade(db, key, "0002")
    assert "first_contact_on" not in _columns(db, key)

    reopened = VaultService(tmp_path / "v")
    reopened.unlock(PASSPHRASE)
    try:
        again = reopened.get_case(case.id)
        assert again.details == case.details
        assert again.first_contact is None
        contact = FirstContact(
            case.contact_by or again.details.received_at.date(), ContactMethod.EMAIL
        )
        assert reopened.record_first_contact(case.id, contact).first_contact == contact
    finally:
        reopened.lock()
    assert {"first_contact_on", "first_contact_method"} <= _columns(db, key)
