"""The audit log: triggers refuse edits; any edit made anyway (raw SQL with the key, triggers
dropped) is found by verify, which names the first bad entry."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.support.vaults import create_vault, details
from triage_desktop.services.session import VaultService
from triage_desktop.store.connection import connect

COLUMNS = (
    "at",
    "officer_id",
    "action",
    "case_reference",
    "content_hash",
    "prev_hash",
    "entry_hash",
)


@pytest.fixture
def vault_and_key(tmp_path: Path) -> tuple[VaultService, bytes]:
    service, _ = create_vault(tmp_path / "v")
    case = service.create_case(details("AUDITMARKER"))
    service.get_case(case.id)
    service.save_meeting(case.id, step="intro", state="started", record={"a": 1})
    key = bytes(service._key or b"")
    service.lock()
    return service, key


def _raw(service: VaultService, key: bytes) -> Any:
    return connect(service.folder / "vault.db", key)


def _verify(service: VaultService) -> Any:
    from tests.support.vaults import PASSPHRASE
    from triage_desktop.services.session import VaultService as Fresh

    fresh = Fresh(service.folder)
    fresh.unlock(PASSPHRASE)
    try:
        return fresh.audit_verify()
    finally:
        fresh.lock()


def test_triggers_refuse_update_and_delete(vault_and_key: tuple[VaultService, bytes]) -> None:
    import sqlcipher3

    service, key = vault_and_key
    con = _raw(service, key)
    with pytest.raises(sqlcipher3.IntegrityError, match="cannot be changed"):
        con.execute("UPDATE audit_log SET action = 'x' WHERE seq = 1")
    with pytest.raises(sqlcipher3.IntegrityError, match="cannot be deleted"):
        con.execute("DELETE FROM audit_log WHERE seq = 1")
    con.close()


def test_editing_any_field_of_any_row_is_detected(
    vault_and_key: tuple[VaultService, bytes],
) -> None:
    service, key = vault_and_key
    con = _raw(service, key)
    con.execute("DROP TRIGGER audit_log_no_update")
    rows = con.execute("SELECT seq FROM audit_log ORDER BY seq").fetchall()
    assert len(rows) >= 4
    for (seq,) in rows:
        for column in COLUMNS:
            original = con.execute(
                f"SELECT {column} FROM audit_log WHERE seq = ?",  # noqa: S608
                (seq,),
            ).fetchone()[0]
            forged = 999 if column == "officer_id" else f"{original}0"
            con.execute(f"UPDATE audit_log SET {column} = ? WHERE seq = ?", (forged, seq))  # noqa: S608
            result = _verify(service)
            assert not result.ok, (seq, column)
            assert result.first_bad_seq == seq, (seq, column)
            con.execute(f"UPDATE audit_log SET {column} = ? WHERE seq = ?", (original, seq))  # noqa: S608
    con.close()
    assert _verify(service).ok


def test_removed_and_forged_entries_are_detected(
    vault_and_key: tuple[VaultService, bytes],
) -> None:
    service, key = vault_and_key
    con = _raw(service, key)
    con.execute("DROP TRIGGER audit_log_no_delete")
    con.execute("DELETE FROM audit_log WHERE seq = 2")
    result = _verify(service)
    assert (result.ok, result.first_bad_seq) == (False, 2)
    assert "missing" in result.reason
    last = con.execute("SELECT max(seq), entry_hash FROM audit_log").fetchone()
    con.execute(
        "INSERT INTO audit_log VALUES (?, '2026-01-01T00:00:00+00:00', 1, 'read', '', '', ?, ?)",
        (last[0] + 1, last[1], "f" * 64),
    )
    con.close()
    assert _verify(service).first_bad_seq == 2


def test_entries_hold_no_personal_content(vault_and_key: tuple[VaultService, bytes]) -> None:
    service, key = vault_and_key
    con = _raw(service, key)
    text = repr(con.execute("SELECT * FROM audit_log").fetchall())
    con.close()
    assert "AUDITMARKER" not in text
    assert "Alex" not in text
