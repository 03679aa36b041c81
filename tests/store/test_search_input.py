"""Whatever the officer types into search, it never raises and never becomes FTS syntax."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.vaults import create_vault, details
from triage_desktop.services.session import VaultService
from triage_desktop.store.cases_repo import fts_query


@pytest.fixture(scope="module")
def vault(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VaultService]:
    import keyring

    from tests.support.keyrings import InMemoryKeyring

    previous = keyring.get_keyring()
    keyring.set_keyring(InMemoryKeyring())
    service, _ = create_vault(tmp_path_factory.mktemp("search") / "v", use_keychain=False)
    service.create_case(details(reporter='Ann "Quote" O\'Neil'))
    yield service
    service.lock()
    keyring.set_keyring(previous)


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=60))
def test_any_text_is_a_safe_query(vault: VaultService, text: str) -> None:
    vault.search(text)


@pytest.mark.parametrize(
    "text",
    ['"', '""', "*", "NEAR(a b)", "a OR b", "-x", "col:foo", "^start", "(", "AND", "\x00"],
)
def test_fts_syntax_is_taken_literally(vault: VaultService, text: str) -> None:
    assert vault.search(text) == [] or text in ("*",)


def test_quotes_in_names_are_found(vault: VaultService) -> None:
    assert len(vault.search('"Quote"')) == 1
    assert len(vault.search("O'Neil")) == 1
    assert fts_query('say "hi"') == '"say"* AND """hi"""*'
