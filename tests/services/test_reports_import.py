"""Reports in from the Support and Report tool, through the real service and vault: a fictional
export of 1,000 reports becomes 1,000 cases field by field, re-imports create no duplicate,
reconciliation names a report that went missing, the dry run writes nothing, the import is one
transaction, it is audited once, and the full-text index finds what came in."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from benchmarks.report_export import (
    DEPARTMENT_LABELS,
    INCIDENT_LABELS,
    MAPPING_TOML,
    MAPPING_VERSION,
    SERVICE_LABELS,
    export_bytes,
    fictional_reports,
)

from tests.support.vaults import create_vault, details
from triage_desktop.cases.model import (
    CaseStatus,
    LocationKind,
    ReporterStatus,
    ReportSource,
)
from triage_desktop.cases.origin import OnBehalfOf, ReportRoute
from triage_desktop.policy.calendar import contact_by
from triage_desktop.reports.contract import ReportFileError
from triage_desktop.services import reports_import
from triage_desktop.services.reports_import import ImportCancelled
from triage_desktop.services.session import VaultService
from triage_desktop.store import cases_repo

CONNECTION = {
    "student": ReporterStatus.STUDENT,
    "staff": ReporterStatus.STAFF,
    "visitor": ReporterStatus.VISITOR,
    "prefer_not_to_say": ReporterStatus.PREFER_NOT_TO_SAY,
    "": ReporterStatus.OTHER,
}


@pytest.fixture
def vault(tmp_path: Path) -> Iterator[VaultService]:
    service, _ = create_vault(tmp_path / "v")
    yield service
    service.lock()


@pytest.fixture
def mapping(tmp_path: Path) -> Path:
    path = tmp_path / "mapping.toml"
    path.write_text(MAPPING_TOML, encoding="utf-8")
    return path


def write_export(folder: Path, rows: list[dict[str, str]], name: str = "export.csv") -> Path:
    path = folder / name
    path.write_bytes(export_bytes(rows, "jsonl" if name.endswith(".jsonl") else "csv"))
    return path


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split(";") if part.strip()]


def _stored(vault: VaultService, case_id: int) -> object:
    """The case as stored, without the audited read (1,000 of those would only slow this)."""
    return vault._database().read(lambda con: cases_repo.get(con, case_id))


def _check_field_by_field(
    vault: VaultService, rows: list[dict[str, str]], closures: tuple[date, ...]
) -> None:
    ledger = vault.imported_reports([row["source_report_id"] for row in rows])
    assert len(ledger) == len(rows)
    for row in rows:
        entry = ledger[row["source_report_id"]]
        assert entry.case_id is not None
        case = _stored(vault, entry.case_id)
        origin = vault.report_origin(entry.case_id)
        assert case.reference == entry.case_reference  # type: ignore[attr-defined]
        d = case.details  # type: ignore[attr-defined]
        submitted = datetime.fromisoformat(row["submitted_at"])
        anonymous = row["route"] == "anonymous"
        codes: list[str] = []
        for label in _split(row["incident_types"]):
            codes += [c for c in INCIDENT_LABELS[label] if c not in codes]
        full_dates = sorted(
            {date.fromisoformat(t) for t in _split(row["incident_dates"]) if len(t) == 10}
        )
        assert d.received_at == submitted
        assert d.source is ReportSource.REPORT_AND_SUPPORT
        assert d.anonymous is anonymous
        assert d.reporter.name == row["contact_name"]
        assert d.reporter.email == row["contact_email"]
        assert d.reporter.phone == row["contact_phone"]
        assert d.reporter.status is CONNECTION[row["reporter_connection"]]
        assert list(d.behaviour_categories) == codes
        assert list(d.incident_dates) == full_dates
        assert d.description == row["description"]
        assert d.location.kind is LocationKind.NOT_KNOWN
        assert d.policy_version == "2.0"
        assert d.assigned_officer_id == vault.officer_id
        status = CaseStatus(row["status"] or "awaiting_contact")
        assert case.status is status  # type: ignore[attr-defined]
        closed = case.closed_at  # type: ignore[attr-defined]
        assert closed == (datetime.fromisoformat(row["closed_at"]) if row["closed_at"] else None)
        due = contact_by(submitted.astimezone().date(), anonymous=anonymous, closures=closures)
        assert case.contact_by == due  # type: ignore[attr-defined]
        assert origin is not None
        assert origin.source_report_id == row["source_report_id"]
        assert origin.submitted_at == submitted
        assert origin.submitted_at.utcoffset() == submitted.utcoffset()  # the offset as given
        assert origin.route is ReportRoute(row["route"])
        assert origin.on_behalf_of is OnBehalfOf(row["on_behalf_of"] or "unknown")
        assert origin.department == DEPARTMENT_LABELS.get(row["department"], "")
        assert origin.preferred_service == SERVICE_LABELS.get(row["preferred_service"], "")
        assert list(origin.excluded_people) == _split(row["excluded_people"])
        assert list(origin.incident_dates) == _split(row["incident_dates"])
        assert origin.locations == row["locations"]


@pytest.mark.slow
def test_a_thousand_fictional_reports_become_cases_field_by_field(
    vault: VaultService, tmp_path: Path, mapping: Path
) -> None:
    closure = date.today() - timedelta(days=20)
    vault.update_settings(closure_days=[closure])
    rows = fictional_reports(1000)
    assert {r["route"] for r in rows} == {"anonymous", "contact", "adviser_requested"}
    assert any("ö" in r["contact_name"] or "ë" in r["contact_name"] for r in rows)
    for script in ("مريم", "יעל", "张伟", "Анна", "😟"):
        assert any(script in " ".join(r.values()) for r in rows), script
    export = write_export(tmp_path, rows)

    plan = reports_import.plan_import(vault, export, mapping)
    assert len(plan.new) == 1000
    assert plan.mapping_version == MAPPING_VERSION
    result = reports_import.run_import(vault, plan)

    assert len(result.outcome.created) == 1000
    assert result.reconciliation.summary() == (
        "1,000 reports in the file = 1,000 cases (1,000 new, 0 already here)."
    )
    assert vault.count_cases() == 1000
    _check_field_by_field(vault, rows, (closure,))
    # Numbered in the order the reports were submitted.
    by_time = sorted(rows, key=lambda r: datetime.fromisoformat(r["submitted_at"]))
    references = result.references
    ordered = [references[r["source_report_id"]] for r in by_time]
    assert ordered == sorted(ordered, key=lambda ref: (ref[3:7], int(ref[8:])))
    assert vault.audit_verify().ok


def test_json_lines_carry_the_same_reports(
    vault: VaultService, tmp_path: Path, mapping: Path
) -> None:
    rows = fictional_reports(60, seed=3)
    export = write_export(tmp_path, rows, "export.jsonl")
    result = reports_import.run_import(vault, reports_import.plan_import(vault, export, mapping))
    assert result.plan.file_format == "jsonl"
    assert len(result.outcome.created) == 60
    _check_field_by_field(vault, rows, ())


def test_reimporting_the_same_or_an_overlapping_file_creates_no_duplicate(
    vault: VaultService, tmp_path: Path, mapping: Path
) -> None:
    rows = fictional_reports(40)
    first = write_export(tmp_path, rows[:30], "first.csv")
    reports_import.run_import(vault, reports_import.plan_import(vault, first, mapping))
    again = reports_import.run_import(vault, reports_import.plan_import(vault, first, mapping))
    assert again.outcome.created == ()
    assert len(again.outcome.duplicates) == 30
    assert again.reconciliation.summary() == (
        "30 reports in the file = 30 cases (0 new, 30 already here)."
    )
    overlap = write_export(tmp_path, rows[20:], "overlap.csv")
    plan = reports_import.plan_import(vault, overlap, mapping)
    assert [p.source_report_id for p in plan.duplicates] == [
        r["source_report_id"] for r in rows[20:30]
    ]
    assert all(p.already_here is not None for p in plan.duplicates)
    result = reports_import.run_import(vault, plan)
    assert len(result.outcome.created) == 10
    assert [source for source, _ref in result.outcome.duplicates] == [
        r["source_report_id"] for r in rows[20:30]
    ]
    assert result.reconciliation.summary() == (
        "20 reports in the file = 20 cases (10 new, 10 already here)."
    )
    assert vault.count_cases() == 40


def test_reconcile_names_a_report_dropped_from_the_import(
    vault: VaultService, tmp_path: Path, mapping: Path
) -> None:
    rows = fictional_reports(25)
    dropped = rows.pop(17)
    reports_import.run_import(
        vault, reports_import.plan_import(vault, write_export(tmp_path, rows, "sent.csv"), mapping)
    )
    full = write_export(tmp_path, [*rows[:17], dropped, *rows[17:]], "full.csv")
    check = reports_import.reconcile(vault, full)
    assert not check.ok
    assert check.missing == ((19, dropped["source_report_id"]),)
    assert check.summary() == (
        "25 reports in the file, 24 cases here (0 imported from this file, 24 already here "
        "from earlier imports): 1 report NOT accounted for."
    )
    assert check.details() == [f"NOT IN THE VAULT: report {dropped['source_report_id']} (row 19)"]
    broken = [dict(row) for row in rows]
    broken[2]["route"] = "maybe"  # would not import, but can still be reconciled
    broken[5]["source_report_id"] = ""
    head, count = vault.audit_head(), vault.count_cases()
    lenient = reports_import.reconcile(vault, write_export(tmp_path, broken, "broken.csv"))
    assert lenient.details() == [
        "NOT ACCOUNTED FOR: row 7, source_report_id: expected the report's id in the tool"
    ]
    assert lenient.with_file + lenient.already == 23
    assert (vault.audit_head(), vault.count_cases()) == (head, count)  # it changed nothing
    sent = reports_import.reconcile(vault, tmp_path / "sent.csv")
    assert sent.ok
    assert sent.summary() == (
        "24 reports in the file = 24 cases (24 imported from this file, 0 already here from "
        "earlier imports)."
    )


def test_the_dry_run_writes_nothing(vault: VaultService, tmp_path: Path, mapping: Path) -> None:
    export = write_export(tmp_path, fictional_reports(50))
    vault._database().read(lambda con: con.execute("PRAGMA wal_checkpoint(TRUNCATE)"))
    before = {p.name: p.read_bytes() for p in vault.folder.iterdir() if p.is_file()}
    head = vault.audit_head()
    plan = reports_import.plan_import(vault, export, mapping)
    assert len(plan.new) == 50
    after = {p.name: p.read_bytes() for p in vault.folder.iterdir() if p.is_file()}
    assert after == before
    assert vault.audit_head() == head
    assert vault.count_cases() == 0


def test_one_transaction_all_or_nothing(vault: VaultService, tmp_path: Path, mapping: Path) -> None:
    vault.create_case(details("BEFORE"))
    plan = reports_import.plan_import(
        vault, write_export(tmp_path, fictional_reports(300)), mapping
    )
    seen: list[int] = []

    def stop_half_way(done: int, total: int) -> None:
        seen.append(done)
        if done >= total // 2:
            raise ImportCancelled("stopped")

    head = vault.audit_head()
    with pytest.raises(ImportCancelled):
        reports_import.run_import(vault, plan, stop_half_way)
    assert seen
    assert max(seen) >= 150
    assert vault.count_cases() == 1
    assert vault.imported_reports([r.source_report_id for r in plan.reports]) == {}
    assert vault.audit_head() == head
    assert vault.search("SR-F") == []
    result = reports_import.run_import(vault, plan)  # and the same plan still imports whole
    assert len(result.outcome.created) == 300


def test_one_audit_entry_per_import_and_the_case_history_says_where_it_came_from(
    vault: VaultService, tmp_path: Path, mapping: Path
) -> None:
    export = write_export(tmp_path, fictional_reports(12))
    result = reports_import.run_import(vault, reports_import.plan_import(vault, export, mapping))
    actions = vault._database().read(
        lambda con: [r[0] for r in con.execute("SELECT action FROM audit_log ORDER BY seq")]
    )
    imports = [a for a in actions if a.startswith("import_reports:")]
    assert imports == [
        f"import_reports:sha256={result.plan.sha256};reports=12;new=12;duplicates=0;"
        f"format=csv;schema=1;mapping={MAPPING_VERSION}"
    ]
    import hashlib

    assert result.plan.sha256 == hashlib.sha256(export.read_bytes()).hexdigest()
    source_id, reference = result.outcome.created[0]
    history = vault.audit_entries(vault.case_id_for(reference))
    # created like any case (audit verify checks it), and where it came from beside it
    assert [e.action for e in history] == ["create", f"imported_from_report:{source_id}"]
    assert vault.audit_verify().ok


def test_the_search_index_holds_what_came_in_and_keeps_it_after_an_edit(
    vault: VaultService, tmp_path: Path, mapping: Path
) -> None:
    rows = fictional_reports(3)
    rows[0].update(
        excluded_people="Quillon Ostrava",
        locations="Verbena annexe, room 9",
        description="The zyxcomment was repeated. מילה עברית",
        contact_name="Ysolde Marchetti",
        route="contact",
        contact_email="ysolde@example.ac.uk",
    )
    export = write_export(tmp_path, rows)
    result = reports_import.run_import(vault, reports_import.plan_import(vault, export, mapping))
    reference = dict(result.outcome.created)[rows[0]["source_report_id"]]
    for words in (
        "Quillon",
        "Verbena",
        "zyxcomment",
        "Ysolde",
        "עברית",
        rows[0]["source_report_id"],
    ):
        assert [r.reference for r in vault.search(words)] == [reference], words
    case_id = vault.case_id_for(reference)
    vault.update_case(case_id, vault.get_case(case_id).details)
    assert [r.reference for r in vault.search("Quillon Verbena")] == [reference]


@pytest.fixture
def london_time(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The officer's laptop in England: 'the day it arrived here' is a day in London."""
    import time

    monkeypatch.setenv("TZ", "Europe/London")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.usefixtures("london_time")
