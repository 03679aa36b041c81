"""Case-screen fixtures: a 10,000-case vault seeded once per session through the real service."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.support.vaults import create_vault, details
from triage_desktop.gui.app import create_application
from triage_desktop.gui.context import AppContext
from triage_desktop.services.session import VaultService

BIG_VAULT_CASES = 10_000


def seed_cases(service: VaultService, count: int) -> float:
    """Create `count` fictional cases, one received every 37 minutes; returns seconds taken."""
    started = time.perf_counter()
    first = datetime(2025, 1, 6, 9, 0, tzinfo=UTC)
    for number in range(count):
        received = first + timedelta(minutes=37 * number)
        service.create_case(details(f"Seed{number:05d}", received=received))
    return time.perf_counter() - started


@pytest.fixture(scope="session")
def big_vault(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VaultService]:
    """Read-only for tests: never lock it or change its cases."""
    folder = tmp_path_factory.mktemp("big") / "vault"
    service, _recovery = create_vault(folder, use_keychain=False)
    seed_cases(service, BIG_VAULT_CASES)
    yield service
    service.lock()


@pytest.fixture
def big_context(big_vault: VaultService, qtbot: object) -> Iterator[AppContext]:
    create_application()
    context = AppContext(Path(big_vault.folder), service=big_vault)
    yield context
    context.tasks.wait_all()
