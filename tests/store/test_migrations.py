"""Migrations: `upgrade head` equals the models, every step goes up and down, data migrates,
a newer schema is refused untouched, and unlock migrates only after an encrypted copy."""

from __future__ import annotations

from pathlib import Path

import pytest

from triage_desktop.store import migrate
from triage_desktop.store.connection import connect
from triage_desktop.store.schema import AUDIT_TRIGGERS, FTS_TABLE


def _names(path: Path, key: bytes, kind: str) -> set[str]:
    con = connect(path, key)
    try:
        rows = con.execute("SELECT name FROM sqlite_master WHERE type = ?", (kind,)).fetchall()
        return {r[0] for r in rows}
    finally:
        con.close()


def test_upgrade_head_matches_the_models(db_path: Path, db_key: bytes) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from triage_desktop.store.schema import metadata

    migrate.upgrade(db_path, db_key)

    def include_name(name: str | None, kind: str, _parent: object) -> bool:
        return not (kind == "table" and name is not None and name.startswith(FTS_TABLE))

    with migrate.sqlalchemy_connection(db_path, db_key) as connection:
        context = MigrationContext.configure(
            connection, opts={"include_name": include_name, "compare_type": True}
        )
        differences = compare_metadata(context, metadata)
    assert differences == []
    assert set(AUDIT_TRIGGERS) <= _names(db_path, db_key, "trigger")
    assert FTS_TABLE in _names(db_path, db_key, "table")


def test_every_step_upgrades_and_downgrades(db_path: Path, db_key: bytes) -> None:
    revisions = list(migrate.KNOWN_REVISIONS)
    for revision in revisions:
        migrate.upgrade(db_path, db_key, revision)
        con = connect(db_path, db_key)
        assert migrate.current_revision(con) == revision
        con.close()
    for previous in [*reversed(revisions[:-1]), "base"]:
        migrate.downgrade(db_path, db_key, previous)
        con = connect(db_path, db_key)
        assert migrate.current_revision(con) == (None if previous == "base" else previous)
        con.close()
    assert _names(db_path, db_key, "table") == {"alembic_version"}
    migrate.upgrade(db_path, db_key)
    assert revisions[-1] == migrate.HEAD


def test_reference_parts_data_migration(db_path: Path, db_key: bytes) -> None:
    migrate.upgrade(db_path, db_key, "0001")
    con = connect(db_path, db_key)
    columns = (
        "reference, received_at, source, anonymous, reporter_name, reporter_status, "
        "reporter_email, reporter_phone, reporter_notes, respondents_json, "
        "behaviour_categories_json, protected_characteristics_json, incident_dates_json, "
        "incident_notes, location_kind, location_detail, description, status, policy_version, "
        "created_at, updated_at"
    )
    for reference in ("DR-2026-0042", "DR-2025-12345"):
        values = (reference, "2026-01-01T00:00:00+00:00", "email", 0, "Fictional", "other")
        values += ("", "", "", "[]", "[]", "[]", "[]", "", "online", "", "text", "closed", "2.0")
        values += ("2026-01-01T00:00:00+00:00", "2026-01-01T00:00:00+00:00")
        marks = ", ".join("?" * len(values))
        con.execute(f"INSERT INTO cases ({columns}) VALUES ({marks})", values)  # noqa: S608
    con.close()
    migrate.upgrade(db_path, db_key)
    con = connect(db_path, db_key)
    rows = con.execute(
        "SELECT reference, reference_year, reference_sequence, reporter_name FROM cases "
        "ORDER BY reference_sequence"
    ).fetchall()
    con.close()
    assert rows == [
        ("DR-2026-0042", 2026, 42, "Fictional"),
        ("DR-2025-12345", 2025, 12345, "Fictional"),
    ]


def test_newer_schema_is_refused_and_untouched(tmp_path: Path) -> None:
    from tests.support.vaults import PASSPHRASE, create_vault
    from triage_desktop.services.errors import VaultFromNewerVersion
    from triage_desktop.services.session import VaultService

    service, _ = create_vault(tmp_path / "v")
    service._database().write(
        lambda con: con.execute("UPDATE alembic_version SET version_num = '9999'")
    )
    service.lock()
    files = {p.name: p.read_bytes() for p in (tmp_path / "v").iterdir() if p.is_file()}
    with pytest.raises(VaultFromNewerVersion, match="newer version"):
        VaultService(tmp_path / "v").unlock(PASSPHRASE)
    after = {p.name: p.read_bytes() for p in (tmp_path / "v").iterdir() if p.is_file()}
    assert after == files


def test_unlock_migrates_after_taking_an_encrypted_copy(tmp_path: Path) -> None:
    from tests.support.vaults import PASSPHRASE, create_vault, details

    service, _ = create_vault(tmp_path / "v")
    service.create_case(details())
    key = bytes(service._key or b"")
    service.lock()
    migrate.downgrade(tmp_path / "v" / "vault.db", key, "0001")
    service.unlock(PASSPHRASE)
    assert service.count_cases() == 1
    assert service.list_cases()[0].reference == "DR-2026-0001"
    service.lock()
    copies = list((tmp_path / "v" / "migration-backups").iterdir())
    assert len(copies) == 1
    assert copies[0].stat().st_mode & 0o077 == 0
    con = connect(copies[0], key)
    assert migrate.current_revision(con) == "0001"
    con.close()


FAILING_REVISION = '''
"""Test only: a revision whose second step fails (a bug in a release).

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("cases", sa.Column("extra_note", sa.Text, nullable=True))
    raise RuntimeError("simulated bug in a migration step")


def downgrade() -> None:
    pass
'''


def test_revisions_are_read_from_the_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.store.test_kill_points import CURRENT, NEXT, newer_migrations

    shipped = migrate.known_revisions()
    assert shipped[:2] == ("0001", "0002")
    assert shipped[-1] == CURRENT
    monkeypatch.setattr(migrate, "MIGRATIONS_DIR", newer_migrations(tmp_path))
    assert migrate.known_revisions() == (*shipped, NEXT)
    assert migrate.HEAD == migrate.head() == NEXT


def test_a_failing_migration_changes_nothing_and_retries_write_no_second_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.store.test_kill_points import newer_migrations
    from tests.support.vaults import PASSPHRASE, create_vault, details
    from triage_desktop.services.errors import MigrationFailed
    from triage_desktop.services.session import VaultService

    folder = tmp_path / "v"
    service, _ = create_vault(folder)
    service.create_case(details())
    service.lock()
    before = (folder / "vault.db").read_bytes()
    from tests.store.test_kill_points import CURRENT, next_revision

    failing = next_revision(FAILING_REVISION)
    monkeypatch.setattr(migrate, "MIGRATIONS_DIR", newer_migrations(tmp_path, failing))
    for _ in range(3):  # the officer tries again, and again
        with pytest.raises(
            MigrationFailed, match=f"could not be upgraded from schema {CURRENT}"
        ) as failed:
            VaultService(folder).unlock(PASSPHRASE)
        assert "Nothing was changed" in str(failed.value)
        assert (folder / "vault.db").read_bytes() == before
    assert len(list((folder / "migration-backups").glob("*.db"))) == 1
    assert not (folder / migrate.WORK_COPY).exists()
    monkeypatch.undo()  # the version that wrote it still opens it, as before
    service.unlock(PASSPHRASE)
    assert service.count_cases() == 1
    service.lock()
