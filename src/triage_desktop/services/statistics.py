"""The oversight statistics from one vault, or merged from several officers' count files.

`compute` reads every case received in the period (one audited read), turns each into
`CaseFigures` (categories only), counts them and publishes the committee's tables under
disclosure control (`reports.statistics`, `reports.disclosure`). How a decision stands with the
reporter's consent comes from `meeting_content.routing`, the one place that decides it; the
outcome is the decision the signed summary recorded.

Exports: the signed PDF, CSV or JSON of the published tables, and the signed count file of
the unsuppressed counts for a merge. Every file is written owner-only and every export is in
the audit log. `merge_files` verifies each count file's signature, refuses a tampered file or
the same vault twice (naming the file), adds the counts up and publishes the total.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from triage_desktop.cases.model import Case
from triage_desktop.cases.origin import connection_group
from triage_desktop.reports import statistics as rs
from triage_desktop.reports.statistics import (
    CaseFigures,
    ConsentGroup,
    Contact,
    Counts,
    CountsError,
    Historical,
    PublishedStatistics,
)
from triage_desktop.services.errors import VaultError

if TYPE_CHECKING:
    from triage_desktop.documents.signed_counts import VerifiedCounts
    from triage_desktop.meeting import Meeting
    from triage_desktop.policy.model import Policy
    from triage_desktop.services.session import VaultService
    from triage_desktop.store.case_records_repo import CaseRecord

TITLE = "Dignity and Respect: oversight statistics"
MAX_QUARTERS = 8  # two years: the tables stay readable on a page
EXPORT_ACTION = "export_statistics"  # + ":<format>"
COUNTS_ACTION = "export_statistics_counts"


class Format(StrEnum):
    PDF = "pdf"
    CSV = "csv"
    JSON = "json"


class StatisticsError(VaultError):
    """Statistics that cannot be made or merged, with the reason in words."""


@dataclass(frozen=True)
class Statistics:
    """One vault's (or a merge's) statistics: the counts, and what the committee sees."""

    counts: Counts
    published: PublishedStatistics


def check_period(start: dt.date, end: dt.date) -> None:
    if end < start:
        raise StatisticsError("The period ends before it starts: choose the dates again.")
    quarters = rs.quarters(start, end)
    if len(quarters) > MAX_QUARTERS:
        raise StatisticsError(
            f"The period spans {len(quarters)} quarters; choose at most {MAX_QUARTERS} (two "
            "years), so every table stays readable."
        )


# -- one case's figures ---------------------------------------------------------------------


class _Policies:
    """Each case is read under the policy version it was recorded with (loaded once each)."""

    def __init__(self) -> None:
        self._loaded: dict[str, Policy] = {}

    def get(self, version: str) -> Policy:
        from triage_desktop.policy.catalogue import load_policy
        from triage_desktop.policy.errors import PolicyNotInForceError

        if version not in self._loaded:
            try:
                self._loaded[version] = load_policy(version)
            except PolicyNotInForceError:
                self._loaded[version] = load_policy()
        return self._loaded[version]


def working_days_between(received: dt.date, meeting: dt.date, closures: frozenset[dt.date]) -> int:
    """Working days after the report up to and including the meeting day (0: the same day)."""
    from triage_desktop.policy.calendar import is_working_day

    days = 0
    day = received
    while day < meeting:
        day += dt.timedelta(days=1)
        if is_working_day(day, closures):
            days += 1
    return days


def _contact(case: Case, meeting_on: dt.date | None, today: dt.date) -> Contact:
    if case.details.anonymous:
        return Contact.NOT_APPLICABLE
    contacted = case.first_contact.on if case.first_contact is not None else meeting_on
    if contacted is not None:
        return Contact.MISSED if case.contact_by and contacted > case.contact_by else Contact.MET
    if case.contact_by is not None and case.contact_by < today:
        return Contact.MISSED
    return Contact.NOT_YET_DUE


_CONSENT = {
    "reporter_chose": ConsentGroup.REPORTER_CHOSE,
    "reporter_agreed": ConsentGroup.REPORTER_AGREED,
    "without_consent": ConsentGroup.WITHOUT_CONSENT,
}


def case_figures(
    case: Case,
    meeting: Meeting | None,
    department: str,
    policy: Policy,
    *,
    closures: frozenset[dt.date],
    today: dt.date,
) -> CaseFigures:
    """What one case contributes: categories, never its text."""
    from triage_desktop.meeting import Meeting
    from triage_desktop.meeting import derived as d
    from triage_desktop.meeting import schema as m
    from triage_desktop.policy.errors import CalendarError
    from triage_desktop.policy.routing import historical_cutoff
    from triage_desktop.services.meeting_content import routing

    record = meeting or Meeting()
    received = case.details.received_at.astimezone().date()
    if meeting is not None:
        ticked = (b.id for b in policy.behaviours if meeting.flag(m.BEHAVIOUR.field(b.id, "")))
        behaviours = tuple(ticked)
    else:
        behaviours = case.details.behaviour_categories
    first = d.first_incident(record, case)
    if first is None:
        historical = Historical.NOT_KNOWN
    elif first < historical_cutoff(received):
        historical = Historical.HISTORICAL
    else:
        historical = Historical.RECENT
    outcome: str | None = None
    consent: ConsentGroup | None = None
    days: int | None = None
    signed = meeting is not None and meeting.summary is not None
    meeting_on = meeting.meeting_on if signed and meeting is not None else None
    if signed and meeting is not None and meeting.summary is not None:
        route = routing(case, meeting, policy)
        outcome = meeting.summary.decision or route.decision or rs.NOT_RECORDED
        stands = route.consent.value if route.consent else ""
        consent = _CONSENT.get(stands, ConsentGroup.NOT_RECORDED)
        if meeting_on is not None:
            try:
                days = working_days_between(received, meeting_on, closures)
            except CalendarError:
                days = None
    return CaseFigures(
        received_on=received,
        behaviours=behaviours,
        connection=connection_group(case.details.reporter.status),
        respondents=tuple(sorted(d.respondent_kinds(record, case))),
        source=case.details.source.value,
        anonymous=case.details.anonymous,
        historical=historical,
        contact=_contact(case, meeting_on, today),
        outcome=outcome,
        consent=consent,
        working_days_to_meeting=days,
        department=department,
    )


def figures_of(
    records: Sequence[CaseRecord], closures: frozenset[dt.date], today: dt.date
) -> list[CaseFigures]:
    from triage_desktop.meeting import Meeting

    policies = _Policies()
    found = []
    for record in records:
        meeting = None if record.meeting is None else Meeting.from_json(record.meeting)
        policy = policies.get(record.case.details.policy_version)
        found.append(
            case_figures(
                record.case, meeting, record.department, policy, closures=closures, today=today
            )
        )
    return found


# -- counting and publishing ------------------------------------------------------------------


def words() -> rs.Words:
    """The words for every category: the policy in force, and the meeting schema's."""
    from triage_desktop.meeting.schema import RESPONDENT_WORDS
    from triage_desktop.policy.catalogue import load_policy

    policy = load_policy()
    return rs.Words(
        behaviours={b.id: b.name for b in policy.behaviours},
        outcomes={o.id: o.name for o in policy.outcomes},
        respondents={kind.value: text for kind, text in RESPONDENT_WORDS.items()},
    )


