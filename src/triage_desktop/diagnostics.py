"""The diagnostic log for support: what failed, where in the code, and how long things took.

Never what anyone typed, and nothing of any case. Every line is built here from values this
module produces itself:

- an event name chosen in code ("task_failed", "uncaught", "unlock"...);
- an exception's *type* (`triage_desktop.store.errors.DiskFullError`) and the types it was
  raised from, and the code locations of its traceback (file inside the package, function,
  line number);
- a duration in seconds.

Never an exception's message (a message may quote a name, a reference or a field value), never a
traceback's source lines or local variables, never the records of other loggers: the handler
drops every record that `record_failure` / `record_timing` did not make, and the formatter reads
none of a record's message or arguments. tests/gui/test_diagnostics.py drives failures whose
messages carry a marker and scans the log folder for it.

The log rotates (`MAX_BYTES` x `BACKUPS`), lives in the platform's log folder (Linux
`~/.local/state/triage-desktop/log`, macOS `~/Library/Logs/triage-desktop`, Windows
`%LOCALAPPDATA%\\triage-desktop\\Logs`; `$TRIAGE_DESKTOP_LOG_DIR` chooses another) and is
owner-only (folder 0700, files 0600). It is written only when there is something to record, and
the file handler (with `logging.handlers` and the platform folders) is made then too: at start-up
they would cost ~20 ms before the first window (benchmarks/startup.py).
"""

from __future__ import annotations

import json
import logging
import os
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

ENV_LOG_DIR = "TRIAGE_DESKTOP_LOG_DIR"
LOG_FILE = "diagnostics.log"
LOGGER_NAME = "triage_desktop.diagnostics"
MAX_BYTES = 256 * 1024
BACKUPS = 3
MAX_FRAMES = 12  # the innermost frames of a traceback: where it failed, not the whole stack
_PACKAGE = "triage_desktop"
_MARK = "_triage_diagnostic"  # the attribute that says a record was made here

_logger = logging.getLogger(LOGGER_NAME)
_logger.propagate = False  # never into the root logger's handlers (a console, a file)
_logger.setLevel(logging.INFO)
_install_lock = threading.Lock()


def log_folder() -> Path:
    """Where the diagnostic log is kept on this computer."""
    chosen = os.environ.get(ENV_LOG_DIR)
    if chosen:
        return Path(chosen).expanduser()
    from platformdirs import user_log_path

    return user_log_path("triage-desktop", appauthor=False)


def _owner_only_rotating_handler(path: Path) -> logging.Handler:
    """A rotating file handler whose files are 0600 whatever the umask (rotation renames them,
    keeping the mode)."""
    import logging.handlers

    class OwnerOnlyRotatingHandler(logging.handlers.RotatingFileHandler):
        def _open(self) -> Any:
            descriptor = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            if os.name == "posix":
                os.chmod(self.baseFilename, 0o600)
            return os.fdopen(descriptor, "a", encoding="utf-8")

    return OwnerOnlyRotatingHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS, delay=True)


class _DeferredFileHandler(logging.Handler):
    """Makes the log folder and the file handler at the first record, then hands every record
    to it."""

    def __init__(self, folder: Path | None) -> None:
        super().__init__()
        self.folder = folder
        self.target: logging.Handler | None = None

    def emit(self, record: logging.LogRecord) -> None:
        with _install_lock:
            if self.target is None:
                folder = self.folder if self.folder is not None else log_folder()
                folder.mkdir(parents=True, exist_ok=True, mode=0o700)
                if os.name == "posix":
                    folder.chmod(0o700)
                self.target = _owner_only_rotating_handler(folder / LOG_FILE)
                self.target.setFormatter(_JsonLines())
        self.target.handle(record)

    def close(self) -> None:
        if self.target is not None:
            self.target.close()
        super().close()


