"""`triage-desktop route [FILE|-]`: the routing recommendation for case facts given as JSON.

One JSON object in gives one object out; an array in gives an array out, in the same order.
Invalid input exits 2 with one line on stderr naming the field and the problem, and nothing on
stdout: a batch is all or nothing, so every item is checked before the first result is written,
and a script never half-reads a result. Input is limited to `MAX_INPUT_BYTES`; results are
written one by one, so a large batch never holds all its output in memory. The contract is in
docs/policy-engine.md.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from triage_desktop.cli import CliError

INPUT_ERROR = 2
# One run reads at most this much: about 100,000 minimal cases. Larger input is refused before
# it is parsed; split it into several files.
MAX_INPUT_BYTES = 8 * 1024 * 1024
# Longer integers are kept as Decimal rather than int, whose conversion refuses more than 4,300
# digits; no routing field takes a number, so the value is only ever reported as wrong.
_LONGEST_INT_DIGITS = 100


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "route",
        help="recommend a route for a case under the Dignity and Respect Policy (JSON in and out)",
        description=(
            "Read the facts of a case as a JSON object (or an array of them) and write the "
            "routing recommendation as JSON: action, procedures, escalations, flags, and a "
            "rationale citing the policy. See docs/policy-engine.md for the keys."
        ),
    )
    parser.add_argument(
        "file",
        nargs="?",
        default="-",
        metavar="FILE",
        help="JSON file to read; '-' or nothing reads standard input",
    )
    parser.set_defaults(handler=run_route)


def run_route(args: argparse.Namespace) -> int:
    from triage_desktop.policy.catalogue import policy_for_date
    from triage_desktop.policy.errors import FactsError, PolicyDataError, PolicyNotInForceError
    from triage_desktop.policy.facts import json_type
    from triage_desktop.policy.routing import facts_from_mapping, recommend

    document = parse_json(read_input(args.file))
    items = document if isinstance(document, list) else [document]
    checked = []
    for index, item in enumerate(items):  # every item first: all or nothing
        where = f"[{index}]." if isinstance(document, list) else ""
        if not isinstance(item, dict):
            problem = "expected a JSON object" + (
                "" if isinstance(document, list) else " or an array of objects"
            )
            raise CliError(f"{where}input: {problem}, found {json_type(item)}", INPUT_ERROR)
        try:
            facts = facts_from_mapping(item)
            checked.append((facts, policy_for_date(facts.reported_on)))
        except FactsError as error:
            raise CliError(f"{where}{error}", INPUT_ERROR) from None
        except PolicyNotInForceError as error:
            raise CliError(f"{where}reported_on: {error}", INPUT_ERROR) from None
        except PolicyDataError as error:  # a damaged installation, not the caller's input
            raise CliError(f"policy data: {error}", 1) from None
    results = (recommend(facts, policy).to_dict() for facts, policy in checked)
    if isinstance(document, list):
        write_json_array(results)
    else:
        write_json(next(results), indent=2)
    return 0


def read_input(name: str) -> str:
    """The text of FILE, or of standard input for '-'; decoding problems and input over
    `MAX_INPUT_BYTES` are input errors (only one byte more than the limit is ever read)."""
    try:
        if name == "-":
            data = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
        else:
            with open(name, "rb") as handle:
                data = handle.read(MAX_INPUT_BYTES + 1)
    except OSError as error:
        raise CliError(f"{name}: cannot read ({error.strerror})", INPUT_ERROR) from None
    if len(data) > MAX_INPUT_BYTES:
        raise CliError(
            f"input: larger than the limit of {MAX_INPUT_BYTES:,} bytes "
            f"({MAX_INPUT_BYTES // (1024 * 1024)} MiB) for one run; split it into smaller files",
            INPUT_ERROR,
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CliError("input: not UTF-8 text", INPUT_ERROR) from None


def parse_json(text: str) -> object:
    try:
        return json.loads(
            text,
            object_pairs_hook=_no_duplicate_keys,
            parse_constant=_no_constant,
            parse_int=_whole_number,
        )
    except json.JSONDecodeError as error:
        raise CliError(
            f"input: not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})",
            INPUT_ERROR,
        ) from None
    except _DuplicateKeyError as error:
        raise CliError(f"{error}: given more than once", INPUT_ERROR) from None
    except RecursionError:
        raise CliError("input: JSON nested too deeply", INPUT_ERROR) from None


def write_json(value: object, *, indent: int | None = None) -> None:
    """JSON on stdout as UTF-8 whatever the locale, ending with a newline. A closed or full
    standard output is reported by the CLI entry point, for every command."""
    text = json.dumps(value, indent=indent, ensure_ascii=False) + "\n"
    sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.buffer.flush()


def write_json_array(values: Iterable[object]) -> None:
    """The same text as `write_json(list(values), indent=2)`, written one item at a time."""
    out = sys.stdout.buffer
    first = True
    for value in values:
        item = json.dumps(value, indent=2, ensure_ascii=False).replace("\n", "\n  ")
        out.write((("[\n  " if first else ",\n  ") + item).encode("utf-8"))
        first = False
    out.write(b"[]\n" if first else b"\n]\n")
    out.flush()


def _whole_number(digits: str) -> int | Decimal:
    return int(digits) if len(digits) <= _LONGEST_INT_DIGITS else Decimal(digits)


class _DuplicateKeyError(ValueError):
    pass


def _no_duplicate_keys(pairs: list[tuple[str, object]]) -> dict[str, object]:
    result: dict[str, object] = {}
    for key, value in pairs:
        if key in result:
            shown = key if key.isidentifier() and len(key) <= 40 else repr(key[:40])
            raise _DuplicateKeyError(shown)
        result[key] = value
    return result


def _no_constant(name: str) -> object:
    raise json.JSONDecodeError(f"{name} is not allowed in JSON", name, 0)
