"""The encrypted vault against an unencrypted stdlib sqlite3 copy of the same data, same run.

Seeds 10,000 fictional cases (~2 KB of text each, names in several scripts) into a real vault,
exports a plaintext copy with `sqlcipher_export`, then runs the same store code on both
connections: open (excluding the KDF), first page of the case list, full-text search p50/p95,
insert throughput (one audited transaction per case, synchronous=FULL), and size on disk.
Targets: search p95 < 20 ms and within 1.5x of plain sqlite3; case list < 0.3 s after unlock.

    .venv/bin/python benchmarks/vault_bench.py [--cases 10000] [--searches 300] [--inserts 300]
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from triage_desktop.cases.model import (
    CaseDetails,
    CaseFilter,
    CaseSort,
    CaseStatus,
    Location,
    LocationKind,
    OfficerRole,
    Reporter,
    ReporterStatus,
    ReportSource,
    Respondent,
    RespondentType,
)
from triage_desktop.services.session import OfficerProfile, VaultService
from triage_desktop.store import audit, cases_repo
from triage_desktop.store.connection import connect
from triage_desktop.vault import kdf, slots

GIVEN = [
    "Alex",
    "Sam",
    "Jordan",
    "Priya",
    "Olu",
    "Zoë",
    "Ångström",
    "Siobhán",
    "مريم",
    "أحمد",
    "يوسف",
    "张伟",
    "王芳",
    "李娜",
    "Дмитрий",
    "Анна",
    "Νίκος",
    "Ελένη",
    "अनीता",
    "राहुल",
]
FAMILY = [
    "Example",
    "Sample",
    "Placeholder",
    "Fictional",
    "حداد",
    "نصر",
    "陈",
    "刘",
    "Иванова",
    "Παπαδόπουλος",
    "शर्मा",
    "Okafor",
    "Nakamura",
    "García",
    "Müller",
    "O'Brien",
]
WORDS = [
    "meeting",
    "library",
    "seminar",
    "corridor",
    "message",
    "group",
    "chat",
    "evening",
    "weekend",
    "comments",
    "repeated",
    "unwanted",
    "contact",
    "felt",
    "unsafe",
    "followed",
    "messages",
    "posted",
    "online",
    "photos",
    "shared",
    "without",
    "consent",
    "supervisor",
    "lab",
    "shift",
    "deadline",
    "tutorial",
    "accommodation",
    "kitchen",
    "society",
    "event",
    "sports",
    "club",
    "remarks",
    "about",
    "accent",
    "religion",
    "disability",
    "gender",
    "identity",
    "pregnancy",
    "age",
    "excluded",
    "ignored",
    "shouted",
    "criticised",
    "publicly",
    "emails",
    "late",
    "night",
    "threatened",
    "reported",
    "earlier",
    "friend",
    "witness",
    "counselling",
    "support",
    "advice",
    "wellbeing",
    "module",
    "coursework",
    "assessment",
    "placement",
]


def fictional_details(rng: random.Random, number: int) -> CaseDetails:
    def name() -> str:
        return f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}"

    text = " ".join(rng.choices(WORDS, k=300))[:2000]  # one call: ten times quicker to seed
    received = datetime(2024, 1, 1, tzinfo=UTC) + timedelta(minutes=137 * number)
    return CaseDetails(
        received_at=received,
        source=ReportSource.REPORT_AND_SUPPORT,
        anonymous=rng.random() < 0.1,
        reporter=Reporter(name(), ReporterStatus.UNDERGRADUATE, "r@example.ac.uk"),
        respondents=(Respondent(RespondentType.STUDENT, name(), "same course"),),
        location=Location(LocationKind.ONLINE, "group chat"),
        description=text,
        policy_version="2.0",
        behaviour_categories=("harassment",),
        incident_dates=(date(2024, 1, 1),),
    )


PASSPHRASE = "benchmark passphrase, fictional"


def create_vault(folder: Path) -> VaultService:
    """A new passphrase-only vault for a benchmark, unlocked: cheap key slots (the key
    derivation is not what these benchmarks measure) and a fictional officer."""
    kdf.MINIMUM = kdf.CHEAP_FOR_TESTS  # the benchmark vault's slots are cheap; allow them here
    service = VaultService(folder)
    service.create(
        OfficerProfile("Benchmark Officer", OfficerRole.DRLRO),
        PASSPHRASE,
        use_keychain=False,
        kdf=kdf.CHEAP_FOR_TESTS,
    )
    return service


def seed(service: VaultService, count: int, rng: random.Random) -> None:
    db = service._database()
    batch = 500
    for start in range(0, count, batch):

        def run(con: Any, start: int = start) -> None:
            for number in range(start, min(count, start + batch)):
                cases_repo.insert(
                    con,
                    fictional_details(rng, number),
                    status=rng.choice(list(CaseStatus)),
                    contact_by=date(2024, 1, 3),
                    now=datetime.now(UTC),
                )

        db.write(run)


def export_plain(vault_db: Path, key: bytes, plain: Path) -> None:
    con = connect(vault_db, key)
    con.execute(f"ATTACH DATABASE '{plain}' AS plaintext KEY ''")
    con.execute("SELECT sqlcipher_export('plaintext')")
    con.execute("DETACH DATABASE plaintext")
    con.close()


def open_plain(path: Path) -> sqlite3.Connection:
    con = sqlite3.connect(str(path), isolation_level=None)
    con.execute("SELECT count(*) FROM sqlite_master").fetchone()
    for pragma in (
        "journal_mode = WAL",
        "synchronous = FULL",
        "temp_store = MEMORY",
        "cache_size = -65536",
        "secure_delete = ON",
        "foreign_keys = ON",
    ):
        con.execute(f"PRAGMA {pragma}").fetchall()
    return con


def timed(fn: Callable[[], Any]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def open_ready(opener: Callable[[], Any]) -> Callable[[], Any]:
    """What unlock does after the key is known: open, check the schema, load the audit key."""

    def run() -> Any:
        con = opener()
        con.execute("SELECT version_num FROM alembic_version").fetchone()
        audit.load_audit_key(con)
        return con

    return run


def measure(con: Any, queries: list[str], inserts: int, rng: random.Random) -> dict[str, float]:
    results: dict[str, float] = {}
    results["first page (ms)"] = 1000 * timed(
        lambda: cases_repo.list_page(con, CaseFilter(), CaseSort.RECEIVED_NEWEST, 0, 100)
    )
    results["count (ms)"] = 1000 * timed(lambda: cases_repo.count(con, CaseFilter()))
    times = []
    for query in queries:
        times.append(1000 * timed(lambda q=query: cases_repo.search(con, q, 50)))
    times.sort()
    results["search p50 (ms)"] = statistics.median(times)
    results["search p95 (ms)"] = times[int(0.95 * (len(times) - 1))]
    key = audit.load_audit_key(con)

    def insert_one(number: int) -> None:
        con.execute("BEGIN IMMEDIATE")
        case = cases_repo.insert(
            con,
            fictional_details(rng, 100_000 + number),
            status=CaseStatus.AWAITING_CONTACT,
            contact_by=None,
            now=datetime.now(UTC),
        )
        audit.append(con, key, officer_id=1, action="create", case_reference=case.reference)
        con.execute("COMMIT")

    elapsed = timed(lambda: [insert_one(n) for n in range(inserts)])
    results["inserts per second"] = inserts / elapsed
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--searches", type=int, default=300)
    parser.add_argument("--inserts", type=int, default=300)
    args = parser.parse_args()
    rng = random.Random(42)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "vault"
        service = create_vault(folder)
        started = time.perf_counter()
        seed(service, args.cases, rng)
        seeding = time.perf_counter() - started
        key = bytes(service._key or b"")
        service.lock()
        kdf_seconds = timed(lambda: kdf.stretch(PASSPHRASE, bytes(16), kdf.STANDARD))
        plain = Path(scratch) / "plain.db"
        export_plain(folder / "vault.db", key, plain)

        unwrapped = [slots.Candidate(bytearray(key), slots.CURRENT, slots.VIA_PASSPHRASE)]
        service_unlock = timed(lambda: service._open(unwrapped))  # whole unlock minus the KDF
        first_page_after_unlock = timed(lambda: service.list_cases(limit=100))
        service.lock()

        vault_open = open_ready(lambda: connect(folder / "vault.db", key))
        plain_open = open_ready(lambda: open_plain(plain))
        opens = {"vault": [], "plain": []}  # type: dict[str, list[float]]
        for _ in range(20):
            for label, opener in (("vault", vault_open), ("plain", plain_open)):
                start = time.perf_counter()
                con = opener()
                opens[label].append(1000 * (time.perf_counter() - start))
                con.close()

        query_rng = random.Random(7)
        vocabulary = WORDS + GIVEN + FAMILY
        queries = [
            " ".join(query_rng.sample(vocabulary, query_rng.choice((1, 1, 2))))
            for _ in range(args.searches)
        ]
        vault_con = vault_open()
        plain_con = plain_open()
        vault = measure(vault_con, queries, args.inserts, random.Random(1))
        plain_results = measure(plain_con, queries, args.inserts, random.Random(1))
        for con in (vault_con, plain_con):
            con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            con.close()
        vault_size = (folder / "vault.db").stat().st_size
        plain_size = plain.stat().st_size

    print(f"cases seeded: {args.cases} in {seeding:.1f} s (batches of 500)")
    print(f"Argon2id unlock KDF (t=3, m=256 MiB, p=4): {kdf_seconds * 1000:.0f} ms")
    print(
        "service unlock excluding KDF (schema check + executor start): "
        f"{service_unlock * 1000:.1f} ms"
    )
    print(
        "case list first page right after unlock (service): "
        f"{first_page_after_unlock * 1000:.1f} ms"
    )
    print()
    print(f"{'measure':<34}{'vault':>12}{'sqlite3':>12}{'ratio':>8}")
    rows = [
        (
            "open, excluding KDF (ms, median)",
            statistics.median(opens["vault"]),
            statistics.median(opens["plain"]),
        )
    ]
    rows += [(name, vault[name], plain_results[name]) for name in vault]
    rows.append(("size (MB)", vault_size / 1e6, plain_size / 1e6))
    for name, encrypted, unencrypted in rows:
        ratio = encrypted / unencrypted if unencrypted else float("nan")
        print(f"{name:<34}{encrypted:>12.2f}{unencrypted:>12.2f}{ratio:>8.2f}")
    p95 = vault["search p95 (ms)"]
    ratio = p95 / plain_results["search p95 (ms)"]
    verdict = "MET" if p95 < 20 and ratio <= 1.5 else "MISSED"
    print(
        f"\nsearch p95 target (< 20 ms and <= 1.5x sqlite3): {verdict} ({p95:.2f} ms, {ratio:.2f}x)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
