"""`triage-desktop gui` (also: no command at all) starts the desktop app."""

from __future__ import annotations

import argparse
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("gui", help="start the desktop app (the default)")
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="show the first window, print a JSON line about it, and quit (for checks)",
    )
    parser.set_defaults(handler=run_gui)


def run_gui(args: argparse.Namespace) -> int:
    from triage_desktop.gui.app import run

    return run(vault=getattr(args, "vault", None), smoke_test=getattr(args, "smoke_test", False))
