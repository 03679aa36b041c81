"""The diagnostic log: exception types, code locations and timings only -- never a message, a
field value, a name or a case reference -- rotating, owner-only, in the platform's log folder.

The marker scan: failures whose messages carry a marker (and other loggers writing it) go
through the real AppContext, a real vault and the installed excepthooks; the marker must not be
in any file of the log folder, while the types and locations are.
"""

from __future__ import annotations

import json
import logging
import os
import secrets
import stat
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.support.vaults import details
from triage_desktop import diagnostics
from triage_desktop.cases.text import InvalidFieldError
from triage_desktop.gui.context import AppContext
from triage_desktop.services.errors import VaultError


@pytest.fixture
def log_dir(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "logs"
    diagnostics.uninstall()
    diagnostics.install(folder)
    previous = (sys.excepthook, threading.excepthook)
    yield folder
    diagnostics.uninstall()
    sys.excepthook, threading.excepthook = previous


def lines(folder: Path) -> list[dict[str, object]]:
    found: list[dict[str, object]] = []
    for path in sorted(folder.iterdir()):
        found += [json.loads(line) for line in path.read_text("utf-8").splitlines() if line]
    return found


def hits(folder: Path, needles: list[bytes]) -> list[str]:
    return [
        f"{path.name}: {needle!r}"
        for path in folder.iterdir()
        for needle in needles
        if needle in path.read_bytes().lower()
    ]


def test_failures_are_recorded_as_types_and_places_never_their_words(
    qtbot: QtBot, gui_context: AppContext, log_dir: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    marker = f"zqx{secrets.token_hex(6)}"
    case = gui_context.service.create_case(details(f"{marker} Reporter"))
    shown: list[object] = []
    gui_context.failed.connect(shown.append)

    def leaks(error: BaseException) -> object:
        def work(_service: object) -> None:
            raise error

        return work

    for error in (
        KeyError(f"{marker} {case.reference}"),
        InvalidFieldError("reporter.name", f"{marker} is not allowed"),
        VaultError(f"The case {case.reference} of {marker} failed"),
    ):
        gui_context.run(leaks(error), what="Doing something")
    gui_context.save(leaks(OSError(f"{marker} could not write")), what="The answers", key="k")
    gui_context.run(lambda service: service.get_case(case.id))  # a success: nothing recorded
    qtbot.waitUntil(lambda: len(shown) == 4, timeout=5000)

    diagnostics.install_excepthooks(notify=shown.append)
    try:
        raise RuntimeError(f"uncaught {marker}")
    except RuntimeError as error:
        sys.excepthook(type(error), error, error.__traceback__)
    assert isinstance(shown[-1], RuntimeError)  # the window is told
    assert "Traceback" not in capfd.readouterr().err  # nothing for ~/.xsession-errors
    for name in ("triage_desktop.services.session", "triage_desktop", ""):
        logging.getLogger(name).error("a record from elsewhere quoting %s", marker)
    diagnostics.record_timing("unlock", 0.4242)

    needles = [marker.encode(), marker.encode("utf-16-le"), case.reference.lower().encode()]
    assert hits(log_dir, needles) == []
    recorded = lines(log_dir)
    types = [entry.get("type") for entry in recorded]
    assert "builtins.KeyError" in types
    assert "triage_desktop.cases.text.InvalidFieldError" in types
    assert "triage_desktop.vault.errors.VaultError" in types
    assert "builtins.OSError" in types
    assert "builtins.RuntimeError" in types
    failed = next(entry for entry in recorded if entry.get("type") == "builtins.KeyError")
    assert failed["event"] == "task_failed"
    assert str(failed["where"]).startswith("gui/test_diagnostics.py:")
    trace = failed["trace"]
    assert isinstance(trace, list)
    assert any("test_diagnostics.py" in str(frame) for frame in trace)
    assert (recorded[-1]["event"], recorded[-1]["seconds"]) == ("unlock", 0.424)
    allowed = {"at", "level", "event", "type", "where", "raised_from", "trace", "seconds"}
    assert all(set(entry) <= allowed for entry in recorded)
    assert not any(str(Path.home()) in json.dumps(entry) for entry in recorded)


def test_the_log_is_owner_only_and_rotates(log_dir: Path) -> None:
    for number in range(3000):
        diagnostics.record_timing("slow_task", number / 1000, where="gui/x.py:1 work")
    files = sorted(log_dir.iterdir())
    names = {path.name for path in files}
    assert {"diagnostics.log", "diagnostics.log.1"} <= names
    assert len(files) <= 1 + diagnostics.BACKUPS
    assert all(path.stat().st_size <= diagnostics.MAX_BYTES + 200 for path in files)
    if os.name == "posix":
        assert stat.S_IMODE(log_dir.stat().st_mode) == 0o700
        assert {stat.S_IMODE(path.stat().st_mode) for path in files} == {0o600}


def test_the_log_lives_in_the_platforms_log_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    from platformdirs import user_log_path

    monkeypatch.delenv(diagnostics.ENV_LOG_DIR, raising=False)
    assert diagnostics.log_folder() == user_log_path("triage-desktop", appauthor=False)
    monkeypatch.setenv(diagnostics.ENV_LOG_DIR, "/tmp/elsewhere")
    assert diagnostics.log_folder() == Path("/tmp/elsewhere")


def test_nothing_is_written_until_there_is_something_to_record(tmp_path: Path) -> None:
    diagnostics.uninstall()
    try:
        diagnostics.install(tmp_path / "quiet")
        path = tmp_path / "quiet" / diagnostics.LOG_FILE
        assert not path.parent.exists()
        diagnostics.record_timing("lock", 0.01)
        assert path.exists()
    finally:
        diagnostics.uninstall()