def publish(counts: Counts, source: str = "") -> PublishedStatistics:
    return rs.publish(counts, words(), title=TITLE, source=source)


def count_vault(
    vault: VaultService, start: dt.date, end: dt.date, today: dt.date | None = None
) -> Counts:
    """This vault's unsuppressed counts for the period (one audited read)."""
    check_period(start, end)
    today = today or dt.date.today()
    received_from = dt.datetime.combine(start, dt.time.min).astimezone()
    received_before = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min).astimezone()
    records = vault.statistics_rows(received_from, received_before, f"{start}..{end}")
    closures = frozenset(vault.settings().closure_days)
    return rs.count(figures_of(records, closures, today), start, end)


def compute(
    vault: VaultService, start: dt.date, end: dt.date, today: dt.date | None = None
) -> Statistics:
    """Count and publish, with the cyclic garbage collector paused: its full passes over the
    10,000 cases' objects held the interpreter lock, and so the GUI thread, for 40-55 ms
    (benchmarks/stats_bench.py). What this builds has no reference cycles."""
    from triage_desktop.services.reports_import import cyclic_gc_paused

    with cyclic_gc_paused():
        counts = count_vault(vault, start, end, today)
        return Statistics(counts, publish(counts))


# -- files --------------------------------------------------------------------------------------


