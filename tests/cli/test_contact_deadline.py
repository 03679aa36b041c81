"""`triage-desktop contact-deadline` as a script sees it: the real command in a child process."""

from __future__ import annotations

import json

import pytest

from tests.support.run import run_cli


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["2026-11-23"], {"received": "2026-11-23", "contact_by": "2026-11-25"}),
        (["2026-04-02"], {"received": "2026-04-02", "contact_by": "2026-04-08"}),
        (["2026-11-23", "--anonymous"], {"received": "2026-11-23", "contact_by": None}),
        (["9999-12-31", "--anonymous"], {"received": "9999-12-31", "contact_by": None}),
        (["2100-12-29"], {"received": "2100-12-29", "contact_by": "2100-12-31"}),
        (
            ["2026-11-23", "--closure", "2026-11-24", "--closure", "2026-11-25"],
            {"received": "2026-11-23", "contact_by": "2026-11-27"},
        ),
    ],
)
def test_contact_deadline(args: list[str], expected: dict[str, object]) -> None:
    result = run_cli(["contact-deadline", *args])
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == expected
    assert result.stdout.count("\n") == 1


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["23/11/2026"], "DATE: expected a date as YYYY-MM-DD, found '23/11/2026'"),
        (["2026-02-29"], "DATE: '2026-02-29' is not a real date"),
        (
            ["2026-11-23", "--closure", "tomorrow"],
            "--closure: expected a date as YYYY-MM-DD, found 'tomorrow'",
        ),
        (
            ["9999-12-31"],
            "DATE: 9999 is outside the years the bank-holiday calendar covers (1872 to 2100)",
        ),
        (
            ["2101-03-02"],
            "DATE: 2101 is outside the years the bank-holiday calendar covers (1872 to 2100)",
        ),
        (
            ["1066-10-14"],
            "DATE: 1066 is outside the years the bank-holiday calendar covers (1872 to 2100)",
        ),
        (
            ["2100-12-30"],
            "DATE: counting 2 working days from 2100-12-30 runs into 2101, outside the years "
            "the bank-holiday calendar covers (1872 to 2100)",
        ),
        (["0000-01-01"], "DATE: '0000-01-01' is not a real date"),
        (["99999-01-01"], "DATE: expected a date as YYYY-MM-DD, found '99999-01-01'"),
    ],
)
def test_bad_dates_are_one_clean_line(args: list[str], expected: str) -> None:
    result = run_cli(["contact-deadline", *args])
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.strip() == f"triage-desktop: error: {expected}"
