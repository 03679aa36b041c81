"""Cold start to first window shown: Triage Desk against a bare PySide6 window, same run.

Triage Desk starts on an existing (throwaway, passphrase-only) vault, so its first window is the
unlock window an officer sees every morning. Both are whole processes started the same way and
timed from spawn to exit right after the first window is shown (offscreen). Runs alternate so
machine noise hits both alike. Target: ratio <= 1.3.

    .venv/bin/python benchmarks/startup.py [--runs 9]
"""

from __future__ import annotations

import argparse
import os
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
QTimer.singleShot(0, app.quit)
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


def time_once(command: list[str], vault: str) -> float:
    env = {
        "TRIAGE_DESKTOP_HOME": vault,
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "TRIAGE_DESKTOP_EXIT_AFTER_FIRST_WINDOW": "1",
    }
    started = time.perf_counter()
    result = subprocess.run(command, env=env, check=True, capture_output=True, text=True)
    if command is APP and '"shown": true' not in result.stdout:
        raise SystemExit(f"Triage Desk did not report its first window: {result.stdout!r}")
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=9, help="runs of each (at least 7)")
    args = parser.parse_args()
    runs = max(args.runs, 7)
    with tempfile.TemporaryDirectory() as scratch:
        vault = os.path.join(scratch, "vault")
        make_vault(vault)
        time_once(APP, vault)  # warm the disk cache for both before measuring
        time_once(BARE, vault)
        app_times: list[float] = []
        bare_times: list[float] = []
        for _ in range(runs):
            bare_times.append(time_once(BARE, vault))
            app_times.append(time_once(APP, vault))
    bare = statistics.median(bare_times)
    app = statistics.median(app_times)
    print(f"bare PySide6 window : median {bare * 1000:7.1f} ms over {runs} runs")
    print(f"Triage Desk window  : median {app * 1000:7.1f} ms over {runs} runs")
    print(f"ratio               : {app / bare:.2f}x (target <= 1.30x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
