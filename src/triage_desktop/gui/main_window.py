"""The main window: first-run setup or unlock, then the workspace; locking tears the workspace
down so no widget keeps case data.

The window title is always just the app name: case data never reaches the title, the taskbar or
the window switcher. The vault service loads only after the first window is on screen.

Locking (Ctrl+L, the idle timer, the OS screen lock) never waits on the GUI thread: the workspace
leaves the screen at once, its dialogs are closed (not deleted behind Qt's back: KeePassXC's
DatabaseWidget::lock does the same), every screen clears itself, and the vault closes when the
queue of work has drained. If a last save failed, the vault stays open behind `LockHeldPage`,
which says so: nothing typed is lost without the officer choosing it.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QToolBar, QVBoxLayout, QWidget

from triage_desktop import APP_NAME
from triage_desktop.gui.look import app_icon, make_heading
from triage_desktop.gui.notices import NoticeBar
from triage_desktop.gui.privacy import PRIVACY_KEY, PrivacyCurtain
from triage_desktop.gui.unlock_screen import RECOVERY_KEY, UnlockScreen
from triage_desktop.paths import vault_dir, vault_is_set_up

READ_BACK_GRACE_MS = 3 * 60 * 1000
DIALOG_UNWIND_MS = 50  # a closed modal dialog returns from its exec() before the teardown
LOCKING_MESSAGE = "Locking: saving your last changes…"
UNLOCK_SCREEN_WARM_UP_MS = 1000  # after the first window; the officer is typing by then

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent

    from triage_desktop.gui.about import AboutDialog
    from triage_desktop.gui.context import AppContext
    from triage_desktop.gui.idle import IdleWatcher
    from triage_desktop.gui.lock_held import LockHeldPage
    from triage_desktop.gui.setup_flow import SetupFlow
    from triage_desktop.gui.workspace import Workspace


class MainWindow(QMainWindow):
    vault_unlocked = Signal()
    vault_locked = Signal()

    def __init__(
        self, vault: str | None = None, parent: QWidget | None = None, kdf: Any = None
    ) -> None:
        super().__init__(parent)
        self._vault = vault
        self.vault_folder: Path = vault_dir(vault)
        self._kdf = kdf  # tests pass cheap key-derivation parameters for new vaults
        self.context: AppContext | None = None
        self.setup_flow: SetupFlow | None = None
        self.workspace: Workspace | None = None
        self.idle: IdleWatcher | None = None
        self.presenting = False  # the reporter view fills the screen: a closed room
        self._resume_meeting: int | None = None  # reopened after the next unlock (memory only)
        self._lock_generation = 0  # a finished or abandoned lock's callbacks do nothing
        self._lock_started = 0.0
        self.lock_held: LockHeldPage | None = None
        # In the reporter view the officer is in the room: idleness hides the screen first and
        # locks only after this grace period, so a read-back is never cut off by the lock.
        self.read_back_lock = QTimer(self)
        self.read_back_lock.setSingleShot(True)
        self.read_back_lock.setInterval(READ_BACK_GRACE_MS)
        self.read_back_lock.timeout.connect(self.lock)
        self.setWindowTitle(APP_NAME)
        self.setAccessibleName(f"{APP_NAME} main window")
        self.setObjectName("MainWindow")
        self.resize(1280, 800)

        # screens: the real content (the notice area above the pages), or the privacy curtain
        # in its place.
        self.screens = QStackedWidget(self)
        self.setCentralWidget(self.screens)
        self.content = QWidget(self.screens)
        column = QVBoxLayout(self.content)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        self.notices = NoticeBar(self.content)
        self.pages = QStackedWidget(self.content)
        self.pages.setObjectName("pages")
        column.addWidget(self.notices)
        column.addWidget(self.pages, 1)
        self.curtain = PrivacyCurtain(self.screens)
        self.screens.addWidget(self.content)
        self.screens.addWidget(self.curtain)
        self.unlock_screen = UnlockScreen(self.pages)
        self.pages.addWidget(self.unlock_screen)
        self.unlock_screen.unlock_requested.connect(self._unlock)

        self._build_actions()
        if vault_is_set_up(self.vault_folder):
            self.pages.setCurrentWidget(self.unlock_screen)
            self.unlock_screen.ui.secretEdit.setFocus()
            # While the officer types the passphrase: what the workspace needs first, then the
            # one collection-and-freeze (gui/workspace_warm_up.py), which on the unlock worker
            # held the interpreter lock for ~40 ms as the list was being drawn.
            QTimer.singleShot(UNLOCK_SCREEN_WARM_UP_MS, _warm_up_while_locked)
        else:
            # First run: a calm page for the first frame; the setup flow needs the vault
            # service, which loads after first paint.
            self.empty_state = self._build_empty_state()
            self.pages.addWidget(self.empty_state)
            self.pages.setCurrentWidget(self.empty_state)
            QTimer.singleShot(0, self._begin_setup)

    # -- actions ------------------------------------------------------------------------------

    def _action(self, text: str, shortcut: str | QKeySequence, tip: str) -> QAction:
        action = QAction(text, self)
        sequence = QKeySequence(shortcut)
        # setShortcuts([...]) rather than setShortcut(): PySide's overload resolution for the
        # latter costs ~15 ms on first use, before the first window.
        action.setShortcuts([sequence])
        action.setToolTip(f"{tip} ({sequence.toString()})")
        self.addAction(action)  # window-wide, even with menus and toolbars hidden
        return action

    def _build_actions(self) -> None:
        self.about_action = self._action("&About Triage Desk", "F1", "About Triage Desk")
        self.about_action.triggered.connect(self.show_about)
        self.quit_action = self._action("&Quit", "Ctrl+Q", "Quit")
        self.quit_action.triggered.connect(self.close)
        self.privacy_action = self._action("&Hide screen", PRIVACY_KEY, "Hide everything at once")
        self.privacy_action.setCheckable(True)
        self.privacy_action.toggled.connect(self.set_privacy)
        self.lock_action = self._action("&Lock vault", "Ctrl+L", "Lock the vault now")
        self.lock_action.triggered.connect(self.lock)
        self.lock_action.setEnabled(False)
        self.import_action = self._action("&Import reports…", "Ctrl+I", "Import reports")
        self.import_action.triggered.connect(
            lambda: self.workspace and self.workspace.import_reports()
        )
        self.import_action.setEnabled(False)  # only while unlocked, like Lock

        file_menu = self.menuBar().addMenu("&File")
        file_menu.addAction(self.import_action)
        file_menu.addAction(self.lock_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        view_menu = self.menuBar().addMenu("&View")
        view_menu.addAction(self.privacy_action)
        help_menu = self.menuBar().addMenu("&Help")
        help_menu.addAction(self.about_action)

        self.toolbar = QToolBar("Main", self)
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setAccessibleName("Main toolbar")
        self.toolbar.setMovable(False)
        self.toolbar.addAction(self.lock_action)
        self.toolbar.addAction(self.privacy_action)
        self.addToolBar(self.toolbar)

    # -- first run ----------------------------------------------------------------------------

    def _ensure_context(self) -> AppContext:
        if self.context is None:
            from triage_desktop.gui.context import AppContext

            context = AppContext(self.vault_folder, parent=self)
            context.failed.connect(self.notices.show_failure)
            context.resolved.connect(self.notices.withdraw)
            context.settings_changed.connect(self._apply_settings)
            self.context = context
        return self.context

    def _begin_setup(self) -> None:
        if self.setup_flow is not None or vault_is_set_up(self.vault_folder):
            return
        from triage_desktop.gui.setup_flow import SetupFlow
        from triage_desktop.gui.workspace_warm_up import vault_opening

        vault_opening()
        self.setup_flow = SetupFlow(self._ensure_context(), self.pages, kdf=self._kdf)
        self.pages.addWidget(self.setup_flow)
        self.pages.setCurrentWidget(self.setup_flow)
        self.setup_flow.finished.connect(self._setup_finished)
        self.setup_flow.name_edit.setFocus()

    def _setup_finished(self) -> None:
        flow, self.setup_flow = self.setup_flow, None
        if flow is not None:
            self.pages.removeWidget(flow)
            flow.deleteLater()
        self._enter_workspace()

    # -- unlock and lock ----------------------------------------------------------------------

    def _unlock(self, mode: str, secret: str) -> None:
        from triage_desktop.gui.workspace_warm_up import vault_opening

        vault_opening()  # case data may be in memory from now on (see freeze_long_lived_objects)
        context = self._ensure_context()

        def unlock(service: Any) -> None:
            from triage_desktop import diagnostics

            started = time.perf_counter()
            if mode == RECOVERY_KEY:
                service.unlock_with_recovery_key(secret)
            else:
                service.unlock(secret)
            _warm_up_workspace()
            diagnostics.record_timing("unlock", time.perf_counter() - started)

        context.run(
            unlock, lambda _result: self._enter_workspace(), self._unlock_failed, owner=self
        )

    def _unlock_failed(self, error: BaseException) -> None:
        from triage_desktop.gui.context import describe_error
        from triage_desktop.services.errors import UnlockThrottled, WrongPassphrase

        self.unlock_screen.set_busy(False)
        if isinstance(error, WrongPassphrase):
            self.unlock_screen.show_error(
                "That passphrase does not open this vault.", error.retry_after
            )
        elif isinstance(error, UnlockThrottled):
            self.unlock_screen.show_error("Too many failed attempts.", error.retry_after)
        else:
            self.unlock_screen.show_error(describe_error(error))

    def _enter_workspace(self) -> None:
        from triage_desktop.gui.idle import IdleWatcher
        from triage_desktop.gui.screen_lock import ScreenLockListener
        from triage_desktop.gui.workspace import Workspace

        context = self._ensure_context()
        self.unlock_screen.reset()
        self.workspace = Workspace(context, self, self.pages)
        self.workspace.restore_requested.connect(self.begin_restore)
        self.workspace.presentation_changed.connect(self.set_presentation)
        self.pages.addWidget(self.workspace)
        self.pages.setCurrentWidget(self.workspace)
        self.lock_action.setEnabled(True)
        self.import_action.setEnabled(True)
        if self.idle is None:
            from triage_desktop.services.settings import DEFAULT_AUTO_LOCK_MINUTES

            # Until the vault's own setting arrives (settings_changed), the default applies.
            self.idle = IdleWatcher(DEFAULT_AUTO_LOCK_MINUTES * 60 * 1000, self)
            self.idle.idle.connect(self._idle)
            self.screen_lock = ScreenLockListener(self)
            self.screen_lock.screen_locked.connect(self.lock)
        self.idle.start()
        context.load_settings()  # settings_changed follows: the idle lock, every screen
        context.unlocked.emit()
        resume, self._resume_meeting = self._resume_meeting, None
        if resume is not None:  # back to the meeting (and its step) the lock interrupted
            self.workspace.open_meeting(resume)
        self.vault_unlocked.emit()

    def _apply_settings(self, settings: Any) -> None:
        if self.idle is not None and self.workspace is not None:
            self.idle.set_timeout(int(settings.auto_lock_minutes) * 60 * 1000)
            self.idle.start()

    def is_unlocked(self) -> bool:
        return self.workspace is not None

    def lock(self) -> None:
        """Hide the workspace now and clear every widget that held case data; the database
        closes and the key is forgotten once queued work (the last saves) has drained.
        `vault_locked` says when it is done."""
        if self.workspace is None or self.context is None or self.context.locking:
            return
        context, workspace = self.context, self.workspace
        self._lock_generation += 1
        self._lock_started = time.perf_counter()
        if self.idle is not None:
            self.idle.stop()
        self.read_back_lock.stop()
        self._resume_meeting = workspace.open_meeting_case()
        self.set_presentation(False)
        closed_dialogs = workspace.close_dialogs()
        workspace.dispose()  # its actions (Ctrl+N, Ctrl+1, Settings) leave the window
        self.lock_action.setEnabled(False)
        self.import_action.setEnabled(False)
        self.pages.setCurrentWidget(self.unlock_screen)  # the workspace is off the screen now
        self.unlock_screen.set_busy(True)
        self.unlock_screen.show_error(LOCKING_MESSAGE)
        context.begin_lock()  # models and views clear themselves; the meeting queues its save
        generation = self._lock_generation
        if closed_dialogs:  # let a closed modal dialog return from its exec() first
            QTimer.singleShot(DIALOG_UNWIND_MS, lambda: self._finish_when_idle(generation))
        else:
            self._finish_when_idle(generation)

    def _finish_when_idle(self, generation: int) -> None:
        if self.context is not None:
            self.context.when_idle(lambda: self._finish_lock(generation))

    def _finish_lock(self, generation: int) -> None:
        """The queue has drained: tear the workspace down and close the vault, unless a last
        save failed (then say so and keep the vault open, so nothing typed is lost)."""
        context, workspace = self.context, self.workspace
        if generation != self._lock_generation or context is None or workspace is None:
            return
        if context.unsaved():
            self._hold_lock()
            return
        if workspace.has_open_dialog():  # one we closed is still returning from its exec()
            QTimer.singleShot(DIALOG_UNWIND_MS, lambda: self._finish_lock(generation))
            return
        self._tear_down_workspace()
        self._lock_generation += 1
        context.tasks.run(
            lambda: _close_vault(context.service), lambda _done: self._locked(), self._locked
        )

    def _finish_lock_now(self) -> None:
        """The same, here and now (the window is closing: the app ends, so waiting is fine)."""
        context = self.context
        if context is None or self.workspace is None:
            return
        context.tasks.drain()
        if context.unsaved():
            self._hold_lock()
            return
        self._tear_down_workspace()
        self._lock_generation += 1
        _close_vault(context.service)
        self._locked()

    def _tear_down_workspace(self) -> None:
        workspace, self.workspace = self.workspace, None
        if workspace is None or self.context is None:
            return
        if self.lock_held is not None:
            self.lock_held.stop()
        self.pages.setCurrentWidget(self.unlock_screen)
        self.pages.removeWidget(workspace)
        # Deleted now, not with deleteLater(): its dialogs are closed and have returned, and a
        # deferred delete once double-freed a widget when a lock came from a nested event loop.
        # Work still queued for its widgets is dropped (AppContext.run's owner check).
        shiboken6.delete(workspace)
        self.context.clipboard.clear_if_ours()

    def _locked(self, error: BaseException | None = None) -> None:
        from triage_desktop import diagnostics

        context = self.context
        if context is None:
            return
        context.end_lock()
        self.notices.clear()  # what they said was about the session that ended
        self.notices.set_suppressed(False)
        self.unlock_screen.reset()
        self.pages.setCurrentWidget(self.unlock_screen)
        if error is not None:
            context.report_failure(error, what="Closing the vault")
        diagnostics.record_timing("lock", time.perf_counter() - self._lock_started)
        self.vault_locked.emit()

    def _hold_lock(self) -> None:
        from triage_desktop.gui.lock_held import LockHeldPage

        context = self.context
        if context is None:
            return
        if self.lock_held is None:
            self.lock_held = LockHeldPage(self.pages)
            self.pages.addWidget(self.lock_held)
            self.lock_held.retry_requested.connect(self._retry_held_lock)
            self.lock_held.discard_confirmed.connect(self._discard_and_lock)
        self.lock_held.show_unsaved(context.unsaved())
        self.pages.setCurrentWidget(self.lock_held)
        self.notices.set_suppressed(True)  # the page says it all

    def _retry_held_lock(self) -> None:
        context = self.context
        if context is None or self.lock_held is None or not context.unsaved():
            return
        self.lock_held.set_busy(True)
        context.retry_unsaved()
        self._finish_when_idle(self._lock_generation)

    def _discard_and_lock(self) -> None:
        if self.context is not None:
            self.context.discard_unsaved()
            self._finish_when_idle(self._lock_generation)

    def begin_restore(self, source: Path) -> None:
        """Lock (clearing everything), then restore the backup; afterwards, unlock as usual."""
        if self.context is None:
            return
        if self.workspace is None and not self.context.locking:
            self._show_restore(Path(source))
            return

        def locked() -> None:
            self.vault_locked.disconnect(locked)
            self._show_restore(Path(source))

        self.vault_locked.connect(locked)
        self.lock()

    def _show_restore(self, source: Path) -> None:
        from triage_desktop.gui.settings.restore import RestoreDialog

        if self.context is None:
            return
        dialog = RestoreDialog(self.context, source, self)
        dialog.restored.connect(self._restored)
        dialog.open()

    def _restored(self, safety_copy: object) -> None:
        kept = f" The vault you had before is kept in {safety_copy}." if safety_copy else ""
        self.unlock_screen.show_error(f"The backup was restored.{kept} Unlock it to carry on.")

    # -- privacy and presentation -------------------------------------------------------------

    def privacy_on(self) -> bool:
        return self.screens.currentWidget() is self.curtain

    def set_privacy(self, hidden: bool) -> None:
        """Swap the content for the curtain (or back). Menus go too: they can name a case."""
        self.screens.setCurrentWidget(self.curtain if hidden else self.content)
        self.content.setVisible(not hidden)
        self._show_chrome(not hidden and not self.presenting)
        if self.privacy_action.isChecked() != hidden:
            self.privacy_action.setChecked(hidden)
        if not hidden:
            self.read_back_lock.stop()

    def _show_chrome(self, shown: bool) -> None:
        self.menuBar().setVisible(shown)
        for toolbar in self.findChildren(QToolBar):
            toolbar.setVisible(shown)

    def set_presentation(self, on: bool) -> None:
        """The reporter view as a closed room: full screen, no menu, no toolbar, and no shortcut
        that leads anywhere else. Only the meeting's F8 (or Escape), F12 and locking still work."""
        if on == self.presenting:
            return
        self.presenting = on
        for action in self.actions():
            if action not in (self.privacy_action, self.lock_action):
                action.setEnabled(not on)
        if not on and self.workspace is None:
            self.lock_action.setEnabled(False)
        self._show_chrome(not on and not self.privacy_on())
        self.notices.set_suppressed(on)  # the reporter's screen shows none of the officer's
        if on:
            self._window_state = self.windowState()
            self.showFullScreen()
        else:
            # Imported here: the Qt enum namespace costs ~40 ms of start-up (benchmarks/startup.py).
            from PySide6.QtCore import Qt

            self.setWindowState(getattr(self, "_window_state", Qt.WindowState.WindowNoState))

    def _idle(self) -> None:
        """Idle in the reporter view: hide the screen now, lock after the grace period."""
        if self.presenting:
            self.set_privacy(True)
            self.read_back_lock.start()
            return
        self.lock()

    # -- misc ---------------------------------------------------------------------------------

    def _build_empty_state(self) -> QWidget:
        from triage_desktop.gui.generated.ui_empty_state import Ui_EmptyState

        page = QWidget(self)
        form = Ui_EmptyState()
        form.setupUi(page)
        form.iconLabel.setPixmap(app_icon().pixmap(96, 96))
        make_heading(form.headingLabel)
        return page

    def show_about(self) -> AboutDialog:
        from triage_desktop.gui.about import AboutDialog  # not needed before the first window

        dialog = AboutDialog(self, vault=self._vault)
        dialog.open()
        return dialog

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing locks first and waits for the last saves (the app is ending). If one failed,
        the window stays open on the page that says so."""
        context = self.context
        if context is not None and self.workspace is not None:
            self.lock()
            self._finish_lock_now()
            if self.workspace is not None:
                event.ignore()
                return
        if context is not None:
            context.tasks.wait_all()
        super().closeEvent(event)


def _warm_up_workspace() -> None:
    """On the unlock worker: import the workspace's modules and load the calendar, so building
    the workspace on the GUI thread afterwards only creates widgets (no stall over 50 ms).
    Usually done already, while the unlock screen waited (UNLOCK_SCREEN_WARM_UP_MS)."""
    from triage_desktop.gui.workspace_warm_up import freeze_long_lived_objects, load_workspace

    load_workspace()
    freeze_long_lived_objects()


def _warm_up_while_locked() -> None:
    from triage_desktop.gui import warm_up
    from triage_desktop.gui.workspace_warm_up import BEFORE_FIRST_UNLOCK

    warm_up.start(BEFORE_FIRST_UNLOCK)


def _close_vault(service: Any) -> None:
    """Close the database and forget the keys, then let the collector free what the torn-down
    screens held (on a worker: neither waits on the GUI thread)."""
    import gc

    service.lock()
    gc.collect()
