"""Child process for the kill test: opens a meeting on an existing vault, answers through the
real widgets, and prints `COMMITTED step key value` after each answer reaches the vault.

    python meeting_child.py VAULT_DIR CASE_ID PASSPHRASE
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QCheckBox, QLineEdit, QPlainTextEdit

import tests.support.vaults  # noqa: F401 - cheap test KDF slots are allowed (see that module)
import triage_desktop.gui  # noqa: F401 - the PySide6 None guard, before any Qt call
from triage_desktop.gui.app import create_application
from triage_desktop.gui.context import AppContext
from triage_desktop.gui.meeting_screen.date_field import DateField
from triage_desktop.gui.meeting_screen.fields import ChoiceButtons
from triage_desktop.gui.meeting_screen.screen import MeetingScreen
from triage_desktop.meeting import STEPS, Step
from triage_desktop.meeting import schema as m
from triage_desktop.services.session import VaultService

# (step, field, value as typed or chosen, value as the record keeps it if different), in step
# order, so the step saved is never before the last answer's step
ANSWERS: list[tuple[Step, m.Field, object, object]] = [
    (Step.OPENING, m.RESPONDENT_WHEREABOUTS, "Library, level 2", None),
    (Step.OPENING, m.ADJUSTMENTS, "A quiet room", None),
    (Step.SUPPORT, m.SUPPORT_NOTE.field("support_and_report", ""), "Referral sent — شكرا", None),
    (Step.ACCOUNT, m.REPORTER_WORDS, "It happened in the lab 张伟 saw it", None),
    (Step.ACCOUNT, m.WHERE, "Chemistry lab", None),
    (Step.OPTIONS, m.OPTION_EXPLAINED.field("informal", ""), True, None),
    (Step.RISK, m.PRECAUTIONS, "Separate lab sessions", None),
    (Step.PREFERENCE, m.PREFERENCE, "informal", None),
    (Step.ROUTING, m.EXTERNAL_REPORT, True, None),
    (Step.NEXT_STEPS, m.FOLLOW_UP, "11 December 2026", "2026-12-11"),
]


def answer(screen: MeetingScreen, step: Step, field: m.Field, value: object) -> None:
    """Through the widget the schema's field produced, as typing or a click would."""
    screen.step_list.setCurrentRow(STEPS.index(step))
    widget = screen.page_for(step).widgets[field.key]  # type: ignore[union-attr]
    if isinstance(widget, ChoiceButtons):
        widget.buttons[str(value)].click()
    elif isinstance(widget, QPlainTextEdit):
        widget.setPlainText(str(value))
    elif isinstance(widget, DateField):
        widget.edit.setText(str(value))
        widget.edit.textEdited.emit(str(value))
    elif isinstance(widget, QLineEdit):
        widget.setText(str(value))
        widget.textEdited.emit(str(value))  # as typing would
    elif isinstance(widget, QCheckBox):
        widget.setChecked(bool(value))


def main() -> int:
    folder, case_id, passphrase = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    app = create_application()
    service = VaultService(folder)
    service.unlock(passphrase)
    context = AppContext(service.folder, service=service)
    screen = MeetingScreen(context, case_id)
    screen.show()
    pending = list(ANSWERS)
    last: list[tuple[Step, m.Field, object]] = []

    def answer_next() -> None:
        if not pending:
            print("DONE", flush=True)
            return
        step, field, typed, kept = pending.pop(0)
        answer(screen, step, field, typed)
        last[:] = [(step, field, typed if kept is None else kept)]

    def committed() -> None:
        if last and not screen._dirty:
            step, field, value = last.pop()
            print(f"COMMITTED\t{step.value}\t{field.key}\t{value}", flush=True)
            answer_next()

    screen.opened.connect(answer_next)
    screen.saved.connect(committed)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
