"""Shared by the vault commands: reading secrets safely, opening the vault, plain error lines.

Secrets never come from argv (visible in `ps` and shell history): an interactive prompt, a file
(`--passphrase-file FILE`), or standard input (`--passphrase-file -`, one secret per line).
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from triage_desktop.cli import CliError

if TYPE_CHECKING:
    from triage_desktop.services.session import VaultService

EXIT_FAILED_CHECK = 1
EXIT_BAD_INPUT = 2
EXIT_WRONG_SECRET = 3
EXIT_CORRUPT = 4
EXIT_NEWER = 5
EXIT_KEYCHAIN = 6
EXIT_CANNOT_WRITE = 7  # a full disk, a read-only folder, a disk error, or a failed upgrade

_stdin_lines: list[str] | None = None


def _next_stdin_line() -> str:
    global _stdin_lines  # noqa: PLW0603 - stdin can only be read once per process
    if _stdin_lines is None:
        _stdin_lines = sys.stdin.read().splitlines()
    if not _stdin_lines:
        raise CliError("expected another secret on standard input", EXIT_BAD_INPUT)
    return _stdin_lines.pop(0)


def read_secret(source: str | None, prompt: str, *, confirm: bool = False) -> str:
    """From FILE (first line), '-' (next stdin line), or an interactive prompt."""
    if source == "-":
        return _next_stdin_line()
    if source:
        try:
            lines = Path(source).read_text("utf-8").splitlines()
        except OSError as error:
            raise CliError(
                f"cannot read the secret file: {error.strerror}", EXIT_BAD_INPUT
            ) from error
        if not lines:
            raise CliError("the secret file is empty", EXIT_BAD_INPUT)
        return lines[0]
    if not sys.stdin.isatty():
        return _next_stdin_line()
    secret = getpass.getpass(prompt)
    if confirm and getpass.getpass("Repeat it: ") != secret:
        raise CliError("the two entries differ; nothing was changed", EXIT_BAD_INPUT)
    return secret


def add_unlock_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--passphrase-file",
        metavar="FILE",
        help="read the passphrase from FILE's first line ('-' = standard input)",
    )
    parser.add_argument(
        "--recovery-key",
        action="store_true",
        help="unlock with the recovery key instead of the passphrase (prompted, or from "
        "--recovery-key-file)",
    )
    parser.add_argument(
        "--recovery-key-file", metavar="FILE", help="read the recovery key from FILE ('-' = stdin)"
    )


@contextmanager
def vault_errors() -> Iterator[None]:
    """Turn vault failures into one line and a distinct exit code."""
    from triage_desktop.services import errors

    try:
        yield
    except (errors.WrongPassphrase, errors.BadRecoveryKey, errors.UnlockThrottled) as error:
        raise CliError(str(error), EXIT_WRONG_SECRET) from error
    except (
        errors.DiskFull,
        errors.VaultReadOnly,
        errors.DiskError,
        errors.MigrationFailed,
    ) as error:
        raise CliError(str(error), EXIT_CANNOT_WRITE) from error
    except errors.VaultCorrupt as error:
        raise CliError(str(error), EXIT_CORRUPT) from error
    except errors.VaultFromNewerVersion as error:
        raise CliError(str(error), EXIT_NEWER) from error
    except (errors.NoKeychain, errors.KeychainSecretMissing) as error:
        raise CliError(str(error), EXIT_KEYCHAIN) from error
    except errors.InvalidFieldError as error:
        raise CliError(str(error), EXIT_BAD_INPUT) from error
    except errors.VaultError as error:
        raise CliError(str(error), EXIT_BAD_INPUT) from error


def vault_folder(args: argparse.Namespace) -> Path:
    from triage_desktop.paths import restrict_umask, vault_dir

    restrict_umask()
    return vault_dir(args.vault)


@contextmanager
def unlocked(args: argparse.Namespace) -> Iterator[VaultService]:
    """The vault selected by --vault, unlocked with the passphrase or recovery key."""
    from triage_desktop.services.session import VaultService, vault_exists

    folder = vault_folder(args)
    if not vault_exists(folder):
        raise CliError(f"there is no vault in {folder} (create one with `init`)", EXIT_BAD_INPUT)
    service = VaultService(folder)
    with vault_errors():
        if args.recovery_key or args.recovery_key_file:
            service.unlock_with_recovery_key(read_secret(args.recovery_key_file, "Recovery key: "))
        else:
            service.unlock(read_secret(args.passphrase_file, "Passphrase: "))
        try:
            _notes(service)
            yield service
        finally:
            service.lock()


UNCONFIRMED_NOTE = (
    "note: the new recovery key from the last rekey has not been confirmed, so the previous "
    "recovery key still opens this vault. Confirm the new one by unlocking once with it: "
    "triage-desktop unlock-check --recovery-key"
)


def _notes(service: VaultService) -> None:
    """What the officer should know about the vault they just opened, on stderr."""
    if service.read_only_reason:
        print(f"note: {service.read_only_reason}", file=sys.stderr)
    if service.recovery_key_unconfirmed:
        print(UNCONFIRMED_NOTE, file=sys.stderr)
