"""Subject access requests: the request, its cases and roles, the officer's decisions, and the
signed packs with their redaction logs; what each audit entry's content hash covers; and the
part of `audit verify` that compares these records with the log.

Every write runs inside the caller's transaction (`database.VaultDatabase`), which writes the
audit entry beside it. The audit entries never carry a name: the request's reference (SAR-…)
and the case references are the only identifiers in their action text.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from triage_desktop.cases.subject_access import (
    REFERENCE_PREFIX,
    Choice,
    Decision,
    NewRequest,
    RequestCase,
    RequestStatus,
    Role,
    StoredPack,
    SubjectAccessRequest,
)
from triage_desktop.store import audit, records_repo
from triage_desktop.store.codec import dump_time, load_date, load_time
from triage_desktop.store.connection import Connection
from triage_desktop.store.errors import NotFoundError

# Audit actions. The reference column holds the request's reference, or for the entries about
# one case (its decisions, what a pack disclosed from it) that case's reference.
REQUEST_ACTION = "sar_request"  # created or changed: content = request_content
DECISIONS_PREFIX = "sar_decisions:"  # + request reference; content = decisions_content
PACK_PREFIX = "sar_pack_add:"  # + request reference; content = pack_content
DISCLOSED_PREFIX = "sar_disclosed:"  # + request reference, on each case the pack drew from
EXPORT_PREFIX = "sar_export:"  # + request reference
SEARCH_ACTION = "sar_search"  # a person search: content = the keyed hash of what was searched
REQUEST_PURGED = "sar_purged"  # the request went with its last case (retention purge)
PACK_PURGED_PREFIX = "sar_pack_purged:"  # + request reference: a pack went with a purged case
COUNTER_META = "sar_counter:"  # vault_meta: + year -> the last sequence number given

_REQUEST_COLUMNS = (
    "id, reference, requester_name, received_on, extended, extension_reason, status, "
    "other_names_json, created_at, updated_at, completed_on"
)


# -- what the audit entries cover ---------------------------------------------------------------


def request_content(request: SubjectAccessRequest) -> dict[str, Any]:
    return {
        "reference": request.reference,
        "requester_name": request.requester_name,
        "received_on": request.received_on.isoformat(),
        "extended": request.extended,
        "extension_reason": request.extension_reason,
        "status": request.status.value,
        "completed_on": None if request.completed_on is None else request.completed_on.isoformat(),
        "other_names": list(request.other_names),
        "cases": [[c.case_reference, c.role.value] for c in request.cases],
    }


def decisions_content(decisions: Iterable[Decision]) -> list[list[str]]:
    return sorted([d.passage, d.person, d.choice.value, d.reason, d.text_sha256] for d in decisions)


def pack_content(sha256: str, chain_head: str, log_json: str) -> dict[str, str]:
    log_sha256 = hashlib.sha256(log_json.encode("utf-8")).hexdigest()
    return {"sha256": sha256, "chain_head": chain_head, "redaction_log_sha256": log_sha256}


# -- requests -----------------------------------------------------------------------------------


def _next_reference(con: Connection, year: int) -> str:
    key = f"{COUNTER_META}{year}"
    sequence = int(records_repo.get_meta(con, key) or "0") + 1
    records_repo.set_meta(con, key, str(sequence))
    return f"{REFERENCE_PREFIX}-{year:04d}-{sequence:04d}"


def create(con: Connection, new: NewRequest, now: datetime) -> SubjectAccessRequest:
    reference = _next_reference(con, new.received_on.year)
    cursor = con.execute(
        "INSERT INTO subject_access_requests (reference, requester_name, received_on, extended, "
        "extension_reason, status, other_names_json, created_at, updated_at) "
        "VALUES (?, ?, ?, 0, '', ?, ?, ?, ?)",
        (
            reference,
            new.requester_name,
            new.received_on.isoformat(),
            RequestStatus.OPEN.value,
            json.dumps(list(new.other_names), ensure_ascii=False),
            dump_time(now),
            dump_time(now),
        ),
    )
    request_id = int(cursor.lastrowid)
    for case_id, role in new.cases:
        if con.execute("SELECT 1 FROM cases WHERE id = ?", (case_id,)).fetchone() is None:
            raise NotFoundError(f"There is no case {case_id}.")
        con.execute(
            "INSERT INTO subject_access_cases (request_id, case_id, role) VALUES (?, ?, ?)",
            (request_id, case_id, role.value),
        )
    return get(con, request_id)


def _cases(con: Connection, request_id: int) -> tuple[RequestCase, ...]:
    rows = con.execute(
        "SELECT s.case_id, c.reference, s.role FROM subject_access_cases AS s "
        "JOIN cases AS c ON c.id = s.case_id WHERE s.request_id = ? "
        "ORDER BY c.reference_year, c.reference_sequence",
        (request_id,),
    ).fetchall()
    return tuple(RequestCase(int(r[0]), str(r[1]), Role(r[2])) for r in rows)


def _request(con: Connection, row: tuple[Any, ...]) -> SubjectAccessRequest:
    completed = row[10]
    return SubjectAccessRequest(
        id=int(row[0]),
        reference=str(row[1]),
        requester_name=str(row[2]),
        received_on=date.fromisoformat(row[3]),
        cases=_cases(con, int(row[0])),
        status=RequestStatus(row[6]),
        extended=bool(row[4]),
        extension_reason=str(row[5]),
        other_names=tuple(json.loads(row[7])),
        created_at=load_time(row[8]),
        updated_at=load_time(row[9]),
        completed_on=load_date(completed),
    )


def get(con: Connection, request_id: int) -> SubjectAccessRequest:
    row = con.execute(
        f"SELECT {_REQUEST_COLUMNS} FROM subject_access_requests WHERE id = ?",  # noqa: S608
        (request_id,),
    ).fetchone()
    if row is None:
        raise NotFoundError(f"There is no subject access request {request_id}.")
    return _request(con, row)


def all_requests(con: Connection) -> list[SubjectAccessRequest]:
    rows = con.execute(
        f"SELECT {_REQUEST_COLUMNS} FROM subject_access_requests "  # noqa: S608
        "ORDER BY received_on, id"
    ).fetchall()
    return [_request(con, row) for row in rows]


def update(
    con: Connection,
    request_id: int,
    now: datetime,
    *,
    extension_reason: str | None = None,
    status: RequestStatus | None = None,
    completed_on: date | None = None,
    other_names: tuple[str, ...] | None = None,
) -> SubjectAccessRequest:
    current = get(con, request_id)
    extended = current.extended or extension_reason is not None
    reason = current.extension_reason if extension_reason is None else extension_reason
    chosen = current.status if status is None else status
    completed = completed_on if chosen is RequestStatus.COMPLETED else None
    names = current.other_names if other_names is None else other_names
    con.execute(
        "UPDATE subject_access_requests SET extended = ?, extension_reason = ?, status = ?, "
        "completed_on = ?, other_names_json = ?, updated_at = ? WHERE id = ?",
        (
            int(extended),
            reason,
            chosen.value,
            None if completed is None else completed.isoformat(),
            json.dumps(list(names), ensure_ascii=False),
            dump_time(now),
            request_id,
        ),
    )
    return get(con, request_id)


# -- decisions ----------------------------------------------------------------------------------


def decisions(con: Connection, request_id: int, case_id: int | None = None) -> list[Decision]:
    query = (
        "SELECT case_id, passage, person, choice, reason, text_sha256, decided_at "
        "FROM subject_access_decisions WHERE request_id = ?"
    )
    arguments: tuple[Any, ...] = (request_id,)
    if case_id is not None:
        query += " AND case_id = ?"
        arguments = (request_id, case_id)
    rows = con.execute(query + " ORDER BY case_id, passage, person", arguments).fetchall()
    return [
        Decision(int(r[0]), r[1], r[2], Choice(r[3]), r[4], r[5], load_time(r[6])) for r in rows
    ]


def put_decisions(
    con: Connection, request_id: int, chosen: Sequence[Decision], now: datetime
) -> list[int]:
    """Record each decision (replacing an earlier one on the same passage and person); the ids
    of the cases whose decisions changed."""
    linked = {c.case_id for c in get(con, request_id).cases}
    touched = []
    for decision in chosen:
        if decision.case_id not in linked:
            raise NotFoundError(f"Case {decision.case_id} is not part of this request.")
        con.execute(
            "INSERT INTO subject_access_decisions (request_id, case_id, passage, person, choice, "
            "reason, text_sha256, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(request_id, case_id, passage, person) DO UPDATE SET "
            "choice = excluded.choice, reason = excluded.reason, "
            "text_sha256 = excluded.text_sha256, decided_at = excluded.decided_at",
            (
                request_id,
                decision.case_id,
                decision.passage,
                decision.person,
                decision.choice.value,
                decision.reason,
                decision.text_sha256,
                dump_time(now),
            ),
        )
        touched.append(decision.case_id)
    return sorted(set(touched))


# -- packs --------------------------------------------------------------------------------------


def add_pack(
    con: Connection,
    request_id: int,
    pdf: bytes,
    *,
    sha256: str,
    log_json: str,
    chain_head: str,
    now: datetime,
) -> StoredPack:
    cursor = con.execute(
        "INSERT INTO subject_access_packs (request_id, created_at, sha256, pdf, "
        "redaction_log_json, chain_head) VALUES (?, ?, ?, ?, ?, ?)",
        (request_id, dump_time(now), sha256, pdf, log_json, chain_head),
    )
    return pack_info(con, int(cursor.lastrowid))


_PACK_COLUMNS = "id, request_id, created_at, sha256, length(pdf)"


def _pack(row: tuple[Any, ...]) -> StoredPack:
    return StoredPack(int(row[0]), int(row[1]), load_time(row[2]), str(row[3]), int(row[4]))


def pack_info(con: Connection, pack_id: int) -> StoredPack:
    row = con.execute(
        f"SELECT {_PACK_COLUMNS} FROM subject_access_packs WHERE id = ?",  # noqa: S608
        (pack_id,),
    ).fetchone()
    if row is None:
        raise NotFoundError(f"There is no subject access pack {pack_id}.")
    return _pack(row)


def packs(con: Connection, request_id: int) -> list[StoredPack]:
    rows = con.execute(
        f"SELECT {_PACK_COLUMNS} FROM subject_access_packs "  # noqa: S608
        "WHERE request_id = ? ORDER BY id",
        (request_id,),
    ).fetchall()
    return [_pack(r) for r in rows]


def pack_bytes(con: Connection, pack_id: int) -> tuple[bytes, str]:
    """The signed PDF and the redaction log it was made with."""
    row = con.execute(
        "SELECT pdf, redaction_log_json FROM subject_access_packs WHERE id = ?", (pack_id,)
    ).fetchone()
    if row is None:
        raise NotFoundError(f"There is no subject access pack {pack_id}.")
    return bytes(row[0]), str(row[1])


# -- retention ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Forgotten:
    """What the purge of one case removed from one request."""

    request_reference: str
    request: SubjectAccessRequest | None  # what is left (None: the request went too)
    had_decisions: bool
    packs_removed: int


def forget_case(con: Connection, case_id: int) -> list[Forgotten]:
    """Before a case is purged: remove every pack that drew on it (they hold its text), its
    decisions and its place in each request; a request with no case left goes entirely."""
    found = []
    request_ids = [
        int(r[0])
        for r in con.execute(
            "SELECT request_id FROM subject_access_cases WHERE case_id = ? ORDER BY request_id",
            (case_id,),
        )
    ]
    for request_id in request_ids:
        reference = get(con, request_id).reference
        removed = con.execute(
            "DELETE FROM subject_access_packs WHERE request_id = ?", (request_id,)
        ).rowcount
        had = (
            con.execute(
                "DELETE FROM subject_access_decisions WHERE request_id = ? AND case_id = ?",
                (request_id, case_id),
            ).rowcount
            > 0
        )
        con.execute(
            "DELETE FROM subject_access_cases WHERE request_id = ? AND case_id = ?",
            (request_id, case_id),
        )
        left = get(con, request_id)
        if not left.cases:
            con.execute("DELETE FROM subject_access_decisions WHERE request_id = ?", (request_id,))
            con.execute("DELETE FROM subject_access_requests WHERE id = ?", (request_id,))
            found.append(Forgotten(reference, None, had, removed))
        else:
            found.append(Forgotten(reference, left, had, removed))
    return found


# -- audit verify -------------------------------------------------------------------------------


@dataclass
class _Logged:
    request: tuple[int, str] | None = None  # (seq, content hash) of the latest entry
    purged: bool = False
    decisions: dict[str, tuple[int, str]] | None = None  # case reference -> latest
    packs: set[str] | None = None  # content hashes of packs added
    packs_added: int = 0
    packs_purged: int = 0


def _logged(con: Connection) -> dict[str, _Logged]:
    found: dict[str, _Logged] = {}
    rows = con.execute(
        "SELECT seq, action, case_reference, content_hash FROM audit_log "
        "WHERE action LIKE 'sar%' ORDER BY seq"
    )
    for seq, action, reference, chash in rows:
        head, _, request_reference = str(action).partition(":")
        if action == REQUEST_ACTION:
            found.setdefault(reference, _Logged()).request = (int(seq), str(chash))
        elif action == REQUEST_PURGED:
            found.setdefault(reference, _Logged()).purged = True
        elif f"{head}:" == DECISIONS_PREFIX:
            logged = found.setdefault(request_reference, _Logged())
            logged.decisions = logged.decisions or {}
            logged.decisions[str(reference)] = (int(seq), str(chash))
        elif f"{head}:" == PACK_PREFIX:
            logged = found.setdefault(request_reference, _Logged())
            logged.packs = logged.packs or set()
            logged.packs.add(str(chash))
            logged.packs_added += 1
        elif f"{head}:" == PACK_PURGED_PREFIX:
            found.setdefault(request_reference, _Logged()).packs_purged += 1
    return found


def _same(key: bytes | bytearray, content: object, expected: str) -> bool:
    return hmac.compare_digest(audit.content_hash(key, content), expected)


def audit_problem(con: Connection, key: bytes | bytearray) -> tuple[str, int | None] | None:
    """The first subject access record that does not match its last audited content, as
    (reason, entry number); None when every one does. Run after the chain itself checked out."""
    logged = _logged(con)
    present = set()
    for request in all_requests(con):
        present.add(request.reference)
        entry = logged.get(request.reference, _Logged())
        if entry.request is None or not _same(key, request_content(request), entry.request[1]):
            seq = None if entry.request is None else entry.request[0]
            return (
                f"subject access request {request.reference} does not match its last audited "
                f"content (entry {seq}): it was changed outside Triage Desk",
                seq,
            )
        by_case: dict[str, list[Decision]] = {c.case_reference: [] for c in request.cases}
        references = {c.case_id: c.case_reference for c in request.cases}
        for decision in decisions(con, request.id):
            by_case.setdefault(references.get(decision.case_id, "?"), []).append(decision)
        latest = entry.decisions or {}
        for case_reference in sorted(set(by_case) | set(latest)):
            made = by_case.get(case_reference, [])
            last = latest.get(case_reference)
            if (last is None and made) or (
                last is not None and not _same(key, decisions_content(made), last[1])
            ):
                return (
                    f"the decisions of subject access request {request.reference} on case "
                    f"{case_reference} do not match their last audited content: they were "
                    "changed outside Triage Desk",
                    None if last is None else last[0],
                )
        stored = con.execute(
            "SELECT id, sha256, pdf, redaction_log_json, chain_head FROM subject_access_packs "
            "WHERE request_id = ? ORDER BY id",
            (request.id,),
        ).fetchall()
        for pack_id, sha256, pdf, log_json, chain_head in stored:
            content = pack_content(str(sha256), str(chain_head), str(log_json))
            if hashlib.sha256(bytes(pdf)).hexdigest() != sha256 or not any(
                _same(key, content, h) for h in entry.packs or ()
            ):
                return (
                    f"pack {pack_id} of subject access request {request.reference} has no "
                    "matching entry in the log: it was added or changed outside Triage Desk",
                    None,
                )
        if len(stored) != entry.packs_added - entry.packs_purged:
            return (
                f"subject access request {request.reference} has {len(stored)} packs, but the "
                f"log recorded {entry.packs_added - entry.packs_purged}: a pack was removed "
                "outside Triage Desk",
                None,
            )
    for reference, entry in sorted(logged.items()):
        if entry.request is not None and not entry.purged and reference not in present:
            return (
                f"subject access request {reference} is in the log but no longer in the vault, "
                "and was never purged: it was deleted outside Triage Desk",
                entry.request[0],
            )
    return None
