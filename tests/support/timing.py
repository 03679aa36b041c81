"""What a test may say about time on a shared, loaded 2-core machine: only that nothing blocks
grossly. Budgets (50 ms stalls, 2 s first uses, start-up ratios) live in benchmarks/, printed
beside a baseline measured in the same run."""

from __future__ import annotations

import threading
from typing import Any

# Work that does not belong on the GUI thread holds it for hundreds of milliseconds at least
# (an Argon2 derivation ~0.5 s, a signature, a query over 10,000 cases); a loaded machine's
# scheduler and garbage collector, seen here with a CPU-burning process beside the suite, add
# tens to a few hundred. One second tells the two apart on any machine.
GROSS_STALL_S = 1.0


def calls_on_the_gui_thread(service: Any, *, into: list[str]) -> None:
    """Record in `into` the name of each public method of `service` called on the main (GUI)
    thread. The real methods still run: this only watches, on this one object."""
    main = threading.main_thread()
    for name in dir(type(service)):
        if name.startswith("_") or isinstance(getattr(type(service), name), property):
            continue
        method = getattr(service, name)
        if not callable(method):
            continue

        def watched(*args: Any, _name: str = name, _method: Any = method, **kwargs: Any) -> Any:
            if threading.current_thread() is main:
                into.append(_name)
            return _method(*args, **kwargs)

        setattr(service, name, watched)
