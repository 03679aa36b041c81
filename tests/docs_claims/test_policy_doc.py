"""docs/policy-engine.md, claim by claim, through the `route` command (issue 13)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from triage_desktop.cli import main
from triage_desktop.policy import catalogue

CASE = {"reported_on": "2026-11-23", "respondent": "student", "preference": "informal"}


def test_damaged_policy_data_exits_1_naming_the_file_and_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shipped = catalogue.policy_directory() / "dignity-and-respect-2.0.toml"
    damaged = tmp_path / "policy"
    damaged.mkdir()
    text = shipped.read_text("utf-8")
    assert "in_force_from = 2025-08-01" in text
    (damaged / shipped.name).write_text(
        text.replace("in_force_from = 2025-08-01", 'in_force_from = "soon"'), encoding="utf-8"
    )
    monkeypatch.setattr(catalogue, "policy_directory", lambda: damaged)
    case = tmp_path / "case.json"
    case.write_text(json.dumps(CASE), encoding="utf-8")
    assert main(["route", str(case)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    line = captured.err.strip()
    assert line.startswith("triage-desktop: error: policy data: dignity-and-respect-2.0.toml: ")
    assert "in_force_from" in line
    assert "\n" not in line
