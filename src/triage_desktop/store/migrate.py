"""Schema migrations with Alembic, run on unlock. Alembic and SQLAlchemy load only when needed.

Unlock reads `alembic_version` with plain SQL; only if it differs from the newest revision does
Alembic load. A revision this build does not know is a vault from a newer Triage Desk: refused,
never touched.

A migration is all-or-nothing (`upgrade_atomically`): Alembic runs on a work copy of the
database, which replaces `vault.db` in one rename only after every step succeeded and the copy
passed SQLite's quick check. A crash or a failing step at any point leaves `vault.db` exactly as
it was; the next unlock throws the half-migrated copy away and starts again. One encrypted copy
from before the migration is kept in `migration-backups/`, and a retry reuses it rather than
writing another.

The revisions are read from the files in `migrations/versions/` (their `revision` and
`down_revision` lines), so a new revision file is all a schema change needs.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

from triage_desktop.paths import DISK_FULL_ERRNOS, READ_ONLY_ERRNOS, fsync_directory
from triage_desktop.store.connection import (
    Connection,
    connect,
    create_private_file,
    read_only_message,
    translate,
    wal_has_changes,
)
from triage_desktop.store.errors import (
    DiskFullError,
    MigrationError,
    ReadOnlyError,
    SchemaTooNewError,
    StoreError,
)

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
MIGRATION_BACKUPS = "migration-backups"
WORK_COPY = ".vault.db.migrating"
_REVISION = re.compile(r"""^revision\s*=\s*["']([^"']+)["']""", re.MULTILINE)
_DOWN = re.compile(r"""^down_revision\s*=\s*(?:["']([^"']+)["']|None)""", re.MULTILINE)


@cache
def _revision_chain(versions: Path) -> tuple[str, ...]:
    """Revisions oldest first, following each file's down_revision from the base."""
    parents: dict[str | None, str] = {}
    for path in sorted(versions.glob("*.py")):
        text = path.read_text("utf-8")
        revision, down = _REVISION.search(text), _DOWN.search(text)
        if revision is None or down is None:
            continue
        parents[down.group(1)] = revision.group(1)
    chain: list[str] = []
    parent: str | None = None
    while parent in parents:
        parent = parents[parent]
        chain.append(parent)
    return tuple(chain)


def known_revisions() -> tuple[str, ...]:
    return _revision_chain(MIGRATIONS_DIR / "versions")


def head() -> str:
    return known_revisions()[-1]


def __getattr__(name: str) -> Any:  # HEAD and KNOWN_REVISIONS, read from the files when asked
    if name == "HEAD":
        return head()
    if name == "KNOWN_REVISIONS":
        return known_revisions()
    raise AttributeError(name)


def current_revision(con: Connection) -> str | None:
    has_table = con.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
    ).fetchone()
    if not has_table:
        return None
    row = con.execute("SELECT version_num FROM alembic_version").fetchone()
    return None if row is None else str(row[0])


def check_not_newer(revision: str | None) -> None:
    if revision is not None and revision not in known_revisions():
        raise SchemaTooNewError(
            f"This vault's database (schema {revision}) was written by a newer version of Triage "
            "Desk. Update Triage Desk to open it; the vault was not changed."
        )


def needs_upgrade(revision: str | None) -> bool:
    check_not_newer(revision)
    return revision != head()


def _alembic_config(connection: Any) -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


@contextmanager
def sqlalchemy_connection(path: Path, key: bytes | bytearray) -> Iterator[Any]:
    """A SQLAlchemy connection over a keyed sqlcipher3 connection, for Alembic."""
    import sqlcipher3
    from sqlalchemy import create_engine
    from sqlalchemy.pool import StaticPool

    raw = connect(path, key, create=True)
    raw.isolation_level = ""  # let SQLAlchemy/Alembic manage transactions
    engine = create_engine(
        "sqlite://", module=sqlcipher3.dbapi2, creator=lambda: raw, poolclass=StaticPool
    )
    try:
        with engine.connect() as connection:
            yield connection
            connection.commit()
    finally:
        engine.dispose()
        raw.close()


def load_tooling() -> None:
    """Import what `upgrade` runs (Alembic, SQLAlchemy, the schema and what the migration scripts
    import) without touching any database: the setup screens call it on a background thread
    while the officer types, so creating the vault afterwards is the key derivation and the
    migrations themselves (services/warm_up.py)."""
    import alembic.command
    import alembic.op
    import alembic.runtime.migration
    import sqlalchemy.pool
    import sqlcipher3.dbapi2

    from triage_desktop.store import schema

    del alembic, sqlalchemy, sqlcipher3, schema  # imported for their side effect only


