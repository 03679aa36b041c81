"""`audit verify` and `purge [--dry-run]`."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from triage_desktop.cli import CliError
from triage_desktop.cli._vault_io import (
    EXIT_BAD_INPUT,
    EXIT_FAILED_CHECK,
    add_unlock_options,
    unlocked,
    vault_errors,
)


def register(subparsers: Any) -> None:
    audit = subparsers.add_parser("audit", allow_abbrev=False, help="the tamper-evident audit log")
    actions = audit.add_subparsers(dest="audit_action", metavar="ACTION", required=True)
    verify = actions.add_parser(
        "verify",
        allow_abbrev=False,
        help="check the whole hash chain",
        description="Check every audit entry's HMAC and link. Exit 1 naming the first bad entry.",
    )
    add_unlock_options(verify)
    verify.set_defaults(handler=run_verify)

    purge = subparsers.add_parser(
        "purge",
        allow_abbrev=False,
        help="delete closed cases past their retention period",
        description="Delete closed cases whose retention period has ended (not those under "
        "legal hold), overwrite the freed space and VACUUM. Each leaves a content-free audit "
        "entry.",
    )
    purge.add_argument("--dry-run", action="store_true", help="only list what is due")
    purge.add_argument(
        "--as-of",
        metavar="DATE",
        type=date.fromisoformat,
        help="with --dry-run: list what will be due on DATE (YYYY-MM-DD)",
    )
    add_unlock_options(purge)
    purge.set_defaults(handler=run_purge)


def describe_failure(result: Any) -> str:
    """One line for a failed audit check (the chain itself, or a record against the chain)."""
    if not result.chain_intact:
        return f"Audit chain BROKEN at entry {result.first_bad_seq}: {result.reason}."
    return f"Audit check FAILED: {result.reason}."


def run_verify(args: argparse.Namespace) -> int:
    with unlocked(args) as service, vault_errors():
        result = service.audit_verify()
    if not result.ok:
        print(describe_failure(result))
        print(f"{result.entries} entries were checked.")
        return EXIT_FAILED_CHECK
    print(
        f"Audit chain intact: {result.entries} entries; every case, meeting, next step and "
        f"document matches its last audited content. Head: {result.head}"
    )
    return 0


def run_purge(args: argparse.Namespace) -> int:
    if args.as_of is not None and not args.dry_run:
        raise CliError("--as-of only previews (use it with --dry-run)", EXIT_BAD_INPUT)
    today = args.as_of or date.today()
    with unlocked(args) as service, vault_errors():
        due = service.purge_candidates(today)
        if args.dry_run:
            for item in due:
                print(f"{item.reference}  closed {item.closed_at.date()}  due {item.due_on}")
            print(f"{len(due)} case(s) due for deletion on {today}.")
            copies = service.copies_in_folder()
            if due and copies:
                print(
                    f"Deleting them also removes the {len(copies)} older copies of the vault in "
                    "its folder, which still hold them:"
                )
                for copy in copies:
                    print(f"  {copy.kind}, made {copy.made_at:%Y-%m-%d}: {copy.path}")
            return 0
        result = service.purge(today)
    for reference in result.purged:
        print(f"deleted {reference}")
    print(f"{len(result.purged)} case(s) deleted.")
    for copy in result.removed_copies:
        print(f"removed the {copy.kind} made {copy.made_at:%Y-%m-%d} ({copy.path})")
    if result.older_backups:
        print(
            f"{len(result.older_backups)} backup(s) in the backup folder were made before this "
            "purge and still hold the deleted cases; delete them when your records schedule "
            "says so:"
        )
        for path in result.older_backups:
            print(f"  {path}")
    return 0
