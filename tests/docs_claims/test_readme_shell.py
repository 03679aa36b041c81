"""README 'Using it' and 'Where your data is kept', claim by claim, through the real main window,
the installed command and the platform folders (issue 13: every claim true)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path, PureWindowsPath

import platformdirs
import pytest
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from tests.gui.meeting_screen.driver import Driver
from tests.gui.test_failures import WHERE, open_meeting, open_window, stored_where, unlock
from tests.gui.test_presentation import press
from tests.support.vaults import (
    PASSPHRASE,
    create_vault,
    create_vault_for_the_installed_command,
    details,
)
from triage_desktop import diagnostics
from triage_desktop.gui.settings.dialog import SettingsDialog
from triage_desktop.meeting import Step
from triage_desktop.meeting import schema as m
from triage_desktop.paths import ENV_HOME, vault_dir

ENTRY_POINT = Path(sys.executable).with_name("triage-desktop")


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    folder = tmp_path / "vault"
    service, _ = create_vault(folder)
    service.create_case(details())
    service.lock()
    return folder


def test_the_keys_in_the_readme_table_do_what_it_says(qtbot: QtBot, vault: Path) -> None:
    """Ctrl+N, Ctrl+1, Ctrl+, and Ctrl+L, pressed on the unlocked window."""
    window = open_window(qtbot, vault)
    unlock(qtbot, window)
    workspace = window.workspace
    assert workspace is not None
    press(qtbot, window, "Ctrl+N")
    assert workspace.stack.currentWidget() is workspace.intake
    press(qtbot, window, "Ctrl+1")
    assert workspace.stack.currentWidget() is workspace.case_list
    press(qtbot, window, "Ctrl+,")
    qtbot.waitUntil(lambda: bool(_open_settings(workspace)), timeout=5000)
    dialog = _open_settings(workspace)[0]
    titles = [title for title, _page in dialog.pages]
    assert len(titles) == 6, titles  # the six pages the Ctrl+, row names
    dialog.reject()
    with qtbot.waitSignal(window.vault_locked, timeout=15000):
        press(qtbot, window, "Ctrl+L")
    assert not window.is_unlocked()
    assert window.pages.currentWidget() is window.unlock_screen


def _open_settings(workspace: object) -> list[SettingsDialog]:
    return [
        d
        for d in workspace.findChildren(SettingsDialog)  # type: ignore[attr-defined]
        if d.isVisible()
    ]


def test_the_screen_lock_announced_on_d_bus_locks_the_vault(qtbot: QtBot, vault: Path) -> None:
    window = open_window(qtbot, vault)
    unlock(qtbot, window)
    assert window.screen_lock is not None
    assert window.screen_lock.available()  # scripts/test.sh runs a private D-Bus session
    with qtbot.waitSignal(window.vault_locked, timeout=15000):
        subprocess.run(
            [
                "dbus-send",
                "--session",
                "--type=signal",
                "/org/freedesktop/ScreenSaver",
                "org.freedesktop.ScreenSaver.ActiveChanged",
                "boolean:true",
            ],
            check=True,
        )
    assert not window.is_unlocked()


def test_an_idle_read_back_locks_three_minutes_after_the_screen_is_hidden(
    qtbot: QtBot, vault: Path
) -> None:
    window = open_window(qtbot, vault)
    unlock(qtbot, window)
    open_meeting(qtbot, window)
    press(qtbot, window, "F8")
    assert window.presenting
    assert window.idle is not None
    window.idle.idle.emit()  # the auto-lock time without input, during the read-back
    assert window.privacy_on()
    assert window.is_unlocked()
    assert window.read_back_lock.isActive()
    assert window.read_back_lock.interval() == 3 * 60 * 1000
    with qtbot.waitSignal(window.vault_locked, timeout=15000):
        window.lock()


def test_locking_clears_text_copied_in_the_app(qtbot: QtBot, vault: Path) -> None:
    window = open_window(qtbot, vault)
    context = unlock(qtbot, window)
    context.clipboard.copy("DR-2026-0001 Alex Example")
    board = QGuiApplication.clipboard()
    assert board.text() == "DR-2026-0001 Alex Example"
    with qtbot.waitSignal(window.vault_locked, timeout=15000):
        window.lock()
    assert board.text() == ""


def test_closing_the_window_saves_the_answer_typed_last(qtbot: QtBot, vault: Path) -> None:
    window = open_window(qtbot, vault)
    unlock(qtbot, window)
    meeting = open_meeting(qtbot, window)
    drive = Driver(qtbot, meeting)
    drive.page(Step.ACCOUNT).widgets[m.WHERE.key].clear()  # type: ignore[attr-defined]
    drive.type(Step.ACCOUNT, m.WHERE, WHERE)
    assert meeting._dirty  # still inside the pause before the autosave
    window.close()
    assert not window.isVisible()
    assert stored_where(vault) == WHERE


def test_the_default_folders_are_the_ones_the_readme_names(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The vault folder and the diagnostic log folder on Linux, macOS and Windows, as the app
    asks platformdirs for them (each platform's rules applied to the app's own call)."""
    from platformdirs import macos, unix, windows

    home = tmp_path / "home"
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv(ENV_HOME, raising=False)
    monkeypatch.delenv(diagnostics.ENV_LOG_DIR, raising=False)
    for variable in ("XDG_DATA_HOME", "XDG_STATE_HOME"):
        monkeypatch.delenv(variable, raising=False)
    local = r"C:\Users\officer\AppData\Local"
    monkeypatch.setenv("LOCALAPPDATA", local)
    monkeypatch.setattr(windows, "_RESOLVE_WIN_FOLDER", windows.get_win_folder_from_env_vars)
    expected = {
        unix.Unix: (
            home / ".local/share/triage-desktop",
            home / ".local/state/triage-desktop/log",
        ),
        macos.MacOS: (
            home / "Library/Application Support/triage-desktop",
            home / "Library/Logs/triage-desktop",
        ),
        windows.Windows: (
            PureWindowsPath(local + r"\triage-desktop"),
            PureWindowsPath(local + r"\triage-desktop\Logs"),
        ),
    }
    for platform, (data, log) in expected.items():
        monkeypatch.setattr(platformdirs, "PlatformDirs", platform)
        as_path = PureWindowsPath if platform is windows.Windows else Path
        assert as_path(str(vault_dir())) == data, platform
        assert as_path(str(diagnostics.log_folder())) == log, platform


def test_a_vault_command_reports_a_full_standard_output_in_one_line(tmp_path: Path) -> None:
    folder = create_vault_for_the_installed_command(tmp_path / "vault")
    with open("/dev/full", "wb") as full:
        result = subprocess.run(
            [str(ENTRY_POINT), "--vault", str(folder), "unlock-check", "--passphrase-file", "-"],
            input=f"{PASSPHRASE}\n".encode(),
            stdout=full,
            stderr=subprocess.PIPE,
            timeout=120,
            check=False,
        )
    assert result.returncode == 1
    assert result.stderr.decode().splitlines()[-1] == (
        "triage-desktop: error: output: cannot write to standard output (No space left on device)"
    )
    assert "Traceback" not in result.stderr.decode()
