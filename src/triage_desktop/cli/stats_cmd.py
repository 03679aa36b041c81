"""`stats`: the oversight statistics, under disclosure control (docs/statistics.md).

    stats --from DATE --to DATE [--format pdf|csv|json] [--out FILE]
    stats --from DATE --to DATE --export-counts --out FILE
    stats --merge FILE FILE... [--trust CERT.pem]... [--format pdf|csv|json] [--out FILE]

CSV and JSON go to standard output unless --out is given; a PDF needs --out. Files are written
owner-only and never over an existing file; every export is in the audit log. A count file that
fails its signature check, or a second file from the same vault, is refused by name (exit 1)
and nothing is merged. Merging into CSV or JSON needs no vault; a merged PDF is signed with the
vault's certificate.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
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
    from triage_desktop.reports.statistics import PublishedStatistics
    from triage_desktop.services.session import VaultService

FORMATS = ("pdf", "csv", "json")


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def register(subparsers: Any) -> None:
    command = subparsers.add_parser(
        "stats",
        allow_abbrev=False,
        help="oversight statistics that cannot identify anyone (PDF, CSV or JSON)",
        description="Count the cases received in a period by quarter (behaviour, the "
        "reporter's connection, respondent, how it came in, outcome, anonymous and historical "
        "shares, first contact, working days to the meeting, consent), with disclosure "
        "control: 1 to 4 is <5, a true zero 0, everything else rounded to the nearest 5, and "
        "[c] where a count would let a <5 be worked out. See docs/statistics.md.",
    )
    command.add_argument("--from", dest="start", metavar="DATE", type=_date, help="first day")
    command.add_argument("--to", dest="end", metavar="DATE", type=_date, help="last day")
    command.add_argument(
        "--format",
        choices=FORMATS,
        help="pdf (signed), csv or json; default: from --out's extension, else json",
    )
    command.add_argument("--out", metavar="FILE", type=Path, help="write to FILE (owner-only)")
    command.add_argument(
        "--export-counts",
        action="store_true",
        help="write this vault's unsuppressed counts (no case data) as a signed count file",
    )
    command.add_argument(
        "--merge",
        nargs="+",
        metavar="FILE",
        type=Path,
        help="verify and add up count files from several officers, then publish the total",
    )
    command.add_argument(
        "--trust",
        action="append",
        default=[],
        metavar="CERT.pem",
        type=Path,
        help="with --merge: accept only files signed by this certificate or one it issued "
        "(repeat for each officer)",
    )
    add_unlock_options(command)
    command.set_defaults(handler=run_stats)


def _format(args: argparse.Namespace) -> str:
    if args.format:
        return str(args.format)
    suffix = args.out.suffix.lower().lstrip(".") if args.out else ""
    return suffix if suffix in FORMATS else "json"


def _read(path: Path, limit: int | None = None) -> bytes:
    """A file's bytes; with `limit`, one larger than that is refused before it is read."""
    try:
        if limit is not None and path.stat().st_size > limit:
            raise CliError(
                f"{path} was refused: it is larger than {limit // (1024 * 1024)} MB. Nothing was "
                "merged.",
                EXIT_FAILED_CHECK,
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise CliError(f"{path}: no such file", EXIT_BAD_INPUT) from None
    except IsADirectoryError:
        raise CliError(f"{path} is a folder, not a file", EXIT_BAD_INPUT) from None
    except OSError as error:
        raise CliError(f"{path}: {error.strerror}", EXIT_BAD_INPUT) from None


def run_stats(args: argparse.Namespace) -> int:
    chosen = _format(args)
    if chosen == "pdf" and args.out is None:
        raise CliError("a PDF needs --out FILE (it is not written to the terminal)", EXIT_BAD_INPUT)
    if args.merge:
        if args.start or args.end or args.export_counts:
            raise CliError("--merge takes the period from the count files", EXIT_BAD_INPUT)
        return _merge(args, chosen)
    if args.trust:
        raise CliError("--trust is for --merge", EXIT_BAD_INPUT)
    if args.start is None or args.end is None:
        raise CliError("give the period: --from DATE --to DATE", EXIT_BAD_INPUT)
    if args.export_counts and args.out is None:
        raise CliError("--export-counts needs --out FILE", EXIT_BAD_INPUT)
    from triage_desktop.reports.statistics import period_words
    from triage_desktop.services import statistics

    with unlocked(args) as service, vault_errors():
        if args.export_counts:
            counts = statistics.count_vault(service, args.start, args.end)
            statistics.export_counts(service, counts, args.out)
            print(
                f"Wrote the signed counts of {counts.total_cases():,} cases "
                f"({period_words(counts.start, counts.end)}) to {args.out}. "
                "They are unsuppressed: share the file only with whoever merges the counts."
            )
            return 0
        published = statistics.compute(service, args.start, args.end).published
        _emit(service, published, chosen, args.out)
    return 0


def _emit(
    service: VaultService | None, published: PublishedStatistics, chosen: str, out: Path | None
) -> None:
    from triage_desktop.services import statistics

    if out is not None:
        if service is None:
            data = statistics.output_bytes(None, published, statistics.Format(chosen))
            statistics.write_file(out, data)
        else:
            statistics.export(service, published, statistics.Format(chosen), out)
        print(f"Wrote the statistics ({published.period}) to {out}.", file=sys.stderr)
        return
    data = statistics.output_bytes(service, published, statistics.Format(chosen))
    if service is not None:
        statistics.record_printed(service, published, statistics.Format(chosen), data)
    sys.stdout.write(data.decode("utf-8"))


def _merge(args: argparse.Namespace, chosen: str) -> int:
    from triage_desktop.documents.signed_counts import MAX_FILE_BYTES
    from triage_desktop.services import statistics
    from triage_desktop.services.errors import VaultError

    files = [(str(path), _read(path, MAX_FILE_BYTES)) for path in args.merge]
    trusted = [_read(path) for path in args.trust]
    try:
        merged = statistics.merge_files(files, trusted)
    except VaultError as error:
        raise CliError(str(error), EXIT_FAILED_CHECK) from None
    for line in statistics.describe_signers(merged):
        print(f"note: {line}", file=sys.stderr)
    published = merged.statistics.published
    if chosen == "pdf":
        with unlocked(args) as service, vault_errors():
            _emit(service, published, chosen, args.out)
        return 0
    with vault_errors():
        _emit(None, published, chosen, args.out)
    return 0
