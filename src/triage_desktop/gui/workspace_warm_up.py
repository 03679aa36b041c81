"""The workspace's warm-up (gui/warm_up.py): its modules, then the data its intake form shows first.

Apart from the other jobs because it imports the workspace, which itself queues a warm-up.
"""

from __future__ import annotations

import threading

from triage_desktop.gui.warm_up import DOCUMENTS, VAULT_CREATION, Job

_freeze_lock = threading.Lock()
_frozen = False
_openings = 0  # vaults opened (unlocked, or created by the setup flow) in this process


def load_workspace() -> None:
    """The workspace's own modules (so building it on the GUI thread only creates widgets), then
    the data its intake form shows first. The unlock and setup workers call it inline."""
    import triage_desktop.gui.workspace  # noqa: F401
    from triage_desktop.gui.cases import case_view, intake, list_panel  # noqa: F401
    from triage_desktop.services import warm_up

    warm_up.workspace_data()


def vault_opening() -> None:
    """An unlock or the setup flow begins (GUI thread): from then on case data may be in
    memory, so only the first unlock's own freeze (before it reads a case) may still run."""
    global _openings  # noqa: PLW0603 - counted per process
    with _freeze_lock:
        _openings += 1


def freeze_long_lived_objects(*, before_unlock: bool = False) -> bool:
    """Once per process, before any case data exists: collect, then freeze what survives --
    modules, policy data, Qt wrappers, all alive as long as the app. Later full collections
    then skip them (such a pass holds the interpreter lock and stalled the GUI thread by
    60-190 ms). Never again after that: a later freeze would make whatever a previous session
    left for the collector, case data included, uncollectable: so only before the first vault
    opening (`before_unlock`, the unlock screen's warm-up) or on the first unlock's worker
    before it reads a case. Returns whether it froze now."""
    import gc

    global _frozen  # noqa: PLW0603 - once per process by definition
    with _freeze_lock:
        if _frozen or _openings > (0 if before_unlock else 1):
            return False
        _frozen = True
        gc.collect()
        gc.freeze()
        return True


def _before_first_unlock() -> None:
    load_workspace()
    freeze_long_lived_objects(before_unlock=True)


WORKSPACE = Job("workspace", load_workspace)
BEFORE_FIRST_UNLOCK = Job("workspace and freeze, before the first unlock", _before_first_unlock)
ALL_JOBS = (VAULT_CREATION, WORKSPACE, BEFORE_FIRST_UNLOCK, DOCUMENTS)  # every warm-up
