"""The workspace's warm-up (gui/warm_up.py): its modules, then the data its intake form shows first.

Apart from the other jobs because it imports the workspace, which itself queues a warm-up.
"""

from __future__ import annotations

from triage_desktop.gui.warm_up import DOCUMENTS, VAULT_CREATION, Job


def load_workspace() -> None:
    """The workspace's own modules (so building it on the GUI thread only creates widgets), then
    the data its intake form shows first. The unlock and setup workers call it inline."""
    import triage_desktop.gui.workspace  # noqa: F401
    from triage_desktop.gui.cases import case_view, intake, list_panel  # noqa: F401
    from triage_desktop.services import warm_up

    warm_up.workspace_data()


WORKSPACE = Job("workspace", load_workspace)
ALL_JOBS = (VAULT_CREATION, WORKSPACE, DOCUMENTS)  # every warm-up there is
