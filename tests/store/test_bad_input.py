"""Damaged, truncated, emptied and missing files, and a full disk: a clear message, nothing lost,
nothing overwritten."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.support.vaults import PASSPHRASE, create_vault, details
from triage_desktop.services.errors import DiskFull, VaultCorrupt
from triage_desktop.services.session import VaultService

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def sample_vault(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("sample") / "v"
    service, _ = create_vault(folder, use_keychain=False)
    for _ in range(200):
        service.create_case(details(description="fictional text " * 100))
    service.lock()
    return folder


def _copy(sample: Path, tmp_path: Path) -> Path:
    import shutil

    target = tmp_path / "v"
    shutil.copytree(sample, target)
    return target


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def _open_and_read(folder: Path) -> None:
    service = VaultService(folder)
    service.unlock(PASSPHRASE)
    try:
        service.list_cases(limit=1000)
        problems = service.integrity_problems()
        if problems:
            raise VaultCorrupt(problems[0])
    finally:
        service.lock()


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda b: b[: len(b) // 2], id="truncated-half"),
        pytest.param(lambda b: b[:4096], id="truncated-to-one-page"),
        pytest.param(lambda b: b"", id="emptied"),
        pytest.param(lambda b: b[:100] + bytes([b[100] ^ 0xFF]) + b[101:], id="header-byte"),
        pytest.param(
            lambda b: b[: len(b) // 2] + bytes(4096) + b[len(b) // 2 + 4096 :], id="zeroed-page"
        ),
        pytest.param(
            lambda b: b[:-5000] + bytes([b[-5000] ^ 1]) + b[-4999:], id="one-bit-near-end"
        ),
    ],
)
def test_damaged_database_gives_a_clear_message_and_is_not_overwritten(
    sample_vault: Path, tmp_path: Path, damage: object
) -> None:
    folder = _copy(sample_vault, tmp_path)
    db = folder / "vault.db"
    db.write_bytes(damage(db.read_bytes()))  # type: ignore[operator]
    before = _snapshot(folder)
    with pytest.raises(VaultCorrupt, match=r"damaged|empty|restore"):
        _open_and_read(folder)
    after = _snapshot(folder)
    after.pop("unlock-attempts.json", None)
    assert after.keys() >= {"vault.db", "keyslots.json"}
    assert after["vault.db"] == before["vault.db"]


def test_missing_database_file(sample_vault: Path, tmp_path: Path) -> None:
    folder = _copy(sample_vault, tmp_path)
    (folder / "vault.db").unlink()
    with pytest.raises(VaultCorrupt, match=r"vault\.db\) is missing"):
        VaultService(folder).unlock(PASSPHRASE)
    assert not (folder / "vault.db").exists()


DISK_FULL_CHILD = textwrap.dedent(
    """
    import resource, signal, sys
    from pathlib import Path
    from triage_desktop.services.errors import DiskFull
    from triage_desktop.services.session import VaultService
    from tests.support.vaults import PASSPHRASE, details

    folder = Path(sys.argv[1])
    service = VaultService(folder)
    service.unlock(PASSPHRASE)
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # the write fails with EFBIG instead
    used = max(p.stat().st_size for p in folder.iterdir() if p.is_file())
    resource.setrlimit(resource.RLIMIT_FSIZE, (used + 300_000, resource.RLIM_INFINITY))
    committed = 0
    try:
        for _ in range(1000):
            service.create_case(details(description="fictional " * 5_000))
            committed += 1
    except DiskFull as error:
        print("DISKFULL", committed, service.count_cases(), error, flush=True)
    service.lock()
    """
)


def test_disk_full_rolls_back_and_keeps_earlier_data(sample_vault: Path, tmp_path: Path) -> None:
    folder = _copy(sample_vault, tmp_path)
    result = subprocess.run(
        [sys.executable, "-c", DISK_FULL_CHILD, str(folder)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    words = result.stdout.split()
    assert words[0] == "DISKFULL", result.stdout
    committed, seen = int(words[1]), int(words[2])
    assert committed >= 1
    assert seen == 200 + committed
    assert "is full" in result.stdout
    assert "Free some space" in result.stdout
    assert "restore" not in result.stdout.lower()  # never "restore it from a backup"
    service = VaultService(folder)
    service.unlock(PASSPHRASE)
    try:
        assert service.count_cases() == 200 + committed
        assert service.integrity_problems() == []
        assert service.audit_verify().ok
        service.create_case(details())  # and it still takes writes once space is back
    finally:
        service.lock()


def test_disk_full_error_type_is_exported() -> None:
    assert issubclass(DiskFull, Exception)
