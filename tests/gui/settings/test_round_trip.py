"""Change every setting through the widgets, save, reopen: the values stay; the vault agrees."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QSettings, Qt
from pytestqt.qtbot import QtBot

from tests.gui.settings.conftest import ScriptedPrompts, make_dialog
from tests.support.vaults import details
from triage_desktop.gui.context import AppContext
from triage_desktop.gui.settings import SettingsDialog
from triage_desktop.gui.settings.preferences import load_scheme
from triage_desktop.policy.calendar import contact_by
from triage_desktop.policy.catalogue import load_policy
from triage_desktop.services.settings import VaultSettings
from triage_desktop.services.support import apply_overrides

CLOSURE = date(2026, 12, 29)


def type_number(qtbot: QtBot, spin: object, value: int) -> None:
    spin.setFocus()  # type: ignore[attr-defined]
    spin.selectAll()  # type: ignore[attr-defined]
    qtbot.keyClicks(spin, str(value))


def test_every_setting_round_trips(
    qtbot: QtBot, open_dialog: SettingsDialog, prompts: ScriptedPrompts, tmp_path: Path
) -> None:
    dialog = open_dialog
    gui_context, preferences = dialog.context, dialog.preferences
    assert isinstance(preferences, QSettings)
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "invitation.txt.j2").write_text("Dear {{ reporter_name }}", encoding="utf-8")
    backups = tmp_path / "backups"
    backups.mkdir()

    # Locking and appearance
    type_number(qtbot, dialog.security.ui.autoLockSpin, 12)
    dialog.security.ui.schemeCombo.setCurrentIndex(dialog.security.ui.schemeCombo.findData("dark"))
    # Closure days and retention
    dialog.show_page(dialog.records)
    records = dialog.records.ui
    records.closureDateEdit.setDate(QDate(CLOSURE.year, CLOSURE.month, CLOSURE.day))
    qtbot.mouseClick(records.addClosureButton, Qt.MouseButton.LeftButton)
    type_number(qtbot, records.retentionSpin, 8)
    # Support directory: correct the contact of the first staff service
    dialog.show_page(dialog.support)
    dialog.support.select_audience("staff")
    policy_service = load_policy().support.for_audience("staff")[0]
    dialog.support.select_service(policy_service.id)
    dialog.support.ui.contactEdit.clear()
    qtbot.keyClicks(dialog.support.ui.contactEdit, "wellbeing@example.ac.uk")
    qtbot.mouseClick(dialog.support.ui.applyServiceButton, Qt.MouseButton.LeftButton)
    # Letters: a template folder that replaces the invitation
    prompts.folders.append(templates)
    dialog.show_page(dialog.documents)
    qtbot.mouseClick(dialog.documents.ui.chooseTemplateButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "replaces 1" in dialog.documents.ui.templateStatus.text())
    assert "invitation" in dialog.documents.ui.templateStatus.text()
    # Backup folder
    prompts.folders.append(backups)
    dialog.show_page(dialog.backup)
    qtbot.mouseClick(dialog.backup.ui.chooseBackupFolderButton, Qt.MouseButton.LeftButton)

    with qtbot.waitSignal(dialog.settings_changed, timeout=10_000) as saved:
        qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    new = saved.args[0]
    assert isinstance(new, VaultSettings)
    assert new.auto_lock_minutes == 12
    assert load_scheme(preferences) == "dark"
    dialog.close()

    stored = gui_context.service.settings()
    assert stored == new
    assert stored.closure_days == (CLOSURE,)
    assert stored.retention_years == 8
    assert stored.letter_template_folder == str(templates)
    assert stored.backup_folder == str(backups)
    effective = apply_overrides(load_policy().support, stored.support_directory_overrides)
    assert effective.get(policy_service.id).contact == "wellbeing@example.ac.uk"
    assert effective.get(policy_service.id).name == policy_service.name

    reopened = make_dialog(qtbot, gui_context, prompts, preferences)
    assert reopened.security.ui.autoLockSpin.value() == 12
    assert reopened.security.scheme() == "dark"
    assert reopened.records.closure_days() == (CLOSURE,)
    assert reopened.records.ui.retentionSpin.value() == 8
    assert reopened.documents.ui.templateFolderEdit.text() == str(templates)
    assert "replaces 1" in reopened.documents.ui.templateStatus.text()
    assert reopened.backup.ui.backupFolderEdit.text() == str(backups)
    reopened.support.select_audience("staff")
    reopened.support.select_service(policy_service.id)
    assert reopened.support.ui.contactEdit.text() == "wellbeing@example.ac.uk"
    assert reopened.pending_changes() == {}


def test_a_closure_day_moves_the_contact_by_date_of_new_cases(
    qtbot: QtBot, gui_context: AppContext, open_dialog: SettingsDialog
) -> None:
    received = details()
    day = received.received_at.astimezone().date()
    before = gui_context.service.create_case(received)
    assert before.contact_by == contact_by(day)
    assert before.contact_by is not None

    records = open_dialog.records.ui
    closed = before.contact_by
    records.closureDateEdit.setDate(QDate(closed.year, closed.month, closed.day))
    qtbot.mouseClick(records.addClosureButton, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(open_dialog.settings_changed, timeout=10_000):
        qtbot.mouseClick(open_dialog.save_button, Qt.MouseButton.LeftButton)

    after = gui_context.service.create_case(details("later"))
    assert after.contact_by == contact_by(day, closures=(closed,))
    assert after.contact_by is not None
    assert after.contact_by > closed


def test_locking_clears_case_references_and_closes(
    qtbot: QtBot, gui_context: AppContext, open_dialog: SettingsDialog
) -> None:
    case = gui_context.service.create_case(details())
    records = open_dialog.records.ui
    qtbot.keyClicks(records.holdReferenceEdit, case.reference)
    qtbot.mouseClick(records.setHoldButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: records.holdsList.item(0).text().startswith(case.reference))
    assert gui_context.service.get_case(case.id).legal_hold

    qtbot.keyClicks(open_dialog.documents.ui.passwordEdit, "secret")
    gui_context.locked.emit()
    assert records.holdsList.count() == 0
    assert records.holdReferenceEdit.text() == ""
    assert open_dialog.documents.ui.passwordEdit.text() == ""
    assert not open_dialog.isVisible()


def test_a_legal_hold_is_placed_and_lifted_by_reference(
    qtbot: QtBot, gui_context: AppContext, open_dialog: SettingsDialog
) -> None:
    case = gui_context.service.create_case(details())
    records = open_dialog.records.ui
    assert records.holdsList.item(0).text() == "No case is under a legal hold."
    qtbot.keyClicks(records.holdReferenceEdit, case.reference.lower())  # as typed in haste
    with qtbot.waitSignal(gui_context.case_changed) as changed:
        qtbot.keyClick(records.holdReferenceEdit, Qt.Key.Key_Return)
    assert changed.args == [case.id]
    assert "is now under a legal hold" in records.holdError.text()
    assert records.holdsList.item(0).text() == f"{case.reference}  (awaiting contact)"
    assert not records.holdError.text().startswith("⚠")

    records.holdReferenceEdit.clear()
    records.holdsList.setCurrentRow(0)  # picking a held case fills the reference
    assert records.holdReferenceEdit.text() == case.reference
    qtbot.mouseClick(records.clearHoldButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "no longer under a legal hold" in records.holdError.text())
    assert records.holdsList.item(0).text() == "No case is under a legal hold."
    assert not gui_context.service.get_case(case.id).legal_hold


def test_the_safety_panels_contacts_round_trip_and_a_bad_one_is_refused_beside_it(
    qtbot: QtBot, open_dialog: SettingsDialog, prompts: ScriptedPrompts
) -> None:
    from tests.support.typing import type_text
    from triage_desktop.cases.text import NAME_MAX

    dialog = open_dialog
    context, preferences = dialog.context, dialog.preferences
    assert isinstance(preferences, QSettings)
    dialog.show_page(dialog.support)
    ui = dialog.support.ui
    assert ui.campusSecurityEdit.isVisible()
    type_text(ui.campusSecurityEdit, "Security control room 01234 567000 — Zoë on nights")
    type_text(ui.safeguardingLeadEdit, "Dr Ångström (duty lead) 01234 567111")
    with qtbot.waitSignal(dialog.settings_changed, timeout=10_000) as saved:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert saved.args[0].campus_security == "Security control room 01234 567000 — Zoë on nights"
    stored = context.service.settings()
    assert stored.safeguarding_lead == "Dr Ångström (duty lead) 01234 567111"
    assert context.settings == stored  # the one copy every screen reads was updated too
    dialog.close()

    reopened = make_dialog(qtbot, context, prompts, preferences)
    reopened.show_page(reopened.support)
    assert reopened.support.ui.campusSecurityEdit.text() == stored.campus_security
    assert reopened.support.ui.safeguardingLeadEdit.text() == stored.safeguarding_lead
    reopened.support.ui.safeguardingLeadEdit.setText("x" * (NAME_MAX + 1))
    reopened.save()
    problem = reopened.support.ui.safetyError
    assert problem.isVisible()
    assert problem.text().startswith("⚠ The safeguarding lead's contact ")
    assert reopened.focusWidget() is reopened.support.ui.safeguardingLeadEdit
    assert context.service.settings() == stored  # nothing saved
