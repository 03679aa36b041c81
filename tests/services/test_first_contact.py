"""First contact: when and how the reporter was contacted is recorded, audited, moves the case on
from 'awaiting contact', and the contact-by clock then says met or missed."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from tests.support.vaults import create_vault, details
from triage_desktop.cases.model import (
    CaseFilter,
    CaseStatus,
    ContactMethod,
    FirstContact,
)
from triage_desktop.cases.text import InvalidFieldError
from triage_desktop.services.session import VaultService


@pytest.fixture
def vault(tmp_path: Path) -> Iterator[VaultService]:
    service, _ = create_vault(tmp_path / "v")
    yield service
    service.lock()


def test_first_contact_is_kept_audited_and_moves_the_case_on(vault: VaultService) -> None:
    case = vault.create_case(details())  # contact by Wednesday 8 April 2026
    assert case.first_contact is None
    assert case.contact_met is None
    contacted = vault.record_first_contact(
        case.id, FirstContact(date(2026, 4, 7), ContactMethod.PHONE)
    )
    assert contacted.status is CaseStatus.MEETING_ARRANGED
    assert contacted.first_contact == FirstContact(date(2026, 4, 7), ContactMethod.PHONE)
    assert contacted.contact_met is True
    assert vault.get_case(case.id).first_contact == contacted.first_contact
    assert vault.list_cases()[0].first_contact_on == date(2026, 4, 7)
    assert [e.action for e in vault.audit_entries(case.id)][-2:] == ["first_contact", "read"]
    assert vault.audit_verify().ok


def test_late_contact_is_missed_and_no_longer_overdue(vault: VaultService) -> None:
    case = vault.create_case(details())
    assert [r.id for r in vault.list_cases(CaseFilter(overdue_on=date(2026, 4, 9)))] == [case.id]
    late = vault.record_first_contact(case.id, FirstContact(date(2026, 4, 9), ContactMethod.EMAIL))
    assert late.contact_met is False
    assert vault.list_cases(CaseFilter(overdue_on=date(2026, 4, 10))) == []


def test_a_case_further_on_keeps_its_status(vault: VaultService) -> None:
    case = vault.create_case(details())
    vault.set_status(case.id, CaseStatus.TRIAGED)
    after = vault.record_first_contact(
        case.id, FirstContact(date(2026, 4, 3), ContactMethod.IN_PERSON)
    )
    assert after.status is CaseStatus.TRIAGED


def test_anonymous_reports_have_no_clock(vault: VaultService) -> None:
    case = vault.create_case(details(anonymous=True))
    after = vault.record_first_contact(case.id, FirstContact(date(2026, 4, 3), ContactMethod.OTHER))
    assert after.contact_met is None


@pytest.mark.parametrize(
    ("on", "method", "field"),
    [
        ("2026-04-03", ContactMethod.PHONE, "first_contact.on"),
        (date(2026, 4, 3), "carrier pigeon", "first_contact.method"),
    ],
)
def test_a_bad_first_contact_is_refused_by_name(on: object, method: object, field: str) -> None:
    with pytest.raises(InvalidFieldError, match=field):
        FirstContact(on, method)  # type: ignore[arg-type]
