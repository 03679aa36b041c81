"""The vault commands, as an officer or administrator would script them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.run import run_cli
from tests.support.vaults import PASSPHRASE
from triage_desktop.cli import main
from triage_desktop.store.connection import connect
from triage_desktop.vault import kdf


@pytest.fixture(autouse=True)
def cheap_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kdf, "STANDARD", kdf.CHEAP_FOR_TESTS)


@pytest.fixture
def secret_file(tmp_path: Path) -> Path:
    path = tmp_path / "pass.txt"
    path.write_text(PASSPHRASE + "\n")
    return path


def _init(vault: Path, secret_file: Path, capsys: pytest.CaptureFixture[str]) -> str:
    code = main(
        [
            "--vault",
            str(vault),
            "init",
            "--name",
            "Officer Test",
            "--passphrase-file",
            str(secret_file),
        ]
    )
    out = capsys.readouterr().out
    assert code == 0, out
    return out.strip().splitlines()[-1].strip()  # the recovery key line


def test_init_unlock_check_and_audit_verify(
    tmp_path: Path, secret_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    vault = tmp_path / "v"
    recovery = _init(vault, secret_file, capsys)
    assert len(recovery.split("-")) == 6
    assert main(["--vault", str(vault), "unlock-check", "--passphrase-file", str(secret_file)]) == 0
    assert "Vault OK: 0 cases" in capsys.readouterr().out
    rec = tmp_path / "rec.txt"
    rec.write_text(recovery)
    assert main(["--vault", str(vault), "audit", "verify", "--recovery-key-file", str(rec)]) == 0
    assert "Audit chain intact" in capsys.readouterr().out


def test_init_twice_is_refused(
    tmp_path: Path, secret_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _init(tmp_path / "v", secret_file, capsys)
    args = [
        "--vault",
        str(tmp_path / "v"),
        "init",
        "--name",
        "X",
        "--passphrase-file",
        str(secret_file),
    ]
    assert main(args) == 2
    assert "already a vault" in capsys.readouterr().err


def test_no_keychain_means_an_explicit_choice(
    tmp_path: Path, secret_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import keyring
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())
    args = [
        "--vault",
        str(tmp_path / "v"),
        "init",
        "--name",
        "X",
        "--passphrase-file",
        str(secret_file),
    ]
    assert main(args) == 6
    err = capsys.readouterr().err
    assert "--no-keychain" in err
    assert not (tmp_path / "v").exists()
    assert main([*args, "--no-keychain"]) == 0
    assert "passphrase-only" in capsys.readouterr().out


def test_wrong_passphrase_and_mistyped_recovery_key(
    tmp_path: Path, secret_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    vault = tmp_path / "v"
    recovery = _init(vault, secret_file, capsys)
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("not the passphrase\n")
    assert main(["--vault", str(vault), "unlock-check", "--passphrase-file", str(wrong)]) == 3
    assert "does not open" in capsys.readouterr().err
    typo = tmp_path / "typo.txt"
    typo.write_text(recovery[:-1] + ("A" if recovery[-1] != "A" else "B"))
    assert main(["--vault", str(vault), "unlock-check", "--recovery-key-file", str(typo)]) == 3
    assert "mistyped" in capsys.readouterr().err


def test_passphrase_change(
    tmp_path: Path, secret_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    vault = tmp_path / "v"
    _init(vault, secret_file, capsys)
    new = tmp_path / "new.txt"
    new.write_text("the new passphrase here\n")
    args = ["--vault", str(vault), "passphrase", "change", "--passphrase-file", str(secret_file)]
    assert main([*args, "--new-passphrase-file", str(new)]) == 0
    assert "Passphrase changed" in capsys.readouterr().out
    assert main(["--vault", str(vault), "unlock-check", "--passphrase-file", str(new)]) == 0
    assert main(["--vault", str(vault), "unlock-check", "--passphrase-file", str(secret_file)]) == 3


def test_backup_and_restore(
    tmp_path: Path, secret_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    vault = tmp_path / "v"
    _init(vault, secret_file, capsys)
    unlock = ["--passphrase-file", str(secret_file)]
    assert main(["--vault", str(vault), "backup", str(tmp_path / "b"), *unlock]) == 0
    assert "Backup written" in capsys.readouterr().out
    assert main(["--vault", str(vault), "restore", str(tmp_path / "b"), *unlock]) == 0
    out = capsys.readouterr().out
    assert "previous vault was kept" in out
    assert main(["--vault", str(vault), "restore", str(tmp_path / "nowhere"), *unlock]) == 2


def test_audit_verify_names_the_first_bad_entry(
    tmp_path: Path, secret_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.support.vaults import details
    from triage_desktop.services.session import VaultService

    vault = tmp_path / "v"
    _init(vault, secret_file, capsys)
    service = VaultService(vault)
    service.unlock(PASSPHRASE)
    service.create_case(details())
    key = bytes(service._key or b"")
    service.lock()
    con = connect(vault / "vault.db", key)
    con.execute("DROP TRIGGER audit_log_no_update")
    con.execute("UPDATE audit_log SET action = 'read' WHERE seq = 2")
    con.close()
    assert (
        main(["--vault", str(vault), "audit", "verify", "--passphrase-file", str(secret_file)]) == 1
    )
    assert "BROKEN at entry 2" in capsys.readouterr().out
    assert main(["--vault", str(vault), "unlock-check", "--passphrase-file", str(secret_file)]) == 1


def test_purge_dry_run_and_as_of(
    tmp_path: Path, secret_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.support.vaults import details
    from triage_desktop.cases.model import CaseStatus
    from triage_desktop.services.session import VaultService

    vault = tmp_path / "v"
    _init(vault, secret_file, capsys)
    service = VaultService(vault)
    service.unlock(PASSPHRASE)
    case = service.create_case(details())
    service.set_status(case.id, CaseStatus.CLOSED)
    service.lock()
    base = ["--vault", str(vault), "purge", "--passphrase-file", str(secret_file)]
    assert main([*base, "--dry-run"]) == 0
    assert "0 case(s) due" in capsys.readouterr().out
    assert main([*base, "--dry-run", "--as-of", "2099-01-01"]) == 0
    assert case.reference in capsys.readouterr().out
    assert main([*base, "--as-of", "2099-01-01"]) == 2
    assert main(base) == 0
    assert "0 case(s) deleted" in capsys.readouterr().out


def test_missing_vault_is_a_clear_error(
    tmp_path: Path, secret_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(
            [
                "--vault",
                str(tmp_path / "none"),
                "unlock-check",
                "--passphrase-file",
                str(secret_file),
            ]
        )
        == 2
    )
    assert "no vault" in capsys.readouterr().err


def test_installed_command_takes_secrets_from_stdin_never_argv(tmp_path: Path) -> None:
    vault = tmp_path / "v"
    created = run_cli(
        [
            "--vault",
            str(vault),
            "init",
            "--name",
            "Officer",
            "--no-keychain",
            "--passphrase-file",
            "-",
        ],
        stdin=PASSPHRASE + "\n",
    )
    assert created.returncode == 0, created.stderr
    checked = run_cli(["--vault", str(vault), "unlock-check"], stdin=PASSPHRASE + "\n")
    assert checked.returncode == 0, checked.stderr
    refused = run_cli(["--vault", str(vault), "unlock-check", "--passphrase", PASSPHRASE])
    assert refused.returncode == 2
    assert "unrecognized arguments" in refused.stderr
    assert "Traceback" not in refused.stderr


def test_rekey_prints_a_new_recovery_key(
    tmp_path: Path, secret_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    vault = tmp_path / "v"
    old = _init(vault, secret_file, capsys)
    args = ["--vault", str(vault), "rekey", "--passphrase-file", str(secret_file)]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "previous recovery key keeps working until you confirm" in out
    new = out.strip().splitlines()[-1].strip()
    assert new != old
    assert len(new.split("-")) == 6
    old_file = tmp_path / "old.txt"
    old_file.write_text(old)
    new_file = tmp_path / "new.txt"
    new_file.write_text(new)
    check = ["--vault", str(vault), "unlock-check", "--recovery-key-file"]
    assert main([*check, str(old_file)]) == 0  # not confirmed yet: the kept key still opens
    assert "has not been confirmed" in capsys.readouterr().err
    assert main([*check, str(new_file)]) == 0  # unlocking with the new key confirms it
    assert main([*check, str(old_file)]) == 3
    assert main([*check, str(new_file)]) == 0
    assert "has not been confirmed" not in capsys.readouterr().err


def test_help_lists_the_vault_commands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for command in ("init", "unlock-check", "passphrase", "rekey", "backup", "restore", "audit"):
        assert command in out
    assert "purge" in out


def test_triage_desktop_home_selects_the_vault_and_files_are_owner_only(
    vault_home: Path, secret_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["init", "--name", "Officer", "--passphrase-file", str(secret_file)]) == 0
    assert str(vault_home) in capsys.readouterr().out
    assert main(["unlock-check", "--passphrase-file", str(secret_file)]) == 0
    assert vault_home.stat().st_mode & 0o077 == 0
    for path in vault_home.rglob("*"):
        assert path.stat().st_mode & 0o077 == 0, path


def _in_a_terminal(
    args: list[str], answer_after: str, answer: Callable[[str], str]
) -> tuple[int, str]:
    """Run the command in a pseudo-terminal (as an officer would), answering one prompt."""
    import os
    import pty
    import sys

    repo = Path(__file__).resolve().parents[2]
    code = (
        "import sys; import tests.support.vaults; from triage_desktop.cli import main; "
        f"sys.exit(main({args!r}))"
    )
    pid, fd = pty.fork()
    if pid == 0:  # pragma: no cover - the child
        os.chdir(repo)
        os.execv(sys.executable, [sys.executable, "-c", code])  # noqa: S606 - a fixed program
    output, answered = b"", False
    while True:
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        output += chunk
        text = output.decode("utf-8", "replace")
        if not answered and answer_after in text:
            os.write(fd, (answer(text) + "\n").encode())
            answered = True
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    return os.waitstatus_to_exitcode(status), output.decode("utf-8", "replace")


def test_rekey_in_a_terminal_asks_for_the_new_key_and_then_the_old_one_stops(
    tmp_path: Path, secret_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    vault = tmp_path / "v"  # passphrase-only: the child process has no test keychain
    init = ["--vault", str(vault), "init", "--name", "Officer", "--no-keychain"]
    assert main([*init, "--passphrase-file", str(secret_file)]) == 0
    old = capsys.readouterr().out.strip().splitlines()[-1].strip()

    def new_key(text: str) -> str:
        lines = [line.strip() for line in text.splitlines()]
        return next(line for line in lines if line.count("-") == 5 and len(line) == 41)

    code, out = _in_a_terminal(
        ["--vault", str(vault), "rekey", "--passphrase-file", str(secret_file)],
        "Type the new recovery key",
        new_key,
    )
    assert code == 0, out
    assert "Confirmed: the previous recovery key no longer works." in out
    old_file = tmp_path / "old.txt"
    old_file.write_text(old)
    assert main(["--vault", str(vault), "unlock-check", "--recovery-key-file", str(old_file)]) == 3
