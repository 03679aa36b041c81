"""ui/ and resources/ ship inside the wheel and are found from it exactly as from a checkout."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from triage_desktop.resources import data_dir, resource, ui_form

REPO = Path(__file__).resolve().parents[2]


def repo_files(folder: str) -> set[str]:
    root = REPO / folder
    return {
        f"triage_desktop/{folder}/{path.relative_to(root).as_posix()}"
        for path in root.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }


def test_checkout_finds_ui_and_resources() -> None:
    assert ui_form("about.ui").is_file()
    assert resource("icons", "triage-desktop.svg").is_file()
    assert data_dir("resources") == REPO / "resources"


def test_unknown_data_folder_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown data folder"):
        data_dir("secrets")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(REPO),
        ],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("triage_desktop-*.whl")
    return built


@pytest.mark.slow
def test_wheel_carries_every_ui_and_resource_file(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = repo_files("ui") | repo_files("resources")
    assert expected, "the repository should hold ui/ and resources/ files"
    assert expected <= names, sorted(expected - names)
    assert "triage_desktop/cli/__init__.py" in names


@pytest.mark.slow
def test_installed_wheel_runs_and_finds_its_data_inside_the_package(
    wheel: Path, tmp_path: Path
) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    env = {**os.environ, "PYTHONPATH": str(target), "QT_QPA_PLATFORM": "offscreen"}
    probe = (
        "import json, triage_desktop, triage_desktop.resources as r;"
        "print(json.dumps({'pkg': triage_desktop.__file__, 'ui': str(r.data_dir('ui')),"
        "'res': str(r.data_dir('resources'))}))"
    )
    where = json.loads(
        subprocess.run(
            [sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True
        ).stdout
    )
    assert where["pkg"].startswith(str(target))
    assert where["ui"] == str(target / "triage_desktop" / "ui")
    assert where["res"] == str(target / "triage_desktop" / "resources")

    version = subprocess.run(
        [sys.executable, "-m", "triage_desktop", "--version"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert version.stdout.startswith("Triage Desk ")
    smoke = subprocess.run(
        [sys.executable, "-m", "triage_desktop", "gui", "--smoke-test"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(smoke.stdout.splitlines()[-1])["shown"] is True
