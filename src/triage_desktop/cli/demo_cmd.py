"""`triage-desktop demo --out DIR`: a throwaway vault and one signed triage, to see the product."""

from __future__ import annotations

import argparse
import secrets
from pathlib import Path
from typing import Any

from triage_desktop.cli import CliError

WORDS = (
    "amber", "birch", "cobalt", "delta", "ember", "fjord", "garnet", "harbour", "indigo",
    "juniper", "kestrel", "lantern", "meadow", "nutmeg", "orchid", "pebble", "quartz", "raven",
    "saffron", "thistle", "umber", "velvet", "willow", "yarrow", "zephyr",
)  # fmt: skip


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "demo",
        help="make a throwaway vault with fictional cases and a signed summary and letter",
        description=(
            "Create a throwaway vault in DIR (passphrase-only: no keychain, no network), run one "
            "fictional triage through the policy engine, vault and documents, and export the "
            "signed summary, the signed outcome letter and the officer's certificate into DIR."
        ),
    )
    parser.add_argument("--out", metavar="DIR", type=Path, required=True)
    parser.set_defaults(handler=run)


def demo_passphrase() -> str:
    return "-".join(secrets.choice(WORDS) for _ in range(5))


def run(args: argparse.Namespace) -> int:
    from triage_desktop.paths import ensure_private_dir, restrict_umask

    out: Path = args.out
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise CliError(f"{out} exists and is not an empty folder: choose a new one.")
    restrict_umask()
    try:
        ensure_private_dir(out)
    except OSError as error:
        raise CliError(f"cannot create {out}: {error.strerror}") from None
    from triage_desktop.services.demo_scenario import run_demo

    passphrase = demo_passphrase()
    try:
        result = run_demo(out, passphrase)
    except OSError as error:
        raise CliError(f"the demo could not write to {out}: {error.strerror}") from None
    print("Triage Desk demo: one fictional triage, signed and exported.")
    print(f"  Vault:             {out / 'vault'}")
    print("  Vault mode:        passphrase-only (no keychain used; throwaway demo vault)")
    print(f"  Demo passphrase:   {passphrase}")
    print(f"  Recovery key:      {result.recovery_key}")
    print(f"  Sample cases:      {', '.join(result.case_references)}")
    print(f"  Signed summary:    {result.summary_pdf}")
    print(f"  Signed letter:     {result.letter_pdf}")
    print(f"  Officer cert:      {result.certificate}")
    print("Check a signature:")
    print(f"  triage-desktop verify {result.letter_pdf} --trust {result.certificate}")
    return 0
