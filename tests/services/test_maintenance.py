"""Backup, restore and retention purge through the service API."""

from __future__ import annotations

import json
import os
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


def _hashes(folder: Path) -> dict[str, str]:
    return {p.name: maintenance._sha256(p) for p in sorted(folder.iterdir()) if p.is_file()}


def test_checking_a_backup_never_changes_it(tmp_path: Path) -> None:
    from triage_desktop.cli import main

    service, recovery = _vault_with_cases(tmp_path / "v")
    backup = service.backup(tmp_path / "backup")
    service.lock()
    before = _hashes(backup)
    # What docs/vault.md suggests: open the backup itself and check it.
    (tmp_path / "rec.txt").write_text(recovery)
    args = [
        "--vault",
        str(backup),
        "unlock-check",
        "--recovery-key-file",
        str(tmp_path / "rec.txt"),
    ]
    assert main(args) == 0
    copy = VaultService(backup)
    copy.unlock(PASSPHRASE)
    assert copy.count_cases() == 3
    assert copy.is_read_only
    copy.lock()
    assert _hashes(backup) == before
    maintenance.check_backup_files(backup)


def test_one_backup_restores_ten_times_in_a_row(tmp_path: Path) -> None:
    service, _ = _vault_with_cases(tmp_path / "v")
    backup = service.backup(tmp_path / "backup")
    service.lock()
    before = _hashes(backup)
    safety_copies = set()
    for round_ in range(10):
        safety = maintenance.restore(tmp_path / "v", backup, passphrase=PASSPHRASE)
        assert safety is not None
        safety_copies.add(safety)
        service.unlock(PASSPHRASE)
        assert service.count_cases() == 3
        assert service.audit_verify().ok
        service.create_case(details(f"round {round_}"))  # the restored vault is used in between
        service.lock()
        assert _hashes(backup) == before
    assert len(safety_copies) == 10  # each restore keeps its own safety copy, none overwritten


def test_a_backup_on_read_only_media_restores(tmp_path: Path) -> None:
    from tests.support.readonly import read_only_folder

    service, _ = _vault_with_cases(tmp_path / "v")
    service.backup(tmp_path / "backup")
    service.lock()
    with read_only_folder(tmp_path / "backup") as backup:
        assert maintenance.restore(tmp_path / "v", backup, passphrase=PASSPHRASE) is not None
        with pytest.raises(WrongPassphrase):  # counted in the vault folder, not the backup's
            maintenance.restore(tmp_path / "v", backup, passphrase="not the right passphrase")
    service.unlock(PASSPHRASE)
    assert service.count_cases() == 3
    service.lock()


def test_a_backup_whose_log_was_cut_below_its_manifest_head_is_refused(tmp_path: Path) -> None:
    service, _ = _vault_with_cases(tmp_path / "v")
    backup = service.backup(tmp_path / "backup")
    key = bytes(service._key or b"")
    service.lock()
    con = connect(backup / "vault.db", key)
    con.execute("DROP TRIGGER audit_log_no_delete")
    top = con.execute("SELECT max(seq) FROM audit_log").fetchone()[0]
    con.execute("DELETE FROM audit_log WHERE seq = ?", (top,))
    # A careful editor lowers the high-water mark too; the manifest still says where it was.
    head = con.execute("SELECT seq, entry_hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    con.execute(
        "UPDATE vault_meta SET value = ? WHERE key = 'audit_high_water'", (f"{head[0]}:{head[1]}",)
    )
    con.close()
    manifest = json.loads((backup / "backup.json").read_text())
    manifest["files"]["vault.db"] = maintenance._sha256(backup / "vault.db")
    (backup / "backup.json").write_text(json.dumps(manifest))
    with pytest.raises(BackupInvalid, match="manifest recorded the log at entry"):
        maintenance.restore(tmp_path / "v", backup, passphrase=PASSPHRASE)


