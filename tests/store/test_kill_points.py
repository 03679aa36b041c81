"""SIGKILL at every write, fsync, rename, copy, delete and database transaction of the rarer
operations (rekey, passphrase change, restore, schema migration): the next start always finishes
or undoes the operation, never loses a way into the vault, never offers first-run setup over it.

Each test first runs the operation to the end to count its kill points (tests/store/kill_child.py
prints TOTAL), then kills a fresh copy of the vault at each point in turn and checks what an
officer would do next. The counts are printed (`pytest -s`) for the issue's figures.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.store.kill_child import NEW_PASSPHRASE, PASSPHRASE
from tests.support.vaults import create_vault, details
from triage_desktop.paths import vault_is_set_up
from triage_desktop.services.errors import BadRecoveryKey, WrongPassphrase
from triage_desktop.services.session import VaultService
from triage_desktop.store import migrate
from triage_desktop.store.connection import connect
from triage_desktop.vault import slots

REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


def _run(operation: str, folder: Path, argument: str, kill_at: int, log: Path) -> tuple[int, str]:
    env = {**os.environ, "KILL_AT": str(kill_at), "KILL_LOG": str(log)}
    child = subprocess.run(
        [sys.executable, "-m", "tests.store.kill_child", operation, str(folder), argument],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        timeout=120,
        check=False,
    )
    if kill_at == 0:
        assert child.returncode == 0, child.stderr
    else:
        assert child.returncode == -signal.SIGKILL, (kill_at, child.stdout, child.stderr)
    return child.returncode, child.stdout


def _total(stdout: str) -> int:
    return int(next(line for line in stdout.splitlines() if line.startswith("TOTAL")).split()[1])


def _sweep(
    tmp_path: Path,
    template: Path,
    operation: str,
    argument: str,
    check: Callable[[Path, str, int], None],
) -> tuple[int, list[str]]:
    """Kill a fresh copy of `template` at every kill point; `check(folder, stdout, point)`."""
    full = tmp_path / "full-run"
    shutil.copytree(template, full)
    _, out = _run(operation, full, argument, 0, tmp_path / "log")
    total = _total(out)
    assert total > 3
    labels = []
    for point in range(1, total + 1):
        folder = tmp_path / f"kill-{point}"
        shutil.copytree(template, folder)
        log = tmp_path / f"kill-{point}.log"
        _, stdout = _run(operation, folder, argument, point, log)
        labels.append(log.read_text("utf-8"))
        check(folder, stdout, point)
        shutil.rmtree(folder)
    print(
        f"\n{operation}: {total} kill points, {total} recovered ({', '.join(sorted(set(labels)))})"
    )
    return total, labels


def _no_leftovers(folder: Path) -> None:
    names = {p.name for p in folder.iterdir()}
    assert slots.STAGED_FILE_NAME not in names
    assert not [n for n in names if n.endswith(".tmp") or n.startswith(".restoring-")], names
    assert "restore-journal.json" not in names


def _actions(service: VaultService) -> list[str]:
    rows = service._database().read(
        lambda con: con.execute("SELECT action FROM audit_log").fetchall()
    )
    return [r[0] for r in rows]


def _opens_with_recovery(folder: Path, recovery: str) -> bool:
    service = VaultService(folder)
    try:
        service.unlock_with_recovery_key(recovery)
    except BadRecoveryKey:
        return False
    service.lock()
    return True


@pytest.fixture
def template(tmp_path: Path) -> tuple[Path, str]:
    folder = tmp_path / "template"
    service, recovery = create_vault(folder, use_keychain=False)
    for i in range(3):
        service.create_case(details(f"kill{i}"))
    service.lock()
    return folder, recovery


def _rekey_check(
    old_recovery: str, original_check: str, cases: int
) -> Callable[[Path, str, int], None]:
    def check(folder: Path, stdout: str, point: int) -> None:
        printed = [line.split()[1] for line in stdout.splitlines() if line.startswith("RECOVERY")]
        service = VaultService(folder)
        service.unlock(PASSPHRASE)  # the passphrase always opens it
        assert service.count_cases() == cases
        assert service.integrity_problems() == []
        assert service.audit_verify().ok
        rekeyed = slots.read_slots(folder).key_check != original_check
        assert _actions(service).count("rekeyed") == int(rekeyed), point
        service.lock()
        _no_leftovers(folder)
        old_works = _opens_with_recovery(folder, old_recovery)
        new_works = bool(printed) and _opens_with_recovery(folder, printed[0])
        # Never without a way back: the recovery key the officer holds opens the vault, or the
        # new one does, and then it was shown.
        assert old_works or new_works, point
        if not old_works:
            assert printed, point

    return check


def test_rekey_killed_at_every_point_keeps_a_recovery_key_that_works(
    tmp_path: Path, template: tuple[Path, str]
) -> None:
    folder, old_recovery = template
    check = _rekey_check(old_recovery, slots.read_slots(folder).key_check, 3)
    total, _ = _sweep(tmp_path, folder, "rekey", "", check)
    assert total >= 8


def test_rekey_killed_at_random_moments_inside_pragma_rekey(tmp_path: Path) -> None:
    import random
    import time

    template = tmp_path / "big"
    service, old_recovery = create_vault(template, use_keychain=False)
    for i in range(1000):  # about 8 MB: PRAGMA rekey takes a few hundred ms
        service.create_case(details(f"big{i}", description="fictional text to re-encrypt " * 60))
    service.lock()
    check = _rekey_check(old_recovery, slots.read_slots(template).key_check, 1000)
    rng = random.Random(12)
    rounds, inside = 10, 0
    for round_ in range(rounds):
        folder = tmp_path / f"round-{round_}"
        shutil.copytree(template, folder)
        child = subprocess.Popen(
            [sys.executable, "-m", "tests.store.kill_child", "rekey", str(folder)],
            stdout=subprocess.PIPE,
            text=True,
            cwd=REPO,
        )
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "STARTING"
        time.sleep(rng.uniform(0.0, 0.25))
        child.send_signal(signal.SIGKILL)
        stdout = child.stdout.read()
        child.stdout.close()
        child.wait()
        inside += "RECOVERY" not in stdout
        check(folder, stdout, round_)
        shutil.rmtree(folder)
    print(
        f"\nrekey, killed at random moments: {rounds} kills ({inside} before it returned), "
        f"{rounds} recovered"
    )


def test_passphrase_change_killed_at_every_point_is_all_or_nothing(
    tmp_path: Path, template: tuple[Path, str]
) -> None:
    folder, _ = template

    def check(folder: Path, stdout: str, point: int) -> None:
        # Alternate which passphrase the officer tries first: both orders must end consistent.
        order = (PASSPHRASE, NEW_PASSPHRASE) if point % 2 else (NEW_PASSPHRASE, PASSPHRASE)
        service, opened_with = VaultService(folder), None
        for passphrase in order:
            try:
                service.unlock(passphrase)
            except WrongPassphrase:
                continue
            opened_with = passphrase
            break
        assert opened_with is not None, point
        changes = _actions(service).count("passphrase_changed")
        assert service.audit_verify().ok
        service.lock()
        # The passphrase in effect and the audit log agree, and only one passphrase works.
        assert changes == int(opened_with == NEW_PASSPHRASE), point
        other = NEW_PASSPHRASE if opened_with == PASSPHRASE else PASSPHRASE
        with pytest.raises(WrongPassphrase):
            VaultService(folder).unlock(other)
        if "CHANGED" in stdout:
            assert opened_with == NEW_PASSPHRASE
        _no_leftovers(folder)

    _sweep(tmp_path, folder, "passphrase", "", check)


def _hashes(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}


def test_restore_killed_at_every_point_finishes_or_rolls_back(
    tmp_path: Path, template: tuple[Path, str]
) -> None:
    folder, _ = template
    service = VaultService(folder)
    service.unlock(PASSPHRASE)
    backup = service.backup(tmp_path / "backup")
    service.create_case(details("after the backup"))  # the live vault: 4 cases, the backup 3
    service.lock()
    before = _hashes(backup)

    def check(folder: Path, stdout: str, point: int) -> None:
        assert vault_is_set_up(folder), point  # never offers first-run setup over it
        service = VaultService(folder)
        service.unlock(PASSPHRASE)
        cases = service.count_cases()
        assert service.integrity_problems() == []
        assert service.audit_verify().ok
        service.lock()
        assert cases in (3, 4), point
        if "RESTORED" in stdout:
            assert cases == 3
        if cases == 3:  # restored: the vault it replaced is kept whole
            (kept,) = (folder / "safety-copies").iterdir()
            safety = VaultService(kept)
            safety.unlock(PASSPHRASE)
            assert safety.count_cases() == 4
            safety.lock()
        _no_leftovers(folder)
        assert _hashes(backup) == before  # the backup itself is never written

    _sweep(tmp_path, folder, "restore", str(backup), check)


# The next release's revision, whatever this release's head is.
CURRENT = migrate.head()
NEXT = f"{int(CURRENT) + 1:04d}"


def next_revision(text: str) -> str:
    """A test revision written as 0003 on top of 0002, renumbered onto today's head."""
    return text.replace("0003", "\0NEXT").replace("0002", CURRENT).replace("\0NEXT", NEXT)


