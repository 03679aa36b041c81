"""`triage-desktop import` and `reconcile`, the way an officer or a script runs them: what they
print, the exit codes, every problem on stderr, and the vault unchanged by a dry run."""

from __future__ import annotations

from pathlib import Path

import pytest
from benchmarks.report_export import MAPPING_TOML, export_bytes, fictional_reports

from tests.support.run import run_cli
from tests.support.vaults import PASSPHRASE, create_vault_for_the_installed_command
from triage_desktop.cli import main
from triage_desktop.services.session import VaultService

HEADER = "schema_version,source_report_id,submitted_at,route,contact_email,description"
GOOD = "1,SR-1,2026-04-02T10:30:00+01:00,contact,alex@example.ac.uk,Comments in the lab."


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    """Several tests run the installed command: its slots meet the real Argon2 floor."""
    return create_vault_for_the_installed_command(tmp_path / "v")


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "pass.txt"
    path.write_text(PASSPHRASE + "\n")
    return path


@pytest.fixture
def mapping(tmp_path: Path) -> Path:
    path = tmp_path / "mapping.toml"
    path.write_text(MAPPING_TOML, encoding="utf-8")
    return path


def cli(vault: Path, secret: Path, *args: str) -> list[str]:
    return ["--vault", str(vault), *args, "--passphrase-file", str(secret)]


