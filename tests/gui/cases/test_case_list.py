"""The case list over a real vault: paging, plain words, overdue marked by text, lock clears it."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.support.typing import type_text
from tests.support.vaults import details
from triage_desktop.gui.cases.list_model import CONTACT_BY
from triage_desktop.gui.cases.list_panel import CaseListPanel
from triage_desktop.gui.context import AppContext


def make_panel(qtbot: QtBot, context: AppContext) -> CaseListPanel:
    panel = CaseListPanel(context)
    qtbot.addWidget(panel)
    panel.resize(1280, 800)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def test_list_shows_cases_with_overdue_in_words_and_searches(
    qtbot: QtBot, gui_context: AppContext, screenshot_dir: Path
) -> None:
    service = gui_context.service
    for number, name in enumerate(["Zoë Ångström", "محمد الأحمد", "张伟", "Alex Example"]):
        received = datetime(2026, 4, 1 + number, 10, 0, tzinfo=UTC)
        service.create_case(details(reporter=name, received=received))
    panel = make_panel(qtbot, gui_context)
    panel.refresh()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 4, timeout=10000)
    overdue = panel.model.index(0, CONTACT_BY).data(Qt.ItemDataRole.DisplayRole)
    assert overdue.startswith("Overdue")  # text, not colour alone
    panel.grab().save(str(screenshot_dir / "case-list.png"))

    with qtbot.waitSignal(panel.search_finished, timeout=10000) as found:
        type_text(panel.form.searchEdit, "张伟")
    assert found.args[0] == 1
    assert panel.model.rowCount() == 1

    with qtbot.waitSignal(panel.open_case, timeout=5000) as opened:
        panel.form.table.setCurrentIndex(panel.model.index(0, 0))
        qtbot.keyClick(panel.form.table, Qt.Key.Key_Return)
    assert service.get_case(opened.args[0]).details.reporter.name == "张伟"


def test_locking_clears_the_list(qtbot: QtBot, gui_context: AppContext) -> None:
    gui_context.service.create_case(details())
    panel = make_panel(qtbot, gui_context)
    panel.refresh()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=10000)
    type_text(panel.form.searchEdit, "Alex")
    gui_context.locked.emit()
    assert panel.model.rowCount() == 0
    assert panel.form.searchEdit.text() == ""
