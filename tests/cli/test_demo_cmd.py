"""`triage-desktop demo --out DIR`: no keychain, no network; DIR holds only what it should."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.run import run_cli

NO_KEYCHAIN = {"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
NAMES = ("Zoë Ångström", "محمد الأحمد", "张伟", "Siobhán", "seminar")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("demo") / "out"
    result = run_cli(["demo", "--out", str(out)], env=NO_KEYCHAIN, timeout=120)
    assert result.returncode == 0, result.stderr
    return out, result.stdout


def test_demo_prints_paths_and_passphrase(demo: tuple[Path, str]) -> None:
    out, stdout = demo
    assert "passphrase-only" in stdout
    assert "Demo passphrase:" in stdout
    for name in ("officer-certificate.pem", "triage-summary-", "letter-"):
        assert str(out / name) in stdout


def test_demo_folder_holds_only_the_vault_pdfs_and_certificate(demo: tuple[Path, str]) -> None:
    out, _ = demo
    names = sorted(p.name for p in out.iterdir())
    assert len(names) == 4
    assert names[0].startswith("letter-DR-")
    assert names[1:3] == ["officer-certificate.pem", names[2]]
    assert names[2].startswith("triage-summary-DR-")
    assert names[3] == "vault"
    assert all(p.stat().st_mode & 0o077 == 0 for p in out.rglob("*"))


def test_sample_input_is_not_in_plaintext_in_the_vault(demo: tuple[Path, str]) -> None:
    out, _ = demo
    for path in (out / "vault").rglob("*"):
        data = path.read_bytes()
        for name in NAMES:
            for encoding in ("utf-8", "utf-16-le"):
                assert name.encode(encoding) not in data, (path.name, name)


def test_demo_documents_verify_against_the_exported_certificate(demo: tuple[Path, str]) -> None:
    out, _ = demo
    for pdf in out.glob("*.pdf"):
        result = run_cli(["verify", str(pdf), "--trust", str(out / "officer-certificate.pem")])
        assert result.returncode == 0, result.stdout + result.stderr
        assert "Trusted:       yes" in result.stdout


def test_demo_vault_opens_with_the_printed_passphrase(demo: tuple[Path, str]) -> None:
    from triage_desktop.services.session import VaultService

    out, stdout = demo
    passphrase = next(
        line.split(":", 1)[1].strip() for line in stdout.splitlines() if "Demo passphrase" in line
    )
    vault = VaultService(out / "vault")
    vault.unlock(passphrase)
    try:
        assert vault.count_cases() == 3
        assert vault.audit_verify().ok
        assert vault.keychain_backend()
    finally:
        vault.lock()


def test_demo_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("mine")
    result = run_cli(["demo", "--out", str(tmp_path)], env=NO_KEYCHAIN)
    assert result.returncode == 2
    assert "not an empty folder" in result.stderr
    assert (tmp_path / "keep.txt").read_text() == "mine"