def test_contact_by_comes_from_the_calendar_and_anonymous_reports_have_none(
    vault: VaultService, tmp_path: Path
) -> None:
    vault.update_settings(closure_days=[date(2026, 4, 7)])
    lines = [
        "schema_version,source_report_id,submitted_at,route,contact_email,status",
        # Thu 2 Apr 2026: Good Friday and Easter Monday skipped, Tue 7 a closure day.
        "1,R-1,2026-04-02T10:30:00+01:00,contact,a@example.ac.uk,",
        "1,R-2,2026-04-02T10:30:00+01:00,anonymous,,",
        # 23:30 on Friday in New York is Saturday here: received on Saturday.
        "1,R-3,2026-11-27T23:30:00-05:00,adviser_requested,b@example.ac.uk,",
        "1,R-4,2026-04-02T10:30:00+01:00,contact,c@example.ac.uk,meeting_arranged",
    ]
    export = tmp_path / "dates.csv"
    export.write_text("\n".join(lines) + "\n", encoding="utf-8")
    plan = reports_import.plan_import(vault, export, today=date(2026, 11, 30))
    due = {p.source_report_id: p.contact_by for p in plan.reports}
    assert due == {
        "R-1": date(2026, 4, 9),
        "R-2": None,
        "R-3": date(2026, 12, 1),
        "R-4": date(2026, 4, 9),
    }
    # Past its contact-by date: only a new report still awaiting contact, and it comes first.
    assert [p.source_report_id for p in plan.past_contact_by] == ["R-1"]
    assert plan.reports[0].source_report_id == "R-1"
    result = reports_import.run_import(vault, plan)
    cases = {s: vault.get_case(vault.case_id_for(r)) for s, r in result.outcome.created}
    assert {s: c.contact_by for s, c in cases.items()} == due


