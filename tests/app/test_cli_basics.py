"""`triage-desktop --version`, `--help`, and the startup discipline of the first window."""

from __future__ import annotations

import json

import pytest

from tests.support.run import run_cli
from triage_desktop import APP_NAME, __version__
from triage_desktop.cli import main


def test_version_from_the_entry_point() -> None:
    result = run_cli(["--version"])
    assert result.returncode == 0
    assert result.stdout.strip() == f"{APP_NAME} {__version__}"


def test_help_explains_the_app_and_lists_commands() -> None:
    result = run_cli(["--help"])
    assert result.returncode == 0
    assert "Dignity and" in result.stdout
    assert "gui" in result.stdout
    assert "--vault DIR" in result.stdout


def test_unknown_command_is_a_clear_usage_error() -> None:
    result = run_cli(["no-such-command"])
    assert result.returncode == 2
    assert "invalid choice" in result.stderr
    assert "Traceback" not in result.stderr


def test_version_in_process_exits_cleanly() -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0


def test_first_window_shows_before_heavy_libraries_load() -> None:
    """SQLAlchemy, Alembic, reportlab and pyHanko are not imported when the first window shows."""
    result = run_cli(["gui", "--smoke-test"])
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["shown"] is True
    assert report["title"] == APP_NAME
    assert report["deferred_modules_loaded"] == []


@pytest.mark.parametrize(
    ("shown", "title", "modules"),
    [
        (True, APP_NAME, []),
        (False, 'Quote " back\\slash \x01 é 中文 😀 שלום', ["sqlalchemy", "reportlab"]),
    ],
)
def test_the_smoke_report_line_is_the_json_that_json_dumps_writes(
    shown: bool, title: str, modules: list[str]
) -> None:
    from triage_desktop.gui.app import smoke_report_line

    fields = {
        "shown": shown,
        "title": title,
        "deferred_modules_loaded": modules,
        "seconds_to_first_window": 0.1234,
    }
    line = smoke_report_line(**fields)  # type: ignore[arg-type]
    assert line == json.dumps(fields)
    assert json.loads(line) == fields
