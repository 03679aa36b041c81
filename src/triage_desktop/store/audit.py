"""The tamper-evident audit log: who did what to which case, when, and a keyed hash of the content.

Never the content itself. Each entry's HMAC covers the previous entry's, so changing, inserting or
removing an entry in the middle breaks the chain from there on; triggers refuse UPDATE and DELETE.
The HMAC key was derived from the database key when the vault was created and lives (encrypted)
in `vault_meta`, so rekeying the database does not break the chain.

Every append also moves a high-water mark in `vault_meta` (the last entry's number and hash), so
entries removed from the end show up as "the log had reached entry N". `audit_check` compares the
records themselves with what the log says they were.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass, field
from typing import Any

from triage_desktop.cases.model import AuditEntry
from triage_desktop.store.codec import dump_time, load_time, now_utc
from triage_desktop.store.connection import Connection

GENESIS = "0" * 64
HIGH_WATER = "audit_high_water"  # vault_meta key: "<seq>:<entry hash>" of the newest entry
_AUDIT_INFO = b"triage-desk audit hmac v1"

# Which record an action's content hash describes (see audit_content for the content itself).
CASE_ACTIONS = frozenset({"create", "update", "read", "first_contact"})
MEETING_ACTION = "update_meeting"
NEXT_STEPS_ACTION = "update_next_steps"
LEGAL_HOLD_ACTIONS = frozenset({"legal_hold_on", "legal_hold_off"})
DOCUMENT_ADD_PREFIX = "document_add:"
PURGE_ACTION = "purge"


def derive_audit_key(db_key: bytes | bytearray) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_AUDIT_INFO).derive(
        bytes(db_key)
    )


def load_audit_key(con: Connection) -> bytearray:
    """The HMAC key, in a bytearray the caller overwrites when the vault locks."""
    row = con.execute("SELECT value FROM vault_meta WHERE key = 'audit_key'").fetchone()
    if row is None:
        raise LookupError("the vault has no audit key")
    return bytearray.fromhex(row[0])


def content_hash(audit_key: bytes | bytearray, content: Any) -> str:
    """A keyed hash of the content: proves what was there without revealing or allowing guesses."""
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, default=str)
    return hmac.new(bytes(audit_key), canonical.encode("utf-8"), hashlib.sha256).hexdigest()


def _entry_hash(key: bytes | bytearray, *fields: object) -> str:
    """HMAC over (seq, at, officer id, action, reference, content hash, previous hash)."""
    message = "\x1f".join("" if value is None else str(value) for value in fields)
    return hmac.new(bytes(key), message.encode("utf-8"), hashlib.sha256).hexdigest()


def head(con: Connection) -> str:
    row = con.execute("SELECT entry_hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    return GENESIS if row is None else str(row[0])


def head_entry(con: Connection) -> tuple[int, str]:
    """(seq, hash) of the newest entry; (0, GENESIS) for an empty log."""
    row = con.execute("SELECT seq, entry_hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    return (0, GENESIS) if row is None else (int(row[0]), str(row[1]))


def append(
    con: Connection,
    key: bytes | bytearray,
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
    con.execute(
        "INSERT INTO vault_meta (key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (HIGH_WATER, f"{seq}:{entry}"),
    )
    return entry


@dataclass(frozen=True)
class VerifyResult:
    """`ok`, how many entries were checked, and the first problem found (entry number, if the
    problem is one entry, and a sentence saying what is wrong)."""

    ok: bool
    entries: int
    first_bad_seq: int | None = None
    reason: str = ""
    head: str = GENESIS
    chain_intact: bool = True  # False: an entry itself is wrong; True: the log or a record is


@dataclass
class ChainState:
    """What one pass over an intact chain learned, for comparing with the records."""

    entries: int = 0
    head: str = GENESIS
    seq_of: dict[str, int] = field(default_factory=dict)  # entry hash -> seq
    created: set[str] = field(default_factory=set)  # references with a `create` entry
    purged: set[str] = field(default_factory=set)
    # reference -> {"case" | "meeting" | "next_steps" | "legal_hold": (seq, content hash)}
    latest: dict[str, dict[str, tuple[int, str]]] = field(default_factory=dict)
    documents: dict[str, set[str]] = field(default_factory=dict)  # reference -> content hashes


def _category(action: str) -> str | None:
    if action in CASE_ACTIONS:
        return "case"
    if action == MEETING_ACTION:
        return "meeting"
    if action == NEXT_STEPS_ACTION:
        return "next_steps"
    if action in LEGAL_HOLD_ACTIONS:
        return "legal_hold"
    return None


def _broken(state: ChainState, seq: int, reason: str) -> VerifyResult:
    return VerifyResult(False, state.entries, seq, reason, state.head, chain_intact=False)


def walk(con: Connection, key: bytes | bytearray) -> tuple[VerifyResult, ChainState]:
    """Recompute the chain; on the way, note what each record was last audited as."""
    state = ChainState()
    expected_prev, expected_seq = GENESIS, 1
    rows = con.execute(
        "SELECT seq, at, officer_id, action, case_reference, content_hash, prev_hash, entry_hash "
        "FROM audit_log ORDER BY seq"
    )
    for seq, at, officer_id, action, reference, chash, prev, entry in rows:
        if seq != expected_seq:
            return _broken(state, expected_seq, f"entry {expected_seq} is missing"), state
        if prev != expected_prev:
            return _broken(state, seq, "it does not follow the entry before it"), state
        computed = _entry_hash(key, seq, at, officer_id, action, reference, chash, prev)
        if not hmac.compare_digest(computed, entry):
            return _broken(state, seq, "its contents were changed"), state
        expected_prev, expected_seq = entry, seq + 1
        state.entries += 1
        state.seq_of[entry] = seq
        if action == "create":
            state.created.add(reference)
        if action == PURGE_ACTION:
            state.purged.add(reference)
        category = _category(action)
        if category is not None and reference:
            state.latest.setdefault(reference, {})[category] = (seq, chash)
        elif action.startswith(DOCUMENT_ADD_PREFIX):
            state.documents.setdefault(reference, set()).add(chash)
    state.head = expected_prev
    return VerifyResult(True, state.entries, head=state.head), state


def verify(con: Connection, key: bytes | bytearray) -> VerifyResult:
    """The chain alone (every HMAC and link); see audit_check.verify for the records too."""
    return walk(con, key)[0]


def entries_for_case(con: Connection, reference: str) -> list[AuditEntry]:
    rows = con.execute(
        "SELECT seq, at, officer_id, action, case_reference, content_hash, prev_hash, entry_hash "
        "FROM audit_log WHERE case_reference = ? ORDER BY seq",
        (reference,),
    ).fetchall()
    return [AuditEntry(r[0], load_time(r[1]), r[2], r[3], r[4], r[5], r[6], r[7]) for r in rows]
