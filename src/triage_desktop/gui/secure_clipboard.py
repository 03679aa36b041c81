"""Copy text so that it does not linger: cleared after 30 s, and only if it is still ours
(KeePassXC's rule: never wipe something the user copied since). Clipboard managers are asked
not to keep it in their history.

`install_secure_clipboard()` (called by `create_application`) makes this the only way text leaves
the app's widgets: a `CopyGuard` watches every text widget that takes the focus (line edits, text
areas and browsers, spin boxes and editable combo boxes, selectable labels, tables and lists) and
answers Copy and Cut -- the keys (Ctrl+C, Ctrl+X, Ctrl+Insert, Shift+Delete, whatever the
platform's standard keys are) and the context menu's Copy and Cut -- through `SecureClipboard`
instead of Qt's plain clipboard. Application-wide: no screen has to opt in.

Why not one event filter on the whole application: that would run Python for every event of
every widget (each paint, each mouse move), taking the interpreter lock from the workers each
time. The guard attaches itself only to widgets that can hold a selection, when they first take
the focus (a right click gives the focus too, before the context menu opens).
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, QMimeData, QObject, QPoint, QTimer
from PySide6.QtGui import QAction, QClipboard, QContextMenuEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

CLEAR_AFTER_MS = 30_000

# Hints that clipboard-history tools honour: KDE Klipper and others on Linux, and Windows' own
# clipboard history and cloud sync.
_NO_HISTORY_HINTS = {
    "x-kde-passwordManagerHint": b"secret",
    'application/x-qt-windows-mime;value="ExcludeClipboardContentFromMonitorProcessing"': b"1",
    'application/x-qt-windows-mime;value="CanIncludeInClipboardHistory"': b"\x00\x00\x00\x00",
    'application/x-qt-windows-mime;value="CanUploadToCloudClipboard"': b"\x00\x00\x00\x00",
}
NO_HISTORY_MIME = "x-kde-passwordManagerHint"
_WATCHED = "_triageCopyGuard"  # a dynamic property: this widget is already watched


class SecureClipboard(QObject):
    def __init__(self, clear_after_ms: int = CLEAR_AFTER_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ours: str | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(clear_after_ms)
        self._timer.timeout.connect(self.clear_if_ours)

    @property
    def clear_after_ms(self) -> int:
        return self._timer.interval()

    def set_clear_after_ms(self, milliseconds: int) -> None:
        """How long copied text stays (tests shorten it; the app keeps `CLEAR_AFTER_MS`)."""
        self._timer.setInterval(milliseconds)

    @staticmethod
    def _clipboard() -> QClipboard:
        return QGuiApplication.clipboard()

    def copy(self, text: str) -> None:
        if not text:
            return
        data = QMimeData()
        data.setText(text)
        for mime, value in _NO_HISTORY_HINTS.items():
            data.setData(mime, value)
        self._clipboard().setMimeData(data)
        self._ours = text
        self._timer.start()

    def clear_if_ours(self) -> bool:
        """Clear the clipboard if it still holds what we put there. Returns whether it did."""
        self._timer.stop()
        ours, self._ours = self._ours, None
        if ours is not None and self._clipboard().text() == ours:
            self._clipboard().clear()
            return True
        return False

    def pending(self) -> bool:
        return self._timer.isActive()


_installed: SecureClipboard | None = None


def install_secure_clipboard(clear_after_ms: int = CLEAR_AFTER_MS) -> SecureClipboard:
    """The application's one SecureClipboard, with its CopyGuard watching every text widget
    (installed once; later calls return the same object)."""
    global _installed  # noqa: PLW0603 - one per application, like QGuiApplication.clipboard()
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        raise RuntimeError("create the QApplication before the secure clipboard")
    if _installed is not None and shiboken6.isValid(_installed):
        return _installed
    clipboard = SecureClipboard(clear_after_ms, parent=app)
    clipboard.setObjectName("secureClipboard")
    guard = CopyGuard(clipboard, parent=clipboard)
    app.focusChanged.connect(guard.focus_changed)
    focused = app.focusWidget()
    if focused is not None:
        guard.watch(focused)
    _installed = clipboard
    return clipboard


def _selectable(label: QLabel) -> bool:
    """Whether the officer can select the label's text (by mouse or keyboard)."""
    from PySide6.QtCore import Qt  # not at import: Qt's enums cost ~40 ms of start-up

    return bool(
        label.textInteractionFlags()
        & (
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
    )


def _text_widget(widget: QObject) -> QWidget | None:
    """The widget whose selection a Copy in `widget` means (a spin box's or editable combo's
    own line edit, a text area for its viewport)."""
    if isinstance(widget, QAbstractSpinBox | QComboBox):
        return widget.findChild(QLineEdit)
    if isinstance(widget, QWidget):
        parent = widget.parentWidget()
        if isinstance(parent, QTextEdit | QPlainTextEdit) and parent.viewport() is widget:
            return parent
        if isinstance(parent, QAbstractItemView) and parent.viewport() is widget:
            return parent
        return widget
    return None


def _selected_text(widget: QWidget) -> str:
    if isinstance(widget, QLineEdit):
        if widget.echoMode() != QLineEdit.EchoMode.Normal:
            return ""  # a passphrase never leaves its field
        return widget.selectedText()
    if isinstance(widget, QTextEdit | QPlainTextEdit):
        return widget.textCursor().selection().toPlainText()
    if isinstance(widget, QLabel):
        return widget.selectedText()
    if isinstance(widget, QAbstractItemView):
        index = widget.currentIndex()
        value = index.data() if index.isValid() else None  # the display text
        return "" if value is None else str(value)
    return ""


def _can_cut(widget: QWidget) -> bool:
    if isinstance(widget, QLineEdit):
        return not widget.isReadOnly() and widget.echoMode() == QLineEdit.EchoMode.Normal
    if isinstance(widget, QTextEdit | QPlainTextEdit):
        return not widget.isReadOnly()
    return False


class CopyGuard(QObject):
    """Answers Copy and Cut in the widgets it watches through the SecureClipboard."""

    WATCHED_TYPES = (
        QLineEdit,
        QTextEdit,
        QPlainTextEdit,
        QAbstractSpinBox,
        QComboBox,
        QLabel,
        QAbstractItemView,
    )

    def __init__(self, clipboard: SecureClipboard, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.clipboard = clipboard

    def focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is not None:
            self.watch(new)

    def watch(self, widget: QWidget) -> None:
        if not isinstance(widget, self.WATCHED_TYPES) or widget.property(_WATCHED):
            return
        widget.setProperty(_WATCHED, True)
        widget.installEventFilter(self)
        # Context menus go to the widget under the pointer: a text area's viewport, a spin
        # box's or combo box's own line edit, which never take the focus themselves.
        if isinstance(widget, QTextEdit | QPlainTextEdit | QAbstractItemView):
            widget.viewport().installEventFilter(self)
        for inner in widget.findChildren(QLineEdit):
            if not inner.property(_WATCHED):
                inner.setProperty(_WATCHED, True)
                inner.installEventFilter(self)

    # -- the two ways in: keys and the context menu --------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.KeyPress:
            if event.matches(QKeySequence.StandardKey.Copy):  # type: ignore[attr-defined]
                return self.copy_from(watched)
            if event.matches(QKeySequence.StandardKey.Cut):  # type: ignore[attr-defined]
                return self.cut_from(watched)
        elif kind == QEvent.Type.ContextMenu and isinstance(event, QContextMenuEvent):
            return self._context_menu(watched, event)
        return False

    def copy_from(self, watched: QObject) -> bool:
        widget = _text_widget(watched)
        if widget is None:
            return False
        self.clipboard.copy(_selected_text(widget))
        return True  # handled: Qt's own copy (to the plain clipboard) never runs

    def cut_from(self, watched: QObject) -> bool:
        widget = _text_widget(watched)
        if widget is None:
            return False
        if not _can_cut(widget):
            return True  # a read-only field or a passphrase: nothing is cut or copied
        text = _selected_text(widget)
        if text:
            self.clipboard.copy(text)
            if isinstance(widget, QLineEdit):
                widget.del_()  # removes the selection as an edit (undo works, textEdited fires)
            elif isinstance(widget, QTextEdit | QPlainTextEdit):
                cursor = widget.textCursor()
                cursor.removeSelectedText()
                widget.setTextCursor(cursor)
        return True

    def _context_menu(self, watched: QObject, event: QContextMenuEvent) -> bool:
        widget = _text_widget(watched)
        menu = self._menu_for(widget, watched, event.pos())
        if menu is None or widget is None:
            return False
        target: QWidget = widget
        link = widget.anchorAt(event.pos()) if isinstance(widget, QTextEdit) else ""

        def copy() -> None:  # no parameters: `triggered` would pass `checked` into a default
            self.copy_from(target)

        def cut() -> None:
            self.cut_from(target)

        def copy_link() -> None:
            self.clipboard.copy(link)

        replacements = {"edit-copy": copy, "edit-cut": cut, "link-copy": copy_link}
        for action in menu.actions():
            chosen = replacements.get(action.objectName())
            if chosen is not None:
                self._replace(menu, action, chosen)
        menu.exec(event.globalPos())
        menu.deleteLater()
        return True

    def _menu_for(self, widget: QWidget | None, watched: QObject, position: QPoint) -> QMenu | None:
        """The widget's own standard menu (undo, paste, select all... as Qt builds it); for a
        label, whose standard menu Qt keeps private, a Copy / Select all menu of our own."""
        if isinstance(widget, QLineEdit):
            return widget.createStandardContextMenu()
        if isinstance(widget, QTextEdit | QPlainTextEdit):
            offset = QPoint(
                widget.horizontalScrollBar().value(), widget.verticalScrollBar().value()
            )
            inside = position + offset if watched is widget.viewport() else position
            return widget.createStandardContextMenu(inside)
        if isinstance(widget, QLabel) and _selectable(widget):
            menu = QMenu(widget)
            copy = menu.addAction("&Copy")
            copy.setObjectName("edit-copy")
            copy.setEnabled(widget.hasSelectedText())
            select_all = menu.addAction("Select &All")
            select_all.triggered.connect(lambda: widget.setSelection(0, len(widget.text())))
            return menu
        return None

    def _replace(self, menu: QMenu, original: QAction, copy: Callable[[], None]) -> None:
        """The same entry (words, shortcut, enabled), but copying through SecureClipboard."""
        ours = QAction(original.text(), menu)
        ours.setObjectName(original.objectName())
        ours.setEnabled(original.isEnabled())
        ours.triggered.connect(copy)
        menu.insertAction(original, ours)
        menu.removeAction(original)
