"""A full disk (a small tmpfs) and a read-only folder (a read-only bind mount, or permissions):
each says what is true ("the disk is full", "this folder is read-only"), never "damaged, restore
it from a backup"; a change that is refused did not half-happen; the vault stays readable."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.store.kill_child import NEW_PASSPHRASE
from tests.store.test_kill_points import newer_migrations
from tests.support.readonly import fill, read_only_folder, small_disk
from tests.support.vaults import PASSPHRASE, create_vault, details
from triage_desktop.cli import main
from triage_desktop.services import maintenance
from triage_desktop.services.errors import (
    DiskFull,
    MigrationFailed,
    VaultError,
    VaultReadOnly,
    WrongPassphrase,
)
from triage_desktop.services.session import VaultService
from triage_desktop.store import migrate

WRONG_ADVICE = ("damaged", "restore it from a backup", "Traceback")


def _vault(folder: Path, cases: int = 5) -> str:
    service, recovery = create_vault(folder, use_keychain=False)
    for i in range(cases):
        service.create_case(details(f"disk{i}"))
    service.lock()
    return recovery


def _actions(service: VaultService) -> list[str]:
    rows = service._database().read(
        lambda con: con.execute("SELECT action FROM audit_log").fetchall()
    )
    return [r[0] for r in rows]


def _temporaries(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


def _passphrase_file(tmp_path: Path, text: str = PASSPHRASE) -> str:
    path = tmp_path / f"secret-{abs(hash(text))}.txt"
    path.write_text(text + "\n")
    return str(path)


# -- a full disk --------------------------------------------------------------------------------


@pytest.mark.parametrize("leave", [0, 4096, 12288, 65536])
def test_passphrase_change_on_a_nearly_full_disk_is_all_or_nothing_and_says_so(
    tmp_path: Path, leave: int
) -> None:
    with small_disk(tmp_path / "disk", 4096) as disk:
        folder = disk / "v"
        _vault(folder)
        service = VaultService(folder)
        service.unlock(PASSPHRASE)
        filler = fill(disk, leave_bytes=leave)
        try:
            service.change_passphrase(NEW_PASSPHRASE)
        except VaultError as error:
            changed, message = False, str(error)
        else:
            changed, message = True, ""
        print(f"\nleave {leave} bytes: {'changed' if changed else message}")
        service.lock()
        assert _temporaries(folder) == []
        filler.unlink()  # space again: now see what is in effect
        service.unlock(NEW_PASSPHRASE if changed else PASSPHRASE)
        recorded = _actions(service).count("passphrase_changed")
        service.lock()
        assert recorded == int(changed)  # the passphrase in effect and the audit log agree
        with pytest.raises(WrongPassphrase):
            VaultService(folder).unlock(PASSPHRASE if changed else NEW_PASSPHRASE)
        if not changed:
            assert message.startswith("The passphrase was not changed; the current one still")
            assert "full" in message
            assert not any(word in message for word in WRONG_ADVICE)


def test_a_full_disk_at_unlock_opens_read_only_and_says_why(tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk", 4096) as disk:
        folder = disk / "v"
        _vault(folder)
        fill(disk)
        service = VaultService(folder)
        service.unlock(PASSPHRASE)
        try:
            assert service.is_read_only
            assert "is full" in service.read_only_reason
            assert service.count_cases() == 5  # the list and search still work
            assert len(service.search("disk3")) == 1
            with pytest.raises(DiskFull, match="is full") as refused:
                service.create_case(details())
            assert not any(word in str(refused.value) for word in WRONG_ADVICE)
            with pytest.raises(DiskFull):
                service.get_case(1)  # an audited read cannot be recorded
        finally:
            service.lock()


def test_the_cli_on_a_full_disk_says_the_disk_is_full(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with small_disk(tmp_path / "disk", 4096) as disk:
        folder = disk / "v"
        _vault(folder)
        secret = _passphrase_file(tmp_path)
        fill(disk)
        assert main(["--vault", str(folder), "unlock-check", "--passphrase-file", secret]) == 0
        captured = capsys.readouterr()
        assert "is full" in captured.err
        assert "Vault OK: 5 cases" in captured.out
        new = _passphrase_file(tmp_path, NEW_PASSPHRASE)
        change = ["--vault", str(folder), "passphrase", "change", "--passphrase-file", secret]
        assert main([*change, "--new-passphrase-file", new]) == 7
        err = capsys.readouterr().err
        assert "full" in err
        assert not any(word in err for word in WRONG_ADVICE)


def test_restore_onto_a_full_disk_replaces_nothing(tmp_path: Path) -> None:
    source = tmp_path / "source"
    _vault(source, cases=3)
    service = VaultService(source)
    service.unlock(PASSPHRASE)
    backup = service.backup(tmp_path / "backup")
    service.lock()
    with small_disk(tmp_path / "disk", 4096) as disk:
        folder = disk / "v"
        _vault(folder, cases=4)
        before = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
        fill(disk)
        with pytest.raises(DiskFull, match="Nothing was replaced"):
            maintenance.restore(folder, backup, passphrase=PASSPHRASE)
        after = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
        assert after == before
        assert not (folder / "safety-copies").exists() or not any(
            (folder / "safety-copies").iterdir()
        )


def test_a_backup_onto_a_full_disk_leaves_no_partial_copy(tmp_path: Path) -> None:
    folder = tmp_path / "v"
    _vault(folder, cases=30)
    with small_disk(tmp_path / "usb", 512) as usb:
        fill(usb, leave_bytes=64 * 1024)
        service = VaultService(folder)
        service.unlock(PASSPHRASE)
        try:
            with pytest.raises(DiskFull, match="The backup was not written"):
                service.backup(usb / "backup")
            assert not (usb / "backup" / "vault.db").exists()
            assert "backup" not in _actions(service)
        finally:
            service.lock()


def test_a_migration_on_a_full_disk_changes_nothing_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    migrations = newer_migrations(tmp_path)
    with small_disk(tmp_path / "disk", 4096) as disk:
        folder = disk / "v"
        _vault(folder, cases=20)
        before = (folder / "vault.db").read_bytes()
        monkeypatch.setattr(migrate, "MIGRATIONS_DIR", migrations)
        filler = fill(disk)
        with pytest.raises((DiskFull, MigrationFailed), match="upgrade") as refused:
            VaultService(folder).unlock(PASSPHRASE)
        assert "full" in str(refused.value)
        assert (folder / "vault.db").read_bytes() == before
        assert not (folder / migrate.WORK_COPY).exists()
        filler.unlink()
        service = VaultService(folder)
        service.unlock(PASSPHRASE)
        assert service.count_cases() == 20
        service.lock()


# -- a read-only folder ------------------------------------------------------------------------


@pytest.fixture
def read_only_vault(tmp_path: Path) -> tuple[Path, Path]:
    folder = tmp_path / "v"
    _vault(folder)
    service = VaultService(folder)
    service.unlock(PASSPHRASE)
    backup = service.backup(tmp_path / "backup")
    service.lock()
    return folder, backup


def test_seven_commands_on_a_read_only_vault_say_so_plainly(
    tmp_path: Path, read_only_vault: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    folder, backup = read_only_vault
    secret = _passphrase_file(tmp_path)
    new = _passphrase_file(tmp_path, NEW_PASSPHRASE)
    unlock = ["--passphrase-file", secret]
    commands = {
        "unlock-check": (["unlock-check", *unlock], 0),
        "audit verify": (["audit", "verify", *unlock], 0),
        "purge --dry-run": (["purge", "--dry-run", *unlock], 0),
        "backup": (["backup", str(tmp_path / "new-backup"), *unlock], 7),
        "restore": (["restore", str(backup), *unlock], 7),
        "passphrase change": (
            ["passphrase", "change", *unlock, "--new-passphrase-file", new],
            7,
        ),
        "rekey": (["rekey", *unlock], 7),
        "purge": (["purge", *unlock], 7),
    }
    before = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    with read_only_folder(folder):
        for name, (args, expected) in commands.items():
            code = main(["--vault", str(folder), *args])
            captured = capsys.readouterr()
            assert code == expected, (name, captured.err)
            assert "read-only" in captured.err, name
            assert not any(word in captured.err for word in WRONG_ADVICE), (name, captured.err)
        # A wrong passphrase is still just a wrong passphrase (its count kept in memory).
        wrong = _passphrase_file(tmp_path, "not the passphrase at all")
        assert main(["--vault", str(folder), "unlock-check", "--passphrase-file", wrong]) == 3
        assert "does not open" in capsys.readouterr().err
    after = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    assert after == before


def test_a_read_only_vault_can_be_read_but_not_changed(read_only_vault: tuple[Path, Path]) -> None:
    folder, _ = read_only_vault
    with read_only_folder(folder):
        service = VaultService(folder)
        service.unlock(PASSPHRASE)
        try:
            assert service.is_read_only
            assert service.count_cases() == 5
            assert service.audit_verify().ok
            assert service.integrity_problems() == []
            with pytest.raises(VaultReadOnly, match="read-only"):
                service.create_case(details())
            with pytest.raises(VaultReadOnly, match="read-only"):
                service.update_settings(retention_years=7)
        finally:
            service.lock()


def test_creating_a_vault_in_a_read_only_folder_is_refused_plainly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    parent = tmp_path / "locked"
    parent.mkdir()
    secret = _passphrase_file(tmp_path)
    with read_only_folder(parent):
        args = ["--vault", str(parent / "v"), "init", "--name", "Officer", "--no-keychain"]
        code = main([*args, "--passphrase-file", secret])
        err = capsys.readouterr().err
    assert code in (2, 7), err
    assert "read-only" in err or "Permission denied" in err
    assert "Traceback" not in err


def test_an_unclean_vault_on_read_only_media_says_what_to_do(
    tmp_path: Path, read_only_vault: tuple[Path, Path]
) -> None:
    folder, _ = read_only_vault
    # As after a crash: committed changes still in the -wal file, which read-only cannot merge.
    (folder / "vault.db-wal").write_bytes(b"\0" * 4096)
    with read_only_folder(folder), pytest.raises(VaultReadOnly, match="writable folder"):
        VaultService(folder).unlock(PASSPHRASE)
