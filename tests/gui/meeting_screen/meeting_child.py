"""Child process for the kill test: opens a meeting on an existing vault, answers through the
real widgets, and prints `COMMITTED step key value` after each answer reaches the vault.

    python meeting_child.py VAULT_DIR CASE_ID PASSPHRASE
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit

import tests.support.vaults  # noqa: F401 - cheap test KDF slots are allowed (see that module)
import triage_desktop.gui  # noqa: F401 - the PySide6 None guard, before any Qt call
from triage_desktop.gui.app import create_application
from triage_desktop.gui.context import AppContext
from triage_desktop.gui.meeting_screen.screen import MeetingScreen
from triage_desktop.services import meeting_service as ms
from triage_desktop.services.session import VaultService

ANSWERS = [
    ("opening", "respondent_whereabouts", "Library, level 2"),
    ("support", "note:support_and_report", "Referral sent — شكرا"),
    ("account", "reporter_words", "It happened in the lab 张伟 saw it"),
    ("account", "where", "Chemistry lab"),
    ("options", "explained:informal", True),
    ("risk", "precautions", "Separate lab sessions"),
    ("preference", "preference", "informal"),
    ("preference", "adjustments", "A quiet room"),
    ("next_steps", "action:0", "Refer to the informal approach"),
    ("next_steps", "follow_up", "2026-12-11"),
]


def main() -> int:
    folder, case_id, passphrase = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    app = create_application()
    service = VaultService(folder)
    service.unlock(passphrase)
    context = AppContext(service.folder, service=service)
    screen = MeetingScreen(context, case_id)
    screen.show()
    pending = list(ANSWERS)
    last: list[tuple[str, str, object]] = []

    def answer_next() -> None:
        if not pending:
            print("DONE", flush=True)
            return
        step, key, value = pending.pop(0)
        screen.step_list.setCurrentRow(ms.STEP_IDS.index(step))
        widget = screen.forms[step].widgets[key]
        if isinstance(widget, QComboBox):
            widget.setCurrentIndex(widget.findData(value))
        elif isinstance(widget, QPlainTextEdit):
            widget.setPlainText(str(value))
        elif isinstance(widget, QLineEdit):
            widget.setText(str(value))
            widget.textEdited.emit(str(value))  # as typing would
        else:
            widget.setChecked(bool(value))  # type: ignore[attr-defined]
        last[:] = [(step, key, value)]

    def committed() -> None:
        if last and not screen._dirty:
            step, key, value = last.pop()
            print(f"COMMITTED\t{step}\t{key}\t{value}", flush=True)
            answer_next()

    screen.opened.connect(answer_next)
    screen.saved.connect(committed)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
