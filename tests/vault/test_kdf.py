"""The Argon2id parameters in keyslots.json are untrusted: below the floor or above the ceiling
they are refused with a clear message (before any work is done), and every new slot is written
with the standard parameters, whatever the old slot said."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from tests.support.vaults import PASSPHRASE, REAL_MINIMUM, REAL_STANDARD, create_vault
from triage_desktop.cli import main
from triage_desktop.services.errors import KeySlotRefused
from triage_desktop.services.session import VaultService
from triage_desktop.vault import backoff, kdf, slots


def _real_bounds(monkeypatch: pytest.MonkeyPatch) -> None:
    """The floor and standard the application uses (the test process lowers them)."""
    monkeypatch.setattr(kdf, "MINIMUM", REAL_MINIMUM)
    monkeypatch.setattr(kdf, "STANDARD", REAL_STANDARD)


def _tamper(folder: Path, **params: object) -> None:
    path = folder / slots.FILE_NAME
    data = json.loads(path.read_text())
    data["slots"]["passphrase"].update(params)
    path.write_text(json.dumps(data))


def test_a_downgraded_slot_is_refused_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    service, recovery = create_vault(tmp_path / "v")  # cheap slot, as a tamperer would leave it
    service.lock()
    _real_bounds(monkeypatch)
    with pytest.raises(KeySlotRefused, match="less Argon2 work") as refused:
        VaultService(tmp_path / "v").unlock(PASSPHRASE)
    assert "recovery key" in str(refused.value)
    assert backoff.remaining(tmp_path / "v") == 0  # not a failed guess: nothing was tried
    # The way out the message names: the recovery key, then a new passphrase.
    service.unlock_with_recovery_key(recovery)
    service.change_passphrase(PASSPHRASE)
    written = slots.read_slots(tmp_path / "v").slots["passphrase"]
    assert (written["time_cost"], written["memory_kib"], written["parallelism"]) == (
        REAL_STANDARD.time_cost,
        REAL_STANDARD.memory_kib,
        REAL_STANDARD.parallelism,
    )
    service.lock()


@pytest.mark.parametrize(
    "params",
    [
        pytest.param({"memory_kib": 2**31}, id="memory-2^31"),
        pytest.param({"parallelism": 0}, id="parallelism-0"),
        pytest.param({"time_cost": 10**9}, id="huge-time-cost"),
        pytest.param({"time_cost": "3"}, id="text"),
        pytest.param({"memory_kib": True}, id="bool"),
        pytest.param({"kdf": "pbkdf2"}, id="other-kdf"),
    ],
)
def test_out_of_range_parameters_get_a_clear_message_at_once(
    tmp_path: Path, params: dict[str, object]
) -> None:
    service, _ = create_vault(tmp_path / "v")
    service.lock()
    _tamper(tmp_path / "v", **params)
    started = time.monotonic()
    with pytest.raises(KeySlotRefused, match=r"keyslots\.json"):
        VaultService(tmp_path / "v").unlock(PASSPHRASE)
    assert time.monotonic() - started < 5  # refused before any key derivation: no hang


def test_the_cli_reports_a_refused_slot_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    service, _ = create_vault(tmp_path / "v")
    service.lock()
    _tamper(tmp_path / "v", memory_kib=2**31)
    secret = tmp_path / "p.txt"
    secret.write_text(PASSPHRASE)
    code = main(["--vault", str(tmp_path / "v"), "unlock-check", "--passphrase-file", str(secret)])
    err = capsys.readouterr().err
    assert code == 4
    assert "more Argon2 work than Triage Desk allows" in err
    assert "Traceback" not in err


def test_new_slots_use_the_standard_not_the_old_slots_parameters(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stronger = kdf.KdfParams(time_cost=2, memory_kib=2048, parallelism=2)
    service, _ = create_vault(tmp_path / "v")
    monkeypatch.setattr(kdf, "STANDARD", stronger)
    service.change_passphrase("another long passphrase for here")
    slot = slots.read_slots(tmp_path / "v").slots["passphrase"]
    assert (slot["time_cost"], slot["memory_kib"], slot["parallelism"]) == (2, 2048, 2)
    service.rekey("another long passphrase for here")
    slot = slots.read_slots(tmp_path / "v").slots["passphrase"]
    assert (slot["time_cost"], slot["memory_kib"], slot["parallelism"]) == (2, 2048, 2)
    service.lock()


def test_the_real_bounds_bracket_the_standard() -> None:
    for name in ("time_cost", "memory_kib", "parallelism"):
        low, standard, high = (getattr(p, name) for p in (REAL_MINIMUM, REAL_STANDARD, kdf.MAXIMUM))
        assert low <= standard <= high
