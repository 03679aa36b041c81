"""Entry script for the PyInstaller bundle: the same `main` as the `triage-desktop` command."""

import sys

from triage_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
