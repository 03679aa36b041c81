"""Backup, restore and retention purge through the service API."""

from __future__ import annotations

import json
import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.support.vaults import PASSPHRASE, create_vault, details
from triage_desktop.cases.model import CaseStatus
from triage_desktop.services import maintenance
from triage_desktop.services.errors import BackupInvalid, WrongPassphrase
from triage_desktop.services.session import VaultService
from triage_desktop.store.connection import connect


def _vault_with_cases(folder: Path, count: int = 3) -> tuple[VaultService, str]:
    service, recovery = create_vault(folder)
    for i in range(count):
        service.create_case(details(f"case{i}"))
    return service, recovery


def test_backup_opens_with_passphrase_and_recovery_key(tmp_path: Path) -> None:
    service, recovery = _vault_with_cases(tmp_path / "v")
    written = service.backup(tmp_path / "backup")
    service.lock()
    manifest = json.loads((written / "backup.json").read_text())
    assert set(manifest["files"]) == {"vault.db", "keyslots.json"}
    for opener in ("passphrase", "recovery"):
        copy = VaultService(written)
        if opener == "passphrase":
            copy.unlock(PASSPHRASE)
        else:
            copy.unlock_with_recovery_key(recovery)
        assert copy.count_cases() == 3
        assert copy.integrity_problems() == []
        copy.lock()


def test_backup_refuses_a_non_empty_destination(tmp_path: Path) -> None:
    service, _ = _vault_with_cases(tmp_path / "v")
    (tmp_path / "dest").mkdir()
    (tmp_path / "dest" / "keep.txt").write_text("mine")
    with pytest.raises(Exception, match="not empty"):
        service.backup(tmp_path / "dest")
    assert (tmp_path / "dest" / "keep.txt").read_text() == "mine"
    service.lock()


def test_restore_checks_first_and_keeps_a_safety_copy(tmp_path: Path) -> None:
    service, _ = _vault_with_cases(tmp_path / "v")
    service.backup(tmp_path / "backup")
    service.create_case(details("after the backup"))
    service.lock()
    safety = maintenance.restore(tmp_path / "v", tmp_path / "backup", passphrase=PASSPHRASE)
    assert safety is not None
    assert (safety / "vault.db").exists()
    service.unlock(PASSPHRASE)
    assert service.count_cases() == 3
    service.lock()
    kept = VaultService(tmp_path / "v")
    kept.folder = safety
    kept.unlock(PASSPHRASE)
    assert kept.count_cases() == 4
    kept.lock()