def test_a_purged_report_is_never_brought_back_and_reconciles_as_deleted(
    vault: VaultService, tmp_path: Path
) -> None:
    lines = [
        "schema_version,source_report_id,submitted_at,route,status,closed_at",
        "1,OLD-1,2025-08-11T09:00:00+01:00,anonymous,closed,2025-09-01T12:00:00+01:00",
        "1,NEW-1,2026-11-02T09:00:00+00:00,anonymous,,",
    ]
    export = tmp_path / "history.csv"
    export.write_text("\n".join(lines) + "\n", encoding="utf-8")
    reports_import.run_import(vault, reports_import.plan_import(vault, export))
    # Six years after it was closed, the retention schedule deletes the old case.
    assert vault.purge(date(2031, 9, 2)).purged == ("DR-2025-0001",)
    again = reports_import.plan_import(vault, export)
    assert again.new == ()
    gone = {p.source_report_id: p.already_here for p in again.duplicates}
    assert gone["OLD-1"] is not None
    assert gone["OLD-1"].case_id is None
    assert gone["OLD-1"].case_reference == "DR-2025-0001"
    check = reports_import.reconcile(vault, export)
    assert check.ok
    assert check.summary() == (
        "2 reports in the file = 2 cases (1 imported from this file, 0 already here from "
        "earlier imports, 1 deleted at the end of their retention period)."
    )
    assert vault.count_cases() == 1


