"""README 'The meeting', claim by claim, through the real meeting screen over a real vault and
the signed PDFs it makes (issue 13: every claim true)."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from tests.gui.meeting_screen.driver import Driver
from tests.gui.meeting_screen.test_consent import blockers, sign_both, start
from triage_desktop.gui.context import AppContext
from triage_desktop.gui.meeting_screen.date_field import DateField
from triage_desktop.gui.meeting_screen.fields import REPORTER_SEES
from triage_desktop.gui.meeting_screen.routing_panel import ReasonRow
from triage_desktop.gui.meeting_screen.screen import SAVE_DELAY_MS
from triage_desktop.meeting import STEPS, Step
from triage_desktop.meeting import schema as m
from triage_desktop.meeting.schema import Kind

SAFE_NOW = m.RISK_ANSWER.field("safe_now", "")


def test_the_answers_the_reporter_will_see_are_marked_and_no_others(
    qtbot: QtBot, gui_context: AppContext
) -> None:
    drive = start(qtbot, gui_context)
    checked = 0
    for step in (s for s in STEPS if s is not Step.REVIEW):  # review shows the draft PDF
        page = drive.page(step)
        for key, field in page.fields.items():
            if field.kind is Kind.NOTE or field.beside_previous:
                continue  # texts to read, and a note on the same line as its answer
            shown = " ".join(
                label.text()
                for label in page.holders[key].findChildren(QLabel)
                if label.isVisibleTo(page)
            )
            assert (f"👁 {REPORTER_SEES}" in shown) is field.reporter_sees, key
            checked += 1
    assert checked > 30


def test_an_answer_is_saved_when_the_officer_pauses(qtbot: QtBot, gui_context: AppContext) -> None:
    drive = start(qtbot, gui_context)
    screen = drive.screen
    assert SAVE_DELAY_MS == 400  # the README's "0.4 s after the last change"
    drive.page(Step.ACCOUNT).widgets[m.WHERE.key].clear()  # type: ignore[attr-defined]
    drive.type(Step.ACCOUNT, m.WHERE, "Sports hall")
    assert screen._dirty  # not saved while typing goes on

    def stored() -> str:
        record = gui_context.service.load_meeting(screen.case_id)
        return "" if record is None else str(record.record["values"].get(m.WHERE.key, ""))

    qtbot.waitUntil(lambda: stored() == "Sports hall", timeout=10000)


def test_a_date_picked_from_the_calendar_is_the_answer(
    qtbot: QtBot, gui_context: AppContext
) -> None:
    drive = start(qtbot, gui_context)
    page = drive.page(Step.NEXT_STEPS)
    field = page.widgets[m.FOLLOW_UP.key]
    assert isinstance(field, DateField)
    drive.click(field.button, "Calendar…")
    qtbot.waitUntil(field.menu.isVisible, timeout=5000)
    field.calendar.setSelectedDate(QDate(2026, 12, 11))
    from PySide6.QtWidgets import QTableView

    view = field.calendar.findChild(QTableView)
    assert view is not None
    cell = view.visualRect(view.currentIndex()).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    assert screen_date(drive) == dt.date(2026, 12, 11)
    assert field.edit.text() == "Fri 11 December 2026"
    assert not field.menu.isVisible()


def screen_date(drive: Driver) -> dt.date | None:
    return drive.screen.meeting.date(m.FOLLOW_UP)


def test_each_reason_has_the_policys_words_one_click_beneath_it(
    qtbot: QtBot, gui_context: AppContext
) -> None:
    drive = start(qtbot, gui_context)
    drive.choose(Step.PREFERENCE, m.PREFERENCE, "informal")
    drive.page(Step.ROUTING)
    qtbot.wait(100)  # the panel's new rows are laid out by the event loop
    rows = drive.screen.routing_panel.findChildren(ReasonRow)
    shown = [row for row in rows if row.isVisibleTo(drive.screen)]
    assert shown
    for row in shown:
        assert not row.quote.isVisibleTo(drive.screen)
        drive.click(row.toggle, row.toggle.accessibleName())
        assert row.quote.isVisibleTo(drive.screen)
        assert row.quote.text().startswith("“")
        assert row.toggle.text().startswith("The policy's words: ")


def test_the_acknowledged_safety_alert_is_in_the_signed_summary(
    qtbot: QtBot, gui_context: AppContext
) -> None:
    drive = start(qtbot, gui_context)
    drive.choose(Step.OPENING, SAFE_NOW, "no")
    assert drive.screen.safety.isVisible()
    assert drive.screen.safety.heading.text() == "⚠ Act on this first"
    drive.click(drive.screen.safety.acknowledge_button)
    drive.choose(Step.PREFERENCE, m.PREFERENCE, "formal")  # what the high risk points to
    summary, _letter = sign_both(drive)
    flat = " ".join(summary.split())
    assert "Safety: " in flat
    assert "Acknowledged by Officer Fictional at " in flat
    assert flat.index("Safety: ") < flat.index("First contact")  # shown first


def test_a_referral_to_another_process_needs_an_explanation_for_the_reporter(
    qtbot: QtBot, gui_context: AppContext
) -> None:
    drive = start(qtbot, gui_context)
    drive.choose(Step.PREFERENCE, m.PREFERENCE, "formal")
    drive.choose(Step.ROUTING, m.DECISION, "alternative_process")
    drive.type(Step.ROUTING, m.DECISION_REASON, "Internal: the placement provider's own process")
    drive.type(Step.ROUTING, m.REPORTER_AGREEMENT, "Yes, their process is better for this")
    assert "explanation their letter will give" in blockers(drive)
    drive.type(
        Step.ROUTING,
        m.REPORTER_EXPLANATION,
        "Your placement provider has its own procedure, which covers what happened there.",
    )
    _summary, letter = sign_both(drive)
    flat = " ".join(letter.split())
    assert "Your placement provider has its own procedure" in flat
    assert "Internal: the placement provider" not in flat


def test_the_exported_letter_is_protected_by_the_password_typed_beside_export(
    qtbot: QtBot, gui_context: AppContext, tmp_path: Path
) -> None:
    drive = start(qtbot, gui_context)
    drive.choose(Step.PREFERENCE, m.PREFERENCE, "informal")
    sign_both(drive)
    review = drive.screen.review
    assert review is not None
    review.letter_password.setText("a long letter password")
    target = tmp_path / "letter.pdf"
    drive.screen.export_letter(str(target))  # the path the save dialog would return
    qtbot.waitUntil(lambda: "Exported to" in review.status.text(), timeout=30000)
    assert target.stat().st_mode & 0o077 == 0
    locked = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, check=False)
    assert locked.returncode != 0
    opened = subprocess.run(
        ["pdftotext", "-upw", "a long letter password", str(target), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "Support available to you" in opened.stdout