FAKE_REVISION = next_revision(
    textwrap.dedent(
        '''
    """Test only: a newer schema in three steps, with kill points between them.

    Revision ID: 0003
    Revises: 0002
    """

    import sqlalchemy as sa
    from alembic import op

    from tests.store.kill_child import point

    revision = "0003"
    down_revision = "0002"
    branch_labels = None
    depends_on = None


    def upgrade() -> None:
        with op.batch_alter_table("officers") as batch:
            batch.add_column(sa.Column("nickname", sa.Text, nullable=True))
        point("inside the migration, after its first step")
        op.add_column("cases", sa.Column("extra_note", sa.Text, nullable=True))
        point("inside the migration, after its second step")
        op.create_index("ix_cases_extra_note", "cases", ["extra_note"])


    def downgrade() -> None:
        op.drop_index("ix_cases_extra_note", "cases")
        op.drop_column("cases", "extra_note")
        with op.batch_alter_table("officers") as batch:
            batch.drop_column("nickname")
    '''
    )
)


def newer_migrations(tmp_path: Path, revision_text: str = FAKE_REVISION) -> Path:
    """A copy of the migrations with one more revision: what the next release would ship."""
    target = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS_DIR, target, ignore=shutil.ignore_patterns("__pycache__"))
    (target / "versions" / f"v{NEXT}_test_only.py").write_text(revision_text, "utf-8")
    return target


