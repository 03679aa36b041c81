"""The command line: `triage-desktop` with no command starts the app; subcommands script the rest.

Each command lives in its own module in this package and exposes `register(subparsers)`; the
module list below is the registry. Command modules import their heavy dependencies inside their
handlers, so `--help` and `--version` stay instant.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
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
)


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
    parser = build_parser()
    args = parser.parse_args(arguments)
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:  # only global options, e.g. --vault DIR: start the app
        from triage_desktop.cli.gui_cmd import run_gui

        return run_gui(args)
    try:
        return handler(args)
    except CliError as error:
        print(f"triage-desktop: error: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("triage-desktop: interrupted", file=sys.stderr)
        return 130


def gui_main() -> int:
    """Entry point for the desktop launcher: always the app, whatever the arguments."""
    from triage_desktop.gui.app import run

    return run()
