"""Shared fixtures: headless Qt, an in-memory keychain for every unit test, a private vault home."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

# Cheap key derivation in every test vault (see the module: it lowers the Argon2id floor).
import tests.support.vaults  # noqa: F401

# PySide6 6.12 on Python 3.11 would abort a long test run (see triage_desktop.gui.none_guard).
import triage_desktop.gui  # noqa: F401 - installs the guard for every test, Qt-only ones too

# Without a display Qt aborts the process; tests always run offscreen unless told otherwise.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("LANG", "C.UTF-8")
# Qt's per-user preferences (QSettings) go to a throwaway folder, never the developer's own.
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="triage-desktop-test-config-")

SCREENSHOT_DIR = Path(os.environ.get("TRIAGE_SCREENSHOTS", "/tmp/triage-desktop-screens"))


@pytest.fixture(autouse=True)
def in_memory_keyring(request: pytest.FixtureRequest) -> Iterator[object]:
    """Every test gets an empty in-memory keychain, except those marked `secret_service`."""
    import keyring

    from tests.support.keyrings import InMemoryKeyring

    if request.node.get_closest_marker("secret_service"):
        yield None
        return
    previous = keyring.get_keyring()
    backend = InMemoryKeyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


@pytest.fixture
def vault_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private, empty vault folder selected through $TRIAGE_DESKTOP_HOME."""
    home = tmp_path / "vault"
    monkeypatch.setenv("TRIAGE_DESKTOP_HOME", str(home))
    return home


@pytest.fixture
def screenshot_dir() -> Path:
    """Where GUI tests save PNGs for a human to look at: outside the repository."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    return SCREENSHOT_DIR
