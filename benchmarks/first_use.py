"""First use against every later use: the officer's first day, through the real widgets, in a
fresh process, beside the same work done by the command line / services in a fresh process.

Each run starts two fresh processes per keychain situation (with a Secret Service: a private
D-Bus session with an unlocked gnome-keyring; without: DBUS_SESSION_BUS_ADDRESS pointing at
nothing and no keyring backend configured):

- the GUI: the main window on an empty vault folder, offscreen. The setup flow's keychain check,
  "Next" on the keychain page until the recovery key shows (vault creation, the tuned Argon2id),
  "Finish" with "Create my own signing certificate" until the workspace shows, "New case" until
  the intake form has its lists and its contact-by date, the case saved, its meeting opened (the
  answers already given), the review step chosen until the draft summary shows, "Sign the
  summary" (the confirmation's Yes pressed) until the signed PDF shows; then the same case work
  again on a second case (the later use). A StallMeter ticks every 5 ms throughout: the worst
  GUI-thread stall per step;
- the same calls without Qt (keychain_status, VaultService.create, set_up_identity, the intake
  form's catalogue load, render_draft, sign_summary twice), and `triage-desktop init` as a user
  runs it.

Target (DESIGN.md): every first use under 2 s on a 2-core machine, with progress shown, and as
fast as the later use. Figures on a shared machine are noisy: compare within one run.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m benchmarks.first_use [--runs 1]
        [--only secret-service|no-secret-service] [--pace SECONDS]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
PASSPHRASE = "maple lantern quietly orbit"  # fictional
OFFICER_NAME = "Benchmark Officer"
KEYRING_PASSWORD = "throwaway-benchmark-keyring"
SITUATIONS = ("secret-service", "no-secret-service")
# Steps in the order they run, with the words printed for them.
GUI_STEPS = {
    "keychain": "keychain check at setup",
    "create": "vault created (setup screens)",
    "certificate": "certificate + workspace",
    "intake": "first intake form, lists shown",
    "draft": "first draft (review step)",
    "sign": "first summary signed",
    "intake_later": "later intake form",
    "draft_later": "later draft summary",
    "sign_later": "later summary signed",
}
# The same work without Qt, measured in the service child; None: no equivalent.
BASELINE_OF = {
    "keychain": "keychain",
    "create": "create",
    "certificate": "certificate",
    "intake": "intake",
    "draft": "draft",
    "sign": "sign",
    "intake_later": "intake_later",
    "draft_later": "draft_later",
    "sign_later": "sign_later",
}


# -- the environment of each situation ----------------------------------------------------------


def child_env(scratch: Path, situation: str) -> dict[str, str]:
    """A private home for Qt settings, keyrings and the runtime folder; no keyring config."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON_KEYRING", "DBUS_"))}
    for name in ("config", "data", "runtime", "home"):
        (scratch / name).mkdir(parents=True, exist_ok=True)
    (scratch / "runtime").chmod(0o700)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        LANG="C.UTF-8",
        HOME=str(scratch / "home"),
        XDG_CONFIG_HOME=str(scratch / "config"),
        XDG_DATA_HOME=str(scratch / "data"),
        XDG_RUNTIME_DIR=str(scratch / "runtime"),
        # The checkout this file is in, also when it is not the installed one (to measure an
        # older commit with the same driver).
        PYTHONPATH=os.pathsep.join((str(REPO), str(REPO / "src"))),
    )
    env.pop("TRIAGE_DESKTOP_HOME", None)
    if situation == "no-secret-service":
        env["DBUS_SESSION_BUS_ADDRESS"] = f"unix:path={scratch / 'no-such-bus'}"
    return env


def in_situation(command: list[str], situation: str) -> list[str]:
    """With a Secret Service: the command inside a private D-Bus session with an unlocked
    gnome-keyring, as scripts/test.sh runs the suite."""
    if situation != "secret-service":
        return command
    script = (
        f'printf %s "{KEYRING_PASSWORD}" | gnome-keyring-daemon --unlock --components=secrets '
        '>/dev/null; exec "$@"'
    )
    return ["dbus-run-session", "--", "bash", "-c", script, "bash", *command]


def run_child(kind: str, situation: str, scratch: Path, pace: float) -> dict[str, Any]:
    command = [sys.executable, "-m", "benchmarks.first_use", "--child", kind, "--situation"]
    command += [situation, "--vault", str(scratch / "vault"), "--pace", str(pace)]
    result = subprocess.run(
        in_situation(command, situation),
        check=False,
        env=child_env(scratch, situation),
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=900,
    )
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    if result.returncode != 0 or not lines:
        raise SystemExit(f"the {kind} child failed ({result.returncode}):\n{result.stderr[-4000:]}")
    return dict(json.loads(lines[-1]))