def write_file(destination: Path, data: bytes) -> Path:
    """Write a new file readable by the officer alone; an existing file is never replaced
    (`vault.files.write_new_private`)."""
    from triage_desktop.vault.files import write_new_private

    return write_new_private(destination, data)


def _content(vault: VaultService | None, published: PublishedStatistics) -> Any:
    from triage_desktop.documents import content as dc
    from triage_desktop.documents.statistics import (
        StatisticsContent,
        StatisticsRow,
        StatisticsTable,
    )

    identity = None
    if vault is not None:
        from triage_desktop.services.documents_service import DocumentsService

        identity = DocumentsService(vault).signing_identity()
    return StatisticsContent(
        title=published.title,
        organisation=(identity.organisation if identity else "") or "The University",
        period=published.period,
        columns=published.columns,
        tables=tuple(
            StatisticsTable(
                t.title,
                t.note,
                tuple(
                    StatisticsRow(
                        r.label, r.cells, r.kind.value, r.values[-1] if r.values else None
                    )
                    for r in t.rows
                ),
                t.chart,
            )
            for t in published.tables
        ),
        rule=published.rule,
        document_id=dc.new_document_id(),
        source=published.source,
        prepared_by=(
            f"{identity.common_name}, {identity.role}".strip(", ") if identity is not None else ""
        ),
    )


def render_preview(published: PublishedStatistics) -> bytes:
    """The PDF exactly as it will be signed, unsigned, for the preview (never written)."""
    from triage_desktop.documents.statistics import render_statistics
    from triage_desktop.services.reports_import import cyclic_gc_paused

    with cyclic_gc_paused():  # as in `compute`: reportlab's objects, no cycles
        return render_statistics(_content(None, published)).data


def render_signed(vault: VaultService, published: PublishedStatistics) -> bytes:
    import dataclasses

    from triage_desktop.documents.errors import DocumentError
    from triage_desktop.documents.signing import sign_pdf
    from triage_desktop.documents.statistics import render_statistics
    from triage_desktop.services.documents_service import DocumentsService

    identity = DocumentsService(vault).signing_identity()
    if identity is None:
        raise StatisticsError(
            "There is no signing certificate yet: create one in Settings before exporting the "
            "signed PDF (CSV and JSON need none)."
        )
    from triage_desktop.services.reports_import import cyclic_gc_paused

    content = dataclasses.replace(_content(vault, published), audit_chain_head=vault.audit_head())
    try:
        with cyclic_gc_paused():
            return sign_pdf(render_statistics(content), identity, reason="Oversight statistics")
    except DocumentError as error:
        raise StatisticsError(str(error)) from error


def output_bytes(
    vault: VaultService | None, published: PublishedStatistics, chosen: Format
) -> bytes:
    if chosen is Format.CSV:
        return rs.to_csv(published).encode("utf-8")
    if chosen is Format.JSON:
        return rs.to_json(published).encode("utf-8")
    if vault is None:
        raise StatisticsError("A signed PDF needs the vault that holds your signing certificate.")
    return render_signed(vault, published)


def export(
    vault: VaultService, published: PublishedStatistics, chosen: Format, destination: Path
) -> Path:
    """Write the published statistics as a file (owner-only) and audit the export."""
    data = output_bytes(vault, published, chosen)
    write_file(destination, data)
    record_printed(vault, published, chosen, data)
    return destination


