"""`triage-desktop route` as a script sees it: the real command in a child process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.run import run_cli

CASE = {"reported_on": "2026-11-23", "respondent": "student", "preference": "formal"}
OUTPUT_KEYS = [
    "action",
    "procedures",
    "escalations",
    "acts_without_consent",
    "flags",
    "signposting_required",
    "rationale",
    "policy_version",
]


def _route(stdin: str, *args: str) -> tuple[int, str, str]:
    result = run_cli(["route", *args], stdin=stdin)
    return result.returncode, result.stdout, result.stderr


def _assert_clean_input_error(code: int, out: str, err: str, *expected: str) -> None:
    assert code == 2
    assert out == ""
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err
    assert err.startswith("triage-desktop: error: ")
    for text in expected:
        assert text in err


def test_one_object_in_one_object_out() -> None:
    code, out, err = _route(json.dumps(CASE))
    assert code == 0, err
    assert err == ""
    result = json.loads(out)
    assert list(result) == OUTPUT_KEYS
    assert result["action"] == "formal_process"
    assert result["procedures"] == ["student_regulation_7"]
    assert result["policy_version"] == "2.0"


def test_an_array_in_gives_an_array_out_in_order() -> None:
    cases = [
        CASE,
        {**CASE, "respondent": "staff_and_student", "preference": "informal"},
        {**CASE, "preference": "no_further_action", "safeguarding_concern": True},
    ]
    code, out, err = _route(json.dumps(cases))
    assert code == 0, err
    results = json.loads(out)
    assert [r["action"] for r in results] == [
        "formal_process",
        "informal_resolution",
        "formal_process",
    ]
    assert results[1]["escalations"] == ["joint_determination"]
    assert results[2]["acts_without_consent"] is True


def test_empty_array_gives_empty_array() -> None:
    code, out, _ = _route("[]")
    assert code == 0
    assert json.loads(out) == []


def test_reads_a_file_and_dash_means_stdin(tmp_path: Path) -> None:
    case_file = tmp_path / "case.json"
    case_file.write_text(json.dumps(CASE), encoding="utf-8")
    from_file = run_cli(["route", str(case_file)])
    from_dash = run_cli(["route", "-"], stdin=json.dumps(CASE))
    assert from_file.returncode == from_dash.returncode == 0
    assert from_file.stdout == from_dash.stdout


def test_missing_file_is_a_clean_error(tmp_path: Path) -> None:
    result = run_cli(["route", str(tmp_path / "nope.json")])
    _assert_clean_input_error(
        result.returncode, result.stdout, result.stderr, "nope.json", "cannot read"
    )


@pytest.mark.parametrize(
    ("stdin", "expected"),
    [
        ('{"reported_on": "2026-11-23",', ["input: not valid JSON", "line 1"]),
        ("", ["input: not valid JSON"]),
        ("42", ["input: expected a JSON object or an array of objects, found a number"]),
        ('"text"', ["found text"]),
        ("null", ["found null"]),
        ("[1]", ["[0].input: expected a JSON object, found a number"]),
        ('{"reported_on": NaN}', ["not valid JSON", "NaN"]),
        (json.dumps({**CASE, "colour": "blue"}), ["colour: unknown key"]),
        (json.dumps({**CASE, "bad\nkey": 1}), ["'bad\\nkey': unknown key"]),
        (json.dumps({"respondent": "staff", "preference": "formal"}), ["reported_on: is required"]),
        (json.dumps({**CASE, "reported_on": "23/11/2026"}), ["reported_on: expected a date"]),
        (json.dumps({**CASE, "reported_on": "2026-02-30"}), ["reported_on: '2026-02-30' is not"]),
        (json.dumps({**CASE, "reported_on": 20261123}), ["reported_on: expected a date as text"]),
        (json.dumps({**CASE, "respondent": "visitor"}), ["respondent: expected one of student"]),
        (
            json.dumps({**CASE, "anonymous": "yes"}),
            ["anonymous: expected true or false, found text"],
        ),
        (
            json.dumps({**CASE, "anonymous": 1}),
            ["anonymous: expected true or false, found a number"],
        ),
        (
            json.dumps({**CASE, "risk": None}),
            ["risk: expected one of low, medium, high, found null"],
        ),
        (json.dumps({**CASE, "incident_on": "2026-12-01"}), ["incident_on: is after reported_on"]),
        (
            json.dumps({**CASE, "reported_on": "2025-07-31"}),
            ["reported_on: no version of the policy is in force on 2025-07-31"],
        ),
        (
            json.dumps([CASE, {**CASE, "severity": "extreme"}]),
            ["[1].severity: expected one of low, medium, high, found 'extreme'"],
        ),
        ('{"reported_on": "2026-11-23", "reported_on": "2026-11-24"}', ["reported_on: given more"]),
        ("[" * 100_000, ["input:"]),
    ],
)
def test_bad_input_is_one_clean_line_and_nothing_on_stdout(stdin: str, expected: list[str]) -> None:
    _assert_clean_input_error(*_route(stdin), *expected)


def test_a_bad_item_in_a_batch_gives_no_partial_output() -> None:
    cases = [CASE, CASE, {**CASE, "preference": "maybe"}]
    _assert_clean_input_error(*_route(json.dumps(cases)), "[2].preference")


def test_not_utf8_is_a_clean_error(tmp_path: Path) -> None:
    case_file = tmp_path / "case.json"
    case_file.write_bytes(b'{"reported_on": "\xff"}')
    result = run_cli(["route", str(case_file)])
    _assert_clean_input_error(result.returncode, result.stdout, result.stderr, "not UTF-8")


def test_output_is_utf8_json_even_under_the_c_locale() -> None:
    result = run_cli(["route"], stdin=json.dumps(CASE), env={"LANG": "C", "LC_ALL": "C"})
    assert result.returncode == 0, result.stderr
    assert "“" in json.loads(result.stdout)["rationale"][0]


def test_a_reader_that_stops_early_gets_no_traceback() -> None:
    """`triage-desktop route big.json | head -1`: the closed pipe is not an error."""
    import subprocess

    from tests.support.run import ENTRY_POINT

    with subprocess.Popen(
        [str(ENTRY_POINT), "route"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as process:
        assert process.stdin is not None
        assert process.stdout is not None
        assert process.stderr is not None
        process.stdin.write(json.dumps([CASE] * 5000).encode())
        process.stdin.close()
        process.stdout.read(10)
        process.stdout.close()
        errors = process.stderr.read().decode()
        assert process.wait(timeout=60) == 0
    assert "Traceback" not in errors
