"""The README's `route` contract, claim by claim: its example gives the output it shows, and it
lists exactly the input and output keys the engine has (issue 11)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.support.run import run_cli
from triage_desktop.policy.facts import FIELD_NAMES
from triage_desktop.policy.routing import OUTPUT_KEYS

README = Path(__file__).resolve().parents[2] / "README.md"


def _section() -> str:
    text = README.read_text("utf-8")
    start = text.index("### The `route` contract")
    return text[start : text.index("Every command reports", start)]


def _keys_after(label: str) -> list[str]:
    """The top-level keys a paragraph of the section names (values in parentheses left out)."""
    section = _section()
    paragraph = section[section.index(label) :].split("\n\n")[0]
    depth, kept = 0, []
    for char in paragraph[len(label) :]:
        depth += char == "("
        if depth == 0:
            kept.append(char)
        depth -= char == ")"
    return re.findall(r"`([a-z_]+)`", "".join(kept))


def test_the_example_gives_what_the_readme_shows() -> None:
    section = _section()
    command = section[section.index("echo '") + len("echo '") : section.index("' | triage-desktop")]
    result = run_cli(["route"], stdin=command)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    shown = section[section.index("```json") + len("```json") : section.index("```\n\nInput")]
    for key in ("action", "procedures", "escalations", "acts_without_consent"):
        assert f'"{key}": {json.dumps(out[key])}' in shown
    assert f'"needs_reporter_agreement": {json.dumps(out["needs_reporter_agreement"])}' in shown
    assert f'"flags": {json.dumps(out["flags"])}' in shown
    assert "it needs their agreement" in " ".join(out["rationale"])


def test_the_input_keys_are_the_engines() -> None:
    assert sorted(_keys_after("Input keys:")) == sorted(FIELD_NAMES)


def test_the_output_keys_are_the_engines_in_order() -> None:
    assert tuple(_keys_after("Output keys, always all of them, in this order:")) == OUTPUT_KEYS