def time_cli_init(situation: str, scratch: Path) -> float:
    """`triage-desktop init` as a user runs it, whole process (passphrase on stdin)."""
    command = [sys.executable, "-m", "triage_desktop", "--vault", str(scratch / "vault"), "init"]
    command += ["--name", OFFICER_NAME, "--passphrase-file", "-"]
    if situation == "no-secret-service":
        command.append("--no-keychain")
    started = time.perf_counter()
    result = subprocess.run(
        in_situation(command, situation),
        check=False,
        env=child_env(scratch, situation),
        input=PASSPHRASE + "\n",
        capture_output=True,
        text=True,
        timeout=300,
    )
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"triage-desktop init failed:\n{result.stderr[-2000:]}")
    return elapsed


# -- the service child: the same work without Qt -------------------------------------------------


def service_child(folder: Path, situation: str, pace: float) -> dict[str, Any]:
    from benchmarks.first_use_meeting import complete_meeting, fictional_case
    from triage_desktop.cases.model import OfficerRole
    from triage_desktop.services import meeting_service as ms
    from triage_desktop.services.documents_service import DocumentsService
    from triage_desktop.services.session import OfficerProfile, VaultService, keychain_status

    times: dict[str, float] = {}

    def timed(name: str, work: Callable[[], Any]) -> Any:
        started = time.perf_counter()
        result = work()
        times[name] = time.perf_counter() - started
        return result

    status = timed("keychain", keychain_status)
    service = VaultService(folder)
    officer = OfficerProfile(OFFICER_NAME, OfficerRole.DRLRO)
    timed("create", lambda: service.create(officer, PASSPHRASE, use_keychain=status.available))
    timed(
        "certificate",
        lambda: DocumentsService(service).set_up_identity(OFFICER_NAME, "DRLRO", "University"),
    )
    for suffix in ("", "_later"):
        timed(f"intake{suffix}", lambda: catalogue_like_the_intake_form(service))
        case = service.create_case(fictional_case())
        ms.save(service, case.id, complete_meeting())
        record = ms.open_meeting(service, case.id).meeting
        timed(f"draft{suffix}", lambda: ms.render_draft(service, case.id, record))  # noqa: B023
        timed(f"sign{suffix}", lambda: ms.sign_summary(service, case.id, record))  # noqa: B023
    service.lock()
    return {"times": times, "keychain_available": status.available}


def catalogue_like_the_intake_form(service: Any) -> None:
    from datetime import date

    from triage_desktop.policy.calendar import contact_by
    from triage_desktop.policy.catalogue import load_policy

    load_policy()
    contact_by(date.today(), closures=tuple(service.settings().closure_days))


# -- the GUI child: the real window --------------------------------------------------------------


