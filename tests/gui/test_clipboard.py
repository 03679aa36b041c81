"""Every copy in the app goes through the self-clearing clipboard: Ctrl+C, Ctrl+X and the context
menu's Copy and Cut, in every kind of text widget the screens use, checked on the real
QClipboard. Copied case text is gone after the delay; what the officer copied since is left.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent, QGuiApplication
from PySide6.QtWidgets import QApplication, QLineEdit, QMenu, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from tests.support.typing import type_text
from tests.support.vaults import details
from triage_desktop.gui.app import create_application
from triage_desktop.gui.cases.case_view import CaseView
from triage_desktop.gui.cases.intake import IntakeForm
from triage_desktop.gui.context import AppContext
from triage_desktop.gui.secure_clipboard import (
    CLEAR_AFTER_MS,
    NO_HISTORY_MIME,
    SecureClipboard,
    install_secure_clipboard,
)

NAME = "Zoë Ångström-Nuñez"
SHORT_MS = 300


@pytest.fixture
def clipboard(gui_context: AppContext) -> Iterator[SecureClipboard]:
    """The app's own SecureClipboard with a short delay (restored afterwards)."""
    secure = gui_context.clipboard
    secure.set_clear_after_ms(SHORT_MS)
    QGuiApplication.clipboard().clear()
    yield secure
    secure.set_clear_after_ms(CLEAR_AFTER_MS)
    secure.clear_if_ours()
    QGuiApplication.clipboard().clear()


def shown(qtbot: QtBot, widget: QWidget) -> QWidget:
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow, timeout=5000)
    return widget


def intake(qtbot: QtBot, context: AppContext) -> IntakeForm:
    form = IntakeForm(context)
    shown(qtbot, form)
    qtbot.waitUntil(lambda: form.behaviour_list.count() > 5, timeout=10000)
    return form


def focus_by_click(qtbot: QtBot, widget: QWidget, focused: QWidget | None = None) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
    expected = focused or widget
    qtbot.waitUntil(lambda: QApplication.focusWidget() is expected, timeout=2000)


def marked() -> bool:
    data = QGuiApplication.clipboard().mimeData()
    return data is not None and data.data(NO_HISTORY_MIME).data() == b"secret"


def choose_from_context_menu(qtbot: QtBot, widget: QWidget, entry: str, at: QPoint) -> None:
    """Right-click `widget` and pick `entry` ("edit-copy", "edit-cut") in the menu that opens."""
    picked: list[str] = []

    def pick() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        action = next(a for a in menu.actions() if a.objectName() == entry)
        picked.append(action.text())
        menu.setActiveAction(action)
        qtbot.keyClick(menu, Qt.Key.Key_Return)

    def when_open(attempts: int = 50) -> None:
        if isinstance(QApplication.activePopupWidget(), QMenu):
            pick()
        elif attempts:
            QTimer.singleShot(20, lambda: when_open(attempts - 1))

    QTimer.singleShot(20, when_open)
    # What a right click makes Qt send to the widget under the pointer (QTest's clicks go to
    # the widget directly and never make one).
    qtbot.mousePress(widget, Qt.MouseButton.RightButton, pos=at)
    menu_event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, at, widget.mapToGlobal(at))
    QApplication.sendEvent(widget, menu_event)
    qtbot.mouseRelease(widget, Qt.MouseButton.RightButton, pos=at)
    qtbot.waitUntil(lambda: bool(picked), timeout=3000)


def test_the_delay_is_30_seconds_unless_a_test_shortens_it() -> None:
    create_application()
    secure = install_secure_clipboard()
    assert CLEAR_AFTER_MS == 30_000
    assert secure.clear_after_ms == 30_000
    assert install_secure_clipboard() is secure  # one for the whole application
    assert QApplication.instance().findChild(SecureClipboard, "secureClipboard") is secure


