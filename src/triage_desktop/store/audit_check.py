"""`audit verify` in full: the chain, then the records against what the chain says they were.

The chain alone proves the log was not edited; it says nothing about a case edited directly in
the database (with the key, outside Triage Desk). So each case, meeting, list of next steps,
legal hold, stored document and subject access record (subject_access_repo.audit_problem) is
hashed again and compared with its last audited content hash, every case and document must
have the entry that created it, every case the log created must still exist or have been
purged, and the log must not be shorter than its high-water mark or
than the heads stamped into documents and backups. The first mismatch is reported.

What this cannot catch is stated in docs/vault.md: someone holding the database key can rebuild
the whole chain (and the mark) to match any content.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterable
from dataclasses import dataclass

from triage_desktop.cases.model import MeetingRecord
from triage_desktop.store import audit, records_repo, subject_access_repo
from triage_desktop.store.audit_content import (
    case_content,
    document_content,
    legal_hold_content,
    meeting_content,
    next_steps_content,
)
from triage_desktop.store.codec import CASE_COLUMNS, case_from_row
from triage_desktop.store.connection import Connection

DOCUMENT_HEAD_META = "document_chain_head:"  # vault_meta key prefix, + the document id


@dataclass(frozen=True)
class RecordedHead:
    """A chain head written down outside the log (a backup's manifest): it must be in the log."""

    where: str  # e.g. "the backup made 2026-04-02T10:00:00+00:00 in /media/usb/…"
    seq: int
    entry_hash: str


class _Mismatch(Exception):  # noqa: N818 - internal: the first problem found, as a sentence
    def __init__(self, reason: str, seq: int | None = None) -> None:
        super().__init__(reason)
        self.reason, self.seq = reason, seq


def _same(key: bytes | bytearray, content: object, expected: str) -> bool:
    return hmac.compare_digest(audit.content_hash(key, content), expected)


def _high_water(con: Connection, state: audit.ChainState) -> None:
    mark = records_repo.get_meta(con, audit.HIGH_WATER)
    if not mark:
        return
    seq_text, _, entry_hash = mark.partition(":")
    seq = int(seq_text) if seq_text.isdigit() else 0
    if state.entries < seq:
        raise _Mismatch(
            f"the log ends at entry {state.entries}, but it had reached entry {seq}: the entries "
            f"after {state.entries} were removed",
            state.entries + 1,
        )
    if state.seq_of.get(entry_hash) != seq:
        raise _Mismatch(f"entry {seq} is not the entry the log recorded as its newest", seq)


def _recorded_heads(state: audit.ChainState, heads: Iterable[RecordedHead]) -> None:
    for recorded in heads:
        if state.seq_of.get(recorded.entry_hash) != recorded.seq:
            raise _Mismatch(
                f"{recorded.where} recorded the log at entry {recorded.seq}, and this log does not "
                "contain that entry: entries were removed or replaced since",
                recorded.seq,
            )


def _latest(state: audit.ChainState, reference: str, category: str) -> tuple[int, str] | None:
    return state.latest.get(reference, {}).get(category)


def _cases(con: Connection, key: bytes | bytearray, state: audit.ChainState) -> dict[int, str]:
    references: dict[int, str] = {}
    rows = con.execute(f"SELECT {CASE_COLUMNS} FROM cases ORDER BY id")  # noqa: S608
    for row in rows:
        case_id, reference = int(row[0]), str(row[1])
        references[case_id] = reference
        if reference not in state.created:
            raise _Mismatch(
                f"case {reference} has no `create` entry in the log: it was added outside Triage "
                "Desk, or its entries were removed"
            )
        try:
            case = case_from_row(row)
        except (ValueError, KeyError, TypeError) as error:
            raise _Mismatch(
                f"case {reference} holds a value Triage Desk never writes ({error}): it was "
                "changed outside Triage Desk"
            ) from error
        last = _latest(state, reference, "case")
        if last is None or not _same(key, case_content(case), last[1]):
            seq = None if last is None else last[0]
            raise _Mismatch(
                f"case {reference} does not match its last audited content (entry {seq}): it was "
                "changed outside Triage Desk",
                seq,
            )
        hold = _latest(state, reference, "legal_hold")
        if (hold is None and case.legal_hold) or (
            hold is not None and not _same(key, legal_hold_content(case.legal_hold), hold[1])
        ):
            raise _Mismatch(
                f"the legal hold of case {reference} was changed outside Triage Desk",
                None if hold is None else hold[0],
            )
    missing = state.created - state.purged - set(references.values())
    if missing:
        raise _Mismatch(
            f"case {sorted(missing)[0]} is in the log but no longer in the vault, and was never "
            "purged: it was deleted outside Triage Desk"
        )
    return references


def _meetings(
    con: Connection, key: bytes | bytearray, state: audit.ChainState, refs: dict[int, str]
) -> None:
    rows = con.execute("SELECT case_id, step, state, record_json FROM meetings ORDER BY case_id")
    for case_id, step, meeting_state, record_json in rows:
        reference = refs.get(int(case_id), f"#{case_id}")
        last = _latest(state, reference, "meeting")
        try:
            record = json.loads(record_json)
            content = meeting_content(MeetingRecord(int(case_id), step, meeting_state, record))
        except (ValueError, TypeError):
            content = None
        if last is None or content is None or not _same(key, content, last[1]):
            raise _Mismatch(
                f"the meeting record of case {reference} does not match its last audited "
                "content: it was changed outside Triage Desk",
                None if last is None else last[0],
            )


def _next_steps(
    con: Connection, key: bytes | bytearray, state: audit.ChainState, refs: dict[int, str]
) -> None:
    with_rows = {int(r[0]) for r in con.execute("SELECT DISTINCT case_id FROM next_steps")}
    by_reference = {reference: case_id for case_id, reference in refs.items()}
    with_entries = {
        by_reference[reference]
        for reference, latest in state.latest.items()
        if "next_steps" in latest and reference in by_reference
    }
    for case_id in sorted(with_rows | with_entries):
        reference = refs.get(case_id, f"#{case_id}")
        last = _latest(state, reference, "next_steps")
        try:
            content = next_steps_content(records_repo.next_steps(con, case_id))
        except (ValueError, TypeError):
            content = None
        if last is None or content is None or not _same(key, content, last[1]):
            raise _Mismatch(
                f"the next steps of case {reference} do not match their last audited content: "
                "they were changed outside Triage Desk",
                None if last is None else last[0],
            )


def _documents(
    con: Connection, key: bytes | bytearray, state: audit.ChainState, refs: dict[int, str]
) -> None:
    rows = con.execute("SELECT id, case_id, sha256, pdf FROM documents ORDER BY id")
    for document_id, case_id, sha256, pdf in rows:
        reference = refs.get(int(case_id), f"#{case_id}")
        if hashlib.sha256(bytes(pdf)).hexdigest() != sha256:
            raise _Mismatch(
                f"document {document_id} of case {reference} no longer matches the SHA-256 it was "
                "stored with: its PDF was changed outside Triage Desk"
            )
        stamped = records_repo.get_meta(con, f"{DOCUMENT_HEAD_META}{document_id}") or ""
        content = document_content(str(sha256), stamped)
        if not any(_same(key, content, h) for h in state.documents.get(reference, ())):
            raise _Mismatch(
                f"document {document_id} of case {reference} has no matching entry in the log: "
                "it was added or changed outside Triage Desk"
            )
        if stamped and stamped != audit.GENESIS and stamped not in state.seq_of:
            raise _Mismatch(
                f"document {document_id} of case {reference} was signed with the chain head "
                f"{stamped[:16]}…, which is no longer in the log: entries were removed or replaced"
            )


def verify(
    con: Connection, key: bytes | bytearray, heads: Iterable[RecordedHead] = ()
) -> audit.VerifyResult:
    """The whole check; the first problem found is in `reason` (and `first_bad_seq` when it
    concerns one entry)."""
    result, state = audit.walk(con, key)
    if not result.ok:
        return result
    try:
        _high_water(con, state)
        _recorded_heads(state, heads)
        references = _cases(con, key, state)
        _meetings(con, key, state, references)
        _next_steps(con, key, state, references)
        _documents(con, key, state, references)
        problem = subject_access_repo.audit_problem(con, key)
        if problem is not None:
            raise _Mismatch(*problem)
    except _Mismatch as mismatch:
        return audit.VerifyResult(False, state.entries, mismatch.seq, mismatch.reason, state.head)
    return result
