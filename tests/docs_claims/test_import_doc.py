"""docs/import.md, claim by claim: the contract's limits and wording, and the command's exit
codes (issue 13: every claim true)."""

from __future__ import annotations

from pathlib import Path

import pytest
from benchmarks.report_export import export_bytes, fictional_reports

from tests.reports.test_contract import GOOD, csv_rows, problems, read
from tests.support.vaults import PASSPHRASE, create_vault
from triage_desktop.cli import main

LISTS = "schema_version,source_report_id,submitted_at,route,excluded_people"


def test_a_list_holds_at_most_100_items() -> None:
    row = "1,SR-1,2026-04-02T10:30:00+01:00,contact,"
    names = [f"Person {i}" for i in range(101)]
    assert len(read(csv_rows(row + ";".join(names[:100]), header=LISTS)).reports) == 1
    assert problems(csv_rows(row + ";".join(names), header=LISTS)) == [
        "row 2, excluded_people: expected at most 100 items"
    ]


def test_fifteen_minutes_ahead_is_a_clock_difference_not_the_future() -> None:
    # tests.reports.test_contract reads with its clock at 2026-11-30 12:00 UTC
    row = "1,SR-1,{},contact,"
    assert read(csv_rows(row.format("2026-11-30T12:14:00+00:00"), header=LISTS)).reports
    assert problems(csv_rows(row.format("2026-11-30T12:16:00+00:00"), header=LISTS)) == [
        "row 2, submitted_at: expected a time that has already happened (this is in the "
        "future); found '2026-11-30T12:16:00+00:00'"
    ]


def test_an_unknown_route_is_named_with_the_three_routes() -> None:
    assert problems(csv_rows(GOOD.replace(",contact,", ",maybe,"))) == [
        "row 2, route: expected one of 'anonymous', 'contact' or 'adviser_requested'; found 'maybe'"
    ]


def test_ten_thousand_fictional_reports_make_about_four_megabytes() -> None:
    size = len(export_bytes(fictional_reports(10_000)))
    assert 3_850_000 < size < 3_950_000  # "3.9 MB"


def test_import_with_the_wrong_passphrase_exits_as_the_vault_commands_do(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    service, _ = create_vault(tmp_path / "v")
    service.lock()
    source = tmp_path / "export.csv"
    source.write_text(csv_rows(GOOD), encoding="utf-8")
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("not the passphrase at all\n")
    for command in ("import", "reconcile"):
        args = ["--vault", str(tmp_path / "v"), command, str(source), "--passphrase-file"]
        assert main([*args, str(wrong)]) == 3, command
        assert "does not open this vault" in capsys.readouterr().err
    right = tmp_path / "right.txt"
    right.write_text(PASSPHRASE + "\n")
    nowhere = ["--vault", str(tmp_path / "none"), "import", str(source), "--passphrase-file"]
    assert main([*nowhere, str(right)]) == 2  # no vault there
    assert "there is no vault" in capsys.readouterr().err


def test_labels_match_exactly_but_the_spaces_around_a_cell_are_ignored() -> None:
    from benchmarks.report_export import MAPPING_TOML

    from tests.reports.test_contract import HEADER
    from triage_desktop.reports.contract import parse_mapping

    mapping = parse_mapping(MAPPING_TOML, "mapping.toml")
    header = HEADER + ",incident_types"
    spaced = read(csv_rows(GOOD + ",  Bullying  ", header=header), mapping=mapping)
    assert spaced.reports[0].details.behaviour_categories == ("bullying",)
    found = problems(csv_rows(GOOD + ",bullying", header=header), mapping=mapping)
    assert found[0].endswith("; found 'bullying'")  # another letter case is another label
