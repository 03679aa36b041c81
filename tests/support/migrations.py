"""What the migration tests share: a vault taken back to an earlier revision, and a look at the
schema it then has (through SQLCipher, with the vault's key)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.support.vaults import create_vault, details
from triage_desktop.store import migrate
from triage_desktop.store.connection import connect


def table_names(db: Path, key: bytes) -> set[str]:
    con = connect(db, key)
    try:
        rows = con.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
        return {row[0] for row in rows}
    finally:
        con.close()


def column_names(db: Path, key: bytes, table: str) -> set[str]:
    con = connect(db, key)
    try:
        return {row[1] for row in con.execute(f"PRAGMA table_info({table})").fetchall()}
    finally:
        con.close()


def vault_at_revision(folder: Path, revision: str, word: str) -> tuple[Any, Path, bytes]:
    """A vault in `folder` with one fictional case (reference word `word`), locked and taken
    down to `revision`; returns (the case as created, the database file, the key)."""
    service, _ = create_vault(folder)
    case = service.create_case(details(word))
    key = bytes(service._key or b"")
    service.lock()
    db = folder / "vault.db"
    migrate.downgrade(db, key, revision)
    return case, db, key
