"""The recovery key: a typo is caught by the checksum before any key derivation runs."""

from __future__ import annotations

import pytest

from triage_desktop.vault.errors import BadRecoveryKey
from triage_desktop.vault.recovery import RecoveryKey


def test_round_trip_and_forgiving_input() -> None:
    key = RecoveryKey.generate()
    text = key.formatted()
    groups = text.split("-")
    assert len(groups) == 6
    assert all(len(g) == 6 for g in groups)
    assert RecoveryKey.parse(text) == key
    assert RecoveryKey.parse(text.lower().replace("-", " ")) == key
    assert RecoveryKey.parse(text.replace("O", "0").replace("I", "1")) == key
    assert text not in repr(key)


def test_every_single_character_typo_is_caught() -> None:
    text = RecoveryKey.generate().formatted()
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
    for index, char in enumerate(text):
        if char == "-":
            continue
        typo = alphabet[(alphabet.index(char) + 1) % 32]
        with pytest.raises(BadRecoveryKey, match="mistyped"):
            RecoveryKey.parse(text[:index] + typo + text[index + 1 :])


def test_wrong_length_and_letters() -> None:
    text = RecoveryKey.generate().formatted()
    with pytest.raises(BadRecoveryKey, match="36"):
        RecoveryKey.parse(text[:-1])
    with pytest.raises(BadRecoveryKey, match="A-Z and 2-7"):
        RecoveryKey.parse(text[:-1] + "9")


def test_checksum_runs_before_any_kdf(monkeypatch: pytest.MonkeyPatch, tmp_path: object) -> None:
    from triage_desktop.vault import kdf, slots

    def no_kdf(*_: object) -> bytes:
        raise AssertionError("the KDF ran for a mistyped key")

    monkeypatch.setattr(kdf, "stretch", no_kdf)
    monkeypatch.setattr(slots, "stretch", no_kdf)
    text = RecoveryKey.generate().formatted()
    with pytest.raises(BadRecoveryKey):
        slots.unlock_with_recovery_key(tmp_path, text[:-1] + ("A" if text[-1] != "A" else "B"))  # type: ignore[arg-type]
