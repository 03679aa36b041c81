"""Cold start to first window shown: Triage Desk against a bare PySide6 window, same run.

Triage Desk starts on an existing (throwaway, passphrase-only) vault, so its first window is the
unlock window an officer sees every morning. Both are whole processes started the same way and
timed two ways: from spawn to the line each prints once its first window is shown (what the
officer waits for), and from spawn to exit right after it (which adds the process's teardown:
Python unloading every module it imported, Qt destroying its widgets). Runs alternate so
machine noise hits both alike; the CPU time of each process (user + system) is printed too, being
less shaken by other work on a shared machine than the wall clock. Target: ratio <= 1.3.

Both run with bytecode, as an installed app does (pip compiles it at install, PyInstaller ships
it): the children write and read it in a private cache folder (PYTHONPYCACHEPREFIX), so a
PYTHONDONTWRITEBYTECODE=1 in the caller's environment (scripts/test.sh sets it) does not turn the
benchmark into a measure of compiling the app's own modules, and the source tree stays clean.

    .venv/bin/python benchmarks/startup.py [--runs 9]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

BARE_WINDOW = """
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.setWindowTitle("bare")
window.resize(1280, 800)
window.show()
def shown():
    print('{"shown": true}', flush=True)
    app.quit()
QTimer.singleShot(0, shown)
app.exec()
"""

# The desktop launcher's path: the command with no arguments, told to quit once the window shows.
APP = [sys.executable, "-m", "triage_desktop"]
BARE = [sys.executable, "-c", BARE_WINDOW]


def make_vault(folder: str) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "triage_desktop",
            "--vault",
            folder,
            "init",
            "--name",
            "Benchmark Officer",
            "--no-keychain",
            "--passphrase-file",
            "-",
        ],
        input="benchmark passphrase, fictional\n",
        text=True,
        check=True,
        capture_output=True,
    )


def time_once(command: list[str], vault: str, bytecode: str) -> tuple[float, float, float]:
    """Wall-clock seconds from spawn to the "shown" line and to exit, and the CPU seconds the
    process used."""
    env = {
        "TRIAGE_DESKTOP_HOME": vault,
        **{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
        "PYTHONPYCACHEPREFIX": bytecode,
        "QT_QPA_PLATFORM": "offscreen",
        "TRIAGE_DESKTOP_EXIT_AFTER_FIRST_WINDOW": "1",
    }
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    child = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    assert child.stdout is not None
    line = child.stdout.readline()
    shown = time.perf_counter() - started
    rest = child.stdout.read()
    if child.wait() != 0:
        raise SystemExit(f"{command[-1][:40]!r} failed: {line + rest!r}")
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if '"shown": true' not in line:
        raise SystemExit(f"no first window reported: {line + rest!r}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return shown, wall, cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=9, help="runs of each (at least 7)")
    args = parser.parse_args()
    runs = max(args.runs, 7)
    with tempfile.TemporaryDirectory() as scratch:
        vault = os.path.join(scratch, "vault")
        bytecode = os.path.join(scratch, "bytecode")
        make_vault(vault)
        time_once(APP, vault, bytecode)  # bytecode written, disk cache warm, for both
        time_once(BARE, vault, bytecode)
        app_runs: list[tuple[float, float, float]] = []
        bare_runs: list[tuple[float, float, float]] = []
        for _ in range(runs):
            bare_runs.append(time_once(BARE, vault, bytecode))
            app_runs.append(time_once(APP, vault, bytecode))

    def medians(r: list[tuple[float, float, float]]) -> tuple[float, ...]:
        return tuple(statistics.median(run[i] for run in r) for i in range(3))

    bare_shown, bare, bare_cpu = medians(bare_runs)
    app_shown, app, app_cpu = medians(app_runs)
    print(f"over {runs} runs of each (medians)       shown      exit   CPU to exit")
    print(
        f"bare PySide6 window                {bare_shown * 1000:7.1f} ms {bare * 1000:6.1f} ms"
        f" {bare_cpu * 1000:6.1f} ms"
    )
    print(
        f"Triage Desk unlock window          {app_shown * 1000:7.1f} ms {app * 1000:6.1f} ms"
        f" {app_cpu * 1000:6.1f} ms"
    )
    print(
        f"ratio                              {app_shown / bare_shown:7.2f}x  {app / bare:6.2f}x"
        f"  {app_cpu / bare_cpu:6.2f}x   (target <= 1.30x)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
