"""Every page of a vault, damaged in turn: each is reported in words (VaultCorrupt or a failed
check), none raises a raw database error or a traceback, none goes unnoticed. The counts are
printed (`pytest -s`) for the issue's figures."""

from __future__ import annotations

import shutil
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from tests.support.vaults import PASSPHRASE, create_vault, details
from triage_desktop.cases.model import NextStep
from triage_desktop.cli import CliError, main
from triage_desktop.services.errors import VaultError
from triage_desktop.services.session import VaultService

PAGE = 4096  # SQLCipher 4's page size
# Inside every page's encrypted payload (past page 1's 16-byte salt), and in its HMAC at the end.
FLIP_AT = {"payload": 1000, "hmac": PAGE - 6}


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("sweep") / "v"
    service, _ = create_vault(folder, use_keychain=False)
    for i in range(12):
        case = service.create_case(details(f"sweep{i}", description="fictional account " * 40))
        service.save_meeting(case.id, step="risk", state="done", record={"notes": "x" * 500})
        service.save_next_steps(case.id, [NextStep(f"step {i}", "Officer", date(2026, 5, 1))])
    service.add_document(1, "summary", b"%PDF-1.7 " + bytes(range(256)) * 40)
    service.lock()
    return folder


def _use_everything(folder: Path) -> str:
    """What an officer's session touches; returns 'clear', 'missed' or 'traceback: …'."""
    service = VaultService(folder)
    try:
        service.unlock(PASSPHRASE)
        try:
            rows = service.list_cases(limit=1000)
            service.search("fictional")
            service.search("sweep7")
            for row in rows:
                service.get_case(row.id)
                service.load_meeting(row.id)
                service.next_steps(row.id)
                for document in service.list_documents(row.id):
                    service.fetch_document(document.id)
            service.settings()
            if service.integrity_problems() or not service.audit_verify().ok:
                return "clear"
        finally:
            service.lock()
    except VaultError as error:
        return "clear" if str(error) else f"traceback: an empty {type(error).__name__}"
    except Exception as error:
        return f"traceback: {type(error).__name__}: {error}"
    return "missed"


def _cli(folder: Path, secret: Path, capsys: pytest.CaptureFixture[str]) -> str:
    try:
        code = main(["--vault", str(folder), "unlock-check", "--passphrase-file", str(secret)])
    except CliError as error:  # pragma: no cover - main turns these into exit codes
        return f"traceback: CliError {error}"
    except Exception as error:
        return f"traceback: {type(error).__name__}: {error}"
    captured = capsys.readouterr()
    if code in (1, 4) and (captured.err or captured.out):
        return "clear"
    return "missed" if code == 0 else f"exit {code}: {captured.err}"


@pytest.mark.parametrize("where", list(FLIP_AT))
def test_every_damaged_page_gets_a_clear_message(
    sample: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], where: str
) -> None:
    original = (sample / "vault.db").read_bytes()
    pages = len(original) // PAGE
    assert pages > 20
    secret = tmp_path / "p.txt"
    secret.write_text(PASSPHRASE)
    outcomes: dict[str, Counter[str]] = {"service": Counter(), "unlock-check": Counter()}
    problems = []
    for page in range(pages):
        folder = tmp_path / f"page-{page}"
        shutil.copytree(sample, folder)
        damaged = bytearray(original)
        damaged[page * PAGE + FLIP_AT[where]] ^= 0x01
        (folder / "vault.db").write_bytes(bytes(damaged))
        by_service = _use_everything(folder)
        shutil.copyfile(sample / "vault.db", folder / "vault.db")
        (folder / "vault.db").write_bytes(bytes(damaged))
        by_cli = _cli(folder, secret, capsys)
        for how, outcome in (("service", by_service), ("unlock-check", by_cli)):
            outcomes[how][outcome.split(":")[0]] += 1
            if outcome != "clear":
                problems.append((page + 1, how, outcome))
        shutil.rmtree(folder)
    with capsys.disabled():
        for how, counts in outcomes.items():
            print(
                f"\npage sweep ({how}, {where}): {pages} pages flipped: {counts['clear']} clear "
                "messages, "
                f"{counts['traceback']} tracebacks, {counts['missed']} missed"
            )
    assert problems == []
