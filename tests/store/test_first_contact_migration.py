"""Migration 0003 adds the first-contact columns: existing cases keep everything and read as
'not yet contacted'; going back down drops only those columns."""

from __future__ import annotations

from pathlib import Path

from tests.support.migrations import column_names, vault_at_revision
from tests.support.vaults import PASSPHRASE
from triage_desktop.cases.model import ContactMethod, FirstContact
from triage_desktop.services.session import VaultService


def test_cases_from_0002_open_as_not_yet_contacted(tmp_path: Path) -> None:
    case, db, key = vault_at_revision(tmp_path / "v", "0002", "MIGRATE")
    assert "first_contact_on" not in column_names(db, key, "cases")

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
    assert {"first_contact_on", "first_contact_method"} <= column_names(db, key, "cases")