def export(tmp_path: Path, rows: list[dict[str, str]], name: str = "export.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(export_bytes(rows))
    return path


def test_import_prints_the_plan_the_cases_and_the_reconciliation(
    vault: Path, secret: Path, mapping: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = fictional_reports(12)
    source = export(tmp_path, rows)
    code = main(cli(vault, secret, "import", str(source), "--mapping", str(mapping)))
    out = capsys.readouterr().out
    assert code == 0, out
    lines = out.splitlines()
    assert lines[0].startswith(
        "export.csv: 12 reports (contract schema 1, mapping fictional-2026.1"
    )
    late = [line for line in lines if "PAST ITS CONTACT-BY DATE" in line]
    if late:  # listed first, before the other new cases
        assert lines[1].startswith("PAST THEIR CONTACT-BY DATE")
    assert "12 reports in the file = 12 cases (12 new, 0 already here)." in lines
    for row in rows:
        assert any(line.startswith(f"  {row['source_report_id']} -> DR-") for line in lines)
    assert "holds personal data in plain text" in out
    assert "On an SSD" in out
    assert source.exists()  # kept unless asked

    code = main(cli(vault, secret, "import", str(source), "--mapping", str(mapping)))
    again = capsys.readouterr().out
    assert code == 0
    assert "Already here (12), will be skipped:" in again
    assert "12 reports in the file = 12 cases (0 new, 12 already here)." in again.splitlines()


def test_the_dry_run_changes_nothing_in_the_vault(
    vault: Path, secret: Path, mapping: Path, tmp_path: Path
) -> None:
    source = export(tmp_path, fictional_reports(20))
    before = {p.name: p.read_bytes() for p in vault.iterdir() if p.is_file()}
    result = run_cli(
        cli(vault, secret, "import", str(source), "--mapping", str(mapping), "--dry-run")
    )
    assert result.returncode == 0, result.stderr
    assert "Dry run: nothing was imported." in result.stdout
    assert "New cases (20) would be created" in result.stdout
    after = {p.name: p.read_bytes() for p in vault.iterdir() if p.is_file()}
    assert after == before


BAD_FILES = {
    "latin-1": (
        (HEADER + "\n" + GOOD.replace("lab", "café") + "\n").encode("latin-1"),
        "file: expected UTF-8 text (save or export it as UTF-8); found 'byte 0xE9 on line 2",
    ),
    "no header": ((GOOD + "\n").encode(), "header: expected the first row to name the columns"),
    "unknown column": (
        (HEADER + ",colour\n" + GOOD + ",blue\n").encode(),
        "header: expected only the contract's columns",
    ),
    "repeated id": (
        (HEADER + "\n" + GOOD + "\n" + GOOD + "\n").encode(),
        "row 3, source_report_id: expected each report once in a file (this id is also on row 2)",
    ),
    "future": (
        (HEADER + "\n" + GOOD.replace("2026-04-02", "2099-04-02") + "\n").encode(),
        "row 2, submitted_at: expected a time that has already happened",
    ),
    "no offset": (
        (HEADER + "\n" + GOOD.replace("+01:00", "") + "\n").encode(),
        "row 2, submitted_at: expected an ISO 8601 date and time with its UTC offset",
    ),
    "huge description": (
        (HEADER + "\n" + GOOD.replace("Comments in the lab.", "x" * 1_000_000) + "\n").encode(),
        "row 2, description: expected at most 100,000 characters (this one has 1,000,000",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_bad_files_exit_2_naming_every_problem_and_import_nothing(
    case: str, vault: Path, secret: Path, tmp_path: Path
) -> None:
    data, expected = BAD_FILES[case]
    source = tmp_path / "export.csv"
    source.write_bytes(data)
    result = run_cli(cli(vault, secret, "import", str(source)))
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"triage-desktop: error: export.csv: {expected}"), lines
    assert lines[-1].startswith("triage-desktop: error: export.csv: ")
    assert lines[-1].endswith("; nothing was imported")
    assert "Traceback" not in result.stderr
    service = VaultService(vault)
    service.unlock(PASSPHRASE)
    try:
        assert service.count_cases() == 0
    finally:
        service.lock()


def test_a_50_mb_file_is_refused_without_reading_it(
    vault: Path, secret: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "big.csv"
    with source.open("wb") as handle:  # sparse: 50 MB on paper, nothing written
        handle.truncate(50 * 1024 * 1024)
    assert main(cli(vault, secret, "import", str(source))) == 2
    err = capsys.readouterr().err
    assert (
        "big.csv: file: expected at most 32 MB per file (split a bigger export by date); found "
        "'50.0 MB'" in err
    )


def test_an_unmapped_label_and_a_bad_mapping_are_named(
    vault: Path, secret: Path, mapping: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = fictional_reports(3)
    rows[1]["incident_types"] = "Shouting"
    source = export(tmp_path, rows)
    assert main(cli(vault, secret, "import", str(source), "--mapping", str(mapping))) == 2
    err = capsys.readouterr().err
    assert (
        "row 3, incident_types: expected one of the known codes in the mapping file: Bullying"
        in err
    )
    assert "; found 'Shouting'\n" in err
    assert (
        err.splitlines()[-1] == "triage-desktop: error: export.csv: 1 problem; nothing was imported"
    )
    broken = tmp_path / "broken.toml"
    broken.write_text('[mapping]\nversion = "1"\n[incident_types]\n"Bullying" = "bulying"\n')
    assert main(cli(vault, secret, "import", str(source), "--mapping", str(broken))) == 2
    assert "broken.toml: [incident_types] 'Bullying': expected one of the policy 2.0" in (
        capsys.readouterr().err
    )


def test_missing_files_are_one_plain_line(
    vault: Path, secret: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(cli(vault, secret, "import", str(tmp_path / "nowhere.csv"))) == 2
    assert capsys.readouterr().err.strip() == (
        f"triage-desktop: error: {tmp_path / 'nowhere.csv'}: no such file."
    )


def test_reconcile_names_the_report_not_in_the_vault_and_exits_1(
    vault: Path, secret: Path, mapping: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = fictional_reports(10)
    sent = export(tmp_path, rows[:4] + rows[5:], "sent.csv")
    assert main(cli(vault, secret, "import", str(sent), "--mapping", str(mapping))) == 0
    capsys.readouterr()
    full = export(tmp_path, rows, "full.csv")
    result = run_cli(cli(vault, secret, "reconcile", str(full)))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "10 reports in the file, 9 cases here (0 imported from this file, 9 already here from "
        "earlier imports): 1 report NOT accounted for.",
        f"NOT IN THE VAULT: report {rows[4]['source_report_id']} (row 6)",
    ]
    assert main(cli(vault, secret, "reconcile", str(sent))) == 0
    assert capsys.readouterr().out.splitlines() == [
        "9 reports in the file = 9 cases (9 imported from this file, 0 already here from "
        "earlier imports)."
    ]


def test_delete_source_overwrites_and_removes_the_file_after_the_import(
    vault: Path, secret: Path, mapping: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = export(tmp_path, fictional_reports(4))
    args = cli(vault, secret, "import", str(source), "--mapping", str(mapping), "--delete-source")
    assert main(args) == 0
    out = capsys.readouterr().out
    assert f"Deleted {source}." in out
    assert "On an SSD" in out
    assert not source.exists()


def test_a_failed_deletion_is_said_and_the_import_stays_complete(
    vault: Path,
    secret: Path,
    mapping: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from triage_desktop.services import reports_import

    def refuse(path: Path) -> None:  # the boundary: the file system says no
        raise reports_import.SourceFileError(f"{path} could not be deleted (Permission denied).")

    monkeypatch.setattr(reports_import, "delete_source", refuse)
    source = export(vault.parent, fictional_reports(3))
    args = cli(vault, secret, "import", str(source), "--mapping", str(mapping), "--delete-source")
    assert main(args) == 1
    captured = capsys.readouterr()
    assert "3 reports in the file = 3 cases (3 new, 0 already here)." in captured.out
    assert captured.err.strip() == (
        f"triage-desktop: error: {source} could not be deleted (Permission denied). The import "
        "itself is complete."
    )
    assert source.exists()
