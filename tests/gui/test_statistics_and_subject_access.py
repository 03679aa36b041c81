"""The Statistics page and the subject access requests, through the real widgets over real
vaults: the preview is exactly what is exported; a person typed in another script is found in
three cases, the officer decides on the review screen, and the signed pack's text follows the
decisions; the case list says, in words, which requests are due or overdue; Ctrl+2 and Ctrl+3;
the keyboard path; locking forgets everything."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QComboBox, QMainWindow, QWidget
from pytestqt.qtbot import QtBot

from tests.documents.pdftools import pdftotext
from tests.support import statistics_vault as stv
from tests.support import subject_access_vault as sav
from tests.support.a11y import check_keyboard_and_names
from tests.support.typing import type_text
from tests.support.vaults import PASSPHRASE
from triage_desktop.cases.subject_access import Choice, Role
from triage_desktop.gui.app import create_application
from triage_desktop.gui.context import AppContext
from triage_desktop.gui.settings.prompts import Prompts
from triage_desktop.reports import statistics as rs
from triage_desktop.reports.subject_access import fold
from triage_desktop.services import subject_access as sa
from triage_desktop.services.session import VaultService


class Scripted(Prompts):
    """The OS file picker and the confirmation, answered by the test (they are modal)."""

    def __init__(self) -> None:
        self.save_files: list[Path] = []
        self.confirmed: list[str] = []

    def save_file(self, parent: QWidget, title: str, suggested: str, filters: str) -> Path | None:
        return self.save_files.pop(0)

    def confirm(self, parent: QWidget, title: str, text: str) -> bool:
        self.confirmed.append(text)
        return True


def _context(folder: Path) -> tuple[AppContext, VaultService]:
    create_application()
    service = VaultService(folder)
    service.unlock(PASSPHRASE)
    return AppContext(folder, service=service), service


@pytest.fixture(scope="module")
def statistics_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("gui-stats") / "vault"
    stv.build(folder).lock()
    return folder


@pytest.fixture(scope="module")
def sar_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("gui-sar") / "vault"
    sav.build(folder).service.lock()
    return folder


@pytest.fixture
def stats_context(statistics_folder: Path, tmp_path: Path, qtbot: QtBot) -> Iterator[AppContext]:
    folder = shutil.copytree(statistics_folder, tmp_path / "vault")
    context, service = _context(folder)
    yield context
    context.tasks.wait_all()
    service.lock()


@pytest.fixture
def sar_context(sar_folder: Path, tmp_path: Path, qtbot: QtBot) -> Iterator[AppContext]:
    folder = shutil.copytree(sar_folder, tmp_path / "vault")
    context, service = _context(folder)
    yield context
    context.tasks.wait_all()
    service.lock()


def test_the_statistics_preview_is_exactly_what_is_exported(
    qtbot: QtBot, stats_context: AppContext, tmp_path: Path, screenshot_dir: Path
) -> None:
    from triage_desktop.gui.statistics.page import StatisticsPage

    prompts = Scripted()
    page = StatisticsPage(stats_context, prompts=prompts)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    page.from_edit.setDate(QDate(2026, 1, 1))
    page.to_edit.setDate(QDate(2026, 6, 30))
    assert not page.csv_button.isEnabled()  # nothing to export before the preview
    with qtbot.waitSignal(page.shown, timeout=30_000):
        qtbot.mouseClick(page.show_button, Qt.MouseButton.LeftButton)
    assert page.status.text().startswith("1 January 2026 to 30 June 2026: 30 cases received.")
    shown = page.tables.toPlainText()
    assert "count from 1 to 4 is shown as <5" in shown
    assert "Hate-motivated misconduct" in shown
    assert page.preview.page_count() > 1
    page.grab().save(str(screenshot_dir / "statistics-page.png"))
    out = tmp_path / "stats.csv"
    prompts.save_files.append(out)
    with qtbot.waitSignal(page.exported, timeout=30_000):
        qtbot.mouseClick(page.csv_button, Qt.MouseButton.LeftButton)
    assert "no longer protected by the vault's encryption" in prompts.confirmed[0]
    assert page.statistics is not None
    assert out.read_text("utf-8") == rs.to_csv(page.statistics.published)
    for table in page.statistics.published.tables:
        for row in table.rows:
            assert row.label in shown
    for name in stv.NAMES:
        assert name not in shown
    stats_context.locked.emit()
    assert page.statistics is None
    assert page.tables.toPlainText() == ""
    assert page.preview.page_count() == 0


def test_a_period_too_long_is_explained_on_the_page(
    qtbot: QtBot, stats_context: AppContext
) -> None:
    from triage_desktop.gui.statistics.page import StatisticsPage

    page = StatisticsPage(stats_context)
    qtbot.addWidget(page)
    page.from_edit.setDate(QDate(2020, 1, 1))
    page.to_edit.setDate(QDate(2026, 6, 30))
    with qtbot.waitSignal(page.failed, timeout=30_000) as failed:
        qtbot.mouseClick(page.show_button, Qt.MouseButton.LeftButton)
    assert "choose at most 8" in failed.args[0]
    assert page.problem.isVisible() or page.problem.text().startswith("⚠")


def test_a_request_from_search_to_signed_pack_through_the_widgets(
    qtbot: QtBot, sar_context: AppContext, tmp_path: Path, screenshot_dir: Path
) -> None:
    from triage_desktop.gui.subject_access.page import ROLE_COLUMN, SubjectAccessPage

    prompts = Scripted()
    page = SubjectAccessPage(sar_context, prompts=prompts)
    qtbot.addWidget(page)
    page.resize(1300, 900)
    page.show()
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    type_text(page.name_edit, "ZOË ångström")  # non-ASCII, typed as a keyboard would
    page.received_edit.setDate(QDate(2026, 11, 20))
    with qtbot.waitSignal(page.found, timeout=30_000):
        qtbot.keyClick(page.name_edit, Qt.Key.Key_Return)
    assert page.found_label.text() == "Found in 3 cases."
    roles = [page.results.cellWidget(row, ROLE_COLUMN) for row in range(3)]
    assert all(isinstance(combo, QComboBox) for combo in roles)
    assert [Role(c.currentData()) for c in roles] == [  # type: ignore[union-attr]
        Role.REPORTER,
        Role.RESPONDENT,
        Role.WITNESS,
    ]
    type_text(page.other_names_edit, "Priya Okafor")
    with qtbot.waitSignal(page.request_opened, timeout=30_000) as opened:
        qtbot.mouseClick(page.record_button, Qt.MouseButton.LeftButton)
    review = opened.args[0]
    assert review.request.reference == "SAR-2026-0001"
    walk = check_keyboard_and_names(qtbot, page.request_page, page.extension_edit)
    assert walk == [], "\n".join(walk)
    assert page.clock_label.text().startswith(
        "Received Fri 20 Nov 2026. One calendar month ends on Sun 20 Dec 2026, a weekend or bank "
        "holiday, so the response is due the next working day."
    )
    assert "Mon 21 Dec 2026" in page.clock_label.text()
    case_a = review.cases[0].case.id
    attendees = page.editor(case_a, "meeting:attendees")
    assert attendees.text.toPlainText() == "[third party] (A friend or supporter)"
    risk = page.editor(case_a, "risk:comments")
    assert Choice(risk.choice.currentData()) is Choice.WITHHOLD
    assert risk.reason.text() == sa.INTERNAL_REASON
    # Disclose the supporter here, without a reason first: refused, in words, nothing saved.
    supporter = attendees.mentions[fold(sav.SUPPORTER)]
    supporter.choice.setCurrentIndex(supporter.choice.findData(Choice.DISCLOSE.value))
    with qtbot.waitSignal(page.failed, timeout=30_000) as failed:
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert "give the reason for disclosing" in failed.args[0]
    type_text(supporter.reason, "They came with her and consented to be named.")
    with qtbot.waitSignal(page.saved, timeout=30_000):
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    attendees = page.editor(case_a, "meeting:attendees")
    assert attendees.text.toPlainText() == f"{sav.SUPPORTER} (A friend or supporter)"
    with qtbot.waitSignal(page.preview_ready, timeout=30_000):
        qtbot.mouseClick(page.preview_button, Qt.MouseButton.LeftButton)
    page.grab().save(str(screenshot_dir / "subject-access-review.png"))
    out = tmp_path / "pack.pdf"
    prompts.save_files.append(out)
    with qtbot.waitSignal(page.exported, timeout=60_000):
        qtbot.mouseClick(page.sign_button, Qt.MouseButton.LeftButton)
    text = pdftotext(out.read_bytes())
    assert f"{sav.SUPPORTER} (A friend or supporter)" in text
    for name in (sav.RESPONDENT_A, sav.REPORTER_B, sav.REPORTER_C, sav.RESPONDENT_C, "Priya"):
        assert name not in text
        assert name[::-1] not in text
    assert sav.RISK_MARK not in text
    assert "it and its redaction log are kept in the vault" in page.clock_label.text()
    with qtbot.waitSignal(page.request_opened, timeout=30_000):
        qtbot.mouseClick(page.complete_button, Qt.MouseButton.LeftButton)
    assert "Completed" in page.clock_label.text()
    sar_context.locked.emit()
    assert page.review is None
    assert page.editors == {}


def test_the_case_list_says_which_requests_are_overdue_in_words(
    qtbot: QtBot, sar_context: AppContext
) -> None:
    from triage_desktop.gui.cases.list_panel import CaseListPanel

    service = sar_context.service
    today = dt.date.today()
    sa.create_request(service, "Zoë Ångström", today - dt.timedelta(days=45), [(1, Role.REPORTER)])
    sa.create_request(service, "张伟", today - dt.timedelta(days=1), [(3, Role.REPORTER)])
    panel = CaseListPanel(sar_context)
    qtbot.addWidget(panel)
    panel.show()
    with qtbot.waitSignal(panel.requests_notice.shown_text, timeout=30_000) as shown:
        panel.refresh()
    text = shown.args[0]
    lines = text.splitlines()
    assert lines[0] == "⚠ Subject access requests to answer: 2, 1 OVERDUE."
    assert lines[1].startswith("SAR-")
    assert "(1 case): OVERDUE: was due" in lines[1]
    assert "(1 case): Due " in lines[2]
    assert panel.requests_notice.isVisible()
    with qtbot.waitSignal(panel.subject_access_requested, timeout=5000):
        qtbot.mouseClick(panel.requests_notice.button, Qt.MouseButton.LeftButton)
    sar_context.locked.emit()
    assert not panel.requests_notice.isVisible()


def test_ctrl_2_and_ctrl_3_open_the_pages_and_every_control_is_reachable_and_named(
    qtbot: QtBot, sar_context: AppContext
) -> None:
    from triage_desktop.gui.workspace import Workspace

    window = QMainWindow()
    qtbot.addWidget(window)
    workspace = Workspace(sar_context, window, window)
    window.setCentralWidget(workspace)
    window.resize(1300, 900)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    workspace.case_list.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert workspace.stack.currentWidget() is workspace.statistics_page
    problems = check_keyboard_and_names(
        qtbot, workspace.statistics_page, workspace.statistics_page.from_edit
    )
    assert problems == [], "\n".join(problems)
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    page = workspace.subject_access_page
    assert workspace.stack.currentWidget() is page
    assert check_keyboard_and_names(qtbot, page.list_page, page.new_button) == []
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert check_keyboard_and_names(qtbot, page.new_page, page.name_edit) == []
    workspace.dispose()
