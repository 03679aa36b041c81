"""Schema migrations with Alembic, run on unlock. Alembic and SQLAlchemy load only when needed.

Unlock reads `alembic_version` with plain SQL; only if it differs from HEAD does Alembic load, and
then only after an encrypted copy of the database is taken. A revision this build does not know
is a vault from a newer Triage Desk: refused, never touched.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from triage_desktop.store.connection import Connection, connect
from triage_desktop.store.errors import SchemaTooNewError

HEAD = "0004"
KNOWN_REVISIONS = ("0001", "0002", "0003", "0004")
MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def current_revision(con: Connection) -> str | None:
    has_table = con.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
    ).fetchone()
    if not has_table:
        return None
    row = con.execute("SELECT version_num FROM alembic_version").fetchone()
    return None if row is None else str(row[0])


def check_not_newer(revision: str | None) -> None:
    if revision is not None and revision not in KNOWN_REVISIONS:
        raise SchemaTooNewError(
            f"This vault's database (schema {revision}) was written by a newer version of Triage "
            "Desk. Update Triage Desk to open it; the vault was not changed."
        )


def needs_upgrade(revision: str | None) -> bool:
    check_not_newer(revision)
    return revision != HEAD


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


def upgrade(path: Path, key: bytes | bytearray, revision: str = "head") -> None:
    from alembic import command

    with sqlalchemy_connection(path, key) as connection:
        command.upgrade(_alembic_config(connection), revision)


def downgrade(path: Path, key: bytes | bytearray, revision: str) -> None:
    from alembic import command

    with sqlalchemy_connection(path, key) as connection:
        command.downgrade(_alembic_config(connection), revision)
