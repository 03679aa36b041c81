"""kill -9 at random moments, 50 times: every write reported committed survives, and the vault
passes SQLite's and SQLCipher's integrity checks each time.

Each round lets the child report a random number (1 to 4) of committed cases first and then kills
it a random moment later, while it goes on writing: the kill still lands anywhere in the write
loop, and every round is sure to have written, however slowly a loaded machine starts the child
(a fixed sleep after READY once ran out before the first write at load average ~6)."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from tests.support.vaults import PASSPHRASE, create_vault

REPO = Path(__file__).resolve().parents[2]
ROUNDS = 50
CASES_BEFORE_KILL = (1, 4)  # the child reports this many cases (at random) before the kill

WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from triage_desktop.services.session import VaultService
    from tests.support.vaults import PASSPHRASE, details

    service = VaultService(Path(sys.argv[1]))
    service.unlock(PASSPHRASE)
    print("READY", flush=True)
    step = 0
    while True:
        step += 1
        case = service.create_case(details(description="fictional crash text " * 50))
        print("CASE", case.id, flush=True)
        service.save_meeting(case.id, step="s", state="saved", record={"n": step})
        print("MEETING", case.id, step, flush=True)
    """
)


@pytest.mark.slow
def test_sigkill_never_loses_a_committed_write(tmp_path: Path) -> None:
    folder = tmp_path / "v"
    service, _ = create_vault(folder, use_keychain=False)
    service.lock()
    rng = random.Random(20260402)
    committed_cases: set[int] = set()
    committed_meetings: dict[int, int] = {}
    for _ in range(ROUNDS):
        child = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(folder)],
            stdout=subprocess.PIPE,
            text=True,
            cwd=REPO,
        )
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "READY"
        wanted = rng.randint(*CASES_BEFORE_KILL)
        seen: list[str] = []
        while sum(line.startswith("CASE") for line in seen) < wanted:
            line = child.stdout.readline()
            assert line, "the writer died before it was killed"
            seen.append(line)
        time.sleep(rng.uniform(0.0, 0.05))  # then a random moment into its next writes
        os.kill(child.pid, signal.SIGKILL)
        output = "".join(seen) + child.stdout.read()
        this_round: dict[int, int] = {}
        child.stdout.close()
        child.wait()
        for line in output.splitlines():
            parts = line.split()
            if len(parts) == 2 and parts[0] == "CASE":
                committed_cases.add(int(parts[1]))
            elif len(parts) == 3 and parts[0] == "MEETING":
                this_round[int(parts[1])] = int(parts[2])
        committed_meetings.update(this_round)
        service.unlock(PASSPHRASE)
        try:
            assert service.integrity_problems() == []
            stored = {
                row.id
                for offset in range(0, service.count_cases(), 1000)
                for row in service.list_cases(offset=offset, limit=1000)
            }
            assert committed_cases <= stored
            for case_id, step in this_round.items():
                meeting = service.load_meeting(case_id)
                assert meeting is not None
                assert meeting.record == {"n": step}
            assert service.audit_verify().ok
        finally:
            service.lock()
    assert len(committed_cases) >= ROUNDS * CASES_BEFORE_KILL[0]  # the children really wrote
