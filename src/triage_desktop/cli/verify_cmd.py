"""`triage-desktop verify FILE.pdf [--trust CERT.pem]`: check a signed summary or letter."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import Any

from triage_desktop.cli import CliError

EXIT_AUTHENTIC = 0
EXIT_FAILED = 1
EXIT_UNREADABLE = 2
EXIT_SIGNER_NOT_VERIFIED = 3
PASSWORD_ENV = "TRIAGE_DESKTOP_PDF_PASSWORD"  # noqa: S105 (a variable name, not a secret)


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "verify",
        help="check the signature on a summary or letter PDF",
        description=(
            "Print who signed a PDF and when, and whether it is intact, valid, trusted and "
            "unchanged since signing. Works offline. Exit 0: authentic (intact, valid, unchanged "
            "and signed by a certificate given with --trust); 1: verification failed or not "
            "signed; 2: not a PDF or unreadable; 3: signature valid, signer not verified (no "
            "--trust given: anyone can make a certificate in any name)."
        ),
    )
    parser.add_argument("file", metavar="FILE.pdf", type=Path)
    parser.add_argument(
        "--trust",
        metavar="CERT.pem",
        type=Path,
        help="the officer's (or University CA's) certificate to trust",
    )
    parser.add_argument(
        "--ask-password",
        action="store_true",
        help=f"prompt for the password of a protected PDF (or set ${PASSWORD_ENV})",
    )
    parser.set_defaults(handler=run_verify)


def _read(path: Path, what: str) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise CliError(f"{what} not found: {path}", EXIT_UNREADABLE) from None
    except IsADirectoryError:
        raise CliError(f"{what} is a folder, not a file: {path}", EXIT_UNREADABLE) from None
    except OSError as error:
        raise CliError(
            f"cannot read {what.lower()} {path}: {error.strerror}", EXIT_UNREADABLE
        ) from None


def _yes(flag: bool) -> str:
    return "yes" if flag else "NO"


def run_verify(args: argparse.Namespace) -> int:
    from triage_desktop.documents.errors import DocumentError, NotPdfError, NotSignedError
    from triage_desktop.documents.verification import load_trusted_certificates, shown, verify_pdf

    data = _read(args.file, "File")
    trusted = None
    if args.trust is not None:
        try:
            trusted = load_trusted_certificates(_read(args.trust, "Certificate"))
        except DocumentError as error:
            raise CliError(f"{args.trust}: {error}", EXIT_UNREADABLE) from None
    password = os.environ.get(PASSWORD_ENV) or None
    if args.ask_password:
        password = getpass.getpass("PDF password: ")
    try:
        report = verify_pdf(data, trusted_certificates=trusted, password=password)
    except NotPdfError as error:
        raise CliError(f"{args.file}: {error}", EXIT_UNREADABLE) from None
    except NotSignedError as error:
        raise CliError(f"{args.file}: {error}", EXIT_FAILED) from None
    except DocumentError as error:
        raise CliError(f"{args.file}: {error}", EXIT_UNREADABLE) from None
    out = sys.stdout
    print(f"File: {shown(str(args.file))}", file=out)
    for number, sig in enumerate(report.signatures, start=1):
        when = sig.signing_time.isoformat(timespec="seconds") if sig.signing_time else "unknown"
        print(f"Signature {number} ({sig.field_name}):", file=out)
        print(f"  Signer:        {sig.signer}", file=out)
        print(f"  Subject:       {sig.signer_subject}", file=out)
        print(f"  Certificate:   SHA-256 {sig.certificate_fingerprint}", file=out)
        stamp = " (timestamped by a TSA)" if sig.timestamped else " (as claimed by the signer)"
        print(f"  Signing time:  {when}{stamp}", file=out)
        print(f"  Intact:        {_yes(sig.intact)}", file=out)
        print(f"  Valid:         {_yes(sig.valid)}", file=out)
        trust_note = "" if report.trust_given else " (no --trust certificate given)"
        print(f"  Trusted:       {_yes(sig.trusted)}{trust_note}", file=out)
        print(f"  Unchanged since signing: {_yes(sig.unchanged)}", file=out)
    verdict = report.verdict
    if verdict == "authentic":
        print("Result: authentic, signed by a trusted certificate, unchanged since.", file=out)
        return EXIT_AUTHENTIC
    if verdict == "signer_not_verified":
        print(
            "Result: signature valid, signer not verified. The document is unchanged since it "
            "was signed, but anyone can make a certificate in any name: give --trust CERT.pem "
            "(the officer's certificate) to check who signed it.",
            file=out,
        )
        return EXIT_SIGNER_NOT_VERIFIED
    print("Result: VERIFICATION FAILED: do not rely on this document.", file=out)
    return EXIT_FAILED