class GuiRun:
    """One officer's first day through the real widgets; each step timed with its worst stall."""

    def __init__(self, folder: Path, pace: float) -> None:
        import triage_desktop.gui  # noqa: F401 - the PySide6 None guard before any Qt call
        from triage_desktop.gui.app import create_application
        from triage_desktop.gui.main_window import MainWindow
        from triage_desktop.gui.stall_meter import StallMeter

        self.app = create_application()
        self.times: dict[str, float] = {}
        self.stalls: dict[str, float] = {}
        self.progress: dict[str, bool] = {}
        self.marks: dict[str, tuple[float, float]] = {}  # wall-clock bounds, to read profiles
        self.meter = StallMeter(interval_ms=5)
        self.pace = pace
        self.window = MainWindow(vault=str(folder))
        self.window.resize(1280, 800)
        self.window.show()

    def step(
        self, name: str, start: Callable[[], None], done: Callable[[], bool], busy: Any
    ) -> None:
        """Time `start()` until `done()`, the worst stall meanwhile, and whether `busy()` (the
        progress the officer sees) showed right after the start (or the step was already done)."""
        from benchmarks.qt_driver import wait_for

        if self.pace and name != "keychain":  # the officer reads or types first (event loop on)
            until = time.perf_counter() + self.pace
            wait_for(lambda: time.perf_counter() >= until, timeout_s=self.pace + 60)
        self.meter.start()
        wall = time.time()
        started = time.perf_counter()
        start()
        self.progress[name] = bool(busy()) or bool(done())
        wait_for(done, timeout_s=600)
        self.times[name] = time.perf_counter() - started
        self.stalls[name] = self.meter.stop()
        self.marks[name] = (wall, time.time())

    def set_up(self) -> Any:
        from PySide6.QtTest import QTest

        from benchmarks.qt_driver import wait_for
        from triage_desktop.gui.setup_flow import PAGE_KEYCHAIN, PAGE_RECOVERY

        window = self.window
        wait_for(lambda: window.setup_flow is not None)
        flow = window.setup_flow
        assert flow is not None
        intro = flow._keychain_page.intro
        checking = intro.text()
        self.step(
            "keychain", lambda: None, lambda: intro.text() != checking, lambda: True
        )  # the page says "Checking this computer's keychain…" until the answer
        QTest.keyClicks(flow.name_edit, OFFICER_NAME)
        click(flow.next_button)
        QTest.keyClicks(flow.passphrase_edit, PASSPHRASE)
        QTest.keyClicks(flow.confirm_edit, PASSPHRASE)
        click(flow.next_button)
        assert flow.pages.currentIndex() == PAGE_KEYCHAIN, flow.message.text()
        available = flow._keychain_available
        if not available:
            flow.passphrase_only.setChecked(True)
        self.step(
            "create",
            lambda: click(flow.next_button),
            lambda: flow.pages.currentIndex() == PAGE_RECOVERY or bool(flow.message.text()),
            flow.busy.isVisible,
        )
        assert flow.pages.currentIndex() == PAGE_RECOVERY, flow.message.text()
        group = flow.recovery_label.text().split("-")[flow._confirm_group - 1]
        QTest.keyClicks(flow.confirm_group_edit, group)
        click(flow.next_button)
        unlocked: list[bool] = []
        window.vault_unlocked.connect(lambda: unlocked.append(True))
        self.step(
            "certificate",
            lambda: click(flow.next_button),
            lambda: bool(unlocked),
            flow.busy.isVisible,
        )
        assert window.workspace is not None
        return available

    def one_case(self, suffix: str) -> None:
        """New case → intake lists → saved → meeting at its review step → draft → signed."""
        from PySide6.QtWidgets import QMessageBox

        from benchmarks.qt_driver import answer_next_dialog, wait_for

        workspace = self.window.workspace
        context = self.window.context
        assert workspace is not None
        assert context is not None
        self.step(
            f"intake{suffix}",
            workspace.new_case_action.trigger,
            lambda: intake_ready(workspace),
            lambda: workspace.intake.contact_by_label.text().startswith("Working"),
        )
        form = workspace.intake
        saved: list[int] = []
        form.saved.connect(saved.append)
        fill_intake(form)
        click(form.save_button)
        wait_for(lambda: bool(saved))
        form.saved.disconnect(saved.append)
        case_id = saved[0]
        prepared: list[object] = []
        context.run(lambda service: save_complete_meeting(service, case_id), prepared.append)
        wait_for(lambda: bool(prepared))
        from triage_desktop.meeting import STEPS, Step

        workspace.open_meeting(case_id)  # at its first step, as the officer starts a meeting
        screen = workspace.meeting
        wait_for(lambda: screen.opened_meeting is not None)
        drafts: list[bool] = []
        screen.draft_shown.connect(lambda: drafts.append(True))
        self.step(
            f"draft{suffix}",
            lambda: screen.step_list.setCurrentRow(STEPS.index(Step.REVIEW)),
            lambda: bool(drafts),
            lambda: draft_progress_shown(screen),
        )
        review = screen.review
        assert review is not None
        assert review.sign_summary_button.isEnabled(), review.blockers.text()
        signed: list[str] = []
        screen.signed.connect(signed.append)

        def sign() -> None:
            answer_next_dialog(QMessageBox.StandardButton.Yes)
            click(review.sign_summary_button)

        self.step(
            f"sign{suffix}",
            sign,
            lambda: bool(signed) or "could not" in review.status.text(),
            review.progress.isVisible,
        )
        assert signed, review.status.text()
        workspace.show_list()

    def finish(self, available: bool) -> dict[str, Any]:
        self.window.lock()
        self.window.close()
        self.app.processEvents()
        return {
            "times": self.times,
            "stalls": self.stalls,
            "progress": self.progress,
            "marks": self.marks,
            "keychain_available": available,
        }


