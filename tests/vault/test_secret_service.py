"""The keychain against the real Secret Service (gnome-keyring) that scripts/test.sh starts."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.support.vaults import PASSPHRASE, create_vault
from triage_desktop.services.session import VaultService, keychain_status
from triage_desktop.vault import keychain, slots

pytestmark = [
    pytest.mark.secret_service,
    pytest.mark.skipif(
        os.environ.get("TRIAGE_TEST_SECRET_SERVICE") != "1",
        reason="needs the Secret Service that scripts/test.sh starts "
        "(TRIAGE_TEST_SECRET_SERVICE=1 inside its D-Bus session)",
    ),
]


def test_vault_device_secret_in_the_real_secret_service(tmp_path: Path) -> None:
    import keyring

    status = keychain_status()
    assert status.available, status.description
    service, recovery = create_vault(tmp_path / "v")
    vault_id = slots.read_slots(tmp_path / "v").vault_id
    try:
        assert "SecretService" in service.keychain_backend() or "chainer" in (
            service.keychain_backend().lower()
        )
        assert keyring.get_password(keychain.SERVICE, vault_id) is not None
        service.lock()
        service.unlock(PASSPHRASE)
        service.lock()
        keychain.delete_device_secret(vault_id)
        with pytest.raises(Exception, match="device secret"):
            VaultService(tmp_path / "v").unlock(PASSPHRASE)
        service.unlock_with_recovery_key(recovery)
        service.lock()
    finally:
        keychain.delete_device_secret(vault_id)
