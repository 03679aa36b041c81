"""The shared GUI context runs vault work off the GUI thread and words failures plainly."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from tests.support.vaults import details
from triage_desktop.gui.context import AppContext, describe_error
from triage_desktop.services.errors import CaseNotFound, WrongPassphrase


def test_run_calls_the_service_and_returns_on_the_gui_thread(
    qtbot: QtBot, gui_context: AppContext
) -> None:
    created: list[object] = []
    gui_context.run(lambda service: service.create_case(details()), on_done=created.append)
    qtbot.waitUntil(lambda: bool(created), timeout=5000)
    assert created[0].reference.startswith("DR-")


def test_failures_become_a_plain_message(qtbot: QtBot, gui_context: AppContext) -> None:
    with qtbot.waitSignal(gui_context.error, timeout=5000) as signal:
        gui_context.run(lambda service: service.get_case(999_999))
    assert "999999" in signal.args[0] or "case" in signal.args[0].lower()


def test_describe_error_keeps_our_messages_and_hides_the_rest() -> None:
    assert "passphrase" in describe_error(WrongPassphrase(0))
    assert describe_error(CaseNotFound("No case 7.")) == "No case 7."
    assert "nothing was changed" in describe_error(KeyError("/home/secret/path"))
