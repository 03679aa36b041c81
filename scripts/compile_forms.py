"""Compile the Qt Designer forms in ui/ to Python (pyside6-uic) in src/triage_desktop/gui/generated.

The .ui files are the source of truth and are edited in Qt Designer. Compiled forms start faster
than QUiLoader (no plugin scan, no XML parse at start-up), as Anki does with its Designer forms.
tests/gui/test_forms_compiled.py fails when a compiled form is out of date: run this script.

    .venv/bin/python scripts/compile_forms.py
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FORMS = REPO / "ui"
OUT = REPO / "src" / "triage_desktop" / "gui" / "generated"
UIC = Path(sys.executable).with_name("pyside6-uic")
RUFF = Path(sys.executable).with_name("ruff")


def compiled_name(form: Path) -> str:
    return f"ui_{form.stem}.py"


def compile_form(form: Path) -> str:
    result = subprocess.run(
        [str(UIC), "--no-autoconnection", str(form)],
        check=True,
        capture_output=True,
        text=True,
    )
    # uic imports ~40 Qt names per form whatever it uses, and PySide6 builds each type lazily on
    # first import (~1 ms apiece): drop the unused ones so forms cost nothing at start-up.
    pruned = subprocess.run(
        [
            str(RUFF),
            "check",
            "--select",
            "F401",
            "--fix",
            "--quiet",
            "--stdin-filename",
            f"ui_{form.stem}.py",
            "-",
        ],
        input=result.stdout,
        check=False,
        capture_output=True,
        text=True,
    )
    return pruned.stdout


def main() -> int:
    OUT.mkdir(exist_ok=True)
    (OUT / "__init__.py").write_text(
        '"""Forms compiled from ui/*.ui by scripts/compile_forms.py. Do not edit."""\n',
        encoding="utf-8",
    )
    for form in sorted(FORMS.glob("*.ui")):
        (OUT / compiled_name(form)).write_text(compile_form(form), encoding="utf-8")
        print(f"compiled {form.name} -> {compiled_name(form)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