def upgrade(path: Path, key: bytes | bytearray, revision: str = "head") -> None:
    """Alembic's upgrade in place: for a new database, and for the work copy below."""
    from alembic import command

    with sqlalchemy_connection(path, key) as connection:
        command.upgrade(_alembic_config(connection), revision)


def downgrade(path: Path, key: bytes | bytearray, revision: str) -> None:
    from alembic import command

    with sqlalchemy_connection(path, key) as connection:
        command.downgrade(_alembic_config(connection), revision)


# -- all-or-nothing migration of an existing vault ----------------------------------------------


def _remove_database_files(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            path.with_name(path.name + suffix).unlink()


def discard_work_copy(folder: Path) -> None:
    """A work copy left by a migration that did not finish: it was never the vault."""
    _remove_database_files(folder / WORK_COPY)


def _audit_head(con: Connection) -> str:
    row = con.execute("SELECT entry_hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    return "" if row is None else str(row[0])


def _pre_migration_copy(folder: Path, con: Connection, revision: str) -> Path:
    """The encrypted copy from before this migration. Its name carries the revision and the audit
    head, so a retry of the same migration on the same unchanged vault finds it and writes no
    second one. Written under a temporary name and renamed when complete."""
    backups = folder / MIGRATION_BACKUPS
    backups.mkdir(mode=0o700, exist_ok=True)
    for partial in backups.glob(".*.partial"):
        partial.unlink(missing_ok=True)
    prefix = f"vault-before-{revision}-{_audit_head(con)[:12] or 'empty'}-"
    existing = sorted(backups.glob(f"{prefix}*.db"))
    if existing:
        return existing[-1]
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    copy = backups / f"{prefix}{stamp}.db"
    partial = backups / f".{copy.name}.partial"
    create_private_file(partial)
    try:
        con.execute("VACUUM INTO ?", (str(partial),))
        os.replace(partial, copy)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    fsync_directory(backups)
    return copy


def upgrade_atomically(folder: Path, path: Path, key: bytes | bytearray, revision: str) -> None:
    """Migrate `path` (in `folder`) from `revision` to the newest one, all or nothing."""
    work = folder / WORK_COPY
    discard_work_copy(folder)
    try:
        con = connect(path, key)
        try:
            _pre_migration_copy(folder, con, revision)
            create_private_file(work)
            con.execute("VACUUM INTO ?", (str(work),))
        finally:
            con.close()
        upgrade(work, key)
        check = connect(work, key)
        try:
            reached = current_revision(check)
            problems = [r[0] for r in check.execute("PRAGMA quick_check").fetchall()]
        finally:
            check.close()  # the last connection: SQLite folds the -wal back and deletes it
        if reached != head() or problems != ["ok"]:
            raise MigrationError(
                f"the upgraded copy is not sound (schema {reached}, {problems[0]})"
            )
    except BaseException as error:
        discard_work_copy(folder)
        raise _migration_failure(error, folder, revision) from error
    for leftover in ("-wal", "-shm"):  # both connections are closed: nothing may be replayed
        with contextlib.suppress(FileNotFoundError):
            work.with_name(work.name + leftover).unlink()
    if wal_has_changes(path):  # another process has the vault open: its -wal is not ours to drop
        discard_work_copy(folder)
        raise MigrationError(
            "The vault is open in another Triage Desk window or process; close it, then unlock "
            "again to finish the upgrade. Nothing was changed."
        )
    os.replace(work, path)
    fsync_directory(folder)


def _migration_failure(error: BaseException, folder: Path, revision: str) -> BaseException:
    if not isinstance(error, Exception):
        return error  # KeyboardInterrupt and the like go up unchanged
    translated: BaseException = translate(error, writing=True, folder=folder)
    if isinstance(error, OSError) and error.errno in DISK_FULL_ERRNOS:
        translated = DiskFullError("The disk is full.")
    elif isinstance(error, OSError) and error.errno in READ_ONLY_ERRNOS:
        translated = ReadOnlyError(read_only_message(folder))
    if isinstance(translated, (DiskFullError, ReadOnlyError)):
        return type(translated)(
            f"The vault needs an upgrade to open in this version of Triage Desk, and the upgrade "
            f"must write a copy first: {translated} The vault was not changed."
        )
    if isinstance(translated, StoreError) and not isinstance(translated, MigrationError):
        return translated
    return MigrationError(
        f"The vault could not be upgraded from schema {revision} to this version of Triage Desk "
        f"({error}). Nothing was changed: it still opens in the version of Triage Desk that last "
        f"used it, and an encrypted copy from before the attempt is in {MIGRATION_BACKUPS}/."
    )
