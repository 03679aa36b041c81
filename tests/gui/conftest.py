"""GUI fixtures: an AppContext over a real, unlocked temporary vault (cheap KDF, real SQLCipher)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.vaults import create_vault
from triage_desktop.gui.app import create_application
from triage_desktop.gui.context import AppContext


@pytest.fixture
def gui_context(tmp_path: Path, qtbot: object) -> Iterator[AppContext]:
    create_application()
    folder = tmp_path / "vault"
    service, _recovery = create_vault(folder, use_keychain=False)
    context = AppContext(folder, service=service)
    yield context
    context.tasks.wait_all()
    service.lock()
