"""Start the desktop app. Only Qt and the app shell are imported before the first window shows;
SQLAlchemy, Alembic, reportlab and pyHanko load later, when a feature needs them."""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from triage_desktop import APP_ID, APP_NAME, ORGANISATION, __version__
from triage_desktop.gui.look import apply_look
from triage_desktop.gui.main_window import MainWindow
from triage_desktop.gui.palettes import STYLE, STYLE_ARGUMENTS
from triage_desktop.gui.settings.preferences import load_scheme
from triage_desktop.paths import restrict_umask

# Set to 1 to quit right after the first window shows, printing the smoke-test line: lets the
# start-up benchmark time the real launcher path (no arguments) end to end.
EXIT_AFTER_FIRST_WINDOW = "TRIAGE_DESKTOP_EXIT_AFTER_FIRST_WINDOW"

# Modules that must not be loaded before the first window is on screen (startup discipline).
DEFERRED_MODULES = ("sqlalchemy", "alembic", "reportlab", "pyhanko")


def deferred_modules_loaded() -> list[str]:
    return sorted(name for name in DEFERRED_MODULES if name in sys.modules)


def create_application(
    argv: list[str] | None = None, *, guard_clipboard: bool = True
) -> QApplication:
    """The QApplication with the app's look and (unless told otherwise) the guarded clipboard.
    The app's own start leaves the guard to AppContext, which installs it at unlock or setup,
    before any case text can be on screen: ~6 ms less before the first window."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
        # Made elsewhere (pytest-qt's): Fusion, unless our look is on it already (the style
        # sheet then wraps the style, which reports no name of its own).
        if not app.styleSheet() and app.style().name().lower() != STYLE:
            app.setStyle(STYLE)
    else:
        app = QApplication([*(argv if argv is not None else sys.argv[:1]), *STYLE_ARGUMENTS])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(ORGANISATION)
    app.setDesktopFileName(APP_ID)
    apply_look(app, load_scheme())
    if guard_clipboard:
        from triage_desktop.gui.secure_clipboard import install_secure_clipboard

        install_secure_clipboard()  # every Copy and Cut in the app's widgets goes through it
    return app


def smoke_report_line(
    *, shown: bool, title: str, deferred_modules_loaded: list[str], seconds_to_first_window: float
) -> str:
    """The smoke test's JSON line, written without the `json` package: importing it cost ~2.8 ms,
    inside the start-up benchmark's figures but nothing the officer's start needs. Strings go
    through the C encoder `json.dumps` itself uses (`_json`, built into CPython)."""
    from _json import encode_basestring_ascii as quoted

    modules = ", ".join(quoted(name) for name in deferred_modules_loaded)
    return (
        f'{{"shown": {"true" if shown else "false"}, "title": {quoted(title)}, '
        f'"deferred_modules_loaded": [{modules}], '
        f'"seconds_to_first_window": {float(seconds_to_first_window)!r}}}'
    )


def run(vault: str | None = None, smoke_test: bool = False) -> int:
    """Show the main window and run the event loop.

    With `smoke_test`, print a JSON line about the first window once it is shown and quit: used by
    the startup test, the packaged-bundle check and the startup benchmark.
    """
    started = time.perf_counter()
    smoke_test = smoke_test or os.environ.get(EXIT_AFTER_FIRST_WINDOW) == "1"
    restrict_umask()
    app = create_application(guard_clipboard=False)
    window = MainWindow(vault=vault)
    window.show()
    if smoke_test:

        def report() -> None:
            print(
                smoke_report_line(
                    shown=window.isVisible(),
                    title=window.windowTitle(),
                    deferred_modules_loaded=deferred_modules_loaded(),
                    seconds_to_first_window=round(time.perf_counter() - started, 4),
                ),
                flush=True,
            )
            app.quit()

        QTimer.singleShot(0, report)
    QTimer.singleShot(0, lambda: _install_diagnostics(window))  # after the first window shows
    return app.exec()


def _install_diagnostics(window: MainWindow) -> None:
    """The diagnostic log for support, and uncaught exceptions as a calm notice in the window
    (recorded as type and code location only) instead of a traceback on stderr."""
    from triage_desktop import diagnostics
    from triage_desktop.gui.notices import Failure

    diagnostics.install()

    def notify(_error: BaseException) -> None:
        window.notices.post(  # from any thread: the notice is built on the GUI thread
            Failure(
                "Something went wrong in Triage Desk. What you saved is safe. If this keeps "
                "happening, lock the vault, unlock it again, and tell support (the diagnostic "
                "log holds no case details).",
                key="uncaught",
            )
        )

    diagnostics.install_excepthooks(notify)
