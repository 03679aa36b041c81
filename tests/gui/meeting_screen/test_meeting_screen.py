"""The guided meeting through the real widgets over a real vault: answers autosave and resume,
the reporter view shows nothing internal, and the meeting ends in a signed summary and letter."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from tests.documents.pdftools import pdftotext
from tests.support.typing import type_text
from tests.support.vaults import details
from triage_desktop.cases.model import CaseStatus
from triage_desktop.gui.context import AppContext
from triage_desktop.gui.meeting_screen.screen import MeetingScreen
from triage_desktop.services import meeting_service as ms
from triage_desktop.services.documents_service import DocumentsService

MARK = "INTERNAL-MARKER-4420"
OWN_WORDS = "He mocked my accent in every seminar — قال لي ذلك أمام الجميع — 他总是这样"


def open_screen(qtbot: QtBot, context: AppContext, case_id: int) -> MeetingScreen:
    screen = MeetingScreen(context, case_id)
    qtbot.addWidget(screen)
    screen.resize(1280, 800)
    with qtbot.waitSignal(screen.opened, timeout=15000):
        screen.show()
    return screen


def go(screen: MeetingScreen, step: str) -> None:
    screen.step_list.setCurrentRow(ms.STEP_IDS.index(step))


def choose(widget: QWidget, value: str) -> None:
    assert isinstance(widget, QComboBox)
    widget.setCurrentIndex(widget.findData(value))


def test_a_meeting_from_new_case_to_signed_letter(
    qtbot: QtBot, gui_context: AppContext, screenshot_dir: Path
) -> None:
    service = gui_context.service
    case = service.create_case(details(reporter="Zoë Ångström"))
    DocumentsService(service).set_up_identity("Officer Fictional", "DRLRO", "University")
    screen = open_screen(qtbot, gui_context, case.id)
    assert service.get_case(case.id).status is CaseStatus.MEETING_ARRANGED
    opening = screen.form_for("opening").widgets
    qtbot.mouseClick(opening["confidentiality_explained"], Qt.MouseButton.LeftButton)
    choose(opening["answer:safe_now"], "yes")
    screen.grab().save(str(screenshot_dir / "meeting-1-opening.png"))
    qtbot.mouseClick(screen.done_button, Qt.MouseButton.LeftButton)
    assert screen.record["current_step"] == "support"
    choose(screen.form_for("support").widgets["offer:support_and_report"], "referral made")
    go(screen, "account")
    type_text(screen.form_for("account").widgets["reporter_words"], OWN_WORDS)
    choose(screen.form_for("account").widgets["respondent_type"], "student")
    screen.grab().save(str(screenshot_dir / "meeting-3-account.png"))
    go(screen, "options")
    formal_text = screen.form_for("options").widgets["text:formal"]
    assert isinstance(formal_text, QLabel)
    assert "Student Regulation 7" in formal_text.text()  # the procedure for this respondent
    qtbot.mouseClick(
        screen.form_for("options").widgets["explained:informal"], Qt.MouseButton.LeftButton
    )
    go(screen, "preference")
    choose(screen.form_for("preference").widgets["preference"], "informal")
    type_text(screen.form_for("preference").widgets["party:0"], "Head of Department")
    type_text(screen.form_for("preference").widgets["what:0"], "That a concern was raised")
    go(screen, "routing")
    assert "informal resolution" in screen.routing_label.text().lower()
    assert "v2.0" in screen.routing_label.text()
    qtbot.wait(50)  # let the layout take the new text before the picture
    screen.grab().save(str(screenshot_dir / "meeting-7-routing.png"))
    go(screen, "next_steps")
    type_text(screen.form_for("next_steps").widgets["action:0"], "Refer to the informal approach")
    type_text(screen.form_for("next_steps").widgets["due:0"], "2026-12-04")
    with qtbot.waitSignal(screen.saved, timeout=10000):
        pass
    stored = service.load_meeting(case.id)
    assert stored is not None
    assert stored.record["steps"]["account"]["values"]["reporter_words"] == OWN_WORDS

    go(screen, "review")
    assert "Ready to sign" in screen.blockers.text()
    type_text(screen.amend_what, "Preference")
    type_text(screen.amend_before, "Formal process")
    type_text(screen.amend_after, "Informal approach")
    type_text(screen.amend_reason, "corrected at read-back")
    qtbot.mouseClick(screen.amend_button, Qt.MouseButton.LeftButton)
    assert "corrected at read-back" in screen.amendments.text()
    assert screen.amend_what.text() == ""
    with qtbot.waitSignal(screen.signed, timeout=30000) as summary:
        qtbot.mouseClick(screen.sign_summary_button, Qt.MouseButton.LeftButton)
    assert summary.args == ["summary"]
    with qtbot.waitSignal(screen.signed, timeout=30000):
        qtbot.mouseClick(screen.sign_letter_button, Qt.MouseButton.LeftButton)
    qtbot.wait(300)  # QPdfView paints on its own thread
    screen.grab().save(str(screenshot_dir / "meeting-9-signed-letter.png"))
    assert service.get_case(case.id).status is CaseStatus.REFERRED
    documents = service.list_documents(case.id)
    assert len(documents) == 2
    from triage_desktop.documents.verification import verify_pdf

    texts = []
    for document in documents:
        _info, pdf = service.fetch_document(document.id)
        assert all(s.intact and s.valid for s in verify_pdf(pdf).signatures)
        texts.append(pdftotext(pdf))
    assert any("informal approach by 4 December 2026" in t for t in texts)
    summary_text = next(t for t in texts if "Triage meeting summary" in t)
    assert "Head of Department" in summary_text
    assert "corrected at read-back" in summary_text
    assert OWN_WORDS.split(" — ", maxsplit=1)[0] in summary_text
    assert service.audit_verify().ok


def visible_texts(root: QWidget) -> list[str]:
    found = [root.window().windowTitle()]
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisibleTo(root.window()):
            continue
        found += [widget.accessibleName(), widget.accessibleDescription(), widget.toolTip()]
        if isinstance(widget, QLabel | QLineEdit):
            found.append(widget.text())
        elif isinstance(widget, QPlainTextEdit):
            found.append(widget.toPlainText())
        elif isinstance(widget, QComboBox):
            found.append(widget.currentText())
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            found += [str(model.index(r, 0).data()) for r in range(model.rowCount())]
    return found


def test_the_reporter_view_never_shows_internal_text(
    qtbot: QtBot, gui_context: AppContext, screenshot_dir: Path
) -> None:
    case = gui_context.service.create_case(details())
    screen = open_screen(qtbot, gui_context, case.id)
    internal = 0
    for step in ms.STEP_IDS:
        screen.form_for(step)
    for step, form in screen.forms.items():
        for key, widget in form.widgets.items():
            if form.fields[key].internal and isinstance(widget, QLineEdit | QPlainTextEdit):
                type_text(widget, f"{MARK} {step}:{key}")
                internal += 1
    assert internal >= 10  # risk comments, precautions, justifications, support notes, ...
    # the things the reporter should see are filled too, so the view is not trivially empty
    type_text(screen.form_for("next_steps").widgets["action:0"], "Book a follow-up call")
    choose(screen.form_for("support").widgets["offer:support_and_report"], "accepted")
    assert any(MARK in t for t in visible_texts(screen))  # the officer's view does show them
    qtbot.keyClick(screen, Qt.Key.Key_F8)
    assert screen.in_reporter_view()
    shown = visible_texts(screen)
    assert not [t for t in shown if MARK in t]
    assert any("Your options" in t for t in shown)
    assert any("Book a follow-up call" in t for t in shown)
    assert any("Support and Report Service" in t for t in shown)
    screen.grab().save(str(screenshot_dir / "meeting-reporter-view.png"))
    assert not screen.step_list.isVisibleTo(screen)  # no navigation out of it
    qtbot.keyClick(screen, Qt.Key.Key_F8)
    assert not screen.in_reporter_view()


def test_closing_and_reopening_resumes_at_the_same_step(
    qtbot: QtBot, gui_context: AppContext
) -> None:
    case = gui_context.service.create_case(details())
    screen = open_screen(qtbot, gui_context, case.id)
    go(screen, "risk")
    screen.step_list.setCurrentRow(ms.STEP_IDS.index("preference"))
    choose(screen.form_for("preference").widgets["preference"], "formal")
    qtbot.mouseClick(screen.skip_button, Qt.MouseButton.LeftButton)  # preference: not covered
    with qtbot.waitSignal(screen.saved, timeout=10000):
        pass
    qtbot.waitUntil(lambda: not screen._dirty and not screen._saving, timeout=10000)
    step = screen.record["current_step"]
    screen.close()
    again = open_screen(qtbot, gui_context, case.id)
    assert again.record["current_step"] == step == "routing"
    assert again.record["steps"]["preference"]["state"] == "skipped"
    widget = again.form_for("preference").widgets["preference"]
    assert isinstance(widget, QComboBox)
    assert widget.currentData() == "formal"
    assert "not covered" in again.step_list.item(ms.STEP_IDS.index("preference")).text()


def test_meeting_steps_are_keyboard_walkable_with_names(
    qtbot: QtBot, gui_context: AppContext, screenshot_dir: Path
) -> None:
    from tests.support.a11y import check_keyboard_and_names

    case = gui_context.service.create_case(details())
    screen = open_screen(qtbot, gui_context, case.id)
    for step in ("opening", "support", "risk", "preference", "review"):
        go(screen, step)
        form = screen.form_for(step)
        first = next(iter(w for w in form.widgets.values() if not isinstance(w, QLabel)), None)
        start = first or screen.step_list
        assert check_keyboard_and_names(qtbot, screen.officer_view, start) == [], step
        screen.grab().save(str(screenshot_dir / f"meeting-step-{step}.png"))


def test_an_edit_made_just_before_locking_is_saved(qtbot: QtBot, gui_context: AppContext) -> None:
    case = gui_context.service.create_case(details())
    screen = open_screen(qtbot, gui_context, case.id)
    go(screen, "account")
    qtbot.waitUntil(lambda: not screen._saving, timeout=10000)
    type_text(screen.form_for("account").widgets["where"], "Library café")
    assert screen._dirty  # still inside the autosave delay
    gui_context.locked.emit()  # what the shell does first when it locks
    assert gui_context.tasks.wait_all()
    stored = gui_context.service.load_meeting(case.id)
    assert stored is not None
    assert stored.record["steps"]["account"]["values"]["where"] == "Library café"
    assert screen.record["steps"]["account"]["values"] == {}  # and the screen kept nothing
