"""The command line: `triage-desktop` with no command starts the app; subcommands script the rest.

Each command lives in its own module in this package and exposes `register(subparsers)`; the
module list below is the registry. Command modules import their heavy dependencies inside their
handlers, so `--help` and `--version` stay instant.

Standard output is guarded here, once for every command: if it is closed (`... | head -c1`),
full (`> /dev/full`) or otherwise cannot be written, the command stops with one line on stderr
and exit code 1 (`OUTPUT_ERROR`), never a traceback.
"""

from __future__ import annotations

import errno
import io
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from typing import TYPE_CHECKING

from triage_desktop import APP_NAME, __version__

if TYPE_CHECKING:  # argparse loads only when a command is parsed: not on the way to the window
    import argparse

# Each module: register(subparsers: argparse._SubParsersAction) -> None, adding parsers whose
# defaults set `handler=callable(args) -> int`.
COMMAND_MODULES: tuple[str, ...] = (
    "triage_desktop.cli.gui_cmd",
    "triage_desktop.cli.verify_cmd",
    "triage_desktop.cli.demo_cmd",
    "triage_desktop.cli.route_cmd",
    "triage_desktop.cli.contact_deadline_cmd",
    "triage_desktop.cli.vault_cmd",
    "triage_desktop.cli.backup_cmd",
    "triage_desktop.cli.audit_cmd",
    "triage_desktop.cli.import_cmd",
    "triage_desktop.cli.stats_cmd",
    "triage_desktop.cli.sar_cmd",
)


OUTPUT_ERROR = 1


class CliError(Exception):
    """A failure to report as one plain line on stderr, with an exit code, never a traceback."""

    def __init__(self, message: str, exit_code: int = 2) -> None:
        super().__init__(message)
        self.exit_code = exit_code


Handler = Callable[["argparse.Namespace"], int]


def build_parser() -> argparse.ArgumentParser:
    import argparse
    import importlib

    parser = argparse.ArgumentParser(
        prog="triage-desktop",
        description=(
            f"{APP_NAME}: guides confidential triage meetings under the University's Dignity and "
            "Respect Policy, keeps every record in an encrypted local vault, and produces signed "
            "summaries and outcome letters. Run with no command to start the desktop app."
        ),
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument(
        "--vault",
        metavar="DIR",
        help="vault folder (default: $TRIAGE_DESKTOP_HOME, else the per-user data folder)",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module_name in COMMAND_MODULES:
        importlib.import_module(module_name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if not arguments:
        # The desktop launcher's case: start the app without building the whole parser, whose
        # command registry would cost start-up time before the first window.
        from triage_desktop.gui.app import run

        return run()
    try:
        with _guarded_stdout():
            return _run(arguments)
    except CliError as error:
        _report(f"triage-desktop: error: {error}")
        return error.exit_code
    except _StdoutError as error:
        _report(f"triage-desktop: error: output: {error}")
        return OUTPUT_ERROR
    except KeyboardInterrupt:
        _report("triage-desktop: interrupted")
        return 130


def _run(arguments: list[str]) -> int:
    """Parse and run one command; argparse's own output (--help, usage errors) is guarded too."""
    try:
        parser = build_parser()
        args = parser.parse_args(arguments)
        handler: Handler | None = getattr(args, "handler", None)
        if handler is None:  # only global options, e.g. --vault DIR: start the app
            from triage_desktop.cli.gui_cmd import run_gui

            return run_gui(args)
        return handler(args)
    finally:
        sys.stdout.flush()  # a failed last write is reported like any other


class _StdoutError(OSError):
    """Writing to standard output failed; only the entry point catches it."""

    def __str__(self) -> str:
        if self.errno == errno.EPIPE:
            return "standard output was closed before all the output was written"
        if self.errno == errno.EBADF:
            return "standard output is closed"
        return f"cannot write to standard output ({self.strerror})"


class _StdoutRaw(io.RawIOBase):
    """File descriptor 1, turning any failed write into a `_StdoutError`.

    Hand-written because the standard stream's errors (BrokenPipeError, OSError ENOSPC) carry
    nothing that says they came from standard output rather than, say, a vault file.
    """

    def __init__(self, fd: int, *, missing: bool = False) -> None:
        super().__init__()
        self._fd = fd
        self._missing = missing  # there was no standard output when the process started

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self._fd

    def isatty(self) -> bool:
        try:
            return os.isatty(self._fd)
        except OSError:
            return False

    def write(self, data: object) -> int:
        if self._missing:
            raise _StdoutError(errno.EBADF, os.strerror(errno.EBADF))
        try:
            return os.write(self._fd, data)  # type: ignore[arg-type]  # a bytes-like object
        except OSError as error:
            raise _StdoutError(error.errno, error.strerror) from None


@contextmanager
def _guarded_stdout() -> Iterator[None]:
    """Route `sys.stdout` (text and `.buffer`) through `_StdoutRaw` for the command's run.

    Only the process's real standard output is wrapped (a test's captured stream is left alone).
    After a failure, file descriptor 1 points at os.devnull so that nothing left in a buffer
    fails again when the interpreter exits.
    """
    original = sys.stdout
    if original is not None and original is not sys.__stdout__:
        yield
        return
    if original is not None:
        original.flush()
    else:
        _reserve_fd_1()
    line_buffered = original.line_buffering if original is not None else False
    guarded = io.TextIOWrapper(
        io.BufferedWriter(_StdoutRaw(1, missing=original is None)),
        encoding=original.encoding if original is not None else "utf-8",
        errors=original.errors if original is not None else "strict",
        line_buffering=line_buffered,
    )
    sys.stdout = guarded
    try:
        yield
    except _StdoutError:
        _silence_stdout()
        raise
    finally:
        sys.stdout = original  # None when there was no standard output at start
        try:
            guarded.flush()
        except _StdoutError:
            _silence_stdout()
            guarded.flush()


def _silence_stdout() -> None:
    with suppress(OSError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.close(devnull)


def _reserve_fd_1() -> None:
    """Started with standard output closed (`>&-`): hold descriptor 1 on os.devnull, so that a
    file the command opens (a vault, a backup) can never be given descriptor 1 and receive
    what was meant for standard output."""
    try:
        os.fstat(1)
    except OSError:
        with suppress(OSError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            if devnull != 1:
                os.dup2(devnull, 1)
                os.close(devnull)


def _report(line: str) -> None:
    """One line on stderr; if stderr is gone too, there is no one left to tell."""
    with suppress(OSError, ValueError, AttributeError):
        print(line, file=sys.stderr, flush=True)


def gui_main() -> int:
    """Entry point for the desktop launcher: always the app, whatever the arguments."""
    from triage_desktop.gui.app import run

    return run()
