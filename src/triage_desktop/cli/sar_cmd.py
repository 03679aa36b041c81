"""`sar list`: the subject access requests and when each response is due (docs/subject-access.md).

Requests are recorded, reviewed and answered in the app (Ctrl+3): the review of every passage is
a screen's work. The command lists them for a script or a reminder: one line per request, the
most urgent first, exit 1 when one is overdue. Requesters' names are left out unless asked for
(`--names`), so the output can go to a shared reminder without naming anyone.
"""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from triage_desktop.cli._vault_io import (
    EXIT_FAILED_CHECK,
    add_unlock_options,
    unlocked,
    vault_errors,
)


def register(subparsers: Any) -> None:
    command = subparsers.add_parser(
        "sar", allow_abbrev=False, help="subject access requests (UK GDPR Article 15)"
    )
    actions = command.add_subparsers(dest="sar_action", metavar="ACTION", required=True)
    listing = actions.add_parser(
        "list",
        allow_abbrev=False,
        help="every request and when its response is due; exit 1 when one is overdue",
        description="One line per request: reference, cases, received, due, and where it "
        "stands today (the open ones first, the most urgent first). Exit 1 when a response is "
        "overdue.",
    )
    listing.add_argument("--names", action="store_true", help="show the requesters' names too")
    listing.add_argument(
        "--as-of",
        metavar="DATE",
        type=date.fromisoformat,
        help="where each request stands on DATE (YYYY-MM-DD) instead of today",
    )
    add_unlock_options(listing)
    listing.set_defaults(handler=run_list)


def run_list(args: argparse.Namespace) -> int:
    from triage_desktop.reports.subject_access import Standing
    from triage_desktop.services import subject_access

    today = args.as_of or date.today()
    with unlocked(args) as service, vault_errors():
        summaries = subject_access.requests(service, today)
    if not summaries:
        print("No subject access requests.")
        return 0
    for summary in summaries:
        request = summary.request
        cases = len(request.cases)
        name = f" for {request.requester_name}" if args.names else ""
        print(
            f"{request.reference}{name} ({cases} case{'s' if cases != 1 else ''}): received "
            f"{request.received_on}, due {summary.clock.due_on}: {summary.words(today)}"
        )
    overdue = [s for s in summaries if s.standing is Standing.OVERDUE]
    return EXIT_FAILED_CHECK if overdue else 0