@pytest.mark.parametrize("damage", ["checksum", "missing", "manifest", "wrong-secret"])
def test_a_bad_backup_replaces_nothing(tmp_path: Path, damage: str) -> None:
    service, _ = _vault_with_cases(tmp_path / "v")
    service.backup(tmp_path / "backup")
    service.lock()
    live = {p.name: p.read_bytes() for p in (tmp_path / "v").iterdir() if p.is_file()}
    backup_db = tmp_path / "backup" / "vault.db"
    expected: type[Exception] = BackupInvalid
    if damage == "checksum":
        data = bytearray(backup_db.read_bytes())
        data[len(data) // 2] ^= 1
        backup_db.write_bytes(bytes(data))
    elif damage == "missing":
        backup_db.unlink()
    elif damage == "manifest":
        (tmp_path / "backup" / "backup.json").write_text("{")
    else:
        expected = WrongPassphrase
    with pytest.raises(expected):
        maintenance.restore(tmp_path / "v", tmp_path / "backup", passphrase="wrong but long")
    after = {p.name: p.read_bytes() for p in (tmp_path / "v").iterdir() if p.is_file()}
    after.pop("unlock-attempts.json", None)  # a wrong secret counts towards the back-off here
    assert after == live
    assert not (tmp_path / "v" / maintenance.SAFETY_DIR).exists()


def test_a_damaged_backup_with_valid_checksums_is_refused(tmp_path: Path) -> None:
    service, _ = _vault_with_cases(tmp_path / "v", count=100)
    service.backup(tmp_path / "backup")
    service.lock()
    db = tmp_path / "backup" / "vault.db"
    data = bytearray(db.read_bytes())
    data[len(data) - 3000] ^= 1
    db.write_bytes(bytes(data))
    manifest = json.loads((tmp_path / "backup" / "backup.json").read_text())
    manifest["files"]["vault.db"] = maintenance._sha256(db)
    (tmp_path / "backup" / "backup.json").write_text(json.dumps(manifest))
    with pytest.raises(BackupInvalid, match="integrity"):
        maintenance.restore(tmp_path / "v", tmp_path / "backup", passphrase=PASSPHRASE)


def test_restore_into_an_empty_folder(tmp_path: Path) -> None:
    service, recovery = _vault_with_cases(tmp_path / "v")
    service.backup(tmp_path / "backup")
    service.lock()
    shutil.rmtree(tmp_path / "v")
    assert maintenance.restore(tmp_path / "v", tmp_path / "backup", recovery_key=recovery) is None
    service.unlock(PASSPHRASE)
    assert service.count_cases() == 3
    service.lock()


def _close_long_ago(service: VaultService, case_id: int, years: int) -> None:
    service.set_status(case_id, CaseStatus.CLOSED)
    past = (date.today() - timedelta(days=365 * years + 5)).isoformat() + "T12:00:00+00:00"
    service._database().write(
        lambda con: con.execute("UPDATE cases SET closed_at = ? WHERE id = ?", (past, case_id))
    )


def test_purge_deletes_only_what_is_due_and_leaves_a_content_free_entry(tmp_path: Path) -> None:
    service, _ = create_vault(tmp_path / "v")
    old = service.create_case(details("PURGEMARKER"))
    held = service.create_case(details("HELDMARKER"))
    recent = service.create_case(details())
    service.add_document(old.id, "summary", b"%PDF PURGEMARKER")
    service.save_meeting(old.id, step="x", state="y", record={"n": "PURGEMARKER"})
    _close_long_ago(service, old.id, 7)
    _close_long_ago(service, held.id, 7)
    service.set_legal_hold(held.id, True)
    service.set_status(recent.id, CaseStatus.CLOSED)
    due = service.purge_candidates(date.today())
    assert [c.reference for c in due] == [old.reference]
    assert service.purge(date.today()).purged == (old.reference,)
    assert service.count_cases() == 2
    assert service.audit_verify().ok
    key = bytes(service._key or b"")
    service.lock()
    con = connect(tmp_path / "v" / "vault.db", key)
    entries = con.execute(
        "SELECT action, content_hash FROM audit_log WHERE case_reference = ?", (old.reference,)
    ).fetchall()
    leftovers = [
        con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608
        for table in ("meetings", "documents")
    ]
    con.close()
    assert entries[-1] == ("purge", "")
    assert leftovers == [0, 0]


def test_retention_period_is_configurable(tmp_path: Path) -> None:
    service, _ = create_vault(tmp_path / "v")
    case = service.create_case(details())
    _close_long_ago(service, case.id, 2)
    assert service.purge_candidates(date.today()) == []
    service.update_settings(retention_years=1)
    assert [c.case_id for c in service.purge_candidates(date.today())] == [case.id]
    service.lock()


def test_purged_text_survives_nowhere_in_the_decrypted_database(tmp_path: Path) -> None:
    import secrets

    marker = f"zqx{secrets.token_hex(8)}"
    service, _ = create_vault(tmp_path / "v")
    keep = service.create_case(details())
    doomed = service.create_case(details(description=f"{marker} " * 50, reporter=marker))
    service.update_case(doomed.id, details(description=f"edited {marker}"))
    for _ in range(20):  # several FTS segments, as in real use
        service.create_case(details())
    _close_long_ago(service, doomed.id, 7)
    assert service.purge(date.today()).purged == (doomed.reference,)
    assert service.get_case(keep.id)
    key = bytes(service._key or b"")
    service.lock()
    plain = tmp_path / "plain-export.db"
    con = connect(tmp_path / "v" / "vault.db", key)
    con.execute(f"ATTACH DATABASE '{plain}' AS plaintext KEY ''")
    con.execute("SELECT sqlcipher_export('plaintext')")
    con.execute("DETACH DATABASE plaintext")
    con.close()
    exported = plain.read_bytes().lower()
    assert b"sam sample" in exported  # the export is readable text: the check below means something
    assert marker[-10:].encode() not in exported
