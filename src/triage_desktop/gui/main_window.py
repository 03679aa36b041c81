"""The main window shell: menus, and a stack of pages that starts on a calm empty state.

The window title is always just the app name: case data never reaches the title, the taskbar or
the window switcher.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QToolBar, QWidget

from triage_desktop import APP_NAME
from triage_desktop.gui.generated.ui_empty_state import Ui_EmptyState
from triage_desktop.gui.look import app_icon, make_heading
from triage_desktop.gui.privacy import PRIVACY_KEY, PrivacyCurtain

if TYPE_CHECKING:
    from triage_desktop.gui.about import AboutDialog


class MainWindow(QMainWindow):
    def __init__(self, vault: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._vault = vault
        self.setWindowTitle(APP_NAME)
        self.setAccessibleName(f"{APP_NAME} main window")
        self.setObjectName("MainWindow")
        self.resize(1280, 800)

        # screens: the real content, or the privacy curtain in its place.
        self.screens = QStackedWidget(self)
        self.setCentralWidget(self.screens)
        self.pages = QStackedWidget(self.screens)
        self.pages.setObjectName("pages")
        self.curtain = PrivacyCurtain(self.screens)
        self.screens.addWidget(self.pages)
        self.screens.addWidget(self.curtain)
        self.empty_state = self._build_empty_state()
        self.pages.addWidget(self.empty_state)

        self.about_action = QAction("&About Triage Desk", self)
        self.about_action.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
        self.about_action.triggered.connect(self.show_about)
        self.quit_action = QAction("&Quit", self)
        self.quit_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Quit))
        self.quit_action.triggered.connect(self.close)
        self.privacy_action = QAction("&Hide screen", self)
        self.privacy_action.setCheckable(True)
        self.privacy_action.setShortcut(QKeySequence(PRIVACY_KEY))
        self.privacy_action.setToolTip(f"Hide everything on screen at once ({PRIVACY_KEY})")
        self.privacy_action.toggled.connect(self.set_privacy)

        # Window-wide shortcuts work even when the menu bar is hidden (privacy screen, kiosk).
        self.addActions([self.about_action, self.quit_action, self.privacy_action])
        file_menu = self.menuBar().addMenu("&File")
        file_menu.addAction(self.quit_action)
        view_menu = self.menuBar().addMenu("&View")
        view_menu.addAction(self.privacy_action)
        help_menu = self.menuBar().addMenu("&Help")
        help_menu.addAction(self.about_action)

    def privacy_on(self) -> bool:
        return self.screens.currentWidget() is self.curtain

    def set_privacy(self, hidden: bool) -> None:
        """Swap the content for the curtain (or back). Menus go too: they can name a case."""
        self.screens.setCurrentWidget(self.curtain if hidden else self.pages)
        self.pages.setVisible(not hidden)
        self.menuBar().setVisible(not hidden)
        for toolbar in self.findChildren(QToolBar):
            toolbar.setVisible(not hidden)
        if self.privacy_action.isChecked() != hidden:
            self.privacy_action.setChecked(hidden)

    def _build_empty_state(self) -> QWidget:
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
