"""Unlocking: passphrase (+ keychain device secret), recovery key, back-off and every refusal."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from tests.support.keyrings import InMemoryKeyring
from tests.support.vaults import OFFICER, PASSPHRASE, create_vault, details
from triage_desktop.services.errors import (
    BadRecoveryKey,
    KeychainSecretMissing,
    NoKeychain,
    UnlockThrottled,
    VaultCorrupt,
    VaultFromNewerVersion,
    VaultNotFound,
    WrongPassphrase,
)
from triage_desktop.services.session import VaultService, keychain_status
from triage_desktop.vault import keychain, slots


def _make(folder: Path, *, use_keychain: bool = True) -> str:
    service, recovery = create_vault(folder, use_keychain=use_keychain)
    service.create_case(details())
    service.lock()
    return recovery


def test_passphrase_and_recovery_key_both_open(tmp_path: Path) -> None:
    recovery = _make(tmp_path / "v")
    service = VaultService(tmp_path / "v")
    service.unlock(PASSPHRASE)
    assert service.count_cases() == 1
    service.lock()
    service.unlock_with_recovery_key(recovery.lower())
    assert service.count_cases() == 1
    service.lock()


def test_wrong_passphrase_backs_off_across_restarts(tmp_path: Path) -> None:
    _make(tmp_path / "v")
    waits = []
    for _ in range(3):
        with pytest.raises(WrongPassphrase) as caught:
            VaultService(tmp_path / "v").unlock("not the passphrase")
        waits.append(caught.value.retry_after)
    assert waits == [0, 0, 1]
    # A fresh service object (as after a restart) is still made to wait, before any KDF.
    with pytest.raises(UnlockThrottled) as throttled:
        VaultService(tmp_path / "v").unlock(PASSPHRASE)
    assert 0 < throttled.value.retry_after <= 1


def test_success_resets_the_back_off(tmp_path: Path) -> None:
    _make(tmp_path / "v")
    with pytest.raises(WrongPassphrase):
        VaultService(tmp_path / "v").unlock("not the passphrase")
    service = VaultService(tmp_path / "v")
    service.unlock(PASSPHRASE)
    service.lock()
    assert not (tmp_path / "v" / "unlock-attempts.json").exists()


def test_recovery_key_of_another_vault(tmp_path: Path) -> None:
    _make(tmp_path / "a")
    other = _make(tmp_path / "b")
    with pytest.raises(BadRecoveryKey, match="different vault"):
        VaultService(tmp_path / "a").unlock_with_recovery_key(other)


def test_change_passphrase_is_a_rewrap(tmp_path: Path) -> None:
    recovery = _make(tmp_path / "v")
    db_before = (tmp_path / "v" / "vault.db").read_bytes()
    service = VaultService(tmp_path / "v")
    service.unlock(PASSPHRASE)
    service.change_passphrase("a brand new passphrase")
    service.lock()
    with pytest.raises(WrongPassphrase):
        VaultService(tmp_path / "v").unlock(PASSPHRASE)
    service.unlock("a brand new passphrase")
    service.lock()
    service.unlock_with_recovery_key(recovery)
    service.lock()
    # The database key did not change: its first page (salt, encrypted) is the same.
    assert (tmp_path / "v" / "vault.db").read_bytes()[:16] == db_before[:16]


def test_forgotten_passphrase_recovery_then_new_passphrase(tmp_path: Path) -> None:
    recovery = _make(tmp_path / "v")
    service = VaultService(tmp_path / "v")
    service.unlock_with_recovery_key(recovery)
    service.change_passphrase("remembered this time")
    service.lock()
    service.unlock("remembered this time")
    assert service.count_cases() == 1
    service.lock()


def test_keychain_secret_missing(tmp_path: Path, in_memory_keyring: InMemoryKeyring) -> None:
    recovery = _make(tmp_path / "v")
    in_memory_keyring.secrets.clear()
    with pytest.raises(KeychainSecretMissing, match="recovery key"):
        VaultService(tmp_path / "v").unlock(PASSPHRASE)
    service = VaultService(tmp_path / "v")
    service.unlock_with_recovery_key(recovery)
    service.change_passphrase("a passphrase for here")  # re-creates the device secret
    service.lock()
    service.unlock("a passphrase for here")
    service.lock()


def test_copied_folder_plus_passphrase_is_not_enough_elsewhere(tmp_path: Path) -> None:
    recovery = _make(tmp_path / "v")
    shutil.copytree(tmp_path / "v", tmp_path / "copy")
    keyring.set_keyring(InMemoryKeyring())  # "another computer": its own, empty keychain
    with pytest.raises(KeychainSecretMissing):
        VaultService(tmp_path / "copy").unlock(PASSPHRASE)
    service = VaultService(tmp_path / "copy")
    service.unlock_with_recovery_key(recovery)
    assert service.count_cases() == 1
    service.lock()


def test_passphrase_only_mode_opens_anywhere(tmp_path: Path) -> None:
    _make(tmp_path / "v", use_keychain=False)
    keyring.set_keyring(fail.Keyring())
    service = VaultService(tmp_path / "v")
    service.unlock(PASSPHRASE)
    assert "passphrase-only" in service.keychain_backend()
    service.lock()


def test_no_keychain_is_said_plainly_and_never_a_silent_fallback(tmp_path: Path) -> None:
    keyring.set_keyring(fail.Keyring())
    status = keychain_status()
    assert not status.available
    assert "passphrase-only" in status.description
    with pytest.raises(NoKeychain):
        VaultService(tmp_path / "v").create(OFFICER, PASSPHRASE, use_keychain=True)
    assert not (tmp_path / "v" / slots.FILE_NAME).exists()


def test_keychain_vault_without_any_keychain(tmp_path: Path) -> None:
    _make(tmp_path / "v")
    keyring.set_keyring(fail.Keyring())
    with pytest.raises(NoKeychain, match="recovery key"):
        VaultService(tmp_path / "v").unlock(PASSPHRASE)


def test_plaintext_keyring_is_refused() -> None:
    class PlaintextKeyring(InMemoryKeyring):
        pass

    PlaintextKeyring.__module__ = "keyrings.alt.file"
    keyring.set_keyring(PlaintextKeyring())
    assert not keychain_status().available


def test_backend_is_recorded(tmp_path: Path) -> None:
    _make(tmp_path / "v")
    recorded = json.loads((tmp_path / "v" / slots.FILE_NAME).read_text())["keychain"]
    assert recorded == {"mode": "keychain", "backend": "tests.support.keyrings.InMemoryKeyring"}
    assert keychain.SERVICE == "triage-desktop"


def test_missing_damaged_and_newer_slot_files(tmp_path: Path) -> None:
    with pytest.raises(VaultNotFound):
        VaultService(tmp_path / "nothing").unlock(PASSPHRASE)
    _make(tmp_path / "v")
    path = tmp_path / "v" / slots.FILE_NAME
    original = path.read_bytes()
    path.write_bytes(original[: len(original) // 2])
    with pytest.raises(VaultCorrupt, match="key file"):
        VaultService(tmp_path / "v").unlock(PASSPHRASE)
    assert path.read_bytes() == original[: len(original) // 2]  # nothing overwritten
    newer = json.loads(original)
    newer["format"] = 99
    path.write_text(json.dumps(newer))
    with pytest.raises(VaultFromNewerVersion):
        VaultService(tmp_path / "v").unlock(PASSPHRASE)
    data = json.loads(original)
    data["slots"]["passphrase"]["wrapped_key"] = "AAAA"
    path.write_text(json.dumps(data))
    with pytest.raises(WrongPassphrase):
        VaultService(tmp_path / "v").unlock(PASSPHRASE)


def test_rekey_issues_a_new_recovery_key_and_keeps_the_old_one_until_confirmed(
    tmp_path: Path,
) -> None:
    old_recovery = _make(tmp_path / "v")
    service = VaultService(tmp_path / "v")
    service.unlock(PASSPHRASE)
    new_recovery = service.rekey(PASSPHRASE)
    assert new_recovery != old_recovery
    assert service.recovery_key_unconfirmed
    service.create_case(details())
    service.lock()
    # Not yet confirmed: the recovery key the officer keeps still opens the vault.
    service.unlock_with_recovery_key(old_recovery)
    assert service.count_cases() == 2
    assert service.recovery_key_unconfirmed
    service.lock()
    # One unlock with the new key confirms it; from then on only the new key works.
    service.unlock_with_recovery_key(new_recovery)
    assert not service.recovery_key_unconfirmed
    service.lock()
    with pytest.raises(BadRecoveryKey):
        VaultService(tmp_path / "v").unlock_with_recovery_key(old_recovery)
    service.unlock_with_recovery_key(new_recovery)
    assert service.count_cases() == 2
    assert service.audit_verify().ok
    service.lock()
    service.unlock(PASSPHRASE)
    service.lock()


def test_confirming_needs_the_new_key_itself(tmp_path: Path) -> None:
    old_recovery = _make(tmp_path / "v")
    service = VaultService(tmp_path / "v")
    service.unlock(PASSPHRASE)
    new_recovery = service.rekey(PASSPHRASE)
    with pytest.raises(BadRecoveryKey, match="not the new recovery key"):
        service.confirm_recovery_key(old_recovery)
    assert service.recovery_key_unconfirmed
    assert service.confirm_recovery_key(new_recovery)
    assert not service.confirm_recovery_key(new_recovery)  # nothing left to confirm
    service.lock()
    with pytest.raises(BadRecoveryKey):
        VaultService(tmp_path / "v").unlock_with_recovery_key(old_recovery)


def test_two_rekeys_before_confirming_keep_the_first_recovery_key(tmp_path: Path) -> None:
    old_recovery = _make(tmp_path / "v")
    service = VaultService(tmp_path / "v")
    service.unlock(PASSPHRASE)
    service.rekey(PASSPHRASE)
    newest = service.rekey(PASSPHRASE)
    service.lock()
    service.unlock_with_recovery_key(old_recovery)  # through two links of the chain
    assert service.count_cases() == 1
    service.lock()
    service.unlock_with_recovery_key(newest)
    service.lock()
    with pytest.raises(BadRecoveryKey):
        VaultService(tmp_path / "v").unlock_with_recovery_key(old_recovery)


def test_a_staged_slot_file_is_not_adopted_for_a_damaged_database(tmp_path: Path) -> None:
    folder = tmp_path / "v"
    _make(folder)
    slots_path = folder / slots.FILE_NAME
    original = slots_path.read_bytes()
    staged = folder / slots.STAGED_FILE_NAME
    staged.write_bytes(original)
    (folder / "vault.db").write_bytes(b"\0" * 8192)
    with pytest.raises(VaultCorrupt):
        VaultService(folder).unlock(PASSPHRASE)
    assert slots_path.read_bytes() == original
    assert staged.exists()


def test_a_wrong_keychain_secret_is_not_a_wrong_passphrase(
    tmp_path: Path, in_memory_keyring: InMemoryKeyring
) -> None:
    import base64
    import secrets as random_bytes

    from triage_desktop.services.errors import KeychainSecretMismatch
    from triage_desktop.vault import backoff

    recovery = _make(tmp_path / "v")
    for entry in in_memory_keyring.secrets:  # another secret under this vault's name
        in_memory_keyring.secrets[entry] = base64.b64encode(random_bytes.token_bytes(32)).decode()
    for _ in range(5):
        with pytest.raises(KeychainSecretMismatch, match="did not count as a failed attempt"):
            VaultService(tmp_path / "v").unlock(PASSPHRASE)
    assert backoff.remaining(tmp_path / "v") == 0
    assert not (tmp_path / "v" / backoff.FILE_NAME).exists()
    service = VaultService(tmp_path / "v")
    service.unlock_with_recovery_key(recovery)  # the way out the message names
    service.change_passphrase(PASSPHRASE)
    service.lock()
    service.unlock(PASSPHRASE)
    service.lock()


@pytest.mark.parametrize("weak", ["aaaaaaaaaa", "1111111111111", "abababababab", "short"], ids=repr)
def test_a_guessable_passphrase_is_refused_everywhere(tmp_path: Path, weak: str) -> None:
    from triage_desktop.services.errors import WeakPassphrase

    with pytest.raises(WeakPassphrase):
        VaultService(tmp_path / "new").create(OFFICER, weak, use_keychain=False)
    assert not (tmp_path / "new").exists()
    service, _ = create_vault(tmp_path / "v")
    with pytest.raises(WeakPassphrase):
        service.change_passphrase(weak)
    with pytest.raises(WeakPassphrase):
        service.rekey(weak)
    service.lock()
    service.unlock(PASSPHRASE)  # nothing changed
    service.lock()


def test_the_cli_refuses_a_guessable_passphrase_with_the_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from triage_desktop.cli import main

    weak = tmp_path / "weak.txt"
    weak.write_text("aaaaaaaaaa\n")
    args = ["--vault", str(tmp_path / "v"), "init", "--name", "Officer", "--no-keychain"]
    assert main([*args, "--passphrase-file", str(weak)]) == 2
    err = capsys.readouterr().err
    assert "too easy to guess" in err
    assert not (tmp_path / "v" / slots.FILE_NAME).exists()


def test_the_strength_floor_and_the_hint_are_one_estimate() -> None:
    from triage_desktop.services import passphrase_strength

    assert not passphrase_strength.estimate("aaaaaaaaaa").acceptable
    assert passphrase_strength.estimate(PASSPHRASE).acceptable
    assert passphrase_strength.problem("aaaaaaaaaa")
    assert passphrase_strength.problem(PASSPHRASE) == ""


def test_lock_overwrites_the_keys_it_held(tmp_path: Path) -> None:
    service, _ = create_vault(tmp_path / "v")
    service.create_case(details())
    database_key = service._key
    audit_key = service._database()._audit_key
    assert database_key is not None
    assert any(database_key)
    assert any(audit_key)
    service.lock()
    assert database_key == bytearray(len(database_key))
    assert audit_key == bytearray(len(audit_key))
    assert service._key is None


def test_a_rekey_interrupted_by_an_older_build_is_still_finished(tmp_path: Path) -> None:
    """Older builds left `keyslots.next.json` (no generation) when killed between the database
    rekey and the rename: the database is on the new key, only that file opens it."""
    folder = tmp_path / "v"
    _make(folder)
    old_slots = (folder / slots.FILE_NAME).read_bytes()
    service = VaultService(folder)
    service.unlock(PASSPHRASE)
    service.rekey(PASSPHRASE)
    service.lock()
    legacy = json.loads((folder / slots.FILE_NAME).read_text())
    for field in ("generation", "change", "key_check", "rekey_chain"):
        legacy.pop(field, None)
    legacy["slots"].pop("previous_recovery")
    (folder / slots.STAGED_FILE_NAME).write_text(json.dumps(legacy))
    (folder / slots.FILE_NAME).write_bytes(old_slots)
    service.unlock(PASSPHRASE)
    assert service.count_cases() == 1
    service.lock()
    assert not (folder / slots.STAGED_FILE_NAME).exists()
    service.unlock(PASSPHRASE)  # the adopted file opens it from now on
    service.lock()