class _OnlyOurRecords(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return isinstance(getattr(record, _MARK, None), dict)


class _JsonLines(logging.Formatter):
    """One JSON object per line, from the fields this module put on the record (and the time)."""

    def format(self, record: logging.LogRecord) -> str:
        fields: dict[str, Any] = getattr(record, _MARK)
        moment = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(record.created))
        return json.dumps({"at": moment, "level": record.levelname, **fields}, sort_keys=False)


def install(folder: Path | None = None) -> None:
    """Start writing the diagnostic log, in `folder` or the platform's log folder (once per
    process; a second call changes nothing)."""
    with _install_lock:
        if any(isinstance(handler, _DeferredFileHandler) for handler in _logger.handlers):
            return
        handler = _DeferredFileHandler(folder)
        handler.addFilter(_OnlyOurRecords())
        _logger.addHandler(handler)


def uninstall() -> None:
    """Stop writing (tests; the app keeps its log until it exits)."""
    with _install_lock:
        for handler in list(_logger.handlers):
            _logger.removeHandler(handler)
            handler.close()


def code_location(filename: str, line: int | None = None, function: str = "") -> str:
    """'gui/cases/case_view.py:163 show_case' for our code; the last two path parts otherwise
    (never the home folder, whose name is the officer's login)."""
    parts = Path(filename).parts
    inside = len(parts) - parts[::-1].index(_PACKAGE) if _PACKAGE in parts else len(parts) - 2
    kept = parts[max(0, inside) :]
    where = "/".join(kept)
    if line is not None:
        where += f":{line}"
    return f"{where} {function}".strip()


def where_defined(function: Callable[..., Any]) -> str:
    """The code location of a function (e.g. the work a task ran), from its code object."""
    code = getattr(function, "__code__", None)
    if code is None:
        return type(function).__qualname__
    return code_location(code.co_filename, code.co_firstlineno, code.co_qualname)


def _type_name(error: BaseException) -> str:
    kind = type(error)
    return f"{kind.__module__}.{kind.__qualname__}"


def _chain(error: BaseException) -> list[str]:
    """The types this error was raised from (`raise ... from`, or during handling of)."""
    seen: list[str] = []
    current = error.__cause__ or error.__context__
    while current is not None and len(seen) < 5:
        seen.append(_type_name(current))
        current = current.__cause__ or current.__context__
    return seen


def _frames(trace: TracebackType | None) -> list[str]:
    import traceback

    # extract_tb reads file names, function names and line numbers; `.line` (the source text)
    # is never used, and no frame's locals are touched.
    summary = traceback.extract_tb(trace)[-MAX_FRAMES:]
    return [code_location(frame.filename, frame.lineno, frame.name) for frame in summary]


def _emit(level: int, fields: dict[str, Any]) -> None:
    if _logger.handlers:
        _logger.log(level, "diagnostic", extra={_MARK: fields})


def record_failure(event: str, error: BaseException, *, where: str = "") -> None:
    """An exception: its type, the types behind it and where it was raised; never its text."""
    fields: dict[str, Any] = {"event": event, "type": _type_name(error)}
    if where:
        fields["where"] = where
    causes = _chain(error)
    if causes:
        fields["raised_from"] = causes
    fields["trace"] = _frames(error.__traceback__)
    _emit(logging.ERROR, fields)


def record_timing(event: str, seconds: float, *, where: str = "") -> None:
    fields: dict[str, Any] = {"event": event, "seconds": round(seconds, 3)}
    if where:
        fields["where"] = where
    _emit(logging.INFO, fields)


def install_excepthooks(notify: Callable[[BaseException], None] | None = None) -> None:
    """Uncaught exceptions (in a Qt slot, a thread) are recorded here and passed to `notify`
    (the window's calm message) instead of a traceback on stderr: stderr of a desktop app may
    be a file (~/.xsession-errors), and a traceback quotes the exception's message."""

    def hook(kind: type[BaseException], error: BaseException, trace: Any) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, trace)
            return
        record_failure("uncaught", error)
        if notify is not None:
            notify(error)

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            hook(args.exc_type, args.exc_value, args.exc_traceback)

    sys.excepthook = hook
    threading.excepthook = thread_hook
