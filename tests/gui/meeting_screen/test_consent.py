"""How the decision stands with the reporter's consent, from the widgets to the signed summary
and letter: they chose it; they agreed after discussion (their words); or the officer acts
without their consent on a safeguarding concern or a significant risk. The PDFs are read back."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from tests.documents.pdftools import pdftotext
from tests.gui.meeting_screen.driver import Driver
from tests.gui.meeting_screen.test_meeting_screen import open_screen
from tests.support.vaults import details
from triage_desktop.gui.context import AppContext
from triage_desktop.meeting import Step
from triage_desktop.meeting import schema as m
from triage_desktop.services.documents_service import DocumentsService


def start(qtbot: QtBot, context: AppContext) -> Driver:
    case = context.service.create_case(details(reporter="Amal Haddad"))
    DocumentsService(context.service).set_up_identity("Officer Fictional", "DRLRO", "University")
    return Driver(qtbot, open_screen(qtbot, context, case.id))


def sign_both(drive: Driver) -> tuple[str, str]:
    """Sign the summary (confirming) and the letter; the two PDFs' text."""
    screen, qtbot = drive.screen, drive.qtbot
    drive.go(Step.REVIEW)
    review = screen.review
    assert review is not None
    assert review.sign_summary_button.isEnabled(), review.blockers.text()
    drive.answer_dialog(QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(screen.signed, timeout=60000):
        drive.click(review.sign_summary_button)
    with qtbot.waitSignal(screen.signed, timeout=60000):
        drive.click(review.sign_letter_button)
    service = screen.context.service
    texts = {}
    for document in service.list_documents(screen.case_id):
        texts[document.kind] = pdftotext(service.fetch_document(document.id)[1])
    letter = next(t for k, t in texts.items() if k.startswith("letter:"))
    return texts["triage_summary"], letter


def blockers(drive: Driver) -> str:
    drive.go(Step.REVIEW)
    assert drive.screen.review is not None
    return drive.screen.review.blockers.text()


def test_the_reporter_chose_it(qtbot: QtBot, gui_context: AppContext) -> None:
    drive = start(qtbot, gui_context)
    drive.choose(Step.PREFERENCE, m.PREFERENCE, "informal")
    assert "This is what they asked for." in drive.routing_text()
    summary, letter = sign_both(drive)
    assert "The reporter chose this." in summary
    assert "agreed to this after discussion" not in summary
    assert "without the reporter's consent" not in summary
    assert "informal" in letter.lower()


def test_the_reporter_agreed_after_discussion(
    qtbot: QtBot, gui_context: AppContext, screenshot_dir: Path
) -> None:
    drive = start(qtbot, gui_context)
    drive.choose(Step.PREFERENCE, m.PREFERENCE, "informal")
    drive.tick(Step.ROUTING, m.INFORMAL_ATTEMPT_FAILED)  # the policy now points to formal
    panel = drive.routing_text()
    assert "Referral to the relevant formal process" in panel
    assert "put it to them as an option" in panel
    assert "agreed to" in blockers(drive)  # not signable: it is not what they asked for
    drive.type(Step.ROUTING, m.REPORTER_AGREEMENT, "I'm happy for it to go formal now")
    qtbot.wait(100)
    drive.screen.grab().save(str(screenshot_dir / "meeting-consent-agreed.png"))
    summary, letter = sign_both(drive)
    assert "The reporter agreed to this after discussion." in summary
    assert "I'm happy for it to go formal now" in summary
    assert "without the reporter's consent" not in summary
    assert "Student Regulation 7" in letter


def test_acting_without_consent_needs_the_ground_and_says_so_plainly(
    qtbot: QtBot, gui_context: AppContext, screenshot_dir: Path
) -> None:
    drive = start(qtbot, gui_context)
    drive.choose(Step.PREFERENCE, m.PREFERENCE, "no_further_action")
    drive.tick(Step.ROUTING, m.ACT_WITHOUT_CONSENT)
    drive.choose(Step.ROUTING, m.DECISION, "formal_process")
    prompt = drive.page(Step.ROUTING).labels[m.DECISION_REASON.key].text()
    assert "differs from the recommendation: say why" in prompt  # prompted at once
    drive.type(Step.ROUTING, m.DECISION_REASON, "Others may be at risk")
    # At lower risk, a tick alone is not enough: the policy's rule is shown in plain words.
    assert "only where there is a safeguarding concern" in drive.routing_text()
    assert "only where there is a safeguarding concern" in blockers(drive)
    drive.tick(Step.RISK, m.SAFEGUARDING_CONCERN)  # the officer's professional judgement
    assert "why you must act" in blockers(drive)
    drive.type(Step.ROUTING, m.WITHOUT_CONSENT_JUSTIFICATION, "A younger student is at risk.")
    drive.type(Step.ROUTING, m.NOT_ASKED_OF_THEM, "You do not need to make a statement now.")
    qtbot.wait(100)  # new panel rows are shown by the event loop
    drive.screen.grab().save(str(screenshot_dir / "meeting-consent-without.png"))
    summary, letter = sign_both(drive)
    assert "Acting without the reporter's consent because of a safeguarding concern." in summary
    assert "A younger student is at risk." in summary
    assert "The reporter chose this." not in summary
    flat = " ".join(letter.split())
    assert "you asked for no further action for now" in flat
    assert "someone may be at risk of harm" in flat
    assert "You do not need to make a statement now." in flat
    assert "A younger student" not in flat  # the justification stays internal
    assert "as we discussed" not in flat.lower()


def test_a_dismissal_gives_the_reporter_an_explanation(
    qtbot: QtBot, gui_context: AppContext
) -> None:
    drive = start(qtbot, gui_context)
    drive.choose(Step.PREFERENCE, m.PREFERENCE, "formal")
    drive.choose(Step.ROUTING, m.DECISION, "dismiss")
    drive.type(Step.ROUTING, m.DECISION_REASON, "Internal: the same matter was decided in May")
    drive.type(Step.ROUTING, m.REPORTER_AGREEMENT, "I understand why")
    assert "explanation their letter will give" in blockers(drive)
    drive.type(
        Step.ROUTING,
        m.REPORTER_EXPLANATION,
        "The same concern was looked at in full in May, and nothing new has been raised.",
    )
    summary, letter = sign_both(drive)
    flat = " ".join(letter.split())
    assert "The same concern was looked at in full in May" in flat
    assert "Internal: the same matter" not in flat
    assert "Internal: the same matter was decided in May" in " ".join(summary.split())


def test_exporting_the_letter_warns_first_and_suggests_a_private_folder(
    qtbot: QtBot, gui_context: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("XDG_DOCUMENTS_DIR", raising=False)
    from PySide6.QtWidgets import QApplication

    from triage_desktop.gui.pdf_preview import UNENCRYPTED_EXPORT, export_folder

    drive = start(qtbot, gui_context)
    drive.choose(Step.PREFERENCE, m.PREFERENCE, "informal")
    sign_both(drive)
    review = drive.screen.review
    assert review is not None
    seen: list[str] = []

    def read_and_cancel() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            box.button(QMessageBox.StandardButton.Cancel).click()
        else:
            from PySide6.QtCore import QTimer

            QTimer.singleShot(20, read_and_cancel)

    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, read_and_cancel)
    before = set(os.listdir(tmp_path))
    drive.click(review.export_button)
    assert seen
    assert UNENCRYPTED_EXPORT in seen[0]
    assert set(os.listdir(tmp_path)) == before  # cancelled: nothing written
    folder = export_folder()
    assert folder == tmp_path / "home" / "Documents" / "Triage Desk exports"
    assert folder.resolve() != Path.cwd().resolve()
    assert folder.stat().st_mode & 0o077 == 0
