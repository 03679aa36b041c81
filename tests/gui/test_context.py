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
    with qtbot.waitSignal(gui_context.failed, timeout=5000) as signal:
        gui_context.run(lambda service: service.get_case(999_999), what="Opening the case")
    failure = signal.args[0]
    assert failure.text.startswith("Opening the case did not work. ")
    assert "999999" in failure.text or "case" in failure.text.lower()
    assert failure.retry is None  # a read: nothing was kept to try again


def test_a_failure_for_a_widget_already_gone_is_not_shown_but_recorded(
    qtbot: QtBot, gui_context: AppContext
) -> None:
    from PySide6.QtWidgets import QLabel

    shown: list[object] = []
    gui_context.failed.connect(shown.append)
    owner = QLabel()
    errors: list[BaseException] = []
    gui_context.run(lambda service: service.get_case(999_999), None, errors.append, owner=owner)
    owner.deleteLater()
    qtbot.waitUntil(lambda: gui_context.tasks.active() == 0, timeout=5000)
    qtbot.wait(50)
    assert errors == []  # its screen is gone: nothing to tell it
    assert shown == []  # and a read nobody waits for is no news for the officer


def test_saves_under_one_key_run_in_order_and_only_the_newest_failure_is_kept(
    qtbot: QtBot, gui_context: AppContext
) -> None:
    import time

    order: list[str] = []

    def write(label: str, fail: bool, delay: float) -> object:
        def work(_service: object) -> None:
            time.sleep(delay)
            order.append(label)
            if fail:
                raise OSError("disk trouble")

        return work

    failures: list[object] = []
    gui_context.failed.connect(failures.append)
    gui_context.save(write("first", True, 0.2), what="The answers", key="k")
    gui_context.save(write("second", True, 0.0), what="The answers", key="k")
    qtbot.waitUntil(lambda: len(order) == 2 and gui_context.tasks.active() == 0, timeout=5000)
    assert order == ["first", "second"]  # never the older after the newer
    assert len(failures) == 1  # the first was superseded before it failed
    kept = gui_context.unsaved()
    assert [item.key for item in kept] == ["k"]
    assert failures[0].retry is not None

    calls: list[str] = []
    gui_context.save(lambda _s: calls.append("third"), what="The answers", key="k")
    qtbot.waitUntil(lambda: gui_context.unsaved() == [], timeout=5000)
    assert calls == ["third"]  # a newer save that works clears what was kept


def test_describe_error_keeps_our_messages_and_hides_the_rest() -> None:
    assert "passphrase" in describe_error(WrongPassphrase(0))
    assert describe_error(CaseNotFound("No case 7.")) == "No case 7."
    assert "nothing was changed" in describe_error(KeyError("/home/secret/path"))
