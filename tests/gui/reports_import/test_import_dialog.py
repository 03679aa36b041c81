"""File → Import reports… through the real widgets over a real vault: the preview (past
contact-by first, in red and in words), one confirmation, the progress bar, the reconciliation,
the plaintext warning and deleting the file; problems; reconcile only; stopping; locking; the
keyboard path; and the main window's File menu."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from benchmarks.report_export import MAPPING_TOML, export_bytes, fictional_reports
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.support.a11y import check_keyboard_and_names
from tests.support.typing import type_text
from tests.support.vaults import PASSPHRASE, create_vault
from triage_desktop.gui.cases.deadline import Urgency, urgency_colour
from triage_desktop.gui.context import AppContext
from triage_desktop.gui.reports_import.dialog import CANCELLED, ImportReportsDialog
from triage_desktop.gui.reports_import.preview import (
    CONTACT_BY,
    NEW_CASE,
    PAST_CONTACT_BY,
    WHAT,
)
from triage_desktop.services import reports_import
from triage_desktop.vault.kdf import CHEAP_FOR_TESTS


@pytest.fixture
def mapping(tmp_path: Path) -> Path:
    path = tmp_path / "mapping.toml"
    path.write_text(MAPPING_TOML, encoding="utf-8")
    return path


def recent_reports(count: int, *, seed: int = 14) -> list[dict[str, str]]:
    """Reports of the last fortnight, all asking for contact: the oldest are past contact-by."""
    rows = fictional_reports(count, seed=seed, end=datetime.now(UTC) - timedelta(hours=2))
    start = datetime.now(UTC) - timedelta(days=14)
    for number, row in enumerate(rows):
        moment = start + timedelta(hours=number * 300 / max(1, count))
        row.update(
            submitted_at=moment.replace(microsecond=0).isoformat(),
            route="contact",
            contact_email=f"r{number}@example.ac.uk",
            status="",
            closed_at="",
            incident_dates="",
        )
    return rows


def make_dialog(qtbot: QtBot, context: AppContext) -> ImportReportsDialog:
    dialog = ImportReportsDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def choose(qtbot: QtBot, dialog: ImportReportsDialog, source: Path, mapping: Path | None) -> None:
    """Type the paths as the officer would (any script: see tests/support/typing.py)."""
    del qtbot
    type_text(dialog.file_edit, str(source))
    if mapping is not None:
        type_text(dialog.mapping_edit, str(mapping))


def test_import_through_the_widgets_preview_confirm_progress_reconcile_delete(
    qtbot: QtBot, gui_context: AppContext, tmp_path: Path, mapping: Path, screenshot_dir: Path
) -> None:
    rows = recent_reports(40)
    earlier = tmp_path / "earlier.csv"
    earlier.write_bytes(export_bytes(rows[:10]))
    service = gui_context.service
    reports_import.run_import(service, reports_import.plan_import(service, earlier, mapping))
    folder = tmp_path / "Téléchargements 报告 تقارير"  # an officer's own folder names
    folder.mkdir()
    source = folder / "export.csv"
    source.write_bytes(export_bytes(rows))

    dialog = make_dialog(qtbot, gui_context)
    choose(qtbot, dialog, source, mapping)
    dialog.grab().save(str(screenshot_dir / "import-choose.png"))
    with qtbot.waitSignal(dialog.plan_ready, timeout=20000) as ready:
        qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    plan = ready.args[0]
    late = len(plan.past_contact_by)
    assert 0 < late < 30
    assert dialog.pages.currentWidget() is dialog.preview_page
    assert dialog.preview_summary.text() == (
        "export.csv: 40 reports. 30 will become new cases; 10 are already here and will be skipped."
    )
    assert dialog.late_banner.isVisible()
    assert dialog.late_banner.text() == (
        f"⚠ {late} reports are already past the contact-by date. They are listed first, in "
        "red: contact these reporters first."
    )
    model = dialog.preview_model
    assert model.rowCount() == 40
    red = urgency_colour(Urgency.OVERDUE)
    for row in range(late):  # first, in words and in red
        assert model.index(row, WHAT).data() == PAST_CONTACT_BY
        assert model.index(row, CONTACT_BY).data().startswith("Overdue — ")
        assert model.index(row, WHAT).data(Qt.ItemDataRole.ForegroundRole) == red
    assert model.index(late, WHAT).data() == NEW_CASE
    assert model.index(late, WHAT).data(Qt.ItemDataRole.ForegroundRole) is None
    for row in range(30, 40):
        assert model.index(row, WHAT).data().startswith("Already here as DR-")
    assert dialog.import_button.text() == "&Import 30 reports"
    assert dialog.preview_note.text().startswith(
        f"File SHA-256 {plan.sha256} · contract schema 1 · mapping fictional-2026.1."
    )
    dialog.grab().save(str(screenshot_dir / "import-preview.png"))
    assert service.count_cases() == 10  # the preview changed nothing

    with qtbot.waitSignal(dialog.import_done, timeout=30000) as done:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.progress_bar.value() == dialog.progress_bar.maximum() == 30
    assert dialog.pages.currentWidget() is dialog.done_page
    assert dialog.reconciliation_label.text() == (
        "40 reports in the file = 40 cases (30 new, 10 already here)."
    )
    assert dialog.plaintext_label.text() == (
        "⚠ export.csv holds personal data in plain text: anyone who can read this computer's "
        "files can read it. Triage Desk made no copy of it; its reports are now encrypted in "
        "the vault."
    )
    assert "On an SSD" in dialog.caveat_label.text()
    assert dialog.done_late.text() == (
        f"⚠ {late} of the new cases are already past the contact-by date: contact these "
        "reporters first. The case list shows them as Overdue."
    )
    assert dialog.delete_button.isVisible()
    assert service.count_cases() == 40
    assert len(done.args[0].outcome.created) == 30
    dialog.grab().save(str(screenshot_dir / "import-done.png"))

    with qtbot.waitSignal(dialog.source_deleted, timeout=10000):
        qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    assert not source.exists()
    assert dialog.delete_status.text() == f"Deleted {source}."
    qtbot.mouseClick(dialog.keep_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()


def test_a_file_with_problems_lists_them_and_imports_nothing(
    qtbot: QtBot, gui_context: AppContext, tmp_path: Path, screenshot_dir: Path
) -> None:
    rows = recent_reports(6)
    rows[2]["submitted_at"] = rows[2]["submitted_at"][:19]  # the offset missing
    rows[4]["route"] = "maybe"
    rows[5]["source_report_id"] = rows[0]["source_report_id"]
    source = tmp_path / "export.csv"
    source.write_bytes(export_bytes(rows))
    dialog = make_dialog(qtbot, gui_context)
    choose(qtbot, dialog, source, None)
    with qtbot.waitSignal(dialog.problems_found, timeout=20000):
        qtbot.keyClick(dialog.file_edit, Qt.Key.Key_Return)
    table = dialog.problems_table
    shown = [
        tuple(table.item(row, column).text() for column in range(4))
        for row in range(table.rowCount())
    ]
    assert ("4", "submitted_at") in {cells[:2] for cells in shown}
    assert ("6", "route", "one of 'anonymous', 'contact' or 'adviser_requested'", "maybe") in shown
    assert any(cells[:2] == ("7", "source_report_id") for cells in shown)
    assert dialog.problems_summary.text().startswith(
        f"⚠ {table.rowCount()} problems in export.csv. Nothing was imported and nothing was "
        "changed."
    )
    assert gui_context.service.count_cases() == 0
    dialog.grab().save(str(screenshot_dir / "import-problems.png"))
    assert check_keyboard_and_names(qtbot, dialog, dialog.problems_back) == []
    qtbot.mouseClick(dialog.problems_back, Qt.MouseButton.LeftButton)
    assert dialog.pages.currentWidget() is dialog.choose_page


def test_reconcile_only_names_the_missing_report_and_offers_no_deletion(
    qtbot: QtBot, gui_context: AppContext, tmp_path: Path, mapping: Path, screenshot_dir: Path
) -> None:
    rows = recent_reports(8)
    sent = tmp_path / "sent.csv"
    sent.write_bytes(export_bytes(rows[:3] + rows[4:]))
    service = gui_context.service
    reports_import.run_import(service, reports_import.plan_import(service, sent, mapping))
    full = tmp_path / "full.csv"
    full.write_bytes(export_bytes(rows))
    dialog = make_dialog(qtbot, gui_context)
    choose(qtbot, dialog, full, None)
    with qtbot.waitSignal(dialog.reconciled, timeout=20000):
        qtbot.mouseClick(dialog.reconcile_button, Qt.MouseButton.LeftButton)
    assert dialog.reconciliation_label.text() == (
        "⚠ 8 reports in the file, 7 cases here (0 imported from this file, 7 already here "
        "from earlier imports): 1 report NOT accounted for."
    )
    assert dialog.reconciliation_details.text() == (
        f"NOT IN THE VAULT: report {rows[3]['source_report_id']} (row 5)"
    )
    assert not dialog.delete_button.isVisible()
    assert "Keep the file: some of its reports are not in the vault." in dialog.delete_status.text()
    dialog.grab().save(str(screenshot_dir / "import-reconcile.png"))
    qtbot.mouseClick(dialog.done_back, Qt.MouseButton.LeftButton)  # back, to import it
    assert dialog.pages.currentWidget() is dialog.choose_page
    assert dialog.file_edit.text() == str(full)


def test_stopping_the_import_rolls_it_all_back(
    qtbot: QtBot, gui_context: AppContext, tmp_path: Path, mapping: Path
) -> None:
    source = tmp_path / "export.csv"
    source.write_bytes(export_bytes(recent_reports(600)))
    dialog = make_dialog(qtbot, gui_context)
    choose(qtbot, dialog, source, mapping)
    with qtbot.waitSignal(dialog.plan_ready, timeout=30000):
        qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(dialog.failed, timeout=30000) as failed:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        qtbot.keyClick(dialog.stop_button, Qt.Key.Key_Space)
    assert failed.args[0] == CANCELLED
    assert dialog.preview_summary.text() == f"⚠ {CANCELLED}"
    assert gui_context.service.count_cases() == 0
    assert dialog.pages.currentWidget() is dialog.preview_page


def test_locking_during_an_import_rolls_it_back(
    qtbot: QtBot, gui_context: AppContext, tmp_path: Path, mapping: Path
) -> None:
    source = tmp_path / "export.csv"
    source.write_bytes(export_bytes(recent_reports(600)))
    dialog = make_dialog(qtbot, gui_context)
    choose(qtbot, dialog, source, mapping)
    with qtbot.waitSignal(dialog.plan_ready, timeout=30000):
        qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    gui_context.locked.emit()  # what the main window does first when the vault locks
    assert gui_context.tasks.wait_all(60_000)
    assert not dialog.isVisible()
    assert gui_context.service.count_cases() == 0


def test_locking_clears_the_dialog(
    qtbot: QtBot, gui_context: AppContext, tmp_path: Path, mapping: Path
) -> None:
    source = tmp_path / "export.csv"
    source.write_bytes(export_bytes(recent_reports(5)))
    dialog = make_dialog(qtbot, gui_context)
    choose(qtbot, dialog, source, mapping)
    with qtbot.waitSignal(dialog.plan_ready, timeout=20000):
        qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert dialog.preview_model.rowCount() == 5
    gui_context.locked.emit()
    assert dialog.preview_model.rowCount() == 0
    assert dialog.plan is None
    assert not dialog.isVisible()


def test_every_page_is_named_and_reachable_by_keyboard(
    qtbot: QtBot, gui_context: AppContext, tmp_path: Path, mapping: Path
) -> None:
    dialog = make_dialog(qtbot, gui_context)
    assert check_keyboard_and_names(qtbot, dialog, dialog.file_edit) == []
    source = tmp_path / "export.csv"
    source.write_bytes(export_bytes(recent_reports(5)))
    choose(qtbot, dialog, source, mapping)
    with qtbot.waitSignal(dialog.plan_ready, timeout=20000):
        qtbot.keyClick(dialog.file_edit, Qt.Key.Key_Return)  # Enter checks the file
    assert check_keyboard_and_names(qtbot, dialog, dialog.import_button) == []
    with qtbot.waitSignal(dialog.import_done, timeout=20000):
        qtbot.keyClick(dialog.import_button, Qt.Key.Key_Space)
    assert check_keyboard_and_names(qtbot, dialog, dialog.keep_button) == []
    assert QApplication.focusWidget() in (dialog.keep_button, dialog.delete_button)


def test_the_file_menu_offers_the_import_only_while_unlocked(
    qtbot: QtBot, tmp_path: Path, screenshot_dir: Path
) -> None:
    from triage_desktop.gui.app import create_application
    from triage_desktop.gui.main_window import MainWindow

    folder = tmp_path / "vault"
    service, _ = create_vault(folder)
    service.lock()
    create_application()
    window = MainWindow(vault=str(folder), kdf=CHEAP_FOR_TESTS)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    file_menu = window.menuBar().actions()[0].menu()
    assert window.import_action in file_menu.actions()
    assert window.import_action.text() == "&Import reports…"
    assert not window.import_action.isEnabled()
    type_text(window.unlock_screen.ui.secretEdit, PASSPHRASE)
    with qtbot.waitSignal(window.vault_unlocked, timeout=15000):
        qtbot.keyClick(window.unlock_screen.ui.secretEdit, Qt.Key.Key_Return)
    assert window.import_action.isEnabled()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    opened = window.findChildren(ImportReportsDialog)
    assert len(opened) == 1
    qtbot.waitExposed(opened[0])
    assert opened[0].isVisible()
    with qtbot.waitSignal(window.vault_locked, timeout=10000):
        window.lock_action.trigger()
    assert not window.import_action.isEnabled()
    assert window.findChildren(ImportReportsDialog) == []
