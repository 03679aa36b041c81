"""docs/case-screens.md, claim by claim, through the real case list over a real vault
(issue 13: every claim true)."""

from __future__ import annotations

from dataclasses import replace

from pytestqt.qtbot import QtBot

from tests.gui.cases.test_case_list import load, make_panel
from tests.support.vaults import OFFICER, details
from triage_desktop.cases.model import CaseStatus
from triage_desktop.gui.cases.list_model import CONTACT_BY, REFERENCE
from triage_desktop.gui.cases.list_model import OFFICER as OFFICER_COLUMN
from triage_desktop.gui.context import AppContext


def test_the_officer_column_and_a_case_moved_on_without_a_first_contact(
    qtbot: QtBot, gui_context: AppContext
) -> None:
    service = gui_context.service
    colleague = service.add_officer(replace(OFFICER, name="Colleague Fictional"))
    theirs = service.create_case(replace(details("Theirs"), assigned_officer_id=colleague))
    nobody = service.create_case(details("Nobody's"))
    service.set_status(nobody.id, CaseStatus.MEETING_ARRANGED)  # moved on, no first contact
    panel = make_panel(qtbot, gui_context)
    assert load(qtbot, panel) == 2
    rows = {
        panel.model.index(r, REFERENCE).data(): (
            panel.model.index(r, OFFICER_COLUMN).data(),
            panel.model.index(r, CONTACT_BY).data(),
        )
        for r in range(2)
    }
    assert rows[theirs.reference][0] == "Another officer"
    assert rows[nobody.reference][0] == "Unassigned"
    assert rows[nobody.reference][1] == "Wed 8 Apr 2026 — first contact not recorded"


def test_search_drops_a_reply_to_older_words_and_applies_the_filters(
    qtbot: QtBot, gui_context: AppContext
) -> None:
    import threading

    from tests.support.typing import type_text

    service = gui_context.service
    first = service.create_case(details(reporter="Zoë Ångström"))
    second = service.create_case(details(reporter="张伟"))
    referred = service.create_case(details(reporter="张伟"))
    service.set_status(referred.id, CaseStatus.REFERRED)
    panel = make_panel(qtbot, gui_context)
    load(qtbot, panel)
    real_search = service.search
    asked: list[str] = []
    release = threading.Event()

    def slow_for_the_first_words(text: str, limit: int = 100):  # type: ignore[no-untyped-def]
        asked.append(text)
        if text == "Zoë":
            release.wait(10)  # the reply to the older words arrives last
        return real_search(text, limit)

    service.search = slow_for_the_first_words  # type: ignore[method-assign]
    shown: list[int] = []
    panel.search_finished.connect(shown.append)
    type_text(panel.form.searchEdit, "Zoë")
    qtbot.waitUntil(lambda: asked == ["Zoë"], timeout=5_000)
    panel.form.searchEdit.clear()
    type_text(panel.form.searchEdit, "张伟")
    qtbot.waitUntil(lambda: "张伟" in asked, timeout=5_000)
    release.set()
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    gui_context.tasks.wait_all()
    qtbot.wait(50)
    assert shown == [2]  # the older reply (Zoë's) was dropped, never shown
    references = {panel.model.index(r, REFERENCE).data() for r in range(panel.model.rowCount())}
    assert references == {second.reference, referred.reference}
    assert first.reference not in references

    status = panel.form.statusCombo
    with qtbot.waitSignal(panel.search_finished, timeout=10_000) as filtered:
        status.setCurrentIndex(status.findData(CaseStatus.REFERRED.value))  # the same words
    assert filtered.args == [1]
    assert panel.model.index(0, REFERENCE).data() == referred.reference


def test_a_failed_load_is_a_notice_that_says_what_did_not_work(
    qtbot: QtBot, gui_context: AppContext
) -> None:
    from triage_desktop.services.errors import VaultError

    service = gui_context.service

    def broken(*_args: object, **_kwargs: object) -> object:
        raise VaultError("The vault could not be read just now.")

    service.count_cases = broken  # type: ignore[method-assign]
    service.list_cases = broken  # type: ignore[method-assign]
    panel = make_panel(qtbot, gui_context)
    with qtbot.waitSignal(gui_context.failed, timeout=10_000) as failed:
        panel.refresh()
    assert failed.args[0].text == (
        "Loading the case list did not work. The vault could not be read just now."
    )


def test_header_clicks_sort_in_the_store(qtbot: QtBot, gui_context: AppContext) -> None:
    from datetime import UTC, datetime

    from PySide6.QtCore import QPoint, Qt

    service = gui_context.service
    made = [
        service.create_case(details(received=datetime(2026, 4, day, 10, tzinfo=UTC)))
        for day in (14, 2, 8)
    ]  # references in the order made: 0001 is the 14th, 0002 the 2nd, 0003 the 8th
    panel = make_panel(qtbot, gui_context)
    load(qtbot, panel)

    def references() -> list[str]:
        return [panel.model.index(r, REFERENCE).data() for r in range(panel.model.rowCount())]

    assert references() == [made[0].reference, made[2].reference, made[1].reference]  # newest
    header = panel.form.table.horizontalHeader()
    for column, expected in (
        (REFERENCE, [m.reference for m in reversed(made)]),  # the newest reference first
        (CONTACT_BY, [made[1].reference, made[2].reference, made[0].reference]),
    ):
        at = QPoint(header.sectionViewportPosition(column) + 5, header.height() // 2)
        with qtbot.waitSignal(panel.model.loaded, timeout=10_000):
            qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=at)
        assert references() == expected, column
    from triage_desktop.gui.cases.list_model import RECEIVED

    orders = []
    for _click in range(2):
        at = QPoint(header.sectionViewportPosition(RECEIVED) + 5, header.height() // 2)
        with qtbot.waitSignal(panel.model.loaded, timeout=10_000):
            qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=at)
        orders.append(references())
    by_day = [made[1].reference, made[2].reference, made[0].reference]
    assert sorted(orders) == sorted([by_day, list(reversed(by_day))])  # either way


def test_the_first_contact_button_starts_at_today_and_is_hidden_for_anonymous_reports(
    qtbot: QtBot, gui_context: AppContext
) -> None:
    import datetime as dt

    from PySide6.QtCore import Qt

    from tests.gui.cases.test_first_contact import open_view

    named = gui_context.service.create_case(details())
    view = open_view(qtbot, gui_context, named.id)
    assert view.contact_button.isVisible()
    assert view.contact_button.text() == "Record first &contact…"
    qtbot.mouseClick(view.contact_button, Qt.MouseButton.LeftButton)
    dialog = view.first_contact_dialog
    assert dialog is not None
    assert dialog.date_field.value() == dt.date.today()
    ways = [dialog.method_combo.itemText(i) for i in range(dialog.method_combo.count())]
    assert ways == ["Phone", "Email", "In person", "Video call", "Letter", "Other"]
    dialog.reject()

    anonymous = gui_context.service.create_case(details(anonymous=True))
    with qtbot.waitSignal(view.shown, timeout=10_000):
        view.show_case(anonymous.id)
    assert not view.contact_button.isVisible()


def test_a_case_that_cannot_be_loaded_says_so_in_the_view(
    qtbot: QtBot, gui_context: AppContext
) -> None:
    from triage_desktop.gui.cases.case_view import CaseView

    view = CaseView(gui_context)
    qtbot.addWidget(view)
    view.show()
    view.show_case(987_654)
    qtbot.waitUntil(lambda: view.title.text() == "The case could not be opened", timeout=10_000)
    assert view.summary.text().startswith("⚠ ")