def test_deleting_the_source_overwrites_and_removes_it(tmp_path: Path) -> None:
    source = tmp_path / "export.csv"
    source.write_bytes(b"secret" * 1000)
    reports_import.delete_source(source)
    assert not source.exists()
    with pytest.raises(reports_import.SourceFileError, match="could not be deleted"):
        reports_import.delete_source(source)


def test_a_file_that_breaks_the_contract_imports_nothing(
    vault: VaultService, tmp_path: Path
) -> None:
    rows = fictional_reports(5)
    rows[3]["route"] = "maybe"
    with pytest.raises(ReportFileError) as caught:
        reports_import.plan_import(vault, write_export(tmp_path, rows))
    assert [str(p) for p in caught.value.problems if p.field == "route"] == [
        "row 5, route: expected one of 'anonymous', 'contact' or 'adviser_requested'; found 'maybe'"
    ]
    assert vault.count_cases() == 0


def test_missing_and_unreadable_files_are_explained(vault: VaultService, tmp_path: Path) -> None:
    with pytest.raises(reports_import.SourceFileError, match="no such file"):
        reports_import.plan_import(vault, tmp_path / "nowhere.csv")
    with pytest.raises(reports_import.SourceFileError, match="is not a file"):
        reports_import.plan_import(vault, tmp_path)


def test_the_collector_is_paused_only_while_a_file_is_worked_on() -> None:
    import gc

    assert gc.isenabled()
    with reports_import.cyclic_gc_paused():
        assert not gc.isenabled()
        with reports_import.cyclic_gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # still inside the outer one
    assert gc.isenabled()
    with pytest.raises(ValueError, match="boom"), reports_import.cyclic_gc_paused():
        raise ValueError("boom")
    assert gc.isenabled()
