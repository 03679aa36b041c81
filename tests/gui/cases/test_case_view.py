"""The case view over a real vault: details, a stored PDF previewed from memory, history, export."""

from __future__ import annotations

from pathlib import Path

from benchmarks.gui_bench import small_pdf
from pytestqt.qtbot import QtBot

from tests.support.vaults import details
from triage_desktop.gui.cases.case_view import CaseView
from triage_desktop.gui.context import AppContext


def test_case_view_shows_details_documents_and_history(
    qtbot: QtBot, gui_context: AppContext, screenshot_dir: Path, tmp_path: Path
) -> None:
    service = gui_context.service
    case = service.create_case(details(reporter="Zoë Ångström"))
    pdf = small_pdf()
    service.add_document(case.id, "summary", pdf)
    view = CaseView(gui_context)
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.show()
    with qtbot.waitSignal(view.shown, timeout=10000):
        view.show_case(case.id)
    assert view.title.text() == case.reference
    assert "Zoë Ångström" in view.details.toPlainText()
    assert "Awaiting contact" in view.summary.text()
    assert view.document_list.count() == 1
    actions = [view.history.item(r, 1).text() for r in range(view.history.rowCount())]
    assert "Case recorded" in actions
    assert "Case opened" in actions

    view.tabs.setCurrentIndex(1)
    with qtbot.waitSignal(view.preview_ready, timeout=10000):
        view.document_list.setCurrentRow(0)
    assert view.preview.page_count() == 1
    qtbot.wait(500)  # QPdfView renders pages on its own thread
    view.grab().save(str(screenshot_dir / "case-view-document.png"))

    target = tmp_path / "exported.pdf"
    view.export_selected(str(target))
    qtbot.waitUntil(target.exists, timeout=10000)
    assert target.read_bytes() == pdf
    assert oct(target.stat().st_mode & 0o777) == "0o600"
    qtbot.waitUntil(lambda: "Exported" in view.document_note.text(), timeout=5000)
    view.export_selected(str(target))  # the same name again: refused in words, file kept
    qtbot.waitUntil(lambda: "already exists" in view.document_note.text(), timeout=5000)
    assert "choose another name (nothing was written)" in view.document_note.text()
    assert target.read_bytes() == pdf

    view.tabs.setCurrentIndex(2)
    view.grab().save(str(screenshot_dir / "case-view-history.png"))
    gui_context.locked.emit()
    assert view.details.toPlainText() == ""
    assert view.history.rowCount() == 0
    assert view.preview.page_count() == 0


def test_case_view_buttons_and_escape_say_which_case(qtbot: QtBot, gui_context: AppContext) -> None:
    from PySide6.QtCore import Qt

    case = gui_context.service.create_case(details())
    view = CaseView(gui_context)
    qtbot.addWidget(view)
    view.show()
    with qtbot.waitSignal(view.shown, timeout=10000):
        view.show_case(case.id)
    with qtbot.waitSignal(view.edit_requested) as edit:
        qtbot.mouseClick(view.edit_button, Qt.MouseButton.LeftButton)
    assert edit.args == [case.id]
    if view.meeting_button.isVisible():  # offered once the meeting screen is part of the app
        with qtbot.waitSignal(view.start_meeting) as meeting:
            qtbot.mouseClick(view.meeting_button, Qt.MouseButton.LeftButton)
        assert meeting.args == [case.id]
    with qtbot.waitActive(view):
        view.activateWindow()
    with qtbot.waitSignal(view.back, timeout=2000):
        qtbot.keyClick(view.tabs, Qt.Key.Key_Escape)
