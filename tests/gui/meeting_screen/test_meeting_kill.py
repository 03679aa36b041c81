"""Kill the app in the middle of a meeting: every answer it reported saved is there on reopening,
with the step it was at, and the vault is intact."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.vaults import PASSPHRASE, create_vault, details
from triage_desktop.meeting import STEPS, Meeting, Step
from triage_desktop.services.session import VaultService

CHILD = Path(__file__).with_name("meeting_child.py")
REPO = Path(__file__).resolve().parents[3]


def run_and_kill(folder: Path, case_id: int, after: int) -> list[tuple[str, str, str]]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO)}
    child = subprocess.Popen(
        [sys.executable, str(CHILD), str(folder), str(case_id), PASSPHRASE],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    committed: list[tuple[str, str, str]] = []
    assert child.stdout is not None
    try:
        for line in child.stdout:
            if line.startswith("COMMITTED"):
                _tag, step, key, value = line.rstrip("\n").split("\t")
                committed.append((step, key, value))
                if len(committed) >= after:
                    break
            elif line.startswith("DONE"):
                break
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        child.stdout.close()
    return committed


@pytest.mark.slow
@pytest.mark.parametrize("after", [2, 5, 9])
def test_answers_survive_a_kill_mid_meeting(tmp_path: Path, after: int) -> None:
    service, _ = create_vault(tmp_path / "vault", use_keychain=False)
    case = service.create_case(details())
    service.lock()
    committed = run_and_kill(tmp_path / "vault", case.id, after)
    assert len(committed) >= after

    reopened = VaultService(tmp_path / "vault")
    reopened.unlock(PASSPHRASE)
    try:
        assert reopened.integrity_problems() == []
        stored = reopened.load_meeting(case.id)
        assert stored is not None
        meeting = Meeting.from_json(stored.record, strict=True)
        for _step, key, value in committed:
            assert str(meeting.values.get(key)) == value, key
        assert STEPS.index(meeting.current_step) >= STEPS.index(Step(committed[-1][0]))
    finally:
        reopened.lock()
