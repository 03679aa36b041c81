"""Bad values get a clear message beside the field, and nothing is saved."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from tests.gui.settings.conftest import ScriptedPrompts
from tests.support.typing import type_text
from triage_desktop.gui.settings import SettingsDialog
from triage_desktop.policy.catalogue import load_policy


def save_and_settle(qtbot: QtBot, dialog: SettingsDialog) -> list[object]:
    emitted: list[object] = []
    dialog.settings_changed.connect(emitted.append)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    dialog.context.tasks.wait_all()
    qtbot.wait(20)  # let any queued result arrive (there should be none)
    return emitted


@pytest.mark.parametrize(
    "case",
    [
        ("security", "autoLockSpin", "autoLockError", "Auto-lock must be between 1 and 240"),
        ("records", "retentionSpin", "retentionError", "retention period must be between 1"),
    ],
    ids=["auto-lock", "retention"],
)
def test_zero_is_refused_beside_the_field_and_nothing_is_saved(
    qtbot: QtBot, open_dialog: SettingsDialog, case: tuple[str, str, str, str]
) -> None:
    page, spin, label, message = case
    before = open_dialog.context.service.settings()
    ui = getattr(open_dialog, page).ui
    open_dialog.show_page(getattr(open_dialog, page))
    getattr(ui, spin).setFocus()
    getattr(ui, spin).selectAll()
    qtbot.keyClicks(getattr(ui, spin), "0")
    problem = getattr(ui, label)
    assert problem.isVisible()
    assert message in problem.text()
    assert problem.text().startswith("⚠")  # not colour alone

    assert save_and_settle(qtbot, open_dialog) == []
    assert "Nothing was saved" in open_dialog.ui.statusLabel.text()
    assert open_dialog.context.service.settings() == before
    assert open_dialog.focusWidget() is getattr(ui, spin)


def test_a_closure_day_twice_is_explained(qtbot: QtBot, open_dialog: SettingsDialog) -> None:
    records = open_dialog.records.ui
    records.closureDateEdit.setDate(QDate(2026, 12, 24))
    qtbot.mouseClick(records.addClosureButton, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(records.addClosureButton, Qt.MouseButton.LeftButton)
    assert records.closureList.count() == 1
    assert "already a closure day" in records.closureError.text()
    records.closureList.setCurrentRow(-1)
    qtbot.mouseClick(records.removeClosureButton, Qt.MouseButton.LeftButton)
    assert "Select the closure day" in records.closureError.text()


def test_a_support_service_needs_a_name(qtbot: QtBot, open_dialog: SettingsDialog) -> None:
    support = open_dialog.support
    open_dialog.show_page(support)
    service = load_policy().support.for_audience("students")[0]
    support.select_service(service.id)
    support.ui.nameEdit.clear()
    qtbot.mouseClick(support.ui.applyServiceButton, Qt.MouseButton.LeftButton)
    assert "The service's name is required." in support.ui.supportError.text()
    assert open_dialog.pending_changes() == {}

    type_text(support.ui.nameEdit, "Service d'écoute — مساعدة")
    qtbot.mouseClick(support.ui.applyServiceButton, Qt.MouseButton.LeftButton)
    assert not support.ui.supportError.isVisible()
    assert "support_directory_overrides" in open_dialog.pending_changes()
    qtbot.mouseClick(support.ui.resetServiceButton, Qt.MouseButton.LeftButton)
    assert open_dialog.pending_changes() == {}
    assert support.ui.nameEdit.text() == service.name


def test_an_unknown_case_reference_for_a_hold_is_explained(
    qtbot: QtBot, open_dialog: SettingsDialog
) -> None:
    records = open_dialog.records.ui
    open_dialog.show_page(open_dialog.records)
    qtbot.mouseClick(records.setHoldButton, Qt.MouseButton.LeftButton)
    assert "Type a case reference first" in records.holdError.text()
    qtbot.keyClicks(records.holdReferenceEdit, "TD-1999-9999")
    qtbot.mouseClick(records.clearHoldButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "TD-1999-9999" in records.holdError.text())
    assert records.holdError.text().startswith("⚠")
    assert records.setHoldButton.isEnabled()


def test_closing_with_unsaved_changes_asks_first(
    qtbot: QtBot, open_dialog: SettingsDialog, prompts: ScriptedPrompts
) -> None:
    open_dialog.security.ui.autoLockSpin.setValue(30)
    prompts.answers.append(False)
    qtbot.keyClick(open_dialog, Qt.Key.Key_Escape)
    assert open_dialog.isVisible()
    assert "Close without saving?" in prompts.asked[-1]
    prompts.answers.append(True)
    qtbot.mouseClick(open_dialog.close_button, Qt.MouseButton.LeftButton)
    assert not open_dialog.isVisible()
    assert open_dialog.context.service.settings().auto_lock_minutes == 5


def test_closing_after_saving_does_not_ask(
    qtbot: QtBot, open_dialog: SettingsDialog, prompts: ScriptedPrompts
) -> None:
    open_dialog.security.ui.autoLockSpin.setValue(30)
    with qtbot.waitSignal(open_dialog.settings_changed):
        qtbot.mouseClick(open_dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.keyClick(open_dialog, Qt.Key.Key_Escape)
    assert not open_dialog.isVisible()
    assert prompts.asked == []


def test_a_template_folder_is_checked_by_rendering_every_letter(
    qtbot: QtBot, open_dialog: SettingsDialog, prompts: ScriptedPrompts, tmp_path: Path
) -> None:
    from triage_desktop.documents.templates import shipped_folder

    good, broken = tmp_path / "good", tmp_path / "broken"
    good.mkdir()
    broken.mkdir()
    shipped = (shipped_folder() / "invitation.txt.j2").read_text(encoding="utf-8")
    (good / "invitation.txt.j2").write_text(shipped, encoding="utf-8")
    (broken / "invitation.txt.j2").write_text("Subject: Hello\n{{ no_such_field }}\n", "utf-8")
    page = open_dialog.documents
    status = page.ui.templateStatus

    prompts.folders.append(good)
    qtbot.mouseClick(page.ui.chooseTemplateButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Every letter renders" in status.text(), timeout=10_000)
    assert "replaces 1 shipped template(s): invitation" in status.text()

    prompts.folders.append(broken)
    qtbot.mouseClick(page.ui.chooseTemplateButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "will fail until this is fixed" in status.text(), timeout=10_000)
    assert status.text().startswith("⚠")
    assert "line 2" in status.text()
    assert "no_such_field" in status.text()

    qtbot.mouseClick(page.ui.clearTemplateButton, Qt.MouseButton.LeftButton)
    assert status.text() == "The letters use the templates shipped with Triage Desk."
    assert page.values() == {"letter_template_folder": None}
