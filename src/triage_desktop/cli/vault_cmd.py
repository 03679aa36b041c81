"""`init`, `unlock-check`, `passphrase change` and `rekey`: creating and opening the vault."""

from __future__ import annotations

import argparse
from typing import Any

from triage_desktop.cli import CliError
from triage_desktop.cli._vault_io import (
    EXIT_BAD_INPUT,
    EXIT_FAILED_CHECK,
    EXIT_KEYCHAIN,
    add_unlock_options,
    read_secret,
    unlocked,
    vault_errors,
    vault_folder,
)

RECOVERY_NOTICE = (
    "Your recovery key (shown once; print it or write it down and keep it somewhere safe, away "
    "from this computer; it opens the vault without the passphrase):"
)


def register(subparsers: Any) -> None:
    init = subparsers.add_parser(
        "init",
        allow_abbrev=False,
        help="create a new encrypted vault",
        description="Create a new encrypted vault and show its one-time recovery key.",
    )
    init.add_argument("--name", required=True, help="your name, as it appears on documents")
    init.add_argument("--role", choices=["drlro", "hr_advisor"], default="drlro")
    init.add_argument("--email", default="")
    init.add_argument(
        "--no-keychain",
        action="store_true",
        help="passphrase-only mode: do not use the OS keychain (the vault folder plus the "
        "passphrase opens it anywhere)",
    )
    init.add_argument(
        "--passphrase-file", metavar="FILE", help="read the new passphrase from FILE ('-' = stdin)"
    )
    init.set_defaults(handler=run_init)

    check = subparsers.add_parser(
        "unlock-check",
        allow_abbrev=False,
        help="unlock the vault and check its integrity and audit chain",
        description="Unlock the vault, run SQLite's and SQLCipher's integrity checks and verify "
        "the audit chain. Exit 0 when all is well.",
    )
    add_unlock_options(check)
    check.set_defaults(handler=run_unlock_check)

    passphrase = subparsers.add_parser(
        "passphrase", allow_abbrev=False, help="change the vault passphrase"
    )
    actions = passphrase.add_subparsers(dest="passphrase_action", metavar="ACTION", required=True)
    change = actions.add_parser(
        "change",
        allow_abbrev=False,
        help="set a new passphrase (unlock with the old one or the recovery key)",
        description="Rewrap the vault key under a new passphrase. Forgotten the old one? Use "
        "--recovery-key.",
    )
    add_unlock_options(change)
    change.add_argument(
        "--new-passphrase-file", metavar="FILE", help="read the new passphrase from FILE"
    )
    change.set_defaults(handler=run_passphrase_change)

    rekey = subparsers.add_parser(
        "rekey",
        allow_abbrev=False,
        help="replace the database key (issues a NEW recovery key)",
        description="Re-encrypt the vault with a new random key. The old recovery key stops "
        "working; a new one is shown once.",
    )
    rekey.add_argument("--passphrase-file", metavar="FILE")
    rekey.set_defaults(handler=run_rekey, recovery_key=False, recovery_key_file=None)


def run_init(args: argparse.Namespace) -> int:
    from triage_desktop.cases.model import OfficerRole
    from triage_desktop.services.session import (
        OfficerProfile,
        VaultService,
        keychain_status,
        vault_exists,
    )
    from triage_desktop.vault import kdf

    folder = vault_folder(args)
    if vault_exists(folder):
        raise CliError(f"there is already a vault in {folder}; nothing was changed", EXIT_BAD_INPUT)
    use_keychain = not args.no_keychain
    if use_keychain:
        status = keychain_status()
        if not status.available:
            raise CliError(
                f"{status.description} Re-run with --no-keychain to choose passphrase-only "
                "mode, knowing that then the vault folder plus the passphrase opens it anywhere.",
                EXIT_KEYCHAIN,
            )
    passphrase = read_secret(args.passphrase_file, "New passphrase: ", confirm=True)
    service = VaultService(folder)
    with vault_errors():
        recovery = service.create(
            OfficerProfile(args.name, OfficerRole(args.role), args.email),
            passphrase,
            use_keychain=use_keychain,
            kdf=kdf.STANDARD,
        )
        backend = service.keychain_backend()
        service.lock()
    print(f"Vault created in {folder}")
    print(f"Keychain: {backend}")
    print(RECOVERY_NOTICE)
    print(f"    {recovery}")
    return 0


def run_unlock_check(args: argparse.Namespace) -> int:
    from triage_desktop.cli.audit_cmd import describe_failure

    with unlocked(args) as service, vault_errors():
        problems = service.integrity_problems()
        result = service.audit_verify()
        cases = service.count_cases()
        backend = service.keychain_backend()
    if problems:
        print(f"Integrity check FAILED: {problems[0]}")
        return EXIT_FAILED_CHECK
    if not result.ok:
        print(describe_failure(result))
        return EXIT_FAILED_CHECK
    print(f"Vault OK: {cases} cases; audit chain intact ({result.entries} entries).")
    print(f"Keychain: {backend}")
    return 0


def run_passphrase_change(args: argparse.Namespace) -> int:
    with unlocked(args) as service, vault_errors():
        new = read_secret(args.new_passphrase_file, "New passphrase: ", confirm=True)
        service.change_passphrase(new)
    print("Passphrase changed. The recovery key is unchanged.")
    return 0


def run_rekey(args: argparse.Namespace) -> int:
    import sys

    with unlocked(args) as service, vault_errors():
        passphrase = read_secret(args.passphrase_file, "Passphrase again: ")
        recovery = service.rekey(passphrase)
        print("The vault has a new key and a NEW recovery key.")
        print(
            "Your previous recovery key keeps working until you confirm the new one, by typing "
            "it below or by unlocking once with it (`triage-desktop unlock-check "
            "--recovery-key`); after that only the new one works."
        )
        print(RECOVERY_NOTICE)
        print(f"    {recovery}", flush=True)
        if sys.stdin.isatty():
            import getpass

            typed = getpass.getpass("Type the new recovery key to confirm (Enter: later): ")
            if typed.strip() and service.confirm_recovery_key(typed):
                print("Confirmed: the previous recovery key no longer works.")
    return 0
