"""The guided meeting through the real widgets over a real vault: what the officer and the
reporter see at every step, from a new case to a signed summary, a signed letter and a
superseding version; the PDFs are read back."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QMessageBox, QPlainTextEdit
from pytestqt.qtbot import QtBot

from tests.documents.pdftools import pdftotext
from tests.gui.meeting_screen.driver import Driver, visible_texts
from tests.support.typing import type_text
from tests.support.vaults import details
from triage_desktop.cases.model import CaseStatus
from triage_desktop.gui.context import AppContext
from triage_desktop.gui.meeting_screen.screen import MeetingScreen
from triage_desktop.meeting import Step, StepState
from triage_desktop.meeting import schema as m
from triage_desktop.services.documents_service import DocumentsService

MARK = "INTERNAL-MARKER-4420"
OWN_WORDS = "He mocked my accent in every seminar — قال لي ذلك أمام الجميع — 他总是这样"
SAFE_NOW = m.RISK_ANSWER.field("safe_now", "")
DANGER = m.RISK_ANSWER.field("immediate_danger", "")
MEDICAL = m.RISK_ANSWER.field("medical_need", "")
THREATS = m.RISK_ANSWER.field("threats_made", "")
SHARED_COURSE = m.RISK_ANSWER.field("shared_course", "")


def open_screen(qtbot: QtBot, context: AppContext, case_id: int) -> MeetingScreen:
    screen = MeetingScreen(context, case_id)
    qtbot.addWidget(screen)
    screen.resize(1280, 800)
    with qtbot.waitSignal(screen.opened, timeout=15000):
        screen.show()
    return screen


def saved(qtbot: QtBot, screen: MeetingScreen) -> None:
    qtbot.waitUntil(lambda: not screen._dirty and not screen._saving, timeout=10000)


def test_a_meeting_from_new_case_to_signed_letter_and_a_new_version(
    qtbot: QtBot, gui_context: AppContext, screenshot_dir: Path
) -> None:
    service = gui_context.service
    case = service.create_case(details(reporter="Zoë Ångström"))
    DocumentsService(service).set_up_identity("Officer Fictional", "DRLRO", "University")
    screen = open_screen(qtbot, gui_context, case.id)
    drive = Driver(qtbot, screen)
    assert service.get_case(case.id).status is CaseStatus.MEETING_ARRANGED
    assert screen.focusWidget() is not None  # focus is on the step's first field

    # 1. Opening and safety: the alert fires the moment a red-flag answer is given
    for tick in (m.CONFIDENTIALITY_EXPLAINED, m.LIMITS_EXPLAINED, m.CONSENT_TO_RECORD):
        drive.tick(Step.OPENING, tick)
    drive.add_row(Step.OPENING, m.ATTENDEES, {"name": "Sam Supporter"})
    assert not screen.safety.isVisible()
    drive.choose(Step.OPENING, SAFE_NOW, "no")
    assert screen.safety.isVisible()
    assert "Do you feel safe right now? No" in screen.safety.body.text().replace("<b>", "").replace(
        "</b>", ""
    )
    assert "999" in screen.safety.body.text()
    drive.choose(Step.OPENING, DANGER, "no")
    drive.choose(Step.OPENING, MEDICAL, "no")
    screen.grab().save(str(screenshot_dir / "meeting-1-opening-safety.png"))
    drive.done()
    assert screen.meeting.current_step is Step.SUPPORT
    assert screen.safety.isVisible()  # on every step until acknowledged
    drive.click(screen.safety.acknowledge_button)
    assert not screen.safety.isVisible()
    assert screen.meeting.safety is not None

    # 2. Support
    drive.choose(Step.SUPPORT, m.SUPPORT_OFFER.field("support_and_report", ""), "referral made")
    drive.done()
    # 3. The account starts from intake; their own words in several scripts
    account = drive.page(Step.ACCOUNT)
    where = account.widgets[m.WHERE.key]
    assert isinstance(where, QLineEdit)
    assert where.text() == "group chat"  # what intake recorded
    drive.type(Step.ACCOUNT, m.REPORTER_WORDS, OWN_WORDS)
    drive.choose(Step.ACCOUNT, m.SEVERITY, "medium")
    screen.grab().save(str(screenshot_dir / "meeting-3-account.png"))
    drive.done()
    # 4. Options: the formal one names this respondent's procedure
    formal = drive.page(Step.OPTIONS).widgets[m.OPTION_TEXT.key("formal")]
    assert isinstance(formal, QLabel)
    assert "Student Regulation 7" in formal.text()
    drive.tick(Step.OPTIONS, m.OPTION_EXPLAINED.field("informal", ""))
    drive.tick(Step.OPTIONS, m.OPTION_QUESTIONS.field("informal", ""))
    drive.done()
    # 5. Risk: the computed level is shown live, with what raised it
    drive.choose(Step.RISK, SHARED_COURSE, "yes")
    drive.choose(Step.RISK, THREATS, "no")
    risk_text = screen.risk_label.text()
    assert "Computed from the answers: High" in risk_text
    assert "Do you feel safe right now? — No" in risk_text  # what raised it
    # the officer's judgement, with its reason, is what counts
    drive.choose(Step.RISK, m.RISK_JUDGEMENT, "low")
    drive.type(Step.RISK, m.RISK_JUDGEMENT_REASON, "Security moved the respondent to other halls")
    assert "Your judgement: Low" in screen.risk_label.text()
    screen.grab().save(str(screenshot_dir / "meeting-5-risk.png"))
    drive.done()
    # 6. Their preference, and who may be told what
    drive.choose(Step.PREFERENCE, m.PREFERENCE, "informal")
    drive.add_row(
        Step.PREFERENCE,
        m.SHARING,
        {"party": "Head of Department", "what": "That a concern was raised"},
    )
    drive.done()
    # 7. Routing: the recommendation in words, and how it stands with their choice
    panel = " ".join(screen.routing_panel.texts())
    assert "Referral to the informal resolution approach" in panel
    assert "This is what they asked for." in panel
    assert "v2.0" in panel
    qtbot.wait(50)
    screen.grab().save(str(screenshot_dir / "meeting-7-routing.png"))
    drive.done()
    # 8. Next steps: dates typed as people write them
    drive.add_row(
        Step.NEXT_STEPS,
        m.NEXT_STEPS,
        {"action": "Refer to the informal approach", "due": "4 December 2026"},
    )
    saved(qtbot, screen)
    stored = service.load_meeting(case.id)
    assert stored is not None
    assert stored.record["values"][m.REPORTER_WORDS.key] == OWN_WORDS
    assert stored.record["values"][m.NEXT_STEPS.key][0]["due"] == "2026-12-04"

    # 9. Review: the draft summary on screen, the read-back, a correction, then signing
    with qtbot.waitSignal(screen.draft_shown, timeout=30000):
        drive.done()
        review = screen.review
        assert review is not None
        assert review.progress.isVisible()  # while the draft is prepared, on a worker
        assert review.status.text() == "Preparing the draft summary…"
    assert not review.progress.isVisible()
    assert review.status.text() == ""
    assert review.preview.page_count() >= 1
    assert "Ready to sign" in review.blockers.text()
    drive.key(screen, Qt.Key.Key_F8)
    assert screen.in_reporter_view()
    shown = screen.reporter_view.text()
    assert shown.index("What happens next") < shown.index("Support") < shown.index("Your options")
    assert "Your officer will refer to the informal approach, by Friday 4 December 2026." in shown
    screen.grab().save(str(screenshot_dir / "meeting-reporter-view.png"))
    drive.key(screen, Qt.Key.Key_F8)
    assert not screen.in_reporter_view()
    type_text(review.amend_what, "Preference")
    type_text(review.amend_before, "Formal process")
    type_text(review.amend_after, "Informal approach")
    type_text(review.amend_reason, "corrected at read-back")
    drive.click(review.amend_button)
    assert "corrected at read-back" in review.amendments.text()
    qtbot.wait(300)
    screen.grab().save(str(screenshot_dir / "meeting-9-review-draft.png"))
    drive.answer_dialog(QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(screen.signed, timeout=60000) as summary:
        drive.click(review.sign_summary_button)
    assert summary.args == ["summary"]
    assert "signed" in review.signed_banner.text().lower()
    with qtbot.waitSignal(screen.signed, timeout=60000):
        drive.click(review.sign_letter_button)
    qtbot.wait(300)
    screen.grab().save(str(screenshot_dir / "meeting-9-signed-letter.png"))
    assert service.get_case(case.id).status is CaseStatus.REFERRED
    clicks_to_signed_letter = drive.clicks
    print(f"\nclicks beyond typing, new case to signed letter: {clicks_to_signed_letter}")
    assert clicks_to_signed_letter < 40, drive.log

    # the PDFs say what was done
    from triage_desktop.documents.verification import verify_pdf

    texts = {}
    for document in service.list_documents(case.id):
        _info, pdf = service.fetch_document(document.id)
        assert all(s.intact and s.valid for s in verify_pdf(pdf).signatures)
        texts[document.kind] = pdftotext(pdf)
    summary_text = texts["triage_summary"]
    letter_text = next(t for k, t in texts.items() if k.startswith("letter:"))
    assert "informal approach by 4 December 2026" in letter_text
    assert "Sam Supporter" in summary_text
    assert "Head of Department" in summary_text
    assert "corrected at read-back" in summary_text
    assert OWN_WORDS.split(" — ", maxsplit=1)[0] in summary_text
    assert "Do you feel safe right now?" in summary_text

    # reopened, a signed meeting is read-only with its documents
    screen.close()
    again = open_screen(qtbot, gui_context, case.id)
    assert again.meeting.is_signed
    assert again.review is not None
    assert again.review.preview.page_count() >= 1
    words = again.page_for(Step.ACCOUNT).widgets[m.REPORTER_WORDS.key]
    assert isinstance(words, QPlainTextEdit)
    assert not words.isEnabled()
    drive = Driver(qtbot, again)
    drive.go(Step.REVIEW)
    assert again.review.change_button.isVisible()
    assert not again.review.sign_summary_button.isEnabled()

    # a change after signing makes a new version that names the one it replaces
    drive.answer_dialog(QMessageBox.StandardButton.Yes)
    drive.click(again.review.change_button)
    qtbot.waitUntil(lambda: not again.meeting.is_signed, timeout=10000)
    drive.go(Step.OPENING)
    drive.type(Step.OPENING, m.ADJUSTMENTS, "Breaks every half hour")
    drive.go(Step.REVIEW)
    drive.answer_dialog(QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(again.signed, timeout=60000):
        drive.click(again.review.sign_summary_button)
    assert again.meeting.summary is not None
    assert again.meeting.summary.version == 2
    assert again.meeting.superseded[0].version == 1
    assert len(service.list_documents(case.id)) == 3
    second = next(
        d for d in service.list_documents(case.id) if d.sha256 == again.meeting.summary.sha256
    )
    second_text = " ".join(pdftotext(service.fetch_document(second.id)[1]).split())
    assert "Version 2" in second_text
    assert again.meeting.superseded[0].uuid in second_text  # it names the summary it replaces
    assert "Breaks every half hour" in second_text
    assert service.audit_verify().ok


def test_the_reporter_view_never_shows_internal_text(qtbot: QtBot, gui_context: AppContext) -> None:
    case = gui_context.service.create_case(details())
    screen = open_screen(qtbot, gui_context, case.id)
    drive = Driver(qtbot, screen)
    internal = 0
    for step in (s for s in m.STEPS if s is not Step.REVIEW):
        page = drive.page(step)
        for key, widget in page.widgets.items():
            field = page.fields[key]
            if not field.reporter_sees and isinstance(widget, QLineEdit | QPlainTextEdit):
                type_text(widget, f"{MARK} {key}")
                internal += 1
    assert internal >= 15  # risk comments, precautions, justifications, support notes, ...
    drive.add_row(Step.NEXT_STEPS, m.NEXT_STEPS, {"action": "Book a follow-up call"})
    drive.choose(Step.SUPPORT, m.SUPPORT_OFFER.field("support_and_report", ""), "accepted")
    assert any(MARK in t for t in visible_texts(screen))  # the officer's view does show them
    qtbot.keyClick(screen, Qt.Key.Key_F8)
    assert screen.in_reporter_view()
    shown = visible_texts(screen)
    assert not [t for t in shown if MARK in t]
    assert any("Your options" in t for t in shown)
    assert any("Book a follow-up call" in t.lower() or "book a follow-up call" in t for t in shown)
    assert any("Support and Report Service" in t for t in shown)
    assert not screen.step_list.isVisibleTo(screen)  # no navigation out of it
    qtbot.keyClick(screen, Qt.Key.Key_F8)
    assert not screen.in_reporter_view()


def test_an_unreadable_date_is_refused_on_the_spot_and_kept_on_screen(
    qtbot: QtBot, gui_context: AppContext
) -> None:
    case = gui_context.service.create_case(details())
    screen = open_screen(qtbot, gui_context, case.id)
    drive = Driver(qtbot, screen)
    drive.go(Step.NEXT_STEPS)
    page = drive.page(Step.NEXT_STEPS)
    follow_up = page.widgets[m.FOLLOW_UP.key]
    drive.type(Step.NEXT_STEPS, m.FOLLOW_UP, "next Friday")
    problem = page.problems[m.FOLLOW_UP.key]
    assert problem.isVisible()
    assert "not a date I can read" in problem.text()
    assert screen.meeting.date(m.FOLLOW_UP) is None
    drive.done()  # refused: the step stays, the text stays
    assert screen.meeting.current_step is Step.NEXT_STEPS
    assert screen.meeting.states[Step.NEXT_STEPS] is not StepState.DONE
    assert "next Friday" in follow_up.edit.text()  # type: ignore[attr-defined]
    follow_up.edit.clear()  # type: ignore[attr-defined]
    drive.type(Step.NEXT_STEPS, m.FOLLOW_UP, "11/12/2026")
    assert not problem.isVisible()
    assert screen.meeting.date(m.FOLLOW_UP) == dt.date(2026, 12, 11)


def test_closing_and_reopening_resumes_at_the_same_step(
    qtbot: QtBot, gui_context: AppContext
) -> None:
    case = gui_context.service.create_case(details())
    screen = open_screen(qtbot, gui_context, case.id)
    drive = Driver(qtbot, screen)
    drive.go(Step.PREFERENCE)
    drive.choose(Step.PREFERENCE, m.PREFERENCE, "formal")
    drive.click(screen.skip_button)  # preference: not covered
    saved(qtbot, screen)
    screen.close()
    again = open_screen(qtbot, gui_context, case.id)
    assert again.meeting.current_step is Step.ROUTING
    assert again.meeting.states[Step.PREFERENCE] is StepState.SKIPPED
    group = again.page_for(Step.PREFERENCE).widgets[m.PREFERENCE.key]
    assert group.value() == "formal"  # type: ignore[attr-defined]
    assert "not covered" in again.step_list.item(m.STEPS.index(Step.PREFERENCE)).text()


def test_meeting_steps_are_keyboard_walkable_with_names(
    qtbot: QtBot, gui_context: AppContext, screenshot_dir: Path
) -> None:
    from tests.support.a11y import check_keyboard_and_names

    case = gui_context.service.create_case(details())
    screen = open_screen(qtbot, gui_context, case.id)
    drive = Driver(qtbot, screen)
    for step in m.STEPS:
        drive.go(step)
        start = screen.focusWidget() or screen.step_list
        assert check_keyboard_and_names(qtbot, screen.officer_view, start) == [], step
        screen.grab().save(str(screenshot_dir / f"meeting-step-{step.value}.png"))


def test_an_edit_made_just_before_locking_is_saved(qtbot: QtBot, gui_context: AppContext) -> None:
    case = gui_context.service.create_case(details())
    screen = open_screen(qtbot, gui_context, case.id)
    drive = Driver(qtbot, screen)
    drive.go(Step.ACCOUNT)
    saved(qtbot, screen)
    page = drive.page(Step.ACCOUNT)
    page.widgets[m.WHERE.key].clear()  # type: ignore[attr-defined]
    drive.type(Step.ACCOUNT, m.WHERE, "Library café")
    assert screen._dirty  # still inside the autosave delay
    gui_context.locked.emit()  # what the shell does first when it locks
    assert gui_context.tasks.wait_all()
    stored = gui_context.service.load_meeting(case.id)
    assert stored is not None
    assert stored.record["values"][m.WHERE.key] == "Library café"
    assert screen.meeting.values == {}  # and the screen kept nothing


def test_every_step_light_and_dark_for_a_person_to_look_at(
    qtbot: QtBot, gui_context: AppContext, screenshot_dir: Path
) -> None:
    """Pictures of every step of a filled-in meeting, in both schemes (the officer's view), and
    the reporter view at two window sizes. Asserts only that each step shows its heading."""
    from tests.support.meetings import filled_meeting
    from triage_desktop.gui.app import create_application
    from triage_desktop.gui.palettes import apply_palette
    from triage_desktop.services import meeting_service as ms

    case = gui_context.service.create_case(details(reporter="Zoë Ångström"))
    ms.save(gui_context.service, case.id, filled_meeting())
    app = create_application()
    try:
        for scheme in ("light", "dark"):
            apply_palette(app, scheme)
            screen = open_screen(qtbot, gui_context, case.id)
            drive = Driver(qtbot, screen)
            for number, step in enumerate(m.STEPS, start=1):
                drive.go(step)
                qtbot.wait(60)
                page = screen.page_for(step)
                assert page.heading.text() == f"{number}. {m.STEP_TITLES[step]}"
                name = f"meeting-{scheme}-{number}-{step.value}.png"
                screen.grab().save(str(screenshot_dir / name))
            qtbot.keyClick(screen, Qt.Key.Key_F8)
            for width, height in ((1280, 800), (1100, 680)):
                screen.resize(width, height)
                qtbot.wait(60)
                screen.grab().save(str(screenshot_dir / f"reporter-{scheme}-{width}x{height}.png"))
            qtbot.keyClick(screen, Qt.Key.Key_F8)
            screen.close()
    finally:
        apply_palette(app, "light")


def test_a_bidi_override_in_a_name_cannot_reverse_what_the_reporter_reads(
    qtbot: QtBot, gui_context: AppContext
) -> None:
    """U+202E in a party's name is kept in the record but never drawn: it would reverse the
    rest of the line on the screen turned to the reporter."""
    case = gui_context.service.create_case(details())
    screen = open_screen(qtbot, gui_context, case.id)
    drive = Driver(qtbot, screen)
    drive.add_row(Step.PREFERENCE, m.SHARING, {"party": "Sam\u202e Student", "what": "All of it"})
    assert screen.meeting.rows(m.SHARING)[0]["party"] == "Sam\u202e Student"  # kept as typed
    qtbot.keyClick(screen, Qt.Key.Key_F8)
    shown = screen.reporter_view.text()
    assert "Sam Student may be told" in shown
    assert "\u202e" not in shown


def test_the_safety_panel_shows_the_emergency_contacts_from_settings_at_once(
    qtbot: QtBot, gui_context: AppContext
) -> None:
    case = gui_context.service.create_case(details())
    screen = open_screen(qtbot, gui_context, case.id)
    drive = Driver(qtbot, screen)
    drive.choose(Step.OPENING, SAFE_NOW, "no")
    assert "add their number in Settings" in screen.safety.body.text()
    settings = gui_context.service.update_settings(
        campus_security="01225 383999", safeguarding_lead="Duty lead, 01225 386000"
    )
    gui_context.settings_changed.emit(settings)  # what Settings does when it saves
    assert "01225 383999" in screen.safety.body.text()
    assert "Duty lead, 01225 386000" in screen.safety.body.text()
