"""The tamper-evident audit log: who did what to which case, when, and a keyed hash of the content.

Never the content itself. Each entry's HMAC covers the previous entry's, so changing, inserting or
removing an entry in the middle breaks the chain from there on; triggers refuse UPDATE and DELETE.
The HMAC key was derived from the database key when the vault was created and lives (encrypted)
in `vault_meta`, so rekeying the database does not break the chain.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from typing import Any

from triage_desktop.cases.model import AuditEntry
from triage_desktop.store.codec import dump_time, load_time, now_utc
from triage_desktop.store.connection import Connection

GENESIS = "0" * 64
_AUDIT_INFO = b"triage-desk audit hmac v1"


def derive_audit_key(db_key: bytes | bytearray) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_AUDIT_INFO).derive(
        bytes(db_key)
    )


def load_audit_key(con: Connection) -> bytes:
    row = con.execute("SELECT value FROM vault_meta WHERE key = 'audit_key'").fetchone()
    if row is None:
        raise LookupError("the vault has no audit key")
    return bytes.fromhex(row[0])


def content_hash(audit_key: bytes, content: Any) -> str:
    """A keyed hash of the content: proves what was there without revealing or allowing guesses."""
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, default=str)
    return hmac.new(audit_key, canonical.encode("utf-8"), hashlib.sha256).hexdigest()


def _entry_hash(key: bytes, *fields: object) -> str:
    """HMAC over (seq, at, officer id, action, reference, content hash, previous hash)."""
    message = "\x1f".join("" if value is None else str(value) for value in fields)
    return hmac.new(key, message.encode("utf-8"), hashlib.sha256).hexdigest()


def head(con: Connection) -> str:
    row = con.execute("SELECT entry_hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    return GENESIS if row is None else str(row[0])


def append(
    con: Connection,
    key: bytes,
    *,
    officer_id: int | None,
    action: str,
    case_reference: str = "",
    chash: str = "",
) -> str:
    """Add an entry (inside the caller's transaction); return its hash, the new chain head."""
    last = con.execute("SELECT seq, entry_hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    seq, prev = (1, GENESIS) if last is None else (last[0] + 1, last[1])
    at = dump_time(now_utc())
    entry = _entry_hash(key, seq, at, officer_id, action, case_reference, chash, prev)
    con.execute(
        "INSERT INTO audit_log (seq, at, officer_id, action, case_reference, content_hash, "
        "prev_hash, entry_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (seq, at, officer_id, action, case_reference, chash, prev, entry),
    )
    return entry


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    entries: int
    first_bad_seq: int | None = None
    reason: str = ""


def verify(con: Connection, key: bytes) -> VerifyResult:
    expected_prev, expected_seq, count = GENESIS, 1, 0
    rows = con.execute(
        "SELECT seq, at, officer_id, action, case_reference, content_hash, prev_hash, entry_hash "
        "FROM audit_log ORDER BY seq"
    )
    for seq, at, officer_id, action, reference, chash, prev, entry in rows:
        if seq != expected_seq:
            return VerifyResult(False, count, expected_seq, f"entry {expected_seq} is missing")
        if prev != expected_prev:
            return VerifyResult(False, count, seq, "does not follow the entry before it")
        computed = _entry_hash(key, seq, at, officer_id, action, reference, chash, prev)
        if not hmac.compare_digest(computed, entry):
            return VerifyResult(False, count, seq, "its contents were changed")
        expected_prev, expected_seq, count = entry, seq + 1, count + 1
    return VerifyResult(True, count)


def entries_for_case(con: Connection, reference: str) -> list[AuditEntry]:
    rows = con.execute(
        "SELECT seq, at, officer_id, action, case_reference, content_hash, prev_hash, entry_hash "
        "FROM audit_log WHERE case_reference = ? ORDER BY seq",
        (reference,),
    ).fetchall()
    return [AuditEntry(r[0], load_time(r[1]), r[2], r[3], r[4], r[5], r[6], r[7]) for r in rows]
