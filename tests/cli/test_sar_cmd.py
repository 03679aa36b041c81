"""`triage-desktop sar list`: every request with its clock, the most urgent first, no names
unless asked; exit 1 when a response is overdue."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.support.vaults import PASSPHRASE, create_vault, details
from triage_desktop.cases.subject_access import Role
from triage_desktop.cli import main
from triage_desktop.services import subject_access as sa


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    service, _ = create_vault(tmp_path / "v", use_keychain=False)
    case = service.create_case(details(reporter="Zoë Ångström"))
    sa.create_request(service, "Zoë Ångström", dt.date(2026, 1, 31), [(case.id, Role.REPORTER)])
    service.lock()
    return tmp_path / "v"


def _run(vault: Path, tmp_path: Path, *args: str) -> list[str]:
    secret = tmp_path / "pass.txt"
    secret.write_text(PASSPHRASE + "\n")
    return ["--vault", str(vault), "sar", "list", *args, "--passphrase-file", str(secret)]


def test_the_list_gives_the_clock_without_names(
    vault: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(_run(vault, tmp_path, "--as-of", "2026-02-20")) == 0
    out = capsys.readouterr().out
    assert out == (
        "SAR-2026-0001 (1 case): received 2026-01-31, due 2026-03-02: "
        "Due Mon 2 Mar 2026, in 10 days\n"
    )
    assert "Zoë" not in out


def test_an_overdue_request_exits_1_and_names_only_when_asked(
    vault: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(_run(vault, tmp_path, "--as-of", "2026-03-05", "--names")) == 1
    out = capsys.readouterr().out
    assert out.startswith("SAR-2026-0001 for Zoë Ångström (1 case)")
    assert out.rstrip().endswith("OVERDUE: was due Mon 2 Mar 2026 (3 days ago)")
