"""`import FILE [--mapping FILE] [--dry-run] [--delete-source]` and `reconcile FILE`: reports in
from the Support and Report tool, and the check that none was missed.

The contract is docs/import.md. A file that breaks it exits 2 with every problem on stderr, one
per line (row, field, what was expected), and nothing is imported. `reconcile` exits 1 when a
report in the file is not in the vault, naming each one.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from triage_desktop.cli import CliError
from triage_desktop.cli._vault_io import (
    EXIT_BAD_INPUT,
    EXIT_FAILED_CHECK,
    add_unlock_options,
    unlocked,
    vault_errors,
)

if TYPE_CHECKING:
    from triage_desktop.reports.contract import ReportFileError
    from triage_desktop.services.reports_import import ImportPlan, Reconciliation

MAX_PROBLEMS_SHOWN = 200
RED, PLAIN = "\033[31m", "\033[0m"


def register(subparsers: Any) -> None:
    command = subparsers.add_parser(
        "import",
        allow_abbrev=False,
        help="import reports exported from the Support and Report tool (CSV or JSON Lines)",
        description="Check the whole file against the import contract (docs/import.md), then "
        "create one case per report in one transaction: all or none. Reports already in the "
        "vault are skipped and listed; reports past their contact-by date are listed first. "
        "Afterwards the file is reconciled with the vault.",
    )
    command.add_argument("file", metavar="FILE", type=Path, help="the export (.csv or .jsonl)")
    command.add_argument(
        "--mapping",
        metavar="FILE",
        type=Path,
        help="TOML file translating the institution's option labels to the policy's codes",
    )
    command.add_argument(
        "--dry-run", action="store_true", help="show exactly what would happen; change nothing"
    )
    command.add_argument(
        "--delete-source",
        action="store_true",
        help="after a successful import, overwrite and delete FILE (it is plaintext personal data)",
    )
    add_unlock_options(command)
    command.set_defaults(handler=run_import)

    check = subparsers.add_parser(
        "reconcile",
        allow_abbrev=False,
        help="check that every report in an export is a case in the vault",
        description="Read the source ids of FILE and say whether each report is a case in the "
        "vault; name every one that is not (exit 1). Changes nothing.",
    )
    check.add_argument("file", metavar="FILE", type=Path, help="the export (.csv or .jsonl)")
    add_unlock_options(check)
    check.set_defaults(handler=run_reconcile)


def run_import(args: argparse.Namespace) -> int:
    from triage_desktop.reports.contract import ReportFileError
    from triage_desktop.services import reports_import

    with unlocked(args) as service, vault_errors():
        try:
            plan = reports_import.plan_import(service, args.file, args.mapping)
        except ReportFileError as error:
            raise _file_problems(args.file, error) from None
        _print_plan(plan, dry_run=args.dry_run)
        if args.dry_run:
            print("Dry run: nothing was imported. Run again without --dry-run to import.")
            return 0
        result = reports_import.run_import(service, plan)
    references = dict(result.outcome.created)
    for planned in plan.new:
        late = " (PAST ITS CONTACT-BY DATE)" if planned.past_contact_by else ""
        print(f"  {planned.source_report_id} -> {references[planned.source_report_id]}{late}")
    _print_reconciliation(result.reconciliation)
    print(f"Recorded in the audit log with the file's SHA-256 {plan.sha256}.")
    if not result.reconciliation.ok:  # the file may be the only place a report still is
        print(f"Keep {args.file}: some of its reports are not in the vault.")
        return EXIT_FAILED_CHECK
    deleted = _source_warning(args.file, delete=args.delete_source)
    return EXIT_FAILED_CHECK if deleted is False else 0


def run_reconcile(args: argparse.Namespace) -> int:
    from triage_desktop.reports.contract import ReportFileError
    from triage_desktop.services import reports_import

    with unlocked(args) as service, vault_errors():
        try:
            result = reports_import.reconcile(service, args.file)
        except ReportFileError as error:
            raise _file_problems(args.file, error) from None
    _print_reconciliation(result)
    return 0 if result.ok else EXIT_FAILED_CHECK


def _file_problems(path: Path, error: ReportFileError) -> CliError:
    """Every problem on its own line; the CliError's line says nothing was imported."""
    for problem in error.problems[:MAX_PROBLEMS_SHOWN]:
        print(f"triage-desktop: error: {path.name}: {problem}", file=sys.stderr)
    hidden = len(error.problems) - MAX_PROBLEMS_SHOWN
    if hidden > 0:
        print(f"triage-desktop: error: … and {hidden:,} more problems", file=sys.stderr)
    count = len(error.problems)
    return CliError(
        f"{path.name}: {count:,} problem{'s' if count != 1 else ''}; nothing was imported",
        EXIT_BAD_INPUT,
    )


def _red(text: str) -> str:
    return f"{RED}{text}{PLAIN}" if sys.stdout.isatty() else text


def _print_plan(plan: ImportPlan, *, dry_run: bool) -> None:
    print(
        f"{plan.file_name}: {len(plan.reports):,} reports (contract schema "
        f"{plan.schema_version}, mapping {plan.mapping_version}, SHA-256 {plan.sha256})"
    )
    will = "would" if dry_run else "will"
    late = plan.past_contact_by
    if late:
        print(_red(f"PAST THEIR CONTACT-BY DATE ({len(late):,}): contact these reporters first"))
        for planned in late:
            print(
                _red(
                    f"  {planned.source_report_id} (row {planned.row}): submitted "
                    f"{planned.submitted_at.isoformat()}, contact was due by "
                    f"{planned.contact_by} - PAST ITS CONTACT-BY DATE"
                )
            )
    new = [p for p in plan.new if not p.past_contact_by]
    print(f"New cases ({len(plan.new):,}) {will} be created, {len(late):,} of them listed above:")
    for planned in new:
        due = (
            "no contact deadline (anonymous)"
            if planned.contact_by is None
            else (f"contact by {planned.contact_by}")
        )
        print(f"  {planned.source_report_id} (row {planned.row}): {due}")
    print(f"Already here ({len(plan.duplicates):,}), {will} be skipped:")
    for planned in plan.duplicates:
        here = planned.already_here
        assert here is not None  # noqa: S101 - a duplicate has its ledger entry
        gone = " (deleted at the end of its retention period)" if here.case_id is None else ""
        print(f"  {planned.source_report_id} (row {planned.row}) is {here.case_reference}{gone}")


def _print_reconciliation(result: Reconciliation) -> None:
    print(result.summary() if result.ok else _red(result.summary()))
    for line in result.details():
        print(_red(line) if line.startswith("NOT ") else line)


def _source_warning(path: Path, *, delete: bool) -> bool | None:
    """Say the file is plaintext personal data; delete it if asked. True when deleted, False
    when the deletion failed, None when it was kept."""
    from triage_desktop.services import reports_import

    print(f"Warning: {reports_import.plaintext_warning(path)}")
    if not delete and sys.stdin.isatty():
        answer = input(f"Delete {path} now? [y/N] ").strip().lower()
        delete = answer in {"y", "yes"}
    if not delete:
        caveat = reports_import.DELETE_CAVEAT
        print(f"Delete it when it is no longer needed (--delete-source). {caveat}")
        return None
    print(reports_import.DELETE_CAVEAT)
    try:
        reports_import.delete_source(path)
    except reports_import.SourceFileError as error:
        print(f"triage-desktop: error: {error} The import itself is complete.", file=sys.stderr)
        return False
    print(f"Deleted {path}.")
    return True
