"""`triage-desktop route` as a script sees it: the real command in a child process."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.support.run import ENTRY_POINT, run_cli
from triage_desktop.cli.route_cmd import MAX_INPUT_BYTES
from triage_desktop.policy.routing import OUTPUT_KEYS as ENGINE_OUTPUT_KEYS

CASE = {"reported_on": "2026-11-23", "respondent": "student", "preference": "formal"}
# The documented contract (README, docs/policy-engine.md), written out rather than imported.
OUTPUT_KEYS = [
    "action",
    "procedures",
    "escalations",
    "acts_without_consent",
    "needs_reporter_agreement",
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
    assert list(result) == OUTPUT_KEYS == list(ENGINE_OUTPUT_KEYS)
    assert result["action"] == "formal_process"
    assert result["needs_reporter_agreement"] is False
    assert result["procedures"] == ["student_regulation_7"]
    assert result["policy_version"] == "2.0"


def test_an_array_in_gives_an_array_out_in_order() -> None:
    cases = [
        CASE,
        {**CASE, "respondent": "staff_and_student", "preference": "informal"},
        {**CASE, "preference": "no_further_action", "safeguarding_concern": True},
        {**CASE, "preference": "informal", "informal_attempt_failed": True},
        {**CASE, "within_scope": False},
    ]
    code, out, err = _route(json.dumps(cases))
    assert code == 0, err
    results = json.loads(out)
    assert [r["action"] for r in results] == [
        "formal_process",
        "informal_resolution",
        "formal_process",
        "formal_process",
        "alternative_process",
    ]
    assert results[1]["escalations"] == ["joint_determination"]
    assert results[2]["acts_without_consent"] is True
    assert results[3]["needs_reporter_agreement"] is True
    assert results[3]["acts_without_consent"] is False
    assert results[4]["flags"] == ["outside_scope"]
    # Written item by item, the array is exactly what one json.dumps of it would give.
    assert out == json.dumps(results, indent=2, ensure_ascii=False) + "\n"


def test_empty_array_gives_empty_array() -> None:
    code, out, _ = _route("[]")
    assert code == 0
    assert out == "[]\n"


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
        (json.dumps({**CASE, "reporter": "pgr"}), ["reporter: expected one of student, staff"]),
        (
            json.dumps(CASE)[:-1] + ', "anonymous": ' + "9" * 5000 + "}",
            ["anonymous: expected true or false, found a number"],
        ),
        (
            json.dumps([CASE, {**CASE, "risk": 1}])[:-2] + "1" * 5000 + "}]",
            ["[1].risk: expected one of low, medium, high, found a number"],
        ),
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


def test_a_batch_over_the_size_limit_is_refused_clearly() -> None:
    """50 MB on standard input: refused after reading just past the limit, never parsed."""
    batch = "[" + ",".join([json.dumps(CASE)] * 700_000) + "]"
    assert len(batch) > 50_000_000
    _assert_clean_input_error(
        *_route(batch), "input: larger than the limit of 8,388,608 bytes (8 MiB)", "split it"
    )


def test_a_file_over_the_size_limit_is_refused_clearly(tmp_path: Path) -> None:
    big = tmp_path / "batch.json"
    big.write_bytes(b" " * MAX_INPUT_BYTES + b"[]")
    result = run_cli(["route", str(big)])
    _assert_clean_input_error(result.returncode, result.stdout, result.stderr, "8 MiB")


def test_a_batch_just_under_the_size_limit_still_works(tmp_path: Path) -> None:
    items = [json.dumps({**CASE, "preference": p}) for p in ("formal", "informal", "undecided")]
    text = "[" + ", ".join(items) + "]"
    padded = text + " " * (MAX_INPUT_BYTES - len(text))
    assert len(padded.encode()) == MAX_INPUT_BYTES
    case_file = tmp_path / "batch.json"
    case_file.write_text(padded, encoding="utf-8")
    result = run_cli(["route", str(case_file)])
    assert result.returncode == 0, result.stderr
    assert [r["action"] for r in json.loads(result.stdout)] == [
        "formal_process",
        "informal_resolution",
        "informal_resolution",
    ]


def _big_batch() -> bytes:
    return json.dumps([CASE] * 5000).encode()


def _assert_output_error(code: int, err: str, problem: str) -> None:
    assert code == 1
    assert "Traceback" not in err
    assert "Exception ignored" not in err
    assert err.strip().splitlines() == [f"triage-desktop: error: output: {problem}"]


def test_a_reader_that_stops_early_gets_one_clear_line_and_a_failure_code() -> None:
    """`triage-desktop route big.json | head -c1`: the output could not all be written."""
    with subprocess.Popen(
        [str(ENTRY_POINT), "route"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as process:
        assert process.stdin is not None
        assert process.stdout is not None
        assert process.stderr is not None
        process.stdin.write(_big_batch())
        process.stdin.close()
        assert process.stdout.read(1) == b"["
        process.stdout.close()
        errors = process.stderr.read().decode()
        code = process.wait(timeout=60)
    _assert_output_error(
        code, errors, "standard output was closed before all the output was written"
    )


def test_head_c1_in_a_real_shell_pipeline() -> None:
    script = f"{ENTRY_POINT} route | head -c1; code=${{PIPESTATUS[0]}}; echo; echo status=$code >&2"
    result = subprocess.run(
        ["bash", "-c", script], input=_big_batch(), capture_output=True, timeout=60, check=False
    )
    out, err = result.stdout.decode(), result.stderr.decode()
    assert out == "[\n"
    assert err.splitlines() == [
        "triage-desktop: error: output: "
        "standard output was closed before all the output was written",
        "status=1",
    ]


@pytest.mark.parametrize(
    "args",
    [
        ["route"],
        ["contact-deadline", "2026-11-23"],
        ["--help"],
        ["route", "--help"],
    ],
)
def test_a_full_standard_output_is_one_clear_line_for_every_command(args: list[str]) -> None:
    """`> /dev/full`: guarded once in the CLI entry point, so every command behaves the same."""
    with open("/dev/full", "wb") as full:
        result = subprocess.run(
            [str(ENTRY_POINT), *args],
            input=json.dumps(CASE).encode(),
            stdout=full,
            stderr=subprocess.PIPE,
            timeout=60,
            check=False,
        )
    _assert_output_error(
        result.returncode,
        result.stderr.decode(),
        "cannot write to standard output (No space left on device)",
    )


def test_a_closed_standard_output_is_one_clear_line() -> None:
    """Started with standard output closed (`>&-`)."""
    script = f"{ENTRY_POINT} route >&-"
    result = subprocess.run(
        ["bash", "-c", script],
        input=json.dumps(CASE).encode(),
        capture_output=True,
        timeout=60,
        check=False,
    )
    _assert_output_error(result.returncode, result.stderr.decode(), "standard output is closed")


def test_with_standard_output_closed_no_file_receives_the_output(tmp_path: Path) -> None:
    """A file opened while descriptor 1 is free must not get what was meant for stdout."""
    case_file = tmp_path / "case.json"
    case_file.write_text(json.dumps(CASE), encoding="utf-8")
    before = case_file.read_bytes()
    result = subprocess.run(
        ["bash", "-c", f"{ENTRY_POINT} route {case_file} >&-"],
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert case_file.read_bytes() == before
