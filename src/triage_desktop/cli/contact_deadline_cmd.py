"""`triage-desktop contact-deadline DATE [--anonymous] [--closure DATE]...`

The last day to contact the reporter: the 2nd working day after the report (Appendix B), skipping
weekends, bank holidays in England and the university closure days given. None for anonymous
reports. Writes `{"received": DATE, "contact_by": DATE or null}`. Dates outside the years the
bank-holiday calendar covers (1872 to 2100 today) are refused with exit 2, never answered wrongly.
"""

from __future__ import annotations

import argparse
import re
from datetime import date
from typing import Any

from triage_desktop.cli import CliError

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "contact-deadline",
        help="the date by which to contact the reporter (2 working days after the report)",
        description=(
            "Print the contact-by date for a report received on DATE: the 2nd working day "
            "after it, skipping weekends, bank holidays in England and closure days. "
            "Anonymous reports have none (null)."
        ),
    )
    parser.add_argument("received", metavar="DATE", help="the date the report was received")
    parser.add_argument(
        "--anonymous", action="store_true", help="the report is anonymous: no contact deadline"
    )
    parser.add_argument(
        "--closure",
        metavar="DATE",
        action="append",
        default=[],
        help="a university closure day (repeat for each)",
    )
    parser.set_defaults(handler=run_contact_deadline)


def run_contact_deadline(args: argparse.Namespace) -> int:
    from triage_desktop.cli.route_cmd import write_json
    from triage_desktop.policy.calendar import contact_by
    from triage_desktop.policy.errors import CalendarError

    received = parse_date("DATE", args.received)
    closures = [parse_date("--closure", value) for value in args.closure]
    try:
        deadline = contact_by(received, anonymous=args.anonymous, closures=closures)
    except CalendarError as error:
        raise CliError(f"DATE: {error}", 2) from None
    write_json(
        {
            "received": received.isoformat(),
            "contact_by": deadline.isoformat() if deadline else None,
        }
    )
    return 0


def parse_date(label: str, value: str) -> date:
    shown = repr(value[:40])
    if not _ISO_DATE.fullmatch(value):
        raise CliError(f"{label}: expected a date as YYYY-MM-DD, found {shown}", 2)
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CliError(f"{label}: {shown} is not a real date", 2) from None