def _schema(path: Path, key: bytes) -> tuple[str | None, set[str]]:
    con = connect(path, key, read_only=True)
    try:
        columns = {r[1] for r in con.execute("PRAGMA table_info(cases)")}
        columns |= {r[1] for r in con.execute("PRAGMA table_info(officers)")}
        return migrate.current_revision(con), columns & {"extra_note", "nickname"}
    finally:
        con.close()


def test_migration_killed_at_every_point_leaves_the_vault_as_it_was_or_upgraded(
    tmp_path: Path, template: tuple[Path, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, _ = template
    service = VaultService(folder)
    service.unlock(PASSPHRASE)
    key = bytes(service._key or b"")
    service.lock()
    migrations = newer_migrations(tmp_path)

    def check(folder: Path, stdout: str, point: int) -> None:
        revision, columns = _schema(folder / "vault.db", key)
        # All or nothing: the old schema untouched, or the new one complete.
        assert (revision, columns) in ((CURRENT, set()), (NEXT, {"extra_note", "nickname"}))
        with monkeypatch.context() as patched:
            patched.setattr(migrate, "MIGRATIONS_DIR", migrations)
            service = VaultService(folder)
            service.unlock(PASSPHRASE)  # the next start finishes the upgrade
            assert service.count_cases() == 3
            assert service.integrity_problems() == []
            assert service.audit_verify().ok
            service.lock()
            assert _schema(folder / "vault.db", key)[0] == NEXT
        copies = list((folder / "migration-backups").glob("*.db"))
        assert len(copies) <= 1, copies  # a retry reuses the copy it made
        assert not (folder / migrate.WORK_COPY).exists()

    _sweep(tmp_path, folder, "migrate", str(migrations), check)
