"""Any text an officer can type comes back from the encrypted store exactly (controls aside)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.support.vaults import create_vault, details
from triage_desktop.cases.model import Reporter, ReporterStatus
from triage_desktop.cases.text import strip_controls
from triage_desktop.services.session import VaultService


@pytest.fixture(scope="module")
def vault(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VaultService]:
    service, _ = create_vault(tmp_path_factory.mktemp("round") / "v", use_keychain=False)
    yield service
    service.lock()


@settings(max_examples=60, deadline=None)
@given(
    name=st.text(max_size=80),
    description=st.text(max_size=500),
    record=st.dictionaries(st.text(max_size=10), st.text(max_size=40), max_size=5),
)
def test_text_round_trips_exactly(
    vault: VaultService, name: str, description: str, record: dict[str, str]
) -> None:
    base = details()
    stored = vault.create_case(
        replace(base, reporter=Reporter(name, ReporterStatus.OTHER), description=description)
    )
    back = vault.get_case(stored.id)
    assert back.details.reporter.name == strip_controls(name)
    assert back.details.description == strip_controls(description)
    meeting = vault.save_meeting(stored.id, step="s", state="t", record=dict(record))
    assert meeting.record == record
