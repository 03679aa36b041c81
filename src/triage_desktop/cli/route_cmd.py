"""`triage-desktop route [FILE|-]`: the routing recommendation for case facts given as JSON.

One JSON object in gives one object out; an array in gives an array out, in the same order.
Invalid input exits 2 with one line on stderr naming the field and the problem, and nothing on
stdout: a batch is all or nothing, so a script never half-reads a result. The contract is in
docs/policy-engine.md.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any

from triage_desktop.cli import CliError

INPUT_ERROR = 2


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
    from triage_desktop.policy.errors import FactsError, PolicyDataError, PolicyNotInForceError
    from triage_desktop.policy.facts import json_type
    from triage_desktop.policy.routing import facts_from_mapping, recommend

    document = parse_json(read_input(args.file))
    items = document if isinstance(document, list) else [document]
    results = []
    for index, item in enumerate(items):
        where = f"[{index}]." if isinstance(document, list) else ""
        if not isinstance(item, dict):
            problem = "expected a JSON object" + (
                "" if isinstance(document, list) else " or an array of objects"
            )
            raise CliError(f"{where}input: {problem}, found {json_type(item)}", INPUT_ERROR)
        try:
            facts = facts_from_mapping(item)
            results.append(recommend(facts).to_dict())
        except FactsError as error:
            raise CliError(f"{where}{error}", INPUT_ERROR) from None
        except PolicyNotInForceError as error:
            raise CliError(f"{where}reported_on: {error}", INPUT_ERROR) from None
        except PolicyDataError as error:  # a damaged installation, not the caller's input
            raise CliError(f"policy data: {error}", 1) from None
    output: object = results if isinstance(document, list) else results[0]
    write_json(output, indent=2)
    return 0


def read_input(name: str) -> str:
    """The text of FILE, or of standard input for '-'; decoding problems are input errors."""
    try:
        if name == "-":
            data = sys.stdin.buffer.read()
        else:
            with open(name, "rb") as handle:
                data = handle.read()
    except OSError as error:
        raise CliError(f"{name}: cannot read ({error.strerror})", INPUT_ERROR) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CliError("input: not UTF-8 text", INPUT_ERROR) from None


def parse_json(text: str) -> object:
    try:
        return json.loads(text, object_pairs_hook=_no_duplicate_keys, parse_constant=_no_constant)
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
    """JSON on stdout as UTF-8 whatever the locale, ending with a newline."""
    text = json.dumps(value, indent=indent, ensure_ascii=False) + "\n"
    try:
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.buffer.flush()
    except BrokenPipeError:  # the reader stopped early (`| head`): not an error of ours
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


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
