"""The screens issue 13 and issue 10 (item 7) changed, light and dark, as PNGs for a person to
look at: the intake form, the case view with its first contact and the dialog that records it,
the case list's contact-by words, a notice, and the page shown when a lock is held."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from tests.support.images import distinct_colours
from tests.support.vaults import details
from triage_desktop.cases.model import ContactMethod, FirstContact
from triage_desktop.gui.cases.case_view import CaseView
from triage_desktop.gui.cases.intake import IntakeForm
from triage_desktop.gui.cases.list_panel import CaseListPanel
from triage_desktop.gui.context import AppContext, UnsavedWork
from triage_desktop.gui.lock_held import LockHeldPage
from triage_desktop.gui.notices import Failure, NoticeBar
from triage_desktop.gui.palettes import apply_palette


@pytest.fixture(params=["light", "dark"])
def scheme(request: pytest.FixtureRequest) -> Iterator[str]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_palette(app, request.param)
    app.setStyleSheet(app.styleSheet())  # re-polish in the new palette
    yield str(request.param)
    apply_palette(app, "system")
    app.setStyleSheet(app.styleSheet())


def snap(qtbot: QtBot, widget: QWidget, path: Path) -> None:
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    qtbot.waitExposed(widget)
    qtbot.wait(100)  # the layout takes text set after showing
    image = widget.grab().toImage()
    assert distinct_colours(image) > 10
    assert image.save(str(path))


def test_the_changed_screens_draw_in_both_schemes(
    qtbot: QtBot, gui_context: AppContext, screenshot_dir: Path, scheme: str
) -> None:
    service = gui_context.service
    on_time = service.create_case(details(reporter="Zoë Ångström"))
    late = service.create_case(details(reporter="محمد الأحمد"))
    service.create_case(details(reporter="张伟"))
    service.record_first_contact(on_time.id, FirstContact(date(2026, 4, 7), ContactMethod.PHONE))
    service.record_first_contact(late.id, FirstContact(date(2026, 4, 10), ContactMethod.EMAIL))

    form = IntakeForm(gui_context)
    qtbot.waitUntil(lambda: form.behaviour_list.count() > 5, timeout=10000)
    snap(qtbot, form, screenshot_dir / f"changed-intake-{scheme}.png")

    panel = CaseListPanel(gui_context)
    panel.refresh()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 3, timeout=10000)
    snap(qtbot, panel, screenshot_dir / f"changed-case-list-{scheme}.png")

    view = CaseView(gui_context)
    with qtbot.waitSignal(view.shown, timeout=10000):
        view.show_case(late.id)
    snap(qtbot, view, screenshot_dir / f"changed-case-view-{scheme}.png")
    dialog = view.record_first_contact()
    assert dialog is not None
    qtbot.waitExposed(dialog)
    assert dialog.grab().save(str(screenshot_dir / f"changed-first-contact-{scheme}.png"))
    dialog.reject()

    bar = NoticeBar()
    bar.show_failure(
        Failure(
            "Loading the case list did not work. Something went wrong and nothing was changed. "
            "Please try again."
        )
    )
    bar.show_failure(
        Failure(
            "The meeting's answers could not be saved. The disk holding the vault is full. "
            "What you typed is kept in this window until it is saved: choose Try again.",
            key="k",
            retry=lambda: None,
        )
    )
    snap(qtbot, bar, screenshot_dir / f"changed-notices-{scheme}.png")

    held = LockHeldPage()
    held.show_unsaved(
        [
            UnsavedWork(
                "k",
                "The meeting's last answers",
                lambda _s: None,
                "The disk holding the vault is full. Free some space and try again.",
                1,
            )
        ]
    )
    snap(qtbot, held, screenshot_dir / f"changed-lock-held-{scheme}.png")
    held.stop()
