"""The app shell: main window, About dialog, and a screenshot that must not be blank."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from tests.support.images import distinct_colours
from triage_desktop import APP_NAME, __version__
from triage_desktop.gui.about import AboutDialog
from triage_desktop.gui.app import create_application
from triage_desktop.gui.main_window import MainWindow


def make_window(qtbot: QtBot, vault: str) -> MainWindow:
    create_application()
    window = MainWindow(vault=vault)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_main_window_title_is_only_the_app_name(qtbot: QtBot, tmp_path: Path) -> None:
    window = make_window(qtbot, str(tmp_path / "vault"))
    assert window.windowTitle() == APP_NAME
    heading = window.empty_state.findChild(QLabel, "headingLabel")
    assert "Nothing is open" in heading.text()


def test_about_dialog_names_version_licence_and_data_folder(qtbot: QtBot, tmp_path: Path) -> None:
    window = make_window(qtbot, vault=str(tmp_path / "my-vault"))
    dialog = window.show_about()
    qtbot.addWidget(dialog)
    qtbot.waitExposed(dialog)
    assert __version__ in dialog.version_label.text()
    assert "GPL-3.0-or-later" in dialog.licence_label.text()
    assert str(tmp_path / "my-vault") in dialog.data_label.text()
    dialog.close()


def test_about_opens_from_the_keyboard(qtbot: QtBot, tmp_path: Path) -> None:
    window = make_window(qtbot, str(tmp_path / "vault"))
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    shortcut = window.about_action.shortcut()
    assert not shortcut.isEmpty()
    qtbot.keyClick(window, shortcut[0].key(), shortcut[0].keyboardModifiers())
    opened = window.findChildren(AboutDialog)
    assert len(opened) == 1
    assert opened[0].isVisible()
    opened[0].close()


def test_window_grab_is_not_blank(qtbot: QtBot, screenshot_dir: Path, tmp_path: Path) -> None:
    window = make_window(qtbot, str(tmp_path / "vault"))
    window.resize(1280, 800)
    image = window.grab().toImage()
    assert (image.width(), image.height()) == (1280, 800)
    path = screenshot_dir / "main-window-first-run.png"
    assert image.save(str(path))
    # An empty grab is one flat colour; the shell has text, an icon and a menu bar.
    assert distinct_colours(image) > 20


def test_privacy_key_hides_everything_and_brings_it_back(
    qtbot: QtBot, screenshot_dir: Path, tmp_path: Path
) -> None:
    window = make_window(qtbot, str(tmp_path / "vault"))
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    before = window.grab().toImage()
    qtbot.keyClick(window, Qt.Key.Key_F12)
    assert window.privacy_on()
    assert not window.pages.isVisible()
    assert not window.menuBar().isVisible()
    hidden = window.grab().toImage()
    hidden.save(str(screenshot_dir / "privacy-screen.png"))
    assert distinct_colours(hidden) < distinct_colours(before)
    # the content is swapped out, so nothing of it is reachable while the curtain is down
    assert not window.empty_state.isVisible()
    qtbot.keyClick(window.curtain, Qt.Key.Key_F12)
    assert not window.privacy_on()
    assert window.pages.isVisible()
    assert window.menuBar().isVisible()


def test_dark_and_light_palettes_apply(qtbot: QtBot) -> None:
    from triage_desktop.gui.palettes import apply_palette

    app = create_application()
    assert apply_palette(app, "dark") == "dark"
    dark_window = app.palette().color(app.palette().ColorRole.Window).lightness()
    assert apply_palette(app, "light") == "light"
    light_window = app.palette().color(app.palette().ColorRole.Window).lightness()
    assert dark_window < 80
    assert light_window > 200
    assert apply_palette(app, "system") in {"light", "dark"}
