"""docs/vault.md, claim by claim, on real vaults: the commands as an officer runs them, the
administrator's recipe, the tables, search, the pragmas, the upgrade rules and the purge's
reach (issue 13: every claim true)."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import keyring
import pytest

from tests.support.keyrings import InMemoryKeyring
from tests.support.readonly import read_only_folder
from tests.support.vaults import PASSPHRASE, create_vault, details
from triage_desktop.cases.model import CaseStatus
from triage_desktop.cli import main
from triage_desktop.services import maintenance
from triage_desktop.services.errors import VaultReadOnly
from triage_desktop.services.session import VaultService
from triage_desktop.store import migrate
from triage_desktop.store.connection import connect, translate
from triage_desktop.store.errors import StoreIOError

REPO = Path(__file__).resolve().parents[2]
DOC = REPO / "docs" / "vault.md"
NEW_PASSPHRASE = "a new passphrase for a new laptop"


def _doc() -> str:
    return DOC.read_text("utf-8")


def _recipe() -> str:
    block = re.search(r"<!-- recipe:start -->\s*```python\n(.*?)```", _doc(), re.S)
    assert block is not None
    return block.group(1)


def _write(path: Path, text: str) -> Path:
    path.write_text(text + "\n", encoding="utf-8")
    return path


def test_a_forgotten_passphrase_on_a_new_computer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """'When a passphrase is forgotten': the keychain lost the device secret (exit 6 and the
    words KeychainSecretMissing carries); `passphrase change --recovery-key` sets a new one and
    stores a new device secret; the new passphrase then opens the vault."""
    vault = tmp_path / "v"
    old = _write(tmp_path / "old.txt", PASSPHRASE)
    args = ["--vault", str(vault), "init", "--name", "Officer", "--passphrase-file", str(old)]
    assert main(args) == 0
    recovery = capsys.readouterr().out.strip().splitlines()[-1].strip()
    keyring.set_keyring(InMemoryKeyring())  # a new laptop: its keychain holds nothing for it
    check = ["--vault", str(vault), "unlock-check", "--passphrase-file"]
    assert main([*check, str(old)]) == 6
    assert "recovery key" in capsys.readouterr().err
    key_file = _write(tmp_path / "recovery.txt", recovery)
    new = _write(tmp_path / "new.txt", NEW_PASSPHRASE)
    change = ["--vault", str(vault), "passphrase", "change", "--recovery-key-file", str(key_file)]
    assert main([*change, "--new-passphrase-file", str(new)]) == 0
    assert main([*check, str(new)]) == 0


def test_rekey_unlocks_with_the_passphrase_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    service, _ = create_vault(tmp_path / "v")
    service.lock()
    with pytest.raises(SystemExit) as usage:
        main(["--vault", str(tmp_path / "v"), "rekey", "--recovery-key"])
    assert usage.value.code == 2
    assert "unrecognized arguments: --recovery-key" in capsys.readouterr().err


def test_a_vault_from_a_newer_version_exits_5_and_is_not_touched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    service, _ = create_vault(tmp_path / "v")
    service._database().write(
        lambda con: con.execute("UPDATE alembic_version SET version_num = '9999'")
    )
    service.lock()
    before = {p.name: p.read_bytes() for p in (tmp_path / "v").iterdir()}
    secret = _write(tmp_path / "p.txt", PASSPHRASE)
    code = main(["--vault", str(tmp_path / "v"), "unlock-check", "--passphrase-file", str(secret)])
    assert code == 5
    assert "newer version" in capsys.readouterr().err
    assert {p.name: p.read_bytes() for p in (tmp_path / "v").iterdir()} == before


def test_after_an_unconfirmed_rekey_the_recipe_takes_the_new_recovery_key(tmp_path: Path) -> None:
    folder = tmp_path / "v"
    service, old_key = create_vault(folder)
    reference = service.create_case(details()).reference
    new_key = service.rekey(PASSPHRASE)
    assert service.recovery_key_unconfirmed
    service.lock()

    def derive(recovery: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-I", "-c", _recipe(), str(folder), recovery],
            capture_output=True,
            text=True,
            check=False,
            cwd=tmp_path,
        )

    assert derive(old_key).returncode != 0  # slots.recovery belongs to the new key
    raw = derive(new_key).stdout.strip()
    import sqlcipher3

    con = sqlcipher3.connect(str(folder / "vault.db"))
    try:
        con.execute("PRAGMA key = \"x'" + raw + "'\"")
        # The query the document gives, as written there.
        query = re.search(r"^SELECT reference, status, received_at FROM cases.*;$", _doc(), re.M)
        assert query is not None
        rows = con.execute(query.group(0).rstrip(";")).fetchall()
    finally:
        con.close()
    assert [row[0] for row in rows] == [reference]


def test_the_tables_the_document_names_are_the_vaults_tables(tmp_path: Path) -> None:
    paragraph = re.search(r"^Tables: (.*?)\n\n", _doc(), re.S | re.M)
    assert paragraph is not None
    named = {t for t in re.findall(r"`([^`]+)`", paragraph.group(1)) if re.fullmatch(r"[a-z_]+", t)}
    service, _ = create_vault(tmp_path / "v")
    key = bytes(service._key or b"")
    service.lock()
    con = connect(tmp_path / "v" / "vault.db", key)
    try:
        rows = con.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    finally:
        con.close()
    tables = {name for (name,) in rows if not name.startswith("case_fts_")}
    assert named == tables - {"alembic_version"}


def test_search_finds_a_prefix_without_its_accents_and_names_as_written(tmp_path: Path) -> None:
    service, _ = create_vault(tmp_path / "v")
    try:
        first = service.create_case(details(reporter="Zoë Ångström"))
        second = service.create_case(details(reporter="محمد الأحمد"))
        third = service.create_case(details(reporter="张伟"))
        assert [r.id for r in service.search("angstrom")] == [first.id]
        assert [r.id for r in service.search("angs")] == [first.id]  # a prefix
        assert [r.id for r in service.search("Ångström")] == [first.id]
        assert [r.id for r in service.search("محمد")] == [second.id]
        assert [r.id for r in service.search("张伟")] == [third.id]
    finally:
        service.lock()


def test_an_up_to_date_vault_unlocks_without_loading_alembic(tmp_path: Path) -> None:
    service, _ = create_vault(tmp_path / "v", use_keychain=False)  # the child has no keychain
    service.lock()
    code = (
        "import sys; import tests.support.vaults as v; "
        "from triage_desktop.services.session import VaultService; "
        f"s = VaultService({str(tmp_path / 'v')!r}); s.unlock(v.PASSPHRASE); s.count_cases(); "
        "s.lock(); print(sorted(m for m in sys.modules if m.split('.')[0] == 'alembic'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert result.stdout.strip() == "[]"


def test_a_vault_that_needs_an_upgrade_is_refused_in_a_read_only_folder(tmp_path: Path) -> None:
    service, _ = create_vault(tmp_path / "v")
    service.create_case(details())
    key = bytes(service._key or b"")
    service.lock()
    migrate.downgrade(tmp_path / "v" / "vault.db", key, "0003")
    with read_only_folder(tmp_path / "v"), pytest.raises(VaultReadOnly) as refused:
        VaultService(tmp_path / "v").unlock(PASSPHRASE)
    assert "upgrade" in str(refused.value)
    assert "read-only" in str(refused.value)


def test_the_pragmas_on_every_connection(tmp_path: Path) -> None:
    service, _ = create_vault(tmp_path / "v")
    key = bytes(service._key or b"")
    service.lock()
    con = connect(tmp_path / "v" / "vault.db", key)
    try:

        def value(pragma: str) -> object:
            return con.execute(f"PRAGMA {pragma}").fetchone()[0]

        assert value("journal_mode") == "wal"
        assert value("synchronous") == 2  # FULL
        assert value("temp_store") == 2  # MEMORY
        assert value("cache_size") == -65536  # 64 MiB
        assert value("secure_delete") == 1
        assert value("foreign_keys") == 1
    finally:
        con.close()


def test_a_disk_io_error_is_told_apart_from_damage_and_a_full_disk(tmp_path: Path) -> None:
    import sqlcipher3

    error = translate(sqlcipher3.OperationalError("disk I/O error"), folder=tmp_path)
    assert isinstance(error, StoreIOError)
    assert "Check the disk and its free space first" in str(error)
    assert "do not restore a backup over the vault" in str(error)


def test_purge_names_the_copies_in_the_folder_and_the_older_backups(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "v"
    service, _ = create_vault(folder)
    case = service.create_case(details("PURGEMARKER"))
    service.set_status(case.id, CaseStatus.CLOSED)
    backups = tmp_path / "backups"
    backups.mkdir()
    service.update_settings(backup_folder=str(backups))
    older = service.backup(backups / "before-the-purge")
    service.lock()
    maintenance.restore(folder, older, passphrase=PASSPHRASE)  # leaves a safety copy
    secret = _write(tmp_path / "p.txt", PASSPHRASE)
    due_on = date.today() + timedelta(days=365 * 7)
    dry_run = ["--vault", str(folder), "purge", "--dry-run", "--as-of", due_on.isoformat()]
    assert main([*dry_run, "--passphrase-file", str(secret)]) == 0
    out = capsys.readouterr().out
    assert case.reference in out
    assert "older copies of the vault in its folder" in out
    assert "safety-copies" in out

    service = VaultService(folder)
    service.unlock(PASSPHRASE)
    try:
        result = service.purge(due_on)
    finally:
        service.lock()
    assert result.purged == (case.reference,)
    assert [copy.kind for copy in result.removed_copies]
    assert not any((folder / "safety-copies").iterdir())
    assert older in result.older_backups


def test_a_wrong_current_passphrase_for_a_change_counts_like_a_failed_unlock(
    tmp_path: Path,
) -> None:
    from triage_desktop.services.errors import UnlockThrottled, WrongPassphrase
    from triage_desktop.vault import backoff

    service, _ = create_vault(tmp_path / "v")
    try:
        for _attempt in range(3):  # the three free attempts
            with pytest.raises(WrongPassphrase):
                service.change_passphrase(NEW_PASSPHRASE, current_passphrase="not it at all")
        assert backoff.remaining(tmp_path / "v") > 0
        with pytest.raises(UnlockThrottled):
            service.change_passphrase(NEW_PASSPHRASE, current_passphrase=PASSPHRASE)
    finally:
        service.lock()
    import time

    time.sleep(backoff.remaining(tmp_path / "v"))  # the back-off (about a second) ends
    service.unlock(PASSPHRASE)  # nothing changed
    service.lock()
