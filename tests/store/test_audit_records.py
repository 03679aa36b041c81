"""`audit verify` compares the records with the log: a case, meeting, next step, legal hold or
document edited directly in the database (with the key, outside Triage Desk) is reported, as is a
log cut short (below its high-water mark, below a head a document or backup recorded, or down to
nothing), and a real day's use raises no false alarm."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.support.vaults import PASSPHRASE, create_vault, details
from triage_desktop.cases.model import CaseStatus, NextStep
from triage_desktop.cli import main
from triage_desktop.services import maintenance
from triage_desktop.services.session import VaultService
from triage_desktop.store.codec import CASE_COLUMNS
from triage_desktop.store.connection import connect


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes]:
    folder = tmp_path_factory.mktemp("audit") / "v"
    service, _ = create_vault(folder, use_keychain=False)
    first = service.create_case(details("one"))
    second = service.create_case(details("two"))
    service.update_case(first.id, details("one, edited"))
    service.set_legal_hold(first.id, True)
    service.save_meeting(first.id, step="risk", state="in_progress", record={"notes": "x"})
    service.save_next_steps(first.id, [NextStep("Call back", "Officer", date(2026, 4, 9))])
    service.add_document(
        second.id, "summary", b"%PDF-1.7 fictional", chain_head=service.audit_head()
    )
    service.get_case(second.id)
    key = bytes(service._key or b"")
    service.lock()
    return folder, key


def _copy(template: tuple[Path, bytes], tmp_path: Path) -> tuple[Path, bytes]:
    folder, key = template
    shutil.copytree(folder, tmp_path / "v")
    return tmp_path / "v", key


def _verify(folder: Path) -> Any:
    service = VaultService(folder)
    service.unlock(PASSPHRASE)
    try:
        return service.audit_verify()
    finally:
        service.lock()


def _sql(folder: Path, key: bytes, *statements: str) -> None:
    con = connect(folder / "vault.db", key)
    for statement in statements:
        con.execute(statement)
    con.close()


_COPYABLE = ", ".join(
    c.strip() for c in CASE_COLUMNS.split(",") if c.strip() not in ("id", "reference")
)


def _drop_triggers() -> tuple[str, str]:
    return ("DROP TRIGGER audit_log_no_update", "DROP TRIGGER audit_log_no_delete")


EDITS: dict[str, tuple[tuple[str, ...], str]] = {
    "case text": (
        ("UPDATE cases SET description = 'edited outside' WHERE id = 1",),
        "case DR-2026-0001 does not match its last audited content",
    ),
    "case status": (
        ("UPDATE cases SET status = 'closed' WHERE id = 2",),
        "case DR-2026-0002 does not match",
    ),
    "legal hold lifted": (
        ("UPDATE cases SET legal_hold = 0 WHERE id = 1",),
        "legal hold of case DR-2026-0001",
    ),
    "legal hold set": (
        ("UPDATE cases SET legal_hold = 1 WHERE id = 2",),
        "legal hold of case DR-2026-0002",
    ),
    "meeting record": (
        ("""UPDATE meetings SET record_json = '{"notes": "y"}' WHERE case_id = 1""",),
        "meeting record of case DR-2026-0001",
    ),
    "next step": (
        ("UPDATE next_steps SET text = 'Do nothing' WHERE case_id = 1",),
        "next steps of case DR-2026-0001",
    ),
    "next steps removed": (
        ("DELETE FROM next_steps WHERE case_id = 1",),
        "next steps of case DR-2026-0001",
    ),
    "document bytes": (
        ("UPDATE documents SET pdf = X'255044462D312E37206F74686572'",),
        "no longer matches the SHA-256",
    ),
    "document bytes and checksum": (
        (
            "UPDATE documents SET pdf = X'2550', "
            "sha256 = '6d3a4ab5dd7aa52b2f6ac0b4b0fd41b3f1bc6152a2ee0c4d26a2b1c0c0b6e7e6'",
        ),
        "document 1 of case DR-2026-0002",
    ),
    "case added": (
        (
            f"INSERT INTO cases ({_COPYABLE}, reference, reference_year, reference_sequence) "  # noqa: S608
            f"SELECT {_COPYABLE}, 'DR-2026-0099', 2026, 99 FROM cases WHERE id = 2",
        ),
        "case DR-2026-0099 has no `create` entry",
    ),
    "case deleted": (
        (
            "DELETE FROM documents WHERE case_id = 2",
            "DELETE FROM case_fts WHERE rowid = 2",
            "DELETE FROM cases WHERE id = 2",
        ),
        "case DR-2026-0002 is in the log but no longer in the vault",
    ),
    "last entries cut": (
        (
            *_drop_triggers(),
            "DELETE FROM audit_log WHERE seq > (SELECT max(seq) - 3 FROM audit_log)",
        ),
        "but it had reached entry",
    ),
    "every entry cut, mark too": (
        (
            *_drop_triggers(),
            "DELETE FROM audit_log",
            "DELETE FROM vault_meta WHERE key = 'audit_high_water'",
        ),
        "has no `create` entry",
    ),
}


@pytest.mark.parametrize("edit", list(EDITS), ids=list(EDITS))
def test_a_direct_edit_is_reported(template: tuple[Path, bytes], tmp_path: Path, edit: str) -> None:
    folder, key = _copy(template, tmp_path)
    assert _verify(folder).ok
    statements, expected = EDITS[edit]
    _sql(folder, key, *statements)
    result = _verify(folder)
    assert not result.ok, edit
    assert expected in result.reason, result.reason


def test_the_cli_reports_a_changed_case_and_exits_1(
    template: tuple[Path, bytes], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, key = _copy(template, tmp_path)
    _sql(folder, key, "UPDATE cases SET reporter_name = 'Someone Else' WHERE id = 1")
    secret = tmp_path / "p.txt"
    secret.write_text(PASSPHRASE)
    assert main(["--vault", str(folder), "audit", "verify", "--passphrase-file", str(secret)]) == 1
    out = capsys.readouterr().out
    assert "Audit check FAILED: case DR-2026-0001 does not match its last audited content" in out
    assert main(["--vault", str(folder), "unlock-check", "--passphrase-file", str(secret)]) == 1


def _cut_to(folder: Path, key: bytes, keep: int) -> None:
    """Remove the entries after `keep` and lower the high-water mark to match, as someone
    covering their tracks carefully would."""
    con = connect(folder / "vault.db", key)
    for statement in _drop_triggers():
        con.execute(statement)
    con.execute("DELETE FROM audit_log WHERE seq > ?", (keep,))
    last = con.execute("SELECT entry_hash FROM audit_log WHERE seq = ?", (keep,)).fetchone()[0]
    con.execute(
        "UPDATE vault_meta SET value = ? WHERE key = 'audit_high_water'", (f"{keep}:{last}",)
    )
    con.close()


def test_a_cut_below_a_documents_stamped_head_is_reported(
    template: tuple[Path, bytes], tmp_path: Path
) -> None:
    folder, key = _copy(template, tmp_path)
    con = connect(folder / "vault.db", key)
    stamped = con.execute(
        "SELECT value FROM vault_meta WHERE key LIKE 'document_chain_head:%'"
    ).fetchone()[0]
    seq = con.execute("SELECT seq FROM audit_log WHERE entry_hash = ?", (stamped,)).fetchone()[0]
    con.close()
    _cut_to(folder, key, seq - 1)
    result = _verify(folder)
    assert not result.ok  # whichever record the cut orphaned first is named
    assert "outside Triage Desk" in result.reason or "no longer in the log" in result.reason


def test_a_cut_below_a_backups_head_is_reported(
    template: tuple[Path, bytes], tmp_path: Path
) -> None:
    folder, key = _copy(template, tmp_path)
    service = VaultService(folder)
    service.unlock(PASSPHRASE)
    service.update_settings(backup_folder=str(tmp_path / "backups"))
    service.backup(tmp_path / "backups" / "triage-desk-backup-1")
    service.lock()
    manifest = json.loads(
        (tmp_path / "backups" / "triage-desk-backup-1" / "backup.json").read_text()
    )
    # Cut the log back to before the backup, mark and all: only the backup remembers.
    _cut_to(folder, key, manifest["audit_head"]["seq"] - 1)
    result = _verify(folder)
    assert not result.ok
    assert "the backup made" in result.reason
    assert "recorded the log at entry" in result.reason


def _close_long_ago(service: VaultService, case_id: int) -> None:
    service.set_status(case_id, CaseStatus.CLOSED)
    past = (date.today() - timedelta(days=365 * 7)).isoformat() + "T12:00:00+00:00"
    service._database().write(
        lambda con: con.execute("UPDATE cases SET closed_at = ? WHERE id = ?", (past, case_id))
    )


def test_a_real_days_work_raises_no_false_alarm(tmp_path: Path) -> None:
    folder = tmp_path / "v"
    service, _ = create_vault(folder)
    steps: list[Callable[[], object]] = []
    cases = [service.create_case(details(f"day{i}")) for i in range(5)]
    first, second, third = cases[0], cases[1], cases[2]
    steps += [
        lambda: service.update_case(first.id, details("edited")),
        lambda: service.set_status(first.id, CaseStatus.MEETING_ARRANGED),
        lambda: service.set_legal_hold(second.id, True),
        lambda: service.set_legal_hold(second.id, False),
        lambda: service.save_meeting(first.id, step="a", state="b", record={"k": "سلام"}),
        lambda: service.load_meeting(first.id),
        lambda: service.save_next_steps(first.id, [NextStep("x"), NextStep("y", "Officer")]),
        lambda: service.save_next_steps(first.id, []),
        lambda: service.add_document(
            first.id, "summary", b"%PDF a", chain_head=service.audit_head()
        ),
        lambda: service.record_signed_document(
            third.id,
            "triage_summary",
            b"%PDF b",
            chain_head=service.audit_head(),
            status=CaseStatus.TRIAGED,
            next_steps=[NextStep("Refer")],
        ),
        lambda: service.fetch_document(1),
        lambda: service.get_case(second.id),
        lambda: service.update_settings(retention_years=7, auto_lock_minutes=9),
        lambda: service.change_passphrase("another long passphrase here"),
        lambda: service.rekey("another long passphrase here"),
        lambda: service.confirm_recovery_key(service.rekey("another long passphrase here")),
        lambda: service.backup(tmp_path / "backup"),
        lambda: _close_long_ago(service, cases[4].id),
        lambda: service.purge(date.today()),
    ]
    for step in steps:
        step()
        result = service.audit_verify()
        assert result.ok, result.reason
    service.lock()
    maintenance.restore(folder, tmp_path / "backup", passphrase="another long passphrase here")
    service.unlock("another long passphrase here")
    assert service.audit_verify().ok
    service.lock()