def test_ctrl_c_in_the_intake_form_copies_case_text_that_is_gone_after_the_delay(
    qtbot: QtBot, gui_context: AppContext, clipboard: SecureClipboard
) -> None:
    form = intake(qtbot, gui_context)
    focus_by_click(qtbot, form.reporter_name)
    type_text(form.reporter_name, NAME)
    form.reporter_name.selectAll()
    qtbot.keyClick(form.reporter_name, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    board = QGuiApplication.clipboard()
    assert board.text() == NAME
    assert marked()  # kept out of clipboard history
    assert clipboard.pending()
    qtbot.waitUntil(lambda: board.text() == "", timeout=SHORT_MS * 10)


def test_text_copied_elsewhere_since_is_left_alone(
    qtbot: QtBot, gui_context: AppContext, clipboard: SecureClipboard
) -> None:
    form = intake(qtbot, gui_context)
    focus_by_click(qtbot, form.reporter_name)
    type_text(form.reporter_name, "Alex Example")
    form.reporter_name.selectAll()
    qtbot.keyClick(form.reporter_name, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    board = QGuiApplication.clipboard()
    assert board.text() == "Alex Example"
    board.setText("a timetable the officer copied from their browser")
    qtbot.waitUntil(lambda: not clipboard.pending(), timeout=SHORT_MS * 10)
    assert board.text() == "a timetable the officer copied from their browser"


def test_cut_removes_the_text_and_copies_it_through_the_secure_clipboard(
    qtbot: QtBot, gui_context: AppContext, clipboard: SecureClipboard
) -> None:
    form = intake(qtbot, gui_context)
    edit = form.description_edit
    focus_by_click(qtbot, edit)
    type_text(edit, "keep this. cut this")
    cursor = edit.textCursor()
    cursor.setPosition(len("keep this. "))
    cursor.setPosition(len("keep this. cut this"), cursor.MoveMode.KeepAnchor)
    edit.setTextCursor(cursor)
    qtbot.keyClick(edit, Qt.Key.Key_X, Qt.KeyboardModifier.ControlModifier)
    assert edit.toPlainText() == "keep this. "
    assert QGuiApplication.clipboard().text() == "cut this"
    assert marked()
    qtbot.keyClick(edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert edit.toPlainText() == "keep this. cut this"  # a cut is an ordinary, undoable edit
    qtbot.waitUntil(lambda: QGuiApplication.clipboard().text() == "", timeout=SHORT_MS * 10)


@pytest.mark.parametrize("entry", ["edit-copy", "edit-cut"])
def test_the_context_menu_copies_and_cuts_through_the_secure_clipboard(
    qtbot: QtBot, gui_context: AppContext, clipboard: SecureClipboard, entry: str
) -> None:
    form = intake(qtbot, gui_context)
    for widget in (form.reporter_name, form.description_edit):
        target_focus = widget
        focus_by_click(
            qtbot, widget.viewport() if isinstance(widget, QPlainTextEdit) else widget, target_focus
        )
        type_text(widget, "Sam Example")
        widget.selectAll()
        target = widget.viewport() if isinstance(widget, QPlainTextEdit) else widget
        choose_from_context_menu(qtbot, target, entry, QPoint(10, 10))
        assert QGuiApplication.clipboard().text() == "Sam Example"
        assert marked()
        text = widget.text() if isinstance(widget, QLineEdit) else widget.toPlainText()
        assert text == ("" if entry == "edit-cut" else "Sam Example")
        QGuiApplication.clipboard().clear()


def test_read_only_case_details_copy_through_the_secure_clipboard(
    qtbot: QtBot, gui_context: AppContext, clipboard: SecureClipboard
) -> None:
    case = gui_context.service.create_case(details(reporter=NAME))
    view = CaseView(gui_context)
    shown(qtbot, view)
    with qtbot.waitSignal(view.shown, timeout=10000):
        view.show_case(case.id)
    browser = view.details
    focus_by_click(qtbot, browser.viewport(), focused=browser)
    browser.selectAll()
    qtbot.keyClick(browser, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert NAME in QGuiApplication.clipboard().text()
    assert marked()
    QGuiApplication.clipboard().clear()
    choose_from_context_menu(qtbot, browser.viewport(), "edit-copy", QPoint(20, 20))
    assert NAME in QGuiApplication.clipboard().text()
    assert marked()
    qtbot.waitUntil(lambda: QGuiApplication.clipboard().text() == "", timeout=SHORT_MS * 10)


def test_a_passphrase_is_never_copied(qtbot: QtBot, clipboard: SecureClipboard) -> None:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    shown(qtbot, field)
    focus_by_click(qtbot, field)
    type_text(field, "maple lantern quietly orbit")
    field.selectAll()
    QGuiApplication.clipboard().setText("before")
    for key in (Qt.Key.Key_C, Qt.Key.Key_X):
        qtbot.keyClick(field, key, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "before"
    assert field.text() == "maple lantern quietly orbit"


def test_every_field_the_tab_key_reaches_in_the_intake_form_copies_securely(
    qtbot: QtBot, gui_context: AppContext, clipboard: SecureClipboard
) -> None:
    """Not one widget at a time: every text field the officer can reach copies through it."""
    form = intake(qtbot, gui_context)
    focus_by_click(qtbot, form.reporter_name)
    reached: list[QWidget] = []
    for _ in range(80):
        widget = QApplication.focusWidget()
        if widget is None or widget in reached:
            break
        reached.append(widget)
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    text_fields = [w for w in reached if isinstance(w, QLineEdit | QPlainTextEdit)]
    assert len(text_fields) >= 8, [w.accessibleName() for w in reached]
    board = QGuiApplication.clipboard()
    for number, field in enumerate(text_fields):
        words = f"Field {number} — 张伟"
        if isinstance(field, QLineEdit):
            field.setText(words)
        else:
            field.setPlainText(words)
        field.selectAll()
        board.setText("not yet")
        qtbot.keyClick(field, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
        assert board.text() == words, field.accessibleName()
        assert marked(), field.accessibleName()


def test_a_selectable_label_copies_through_the_secure_clipboard(
    qtbot: QtBot, gui_context: AppContext, clipboard: SecureClipboard, tmp_path: Path
) -> None:
    from PySide6.QtCore import QSettings

    from triage_desktop.gui.settings import SettingsDialog

    preferences = QSettings(str(tmp_path / "preferences.ini"), QSettings.Format.IniFormat)
    dialog = SettingsDialog(gui_context, preferences=preferences)
    with qtbot.waitSignal(dialog.loaded, timeout=10000):
        shown(qtbot, dialog)
    label = dialog.security.ui.keychainValue
    focus_by_click(qtbot, label)
    label.setSelection(0, len(label.text()))
    qtbot.keyClick(label, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == label.text()
    assert marked()
    QGuiApplication.clipboard().clear()
    choose_from_context_menu(qtbot, label, "edit-copy", QPoint(5, 5))
    assert QGuiApplication.clipboard().text() == label.text()
    assert marked()


def test_no_label_is_selectable_by_mouse_alone(
    qtbot: QtBot, gui_context: AppContext, tmp_path: Path
) -> None:
    """A label selectable only by mouse never takes the focus, so no guard could see its
    context menu's Copy: every selectable label must be keyboard-selectable too (which is
    also what keyboard users need). Walks the settings dialog, the case screens and the
    import dialog."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QLabel

    from triage_desktop.gui.reports_import.dialog import ImportReportsDialog
    from triage_desktop.gui.settings import SettingsDialog

    preferences = QSettings(str(tmp_path / "preferences.ini"), QSettings.Format.IniFormat)
    roots: list[QWidget] = [
        SettingsDialog(gui_context, preferences=preferences),
        IntakeForm(gui_context),
        CaseView(gui_context),
        ImportReportsDialog(gui_context),
    ]
    mouse = Qt.TextInteractionFlag.TextSelectableByMouse
    keyboard = Qt.TextInteractionFlag.TextSelectableByKeyboard
    for root in roots:
        qtbot.addWidget(root)
        for label in root.findChildren(QLabel):
            flags = label.textInteractionFlags()
            if flags & mouse:
                assert flags & keyboard, f"{type(root).__name__}: {label.objectName()}"