def _every_database_in(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*.db") if p.is_file()]


def test_purge_reaches_the_copies_inside_the_vault_folder(tmp_path: Path) -> None:
    from triage_desktop.store import migrate

    folder = tmp_path / "v"
    service, _ = create_vault(folder)
    doomed = service.create_case(details("PURGEDMARKER"))
    service.create_case(details("kept"))
    _close_long_ago(service, doomed.id, 7)
    service.backup(tmp_path / "backup")
    key = bytes(service._key or b"")
    service.lock()
    maintenance.restore(folder, tmp_path / "backup", passphrase=PASSPHRASE)  # a safety copy
    migrate.downgrade(folder / "vault.db", key, "0001")
    service.unlock(PASSPHRASE)  # a pre-migration copy
    copies = service.copies_in_folder()
    assert {c.kind for c in copies} == {"safety copy", "pre-migration copy"}
    result = service.purge(date.today())
    assert result.purged == (doomed.reference,)
    assert {c.path for c in result.removed_copies} == {c.path for c in copies}
    assert service.copies_in_folder() == []
    service.lock()
    for database in _every_database_in(folder):  # the purged case opens from nowhere
        con = connect(database, key)
        found = con.execute(
            "SELECT count(*) FROM cases WHERE reference = ?", (doomed.reference,)
        ).fetchone()[0]
        con.close()
        assert found == 0, database


def test_copies_in_the_vault_folder_expire_after_thirty_days(tmp_path: Path) -> None:
    folder = tmp_path / "v"
    service, _ = create_vault(folder)
    service.backup(tmp_path / "backup")
    service.lock()
    maintenance.restore(folder, tmp_path / "backup", passphrase=PASSPHRASE)
    (recent,) = (folder / maintenance.SAFETY_DIR).iterdir()
    old = recent.with_name("before-restore-20200101T000000Z")
    shutil.copytree(recent, old)
    service.unlock(PASSPHRASE)
    service.lock()
    assert recent.exists()
    assert not old.exists()
    assert maintenance.COPY_EXPIRY_DAYS == 30


def test_an_interrupted_restore_is_finished_and_never_looks_like_no_vault(tmp_path: Path) -> None:
    from triage_desktop.paths import RESTORE_JOURNAL, vault_is_set_up

    folder = tmp_path / "v"
    service, _ = _vault_with_cases(folder, count=4)
    service.backup(tmp_path / "backup")
    service.create_case(details("after"))
    service.lock()
    # As if killed after the live files moved aside, before the restored ones moved in.
    for name in ("vault.db", "keyslots.json"):
        shutil.copyfile(tmp_path / "backup" / name, folder / f".restoring-{name}")
    safety = folder / maintenance.SAFETY_DIR / f"before-restore-{maintenance._stamp()}"
    safety.mkdir(parents=True)
    for name in ("vault.db", "keyslots.json"):
        os.replace(folder / name, safety / name)
    (folder / RESTORE_JOURNAL).write_text(
        json.dumps({"format": 1, "safety": str(safety.relative_to(folder))})
    )
    assert vault_is_set_up(folder)  # the first window offers unlock, not setup
    service.unlock(PASSPHRASE)
    assert service.count_cases() == 4
    service.lock()
    assert not (folder / RESTORE_JOURNAL).exists()
    kept = VaultService(safety)
    kept.unlock(PASSPHRASE)
    assert kept.count_cases() == 5
    kept.lock()


def test_staged_restore_files_without_a_journal_are_rolled_back(tmp_path: Path) -> None:
    folder = tmp_path / "v"
    service, _ = _vault_with_cases(folder, count=2)
    service.backup(tmp_path / "backup")
    service.create_case(details("after"))
    service.lock()
    shutil.copyfile(tmp_path / "backup" / "vault.db", folder / ".restoring-vault.db")
    service.unlock(PASSPHRASE)
    assert service.count_cases() == 3  # the live vault, untouched
    service.lock()
    assert not (folder / ".restoring-vault.db").exists()
