"""Intake through the real widgets over a real vault: any script, explained problems, deadlines."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from pytestqt.qtbot import QtBot

from tests.support.typing import type_text
from triage_desktop.cases.model import ReporterStatus, RespondentType
from triage_desktop.gui.cases.intake import HISTORICAL_NOTE, IntakeForm
from triage_desktop.gui.context import AppContext

NAMES = {
    "reporter": "Zoë Ångström-Nuñez",
    "respondent": "محمد الأحمد",
    "second": "张伟",
    "detail": "Lab partner 🧪, Ørsted Building",
}


def make_form(qtbot: QtBot, context: AppContext) -> IntakeForm:
    form = IntakeForm(context)
    qtbot.addWidget(form)
    form.resize(1280, 800)
    form.show()
    qtbot.waitExposed(form)
    qtbot.waitUntil(lambda: form.behaviour_list.count() > 5, timeout=10000)
    return form


def set_received(form: IntakeForm, day: QDate) -> None:
    form.received_edit.setDateTime(QDateTime(day, QTime(10, 30)))


def test_intake_keeps_names_in_every_script_exactly(
    qtbot: QtBot, gui_context: AppContext, screenshot_dir: Path
) -> None:
    form = make_form(qtbot, gui_context)
    set_received(form, QDate(2026, 4, 2))
    type_text(form.reporter_name, NAMES["reporter"])
    form.reporter_status.setCurrentIndex(form.reporter_status.findData("postgraduate_research"))
    type_text(form.reporter_notes, "Email only, not before 10am")
    first = form.respondent_rows[0]
    first.type_combo.setCurrentIndex(first.type_combo.findData("staff"))
    type_text(first.name_edit, NAMES["respondent"])
    type_text(first.details_edit, NAMES["detail"])
    qtbot.mouseClick(form.add_respondent_button, Qt.MouseButton.LeftButton)
    second = form.respondent_rows[1]
    second.type_combo.setCurrentIndex(second.type_combo.findData("student"))
    type_text(second.name_edit, NAMES["second"])
    form.behaviour_list.item(0).setCheckState(Qt.CheckState.Checked)
    form.behaviour_list.setCurrentRow(0)
    assert form.definition_label.text() != ""
    type_text(form.description_edit, "Repeated comments in seminars.\nشكرا — 谢谢")
    assert form.contact_by_label.text() == "Wed 8 Apr 2026"  # Good Friday, Easter Monday skipped
    form.grab().save(str(screenshot_dir / "intake-filled.png"))

    with qtbot.waitSignal(form.saved, timeout=10000) as saved:
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    case = gui_context.service.get_case(saved.args[0])
    details = case.details
    assert details.reporter.name == NAMES["reporter"]
    assert details.reporter.status is ReporterStatus.POSTGRADUATE_RESEARCH
    assert [r.name for r in details.respondents] == [NAMES["respondent"], NAMES["second"]]
    assert details.respondents[0].respondent_type is RespondentType.STAFF
    assert details.respondents[0].details == NAMES["detail"]
    assert details.description == "Repeated comments in seminars.\nشكرا — 谢谢"
    assert len(details.behaviour_categories) == 1
    assert details.policy_version == "2.0"
    assert str(case.contact_by) == "2026-04-08"
    assert details.assigned_officer_id == gui_context.service.officer_id  # shows in "My cases"
    assert form.reporter_name.text() == ""  # the form is emptied after saving


def test_a_huge_paste_is_explained_beside_the_field_and_nothing_is_lost(
    qtbot: QtBot, gui_context: AppContext, screenshot_dir: Path
) -> None:
    form = make_form(qtbot, gui_context)
    huge = "Pasted text. " * 800_000  # ~10 MB
    form.description_edit.setPlainText(huge)
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    problem = form.problems["description"]
    qtbot.waitUntil(problem.isVisible, timeout=20000)
    assert "limit" in problem.text()
    assert form.description_edit.toPlainText() == huge  # nothing lost
    assert gui_context.service.count_cases() == 0
    form.grab().save(str(screenshot_dir / "intake-problem.png"))


def test_contact_by_follows_the_date_and_anonymity_and_history_is_gentle(
    qtbot: QtBot, gui_context: AppContext
) -> None:
    form = make_form(qtbot, gui_context)
    set_received(form, QDate(2026, 12, 24))
    # Fri 25 Christmas, Mon 28 Boxing Day (substitute): Tue 29 is day one, Wed 30 day two.
    assert form.contact_by_label.text() == "Wed 30 Dec 2026"
    form.anonymous_check.setChecked(True)
    assert form.contact_by_label.text() == "None — anonymous report"
    form.anonymous_check.setChecked(False)
    form.incident_known.setChecked(True)
    form.incident_date.setDate(QDate(2026, 6, 24))
    assert not form.historical_note.isVisible()
    form.incident_date.setDate(QDate(2026, 6, 23))
    assert form.historical_note.isVisible()
    assert form.historical_note.text() == HISTORICAL_NOTE
    assert "warning" not in HISTORICAL_NOTE.lower()


def test_locking_empties_the_form(qtbot: QtBot, gui_context: AppContext) -> None:
    form = make_form(qtbot, gui_context)
    type_text(form.reporter_name, "Alex Example")
    type_text(form.description_edit, "Something sensitive")
    form.behaviour_list.item(1).setCheckState(Qt.CheckState.Checked)
    gui_context.locked.emit()
    assert form.reporter_name.text() == ""
    assert form.description_edit.toPlainText() == ""
    assert form.respondent_rows == []
    assert form._checked(form.behaviour_list) == []


def test_editing_a_case_updates_it(qtbot: QtBot, gui_context: AppContext) -> None:
    from tests.support.vaults import details

    case = gui_context.service.create_case(details())
    form = make_form(qtbot, gui_context)
    form.load_case(case)
    assert form.reporter_name.text() == "Alex Example"
    assert len(form.respondent_rows) == 2
    form.reporter_name.clear()
    type_text(form.reporter_name, "Alex Renamed")
    with qtbot.waitSignal(form.saved, timeout=10000):
        form.save()
    assert gui_context.service.get_case(case.id).details.reporter.name == "Alex Renamed"
    assert gui_context.service.count_cases() == 1


def test_escape_and_cancel_leave_the_form(qtbot: QtBot, gui_context: AppContext) -> None:
    form = make_form(qtbot, gui_context)
    with qtbot.waitActive(form):
        form.activateWindow()
    form.reporter_name.setFocus()
    with qtbot.waitSignal(form.cancelled, timeout=2000):
        qtbot.keyClick(form.reporter_name, Qt.Key.Key_Escape)
    with qtbot.waitSignal(form.cancelled, timeout=2000):
        qtbot.mouseClick(form.cancel_button, Qt.MouseButton.LeftButton)
