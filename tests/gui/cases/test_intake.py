"""Intake through the real widgets over a real vault: any script, explained problems, deadlines."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from pytestqt.qtbot import QtBot

from tests.support.typing import type_text
from triage_desktop.cases.model import ReporterStatus, RespondentType
from triage_desktop.gui.cases.intake import HISTORICAL_NOTE, NOTHING_TO_SAVE, IntakeForm
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
    qtbot.waitUntil(lambda: context.settings is not None, timeout=10000)
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
    type_text(form.incident_date.edit, "24 June 2026")
    assert not form.historical_note.isVisible()
    form.incident_date.edit.clear()
    type_text(form.incident_date.edit, "23/06/2026")
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


def test_a_case_changed_after_the_form_read_it_is_not_saved_over(
    qtbot: QtBot, gui_context: AppContext
) -> None:
    import datetime as dt

    from tests.support.vaults import details
    from triage_desktop.cases.model import ContactMethod, FirstContact

    case = gui_context.service.create_case(details())
    form = make_form(qtbot, gui_context)
    form.load_case(case)
    contact = FirstContact(dt.date.today(), ContactMethod.EMAIL)
    gui_context.service.record_first_contact(case.id, contact)  # elsewhere, meanwhile
    form.reporter_name.clear()
    type_text(form.reporter_name, "Alex Renamed")
    form.save()
    qtbot.waitUntil(form.general_problem.isVisible, timeout=10000)
    assert "was changed elsewhere" in form.general_problem.text()
    assert form.reporter_name.text() == "Alex Renamed"  # nothing typed is lost
    stored = gui_context.service.get_case(case.id)
    assert stored.details.reporter.name == "Alex Example"
    assert stored.first_contact == contact


def test_escape_and_cancel_leave_the_form(qtbot: QtBot, gui_context: AppContext) -> None:
    form = make_form(qtbot, gui_context)
    with qtbot.waitActive(form):
        form.activateWindow()
    form.reporter_name.setFocus()
    with qtbot.waitSignal(form.cancelled, timeout=2000):
        qtbot.keyClick(form.reporter_name, Qt.Key.Key_Escape)
    with qtbot.waitSignal(form.cancelled, timeout=2000):
        qtbot.mouseClick(form.cancel_button, Qt.MouseButton.LeftButton)


def test_escape_on_a_changed_form_asks_before_discarding(
    qtbot: QtBot, gui_context: AppContext
) -> None:
    form = make_form(qtbot, gui_context)
    cancelled: list[bool] = []
    form.cancelled.connect(lambda: cancelled.append(True))
    type_text(form.reporter_name, NAMES["reporter"])
    qtbot.keyClick(form.reporter_name, Qt.Key.Key_Escape)
    box = form._discard_question
    assert box is not None
    assert box.isVisible()
    assert box.text() == "What you typed in this new case has not been saved. Discard it?"
    assert cancelled == []
    keep = next(b for b in box.buttons() if b.text() == "&Keep editing")
    assert box.defaultButton() is keep  # Enter keeps the work
    keep.click()
    assert form.reporter_name.text() == NAMES["reporter"]
    assert cancelled == []
    qtbot.mouseClick(form.cancel_button, Qt.MouseButton.LeftButton)  # Cancel asks the same
    box = form._discard_question
    assert box is not None
    next(b for b in box.buttons() if b.text() == "&Discard").click()
    assert cancelled == [True]
    assert form.reporter_name.text() == ""
    assert gui_context.service.count_cases() == 0


def test_an_untouched_form_saves_nothing(qtbot: QtBot, gui_context: AppContext) -> None:
    from tests.support.vaults import details

    form = make_form(qtbot, gui_context)
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.general_problem.isVisible()
    assert form.general_problem.text() == NOTHING_TO_SAVE
    gui_context.tasks.wait_all()
    assert gui_context.service.count_cases() == 0

    case = gui_context.service.create_case(details())
    history = len(gui_context.service.audit_entries(case.id))
    form.load_case(gui_context.service.get_case(case.id))
    with qtbot.waitSignal(form.saved, timeout=5000) as saved:
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert saved.args == [case.id]  # back to the case...
    gui_context.tasks.wait_all()
    entries = gui_context.service.audit_entries(case.id)
    assert "update" not in [entry.action for entry in entries[history:]]  # ...nothing written


def test_a_respondent_left_blank_is_not_known_and_the_first_incident_has_no_default(
    qtbot: QtBot, gui_context: AppContext
) -> None:
    form = make_form(qtbot, gui_context)
    row = form.respondent_rows[0]
    assert row.type_combo.currentText() == "Not known"
    assert form.incident_date.value() is None
    assert form.incident_date.edit.text() == ""  # empty: not known, never "today"
    type_text(form.reporter_name, "Alex Example")
    with qtbot.waitSignal(form.saved, timeout=10000) as saved:
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    details = gui_context.service.get_case(saved.args[0]).details
    assert [r.respondent_type for r in details.respondents] == [RespondentType.UNKNOWN]
    assert details.incident_dates == ()


def test_an_unreadable_first_incident_date_is_refused_beside_the_field(
    qtbot: QtBot, gui_context: AppContext
) -> None:
    from datetime import date

    form = make_form(qtbot, gui_context)
    type_text(form.reporter_name, "Alex Example")
    type_text(form.incident_date.edit, "sometime in spring")
    problem = form.problems["incident_dates"]
    assert problem.isVisible()
    assert "not a date I can read" in problem.text()
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert "not a date yet" in problem.text()
    gui_context.tasks.wait_all()
    assert gui_context.service.count_cases() == 0  # refused, not dropped
    assert form.incident_date.edit.text() == "sometime in spring"  # and nothing lost
    form.incident_date.edit.clear()
    type_text(form.incident_date.edit, "2026-03-14")
    with qtbot.waitSignal(form.saved, timeout=10000) as saved:
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    stored = gui_context.service.get_case(saved.args[0]).details.incident_dates
    assert stored == (date(2026, 3, 14),)


def test_editing_the_first_incident_keeps_the_later_dates_a_case_had(
    qtbot: QtBot, gui_context: AppContext
) -> None:
    from dataclasses import replace
    from datetime import date

    from tests.support.vaults import details

    dates = (date(2026, 3, 1), date(2026, 3, 8), date(2026, 3, 15))
    case = gui_context.service.create_case(replace(details(), incident_dates=dates))
    form = make_form(qtbot, gui_context)
    form.load_case(gui_context.service.get_case(case.id))
    assert form.incident_date.value() == date(2026, 3, 1)
    form.incident_date.edit.clear()
    type_text(form.incident_date.edit, "28 February 2026")
    with qtbot.waitSignal(form.saved, timeout=10000):
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    stored = gui_context.service.get_case(case.id).details.incident_dates
    assert stored == (date(2026, 2, 28), date(2026, 3, 8), date(2026, 3, 15))


def test_closure_days_saved_in_settings_move_the_contact_by_date_on_an_open_form(
    qtbot: QtBot, gui_context: AppContext, tmp_path: Path
) -> None:
    """One source for the settings: no stale closure days until the next unlock, and the date
    on screen is the date stored."""
    from PySide6.QtCore import QSettings

    from triage_desktop.gui.settings import SettingsDialog

    form = make_form(qtbot, gui_context)
    set_received(form, QDate(2026, 4, 2))
    assert form.contact_by_label.text() == "Wed 8 Apr 2026"
    preferences = QSettings(str(tmp_path / "preferences.ini"), QSettings.Format.IniFormat)
    dialog = SettingsDialog(gui_context, preferences=preferences)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=10000):
        dialog.show()
    dialog.show_page(dialog.records)
    dialog.records.ui.closureDateEdit.setDate(QDate(2026, 4, 8))
    qtbot.mouseClick(dialog.records.ui.addClosureButton, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(form.contact_by_shown, timeout=10000) as shown:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert shown.args == ["Thu 9 Apr 2026"]
    assert form.contact_by_label.text() == "Thu 9 Apr 2026"
    dialog.close()
    type_text(form.reporter_name, "Alex Example")
    with qtbot.waitSignal(form.saved, timeout=10000) as saved:
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert str(gui_context.service.get_case(saved.args[0]).contact_by) == "2026-04-09"