def record_printed(
    vault: VaultService, published: PublishedStatistics, chosen: Format, data: bytes
) -> None:
    """Audit published statistics leaving the vault (a file, or standard output)."""
    vault.record_report_export(
        f"{EXPORT_ACTION}:{chosen.value}",
        {"sha256": hashlib.sha256(data).hexdigest(), "period": published.period},
    )


def count_file_bytes(vault: VaultService, counts: Counts) -> bytes:
    from triage_desktop.documents.signed_counts import sign_counts
    from triage_desktop.services.documents_service import DocumentsService

    identity = DocumentsService(vault).signing_identity()
    if identity is None:
        raise StatisticsError(
            "There is no signing certificate yet: create one in Settings before exporting counts."
        )
    return sign_counts(counts.to_json(), identity, vault_id=vault.vault_id())


def export_counts(vault: VaultService, counts: Counts, destination: Path) -> Path:
    """The signed count file (unsuppressed counts, no case data), owner-only, audited."""
    data = count_file_bytes(vault, counts)
    write_file(destination, data)
    vault.record_report_export(
        COUNTS_ACTION,
        {
            "sha256": hashlib.sha256(data).hexdigest(),
            "from": str(counts.start),
            "to": str(counts.end),
        },
    )
    return destination


# -- merging --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CountFile:
    name: str
    verified: VerifiedCounts


@dataclass(frozen=True)
class Merged:
    statistics: Statistics
    files: tuple[CountFile, ...]

    @property
    def all_trusted(self) -> bool:
        return all(f.verified.trusted for f in self.files)


def read_count_file(
    name: str, data: bytes, trusted: Sequence[bytes] = ()
) -> tuple[CountFile, Counts]:
    from triage_desktop.documents.signed_counts import CountFileError, verify_counts

    try:
        verified = verify_counts(data, trusted)
        counts = Counts.from_json(verified.payload)
    except (CountFileError, CountsError) as error:
        raise StatisticsError(f"{name} was refused: {error}. Nothing was merged.") from None
    if trusted and not verified.trusted:
        raise StatisticsError(
            f"{name} was refused: it is signed by {verified.signer} ({verified.fingerprint}), "
            "who is not among the trusted certificates. Nothing was merged."
        )
    return CountFile(name, verified), counts


def merge_files(files: Sequence[tuple[str, bytes]], trusted: Sequence[bytes] = ()) -> Merged:
    """Several officers' count files, each verified, added up and published as one total."""
    if len(files) < 2:
        raise StatisticsError("Give at least two count files to merge.")
    read: list[CountFile] = []
    parts: list[Counts] = []
    vaults: dict[str, str] = {}
    for name, data in files:
        counted, counts = read_count_file(name, data, trusted)
        earlier = vaults.get(counted.verified.vault_id)
        if earlier is not None:
            raise StatisticsError(
                f"{name} was refused: it holds the counts of the same vault as {earlier} "
                f"(signed by {counted.verified.signer}), so they would be counted twice. "
                "Nothing was merged."
            )
        vaults[counted.verified.vault_id] = name
        read.append(counted)
        parts.append(counts)
    try:
        merged = rs.merge(parts)
    except CountsError as error:
        raise StatisticsError(f"The files cannot be merged: {error}. Nothing was merged.") from None
    source = (
        f"Added up from {len(read)} officers' count files, each signature verified. Disclosure "
        "control was applied to the total only."
    )
    return Merged(Statistics(merged, publish(merged, source)), tuple(read))


def describe_signers(merged: Merged) -> list[str]:
    """One line per file: who signed it and the certificate's fingerprint."""
    lines = []
    for counted in merged.files:
        verified = counted.verified
        trust = (
            "a trusted certificate"
            if verified.trusted
            else "the signer was not checked against a trusted certificate"
        )
        lines.append(
            f"{counted.name}: signed by {verified.signer} on {verified.signed_at:%d %B %Y} "
            f"({trust}; SHA-256 {verified.fingerprint})"
        )
    return lines
