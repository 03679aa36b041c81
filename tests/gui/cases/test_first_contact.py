"""The first contact, recorded from the case view through the real dialog: the case view, the
case list's contact-by column and the summary say whether the 2-working-day promise was kept,
in words (never colour alone)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.documents.pdftools import pdftotext
from tests.support.typing import type_text
from tests.support.vaults import details
from triage_desktop.cases.model import CaseStatus, ContactMethod, FirstContact
from triage_desktop.gui.cases.case_view import CaseView
from triage_desktop.gui.cases.first_contact import FirstContactDialog
from triage_desktop.gui.cases.list_model import CONTACT_BY, CaseListModel
from triage_desktop.gui.context import AppContext

# details() are received Thu 2 Apr 2026: Good Friday and Easter Monday are skipped, so the
# reporter must be contacted by Wed 8 Apr 2026.
DEADLINE = date(2026, 4, 8)


def open_view(qtbot: QtBot, context: AppContext, case_id: int) -> CaseView:
    view = CaseView(context)
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.show()
    qtbot.waitExposed(view)
    with qtbot.waitSignal(view.shown, timeout=10000):
        view.show_case(case_id)
    return view


def record(qtbot: QtBot, view: CaseView, typed: str, method: str) -> FirstContactDialog:
    qtbot.mouseClick(view.contact_button, Qt.MouseButton.LeftButton)
    dialog = view.first_contact_dialog
    assert isinstance(dialog, FirstContactDialog)
    assert dialog.isVisible()
    dialog.date_field.edit.clear()
    type_text(dialog.date_field.edit, typed)
    dialog.method_combo.setCurrentIndex(dialog.method_combo.findText(method))
    return dialog


def test_first_contact_on_time_is_recorded_and_shown_in_words(
    qtbot: QtBot, gui_context: AppContext, screenshot_dir: Path
) -> None:
    case = gui_context.service.create_case(details())
    assert case.contact_by == DEADLINE
    view = open_view(qtbot, gui_context, case.id)
    assert view.contact_line.text() == "Not contacted yet. Overdue — Wed 8 Apr 2026."
    assert "First contact\nNot recorded yet" in view.details.toPlainText()
    dialog = record(qtbot, view, "7 April 2026", "Phone")
    dialog.grab().save(str(screenshot_dir / "first-contact-dialog.png"))
    with qtbot.waitSignal(view.shown, timeout=10000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert view.contact_line.text() == (
        "First contact by phone. Contacted on time — Tue 7 Apr 2026."
    )
    assert "First contact\nTue 7 Apr 2026, by phone" in view.details.toPlainText()
    assert view.contact_button.text() == "Change first &contact…"
    stored = gui_context.service.get_case(case.id)
    assert stored.first_contact == FirstContact(date(2026, 4, 7), ContactMethod.PHONE)
    assert stored.contact_met is True
    assert stored.status is CaseStatus.MEETING_ARRANGED
    history = [view.history.item(r, 1).text() for r in range(view.history.rowCount())]
    assert "First contact recorded" in history
    qtbot.wait(100)  # let the layout take the new lines before the picture
    view.grab().save(str(screenshot_dir / "case-view-first-contact.png"))

    # The summary no longer says "not yet contacted".
    from triage_desktop.meeting import Meeting
    from triage_desktop.services import meeting_service as ms
    from triage_desktop.services.documents_service import DocumentsService

    DocumentsService(gui_context.service).set_up_identity("Officer Fictional", "DRLRO", "Uni")
    text = pdftotext(ms.render_draft(gui_context.service, case.id, Meeting()))
    assert "not yet contacted" not in text
    assert "deadline met" in text


def test_late_contact_says_how_many_working_days_after_the_deadline(
    qtbot: QtBot, gui_context: AppContext
) -> None:
    case = gui_context.service.create_case(details())
    view = open_view(qtbot, gui_context, case.id)
    dialog = record(qtbot, view, "Fri 10 April 2026", "Email")
    with qtbot.waitSignal(view.shown, timeout=10000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert view.contact_line.text() == (
        "First contact by email. "
        "Contacted late (2 working days after the deadline) — Wed 8 Apr 2026."
    )
    assert gui_context.service.get_case(case.id).contact_met is False


def test_a_date_that_cannot_be_right_is_refused_and_the_dialog_keeps_it(
    qtbot: QtBot, gui_context: AppContext
) -> None:
    case = gui_context.service.create_case(details())
    view = open_view(qtbot, gui_context, case.id)
    for typed, words in (
        ("next week sometime", "not a date I can read"),
        ("1 January 2099", "cannot be in the future"),
        ("1 April 2026", "cannot be before the report arrived (Thu 2 Apr 2026)"),
    ):
        dialog = record(qtbot, view, typed, "Letter")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        assert words in dialog.problem.text()
        assert dialog.problem.text().startswith("⚠ ")
        assert dialog.isVisible()
        assert dialog.date_field.edit.text() == typed
        dialog.reject()
    gui_context.tasks.wait_all()
    assert gui_context.service.get_case(case.id).first_contact is None


def test_the_case_list_shows_the_clock_met_missed_due_or_overdue(
    qtbot: QtBot, gui_context: AppContext
) -> None:
    from datetime import UTC, datetime, timedelta

    service = gui_context.service
    on_time = service.create_case(details("ONTIME"))
    late = service.create_case(details("LATE"))
    overdue = service.create_case(details("OVERDUE"))
    soon = datetime.now(UTC).replace(hour=10) + timedelta(days=1)
    due = service.create_case(details("DUE", received=soon))
    service.record_first_contact(on_time.id, FirstContact(DEADLINE, ContactMethod.IN_PERSON))
    service.record_first_contact(late.id, FirstContact(date(2026, 4, 9), ContactMethod.PHONE))
    model = CaseListModel(gui_context)
    with qtbot.waitSignal(model.loaded, timeout=10000):
        model.refresh()
    texts = {
        model.row_at(row).id: model.index(row, CONTACT_BY).data()  # type: ignore[union-attr]
        for row in range(model.rowCount())
    }
    assert texts[on_time.id] == "Contacted on time — Wed 8 Apr 2026"
    assert texts[late.id] == ("Contacted late (1 working day after the deadline) — Wed 8 Apr 2026")
    assert texts[overdue.id] == "Overdue — Wed 8 Apr 2026"
    assert texts[due.id].startswith("Due by ")
    icons = {
        model.row_at(row).id: model.index(row, CONTACT_BY).data(Qt.ItemDataRole.DecorationRole)
        for row in range(model.rowCount())
    }
    assert not icons[on_time.id].isNull()  # a tick beside the words
    assert not icons[late.id].isNull()  # a warning sign beside the words
