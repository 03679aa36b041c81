"""`backup DEST` and `restore SRC`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from triage_desktop.cli import CliError
from triage_desktop.cli._vault_io import (
    EXIT_BAD_INPUT,
    add_unlock_options,
    read_secret,
    unlocked,
    vault_errors,
    vault_folder,
)


def register(subparsers: Any) -> None:
    backup = subparsers.add_parser(
        "backup",
        allow_abbrev=False,
        help="write an encrypted, integrity-checked copy of the vault",
        description="Write an encrypted copy of the vault to the new folder DEST. It opens with "
        "the same passphrase or the recovery key.",
    )
    backup.add_argument("destination", metavar="DEST", type=Path)
    add_unlock_options(backup)
    backup.set_defaults(handler=run_backup)

    restore = subparsers.add_parser(
        "restore",
        allow_abbrev=False,
        help="replace the vault with a checked backup (keeps a safety copy)",
        description="Check the backup in SRC (checksums, decryption, integrity, audit chain), "
        "then replace the vault with it. The current vault is kept in safety-copies/.",
    )
    restore.add_argument("source", metavar="SRC", type=Path)
    add_unlock_options(restore)
    restore.set_defaults(handler=run_restore)


def run_backup(args: argparse.Namespace) -> int:
    with unlocked(args) as service, vault_errors():
        written = service.backup(args.destination)
    print(f"Backup written to {written}")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    from triage_desktop.services import maintenance

    folder = vault_folder(args)
    if not args.source.is_dir():
        raise CliError(f"{args.source} is not a backup folder", EXIT_BAD_INPUT)
    with vault_errors():
        maintenance.check_backup_files(args.source)
        if args.recovery_key or args.recovery_key_file:
            secret = read_secret(args.recovery_key_file, "The backup's recovery key: ")
            safety = maintenance.restore(folder, args.source, recovery_key=secret)
        else:
            secret = read_secret(args.passphrase_file, "The backup's passphrase: ")
            safety = maintenance.restore(folder, args.source, passphrase=secret)
    print(f"Restored {args.source} into {folder}")
    if safety is not None:
        print(f"The previous vault was kept in {safety}")
    return 0
