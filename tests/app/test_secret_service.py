"""The test command runs inside a D-Bus session with an unlocked gnome-keyring: prove it is real."""

from __future__ import annotations

import os
import secrets

import pytest

pytestmark = [
    pytest.mark.secret_service,
    pytest.mark.skipif(
        os.environ.get("TRIAGE_TEST_SECRET_SERVICE") != "1",
        reason="needs the Secret Service that scripts/test.sh starts",
    ),
]


def test_default_keyring_is_the_real_secret_service() -> None:
    import keyring
    from keyring.backends import SecretService

    chosen = keyring.get_keyring()
    chained = getattr(chosen, "backends", [chosen])
    assert any(isinstance(b, SecretService.Keyring) for b in chained), chained
    backend = SecretService.Keyring()
    assert backend.priority > 0  # viable: the D-Bus service answered
    service, user, secret = "triage-desktop-test", "probe", secrets.token_hex(16)
    backend.set_password(service, user, secret)
    try:
        assert backend.get_password(service, user) == secret
    finally:
        backend.delete_password(service, user)
    assert backend.get_password(service, user) is None
