"""Meetings, next steps, documents, officers, settings and in-vault secrets."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from triage_desktop.cases.model import (
    MeetingRecord,
    NextStep,
    Officer,
    OfficerRole,
    StoredDocument,
)
from triage_desktop.store.codec import dump_date, dump_time, load_date, load_time
from triage_desktop.store.connection import Connection
from triage_desktop.store.errors import NotFoundError


def add_officer(con: Connection, name: str, role: OfficerRole, email: str, now: datetime) -> int:
    Officer(0, name, role, email)  # validate before writing
    cursor = con.execute(
        "INSERT INTO officers (name, role, email, created_at) VALUES (?, ?, ?, ?)",
        (name, role.value, email, dump_time(now)),
    )
    return int(cursor.lastrowid)


def officers(con: Connection) -> list[Officer]:
    rows = con.execute("SELECT id, name, role, email FROM officers ORDER BY id").fetchall()
    return [Officer(r[0], r[1], OfficerRole(r[2]), r[3]) for r in rows]


def save_meeting(con: Connection, meeting: MeetingRecord, now: datetime) -> MeetingRecord:
    record_json = json.dumps(meeting.record, ensure_ascii=False, sort_keys=True)
    con.execute(
        "INSERT INTO meetings (case_id, step, state, record_json, updated_at) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT(case_id) DO UPDATE SET step = excluded.step, "
        "state = excluded.state, record_json = excluded.record_json, "
        "updated_at = excluded.updated_at",
        (meeting.case_id, meeting.step, meeting.state, record_json, dump_time(now)),
    )
    loaded = load_meeting(con, meeting.case_id)
    assert loaded is not None  # noqa: S101 - just written in this transaction
    return loaded


def load_meeting(con: Connection, case_id: int) -> MeetingRecord | None:
    row = con.execute(
        "SELECT step, state, record_json, updated_at FROM meetings WHERE case_id = ?", (case_id,)
    ).fetchone()
    if row is None:
        return None
    return MeetingRecord(case_id, row[0], row[1], json.loads(row[2]), load_time(row[3]))


def replace_next_steps(con: Connection, case_id: int, steps: tuple[NextStep, ...]) -> None:
    con.execute("DELETE FROM next_steps WHERE case_id = ?", (case_id,))
    con.executemany(
        "INSERT INTO next_steps (case_id, position, text, owner, due, done) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [(case_id, i, s.text, s.owner, dump_date(s.due), int(s.done)) for i, s in enumerate(steps)],
    )


def next_steps(con: Connection, case_id: int) -> list[NextStep]:
    rows = con.execute(
        "SELECT text, owner, due, done FROM next_steps WHERE case_id = ? ORDER BY position",
        (case_id,),
    ).fetchall()
    return [NextStep(r[0], r[1], load_date(r[2]), bool(r[3])) for r in rows]


def add_document(
    con: Connection, case_id: int, kind: str, pdf: bytes, *, sha256: str, now: datetime
) -> StoredDocument:
    cursor = con.execute(
        "INSERT INTO documents (case_id, kind, created_at, sha256, pdf) VALUES (?, ?, ?, ?, ?)",
        (case_id, kind, dump_time(now), sha256, pdf),
    )
    return document_info(con, int(cursor.lastrowid))


_DOC_COLUMNS = "id, case_id, kind, created_at, sha256, length(pdf)"


def _document(row: tuple[Any, ...]) -> StoredDocument:
    return StoredDocument(row[0], row[1], row[2], load_time(row[3]), row[4], row[5])


def document_info(con: Connection, document_id: int) -> StoredDocument:
    row = con.execute(
        f"SELECT {_DOC_COLUMNS} FROM documents WHERE id = ?",  # noqa: S608
        (document_id,),
    ).fetchone()
    if row is None:
        raise NotFoundError(f"There is no document {document_id}.")
    return _document(row)


def documents_for_case(con: Connection, case_id: int) -> list[StoredDocument]:
    rows = con.execute(
        f"SELECT {_DOC_COLUMNS} FROM documents WHERE case_id = ? ORDER BY id",  # noqa: S608
        (case_id,),
    ).fetchall()
    return [_document(r) for r in rows]


def document_bytes(con: Connection, document_id: int) -> bytes:
    row = con.execute("SELECT pdf FROM documents WHERE id = ?", (document_id,)).fetchone()
    if row is None:
        raise NotFoundError(f"There is no document {document_id}.")
    return bytes(row[0])


def get_setting(con: Connection, key: str) -> Any:
    row = con.execute("SELECT value_json FROM settings WHERE key = ?", (key,)).fetchone()
    return None if row is None else json.loads(row[0])


def all_settings(con: Connection) -> dict[str, Any]:
    rows = con.execute("SELECT key, value_json FROM settings").fetchall()
    return {r[0]: json.loads(r[1]) for r in rows}


def set_setting(con: Connection, key: str, value: Any) -> None:
    con.execute(
        "INSERT INTO settings (key, value_json) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value_json = excluded.value_json",
        (key, json.dumps(value, ensure_ascii=False)),
    )


def put_secret(con: Connection, name: str, value: bytes) -> None:
    con.execute(
        "INSERT INTO secrets (name, value) VALUES (?, ?) "
        "ON CONFLICT(name) DO UPDATE SET value = excluded.value",
        (name, value),
    )


def get_secret(con: Connection, name: str) -> bytes | None:
    row = con.execute("SELECT value FROM secrets WHERE name = ?", (name,)).fetchone()
    return None if row is None else bytes(row[0])


def set_meta(con: Connection, key: str, value: str) -> None:
    con.execute(
        "INSERT INTO vault_meta (key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


def get_meta(con: Connection, key: str) -> str | None:
    row = con.execute("SELECT value FROM vault_meta WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row[0])


def delete_meta(con: Connection, key: str) -> None:
    con.execute("DELETE FROM vault_meta WHERE key = ?", (key,))


def document_ids(con: Connection, case_id: int) -> list[int]:
    return [
        int(r[0]) for r in con.execute("SELECT id FROM documents WHERE case_id = ?", (case_id,))
    ]
