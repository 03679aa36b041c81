"""The service API end to end over a real SQLCipher vault (cheap KDF, in-memory keychain)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from tests.support.vaults import OFFICER, PASSPHRASE, create_vault, details
from triage_desktop.cases.model import CaseFilter, CaseSort, CaseStatus, NextStep, SigningIdentity
from triage_desktop.services.errors import (
    CaseNotFound,
    VaultAlreadyExists,
    VaultLocked,
    WeakPassphrase,
)
from triage_desktop.services.session import VaultService, vault_exists


@pytest.fixture
def vault(tmp_path: Path) -> Iterator[VaultService]:
    service, _ = create_vault(tmp_path / "vault")
    yield service
    service.lock()


def test_create_gives_a_recovery_key_and_an_unlocked_vault(tmp_path: Path) -> None:
    folder = tmp_path / "v"
    assert not vault_exists(folder)
    service, recovery = create_vault(folder)
    try:
        assert vault_exists(folder)
        assert service.is_unlocked
        assert len(recovery.split("-")) == 6
        assert service.officer_id is not None
    finally:
        service.lock()
    assert (folder.stat().st_mode & 0o777) == 0o700
    for path in folder.iterdir():
        if path.is_file():
            assert (path.stat().st_mode & 0o077) == 0, path


def test_refuses_to_create_over_an_existing_vault(vault: VaultService) -> None:
    with pytest.raises(VaultAlreadyExists):
        VaultService(vault.folder).create(OFFICER, PASSPHRASE, use_keychain=False)


def test_refuses_a_short_passphrase(tmp_path: Path) -> None:
    with pytest.raises(WeakPassphrase):
        VaultService(tmp_path / "v").create(OFFICER, "short", use_keychain=False)
    assert not (tmp_path / "v").exists()


def test_case_lifecycle_and_contact_by(vault: VaultService) -> None:
    case = vault.create_case(details())
    assert case.reference == "DR-2026-0001"
    assert case.status is CaseStatus.AWAITING_CONTACT
    # Thursday 2 April 2026 + 2 working days (Good Friday, Easter Monday) = Wednesday 8 April.
    assert case.contact_by == date(2026, 4, 8)
    second = vault.create_case(details(anonymous=True))
    assert second.reference == "DR-2026-0002"
    assert second.contact_by is None
    fetched = vault.get_case(case.id)
    assert fetched.details == case.details
    updated = vault.set_status(case.id, CaseStatus.CLOSED)
    assert updated.closed_at is not None
    reopened = vault.set_status(case.id, CaseStatus.TRIAGED)
    assert reopened.closed_at is None
    with pytest.raises(CaseNotFound):
        vault.get_case(9999)


def test_references_restart_each_year(vault: VaultService) -> None:
    vault.create_case(details())
    later = vault.create_case(details(received=datetime(2027, 1, 4, 9, tzinfo=UTC)))
    assert later.reference == "DR-2027-0001"


def test_list_count_filter_sort_and_search(vault: VaultService) -> None:
    first = vault.create_case(details(reporter="Zoë Ångström"))
    second = vault.create_case(details(reporter="张伟", received=datetime(2026, 5, 1, tzinfo=UTC)))
    third = vault.create_case(details(reporter="مريم حداد", anonymous=True))
    vault.set_status(third.id, CaseStatus.REFERRED)
    assert vault.count_cases() == 3
    newest = vault.list_cases(sort=CaseSort.RECEIVED_NEWEST)
    assert newest[0].id == second.id
    assert [r.id for r in vault.list_cases(offset=1, limit=1)] == [newest[1].id]
    referred = vault.list_cases(CaseFilter(statuses=(CaseStatus.REFERRED,)))
    assert [r.id for r in referred] == [third.id]
    overdue = vault.list_cases(CaseFilter(overdue_on=date(2026, 4, 9)))
    assert [r.id for r in overdue] == [first.id]
    assert vault.count_cases(CaseFilter(assigned_officer_id=12345)) == 0
    assert [r.id for r in vault.search("angstrom")] == [first.id]
    assert [r.id for r in vault.search("张伟")] == [second.id]
    assert [r.id for r in vault.search("مريم")] == [third.id]
    assert vault.search('" OR *') == []
    assert {r.id for r in vault.search("group chat")} == {first.id, second.id, third.id}
    assert vault.list_cases(sort=CaseSort.REFERENCE)[0].reporter_name == "مريم حداد"


def test_meeting_next_steps_documents_identity_settings(vault: VaultService) -> None:
    case = vault.create_case(details())
    assert vault.load_meeting(case.id) is None
    record = {"support": {"offered": ["counselling"]}, "notes": "fictional", "rtl": "سلام"}
    saved = vault.save_meeting(case.id, step="risk", state="in_progress", record=record)
    assert saved.record == record
    loaded = vault.load_meeting(case.id)
    assert loaded is not None
    assert (loaded.step, loaded.state, loaded.record) == ("risk", "in_progress", record)
    steps = (NextStep("Refer to counselling", "Officer", date(2026, 4, 10)), NextStep("Call back"))
    vault.save_next_steps(case.id, steps)
    assert tuple(vault.next_steps(case.id)) == steps
    stored = vault.add_document(case.id, "summary", b"%PDF-1.7 fictional")
    assert [d.id for d in vault.list_documents(case.id)] == [stored.id]
    info, pdf = vault.fetch_document(stored.id)
    assert pdf == b"%PDF-1.7 fictional"
    assert info.sha256 == stored.sha256
    assert vault.load_signing_identity() is None
    identity = SigningIdentity(b"-----KEY-----", b"-----CERT-----", (b"-----CA-----",))
    vault.save_signing_identity(identity)
    assert vault.load_signing_identity() == identity
    settings = vault.settings()
    assert settings.retention_years == 6
    assert settings.auto_lock_minutes == 5
    vault.update_settings(closure_days=[date(2026, 4, 7)], auto_lock_minutes=10)
    assert vault.settings().closure_days == (date(2026, 4, 7),)
    assert vault.settings().auto_lock_minutes == 10
    # A closure day moves the contact-by date on.
    assert vault.create_case(details()).contact_by == date(2026, 4, 9)


def test_audit_entries_and_head(vault: VaultService) -> None:
    case = vault.create_case(details("SECRETWORD"))
    head = vault.audit_head()
    vault.get_case(case.id)
    assert vault.audit_head() != head
    actions = [e.action for e in vault.audit_entries(case.id)]
    assert actions == ["create", "read"]
    for entry in vault.audit_entries(case.id):
        assert "SECRETWORD" not in repr(entry)
    assert vault.audit_verify().ok


def test_legal_hold(vault: VaultService) -> None:
    case = vault.create_case(details())
    assert vault.set_legal_hold(case.id, True).legal_hold
    assert not vault.set_legal_hold(case.id, False).legal_hold


def test_lock_forgets_and_blocks(vault: VaultService) -> None:
    vault.create_case(details())
    vault.lock()
    with pytest.raises(VaultLocked):
        vault.count_cases()
    vault.unlock(PASSPHRASE)
    assert vault.count_cases() == 1


def test_calls_from_many_threads_are_serialised(vault: VaultService) -> None:
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=4) as pool:
        created = list(pool.map(lambda _: vault.create_case(details()).reference, range(20)))
    assert len(set(created)) == 20
    assert vault.count_cases() == 20


def test_a_failed_create_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, in_memory_keyring: object
) -> None:
    from triage_desktop.store import database

    def broken(*_: object, **__: object) -> None:
        raise OSError("simulated failure")

    monkeypatch.setattr(database, "initialize", broken)
    with pytest.raises(OSError, match="simulated"):
        create_vault(tmp_path / "v")
    assert not vault_exists(tmp_path / "v")
    assert list((tmp_path / "v").iterdir()) == []
    assert getattr(in_memory_keyring, "secrets", None) == {}
    monkeypatch.undo()
    service, _ = create_vault(tmp_path / "v")
    service.lock()


def test_bad_officer_profile_is_refused_before_writing(tmp_path: Path) -> None:
    from triage_desktop.cases.text import InvalidFieldError
    from triage_desktop.services.session import OfficerProfile

    with pytest.raises(InvalidFieldError, match=r"officer\.name"):
        VaultService(tmp_path / "v").create(
            OfficerProfile("", OFFICER.role), PASSPHRASE, use_keychain=False
        )
    assert not (tmp_path / "v").exists()


def test_oversized_meeting_and_bad_settings_are_refused_by_name(vault: VaultService) -> None:
    from triage_desktop.cases.text import InvalidFieldError

    case = vault.create_case(details())
    with pytest.raises(InvalidFieldError, match="meeting"):
        vault.save_meeting(case.id, step="s", state="t", record={"notes": "x" * 3_000_000})
    assert vault.load_meeting(case.id) is None
    with pytest.raises(InvalidFieldError, match="retention_years"):
        vault.update_settings(retention_years=0)
    with pytest.raises(InvalidFieldError, match="colour"):
        vault.update_settings(colour="blue")
    assert vault.settings().retention_years == 6


def test_a_call_racing_a_lock_says_locked(vault: VaultService) -> None:
    db = vault._database()
    vault.lock()
    vault._db = db  # as if a worker thread had fetched the database just before the lock
    try:
        with pytest.raises(VaultLocked):
            vault.count_cases()
    finally:
        vault._db = None


def _actions(vault: VaultService) -> list[str]:
    rows = vault._database().read(
        lambda con: con.execute("SELECT action FROM audit_log ORDER BY seq").fetchall()
    )
    return [r[0] for r in rows]


def test_an_update_based_on_a_stale_read_is_refused_and_changes_nothing(
    vault: VaultService,
) -> None:
    from triage_desktop.services.errors import CaseChangedElsewhere

    case = vault.create_case(details())
    elsewhere = vault.update_case(
        case.id, details("changed elsewhere"), expected_updated_at=case.updated_at
    )
    entries = len(_actions(vault))
    with pytest.raises(CaseChangedElsewhere, match="was changed elsewhere"):
        vault.update_case(case.id, details("my edit"), expected_updated_at=case.updated_at)
    with pytest.raises(CaseChangedElsewhere):
        vault.set_status(case.id, CaseStatus.CLOSED, expected_updated_at=case.updated_at)
    assert vault.get_case(case.id).details == elsewhere.details
    assert vault.get_case(case.id).status is CaseStatus.AWAITING_CONTACT
    assert len(_actions(vault)) == entries + 2  # the two reads above, no update


def test_two_editors_of_one_case_cannot_both_win(vault: VaultService) -> None:
    from concurrent.futures import ThreadPoolExecutor

    from triage_desktop.services.errors import CaseChangedElsewhere

    case = vault.create_case(details())

    def edit(name: str) -> str:
        try:
            vault.update_case(case.id, details(name), expected_updated_at=case.updated_at)
        except CaseChangedElsewhere:
            return "refused"
        return "saved"

    with ThreadPoolExecutor(max_workers=2) as pool:
        outcomes = sorted(pool.map(edit, ["first", "second"]))
    assert outcomes == ["refused", "saved"]


def test_set_status_keeps_the_details_and_is_one_audited_change(vault: VaultService) -> None:
    case = vault.create_case(details())
    before = len(_actions(vault))
    closed = vault.set_status(case.id, CaseStatus.CLOSED)
    assert closed.details == case.details
    assert closed.closed_at is not None
    assert _actions(vault)[before:] == ["update"]
    assert vault.audit_verify().ok


def test_signing_off_a_meeting_is_one_transaction(vault: VaultService) -> None:
    from triage_desktop.cases.model import MeetingRecord

    case = vault.create_case(details())
    meeting = MeetingRecord(case.id, "review", "signed", {"outcome": "informal"})
    steps = [NextStep("Refer to counselling", "Officer", date(2026, 4, 10))]
    stored = vault.record_signed_document(
        case.id,
        "triage_summary",
        b"%PDF-1.7 signed",
        chain_head=vault.audit_head(),
        meeting=meeting,
        status=CaseStatus.TRIAGED,
        next_steps=steps,
        expected_updated_at=case.updated_at,
    )
    assert [d.id for d in vault.list_documents(case.id)] == [stored.id]
    loaded = vault.load_meeting(case.id)
    assert loaded is not None
    assert loaded.record == {"outcome": "informal"}
    assert vault.next_steps(case.id) == steps
    assert vault.get_case(case.id).status is CaseStatus.TRIAGED
    actions = _actions(vault)
    assert [
        a
        for a in actions
        if a in {"update_meeting", "update_next_steps", "update"} or a.startswith("document_add")
    ] == ["update_meeting", "update_next_steps", "update", "document_add:triage_summary"]
    assert vault.audit_verify().ok


def test_a_sign_off_that_fails_half_way_leaves_nothing(
    vault: VaultService, monkeypatch: pytest.MonkeyPatch
) -> None:
    from triage_desktop.cases.model import MeetingRecord
    from triage_desktop.services.errors import CaseChangedElsewhere
    from triage_desktop.store import records_repo

    case = vault.create_case(details())
    before = len(_actions(vault))
    meeting = MeetingRecord(case.id, "review", "signed", {"outcome": "informal"})

    def fails(*_: object, **__: object) -> None:
        raise OSError("simulated failure while storing the PDF")

    monkeypatch.setattr(records_repo, "add_document", fails)
    with pytest.raises(OSError, match="simulated"):
        vault.record_signed_document(
            case.id,
            "triage_summary",
            b"%PDF",
            meeting=meeting,
            status=CaseStatus.TRIAGED,
            next_steps=[NextStep("x")],
        )
    monkeypatch.undo()
    stale = case.updated_at.replace(year=2000)
    with pytest.raises(CaseChangedElsewhere):
        vault.record_signed_document(
            case.id, "triage_summary", b"%PDF", meeting=meeting, expected_updated_at=stale
        )
    assert len(_actions(vault)) == before
    assert vault.list_documents(case.id) == []
    assert vault.next_steps(case.id) == []
    assert vault.get_case(case.id).status is CaseStatus.AWAITING_CONTACT
    assert vault.load_meeting(case.id) is None