def gui_child(folder: Path, situation: str, pace: float) -> dict[str, Any]:
    run = GuiRun(folder, pace)
    available = run.set_up()
    run.one_case("")
    run.one_case("_later")
    return run.finish(available)


def click(widget: Any) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)


def draft_progress_shown(screen: Any) -> bool:
    """Whether the review step says the draft is on its way (a busy bar or words)."""
    review = screen.review if screen is not None else None
    return review is not None and (review.progress.isVisible() or bool(review.status.text()))


def intake_ready(workspace: Any) -> bool:
    form = workspace._intake
    return (
        form is not None
        and form.isVisible()
        and form.behaviour_list.count() > 0
        and form._calendar_ready
        and not form.contact_by_label.text().startswith("Working")
    )


def fill_intake(form: Any) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    QTest.keyClicks(form.reporter_name, "Alex Example")
    QTest.keyClicks(form.reporter_email, "alex@example.ac.uk")
    for name in ("Sam Sample", "Dr Placeholder"):
        click(form.add_respondent_button)
        QTest.keyClicks(form.respondent_rows[-1].name_edit, name)
    form.description_edit.setFocus()
    QTest.keyClicks(form.description_edit, "A fictional concern raised for a benchmark.")
    form.behaviour_list.item(0).setCheckState(Qt.CheckState.Checked)


def save_complete_meeting(service: Any, case_id: int) -> None:
    """On a worker: the meeting's answers, as the officer would have given them step by step
    (the steps themselves are not what this benchmark times)."""
    from benchmarks.first_use_meeting import complete_meeting
    from triage_desktop.meeting import Step
    from triage_desktop.services import meeting_service as ms

    meeting = complete_meeting()
    meeting.current_step = Step.OPENING  # the meeting opens at its start; review comes later
    ms.save(service, case_id, meeting)


# -- the parent: run, then print ------------------------------------------------------------------


def measure(situation: str, pace: float) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="first-use-") as scratch_name:
        scratch = Path(scratch_name)
        gui = run_child("gui", situation, scratch / "gui", pace)
        service = run_child("service", situation, scratch / "service", pace)
        init_s = time_cli_init(situation, scratch / "cli")
    return {"gui": gui, "service": service, "init_s": init_s}


def report(situation: str, runs: list[dict[str, Any]], pace: float) -> None:
    def median(kind: str, field: str, name: str) -> float:
        return statistics.median(run[kind][field][name] for run in runs)

    available = runs[0]["gui"]["keychain_available"]
    print(
        f"\n== {situation} (keychain available to the app: {available}), {len(runs)} run(s), "
        f"{pace:g} s of officer reading or typing before each GUI step"
    )
    init_s = statistics.median(r["init_s"] for r in runs)
    print(f"   triage-desktop init, whole process: {init_s:.2f} s")
    print(f"   {'step':34s} {'GUI':>8s} {'no Qt':>8s} {'ratio':>6s} {'worst stall':>12s} progress")
    for name, words in GUI_STEPS.items():
        gui = median("gui", "times", name)
        base = median("service", "times", BASELINE_OF[name])
        stall = median("gui", "stalls", name)
        shown = all(run["gui"]["progress"][name] for run in runs)
        print(
            f"   {words:34s} {gui:7.2f}s {base:7.2f}s {gui / max(base, 1e-3):5.1f}x "
            f"{stall * 1000:9.0f} ms  {'yes' if shown else 'NO'}"
        )
    first = max(median("gui", "times", n) for n in ("keychain", "create", "intake", "sign"))
    print(f"   slowest first use in the GUI: {first:.2f} s (target < 2 s)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--only", choices=SITUATIONS)
    parser.add_argument(
        "--pace",
        type=float,
        default=0.0,
        help="seconds the officer spends on each screen before the next step (default 0: the "
        "quickest possible officer, so background warm-ups may still be running)",
    )
    parser.add_argument("--child", choices=("gui", "service"), help=argparse.SUPPRESS)
    parser.add_argument("--situation", choices=SITUATIONS, help=argparse.SUPPRESS)
    parser.add_argument("--vault", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child = gui_child if args.child == "gui" else service_child
        print(json.dumps(child(args.vault, args.situation, args.pace)), flush=True)
        return 0
    if shutil.which("dbus-run-session") is None and args.only != "no-secret-service":
        raise SystemExit("dbus-run-session is missing: run with --only no-secret-service")
    for situation in (args.only,) if args.only else SITUATIONS:
        runs = [measure(situation, args.pace) for _ in range(max(args.runs, 1))]
        report(situation, runs, args.pace)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
