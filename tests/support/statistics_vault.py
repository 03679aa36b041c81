"""A hand-built vault of 30 fictional cases for the statistics, made through the real services:
intake, first contact, signed triage meetings, and five reports imported from the Support and
Report tool. `EXPECTED` in tests/services/test_statistics.py is worked out by hand from `PLAN`.

Period 1 January to 30 June 2026: cases 0-14 in January-March, 15-29 in April-June.

| cases | connection | respondents | behaviours | came in | incident | contact | meeting |
|---|---|---|---|---|---|---|---|
| 0-4 | student | student | harassment | email | historical | met | informal, chosen |
| 5-9 | staff | student | harassment | email | recent | met | formal, agreed |
| 10-14 | student | staff | bullying | in person | recent | missed | none |
| 15-19 | student | student | harassment, stalking | email | historical | met | informal, chosen |
| 20 | student | staff | harassment, hate | phone | recent | met | formal, without consent |
| 21 | student | staff | harassment | email | recent | met | formal, without consent |
| 22 | student | staff | harassment | email | recent | met | formal, agreed |
| 23 | student | staff | harassment | email | recent | met | dismissed, agreed |
| 24 | student | staff | harassment | email | recent | met | no further action, chosen |
| 25, 26, 29 | staff | student, staff | bullying | imported: Physics | not known | missed | - |
| 27, 28 | other | student, staff | bullying | imported: Physics, anonymous | not known | n/a | - |

Working days from report to meeting: cases 0-9: 3 4 5 5 6 6 7 8 10 12; 15-24: 2 3 3 4 5 5 6 9
11 15. Names are fictional and in several scripts; none may reach a statistics output.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
from dataclasses import dataclass
from pathlib import Path

from tests.support.vaults import create_vault
from triage_desktop.cases.model import (
    CaseDetails,
    ContactMethod,
    FirstContact,
    Location,
    LocationKind,
    Reporter,
    ReporterStatus,
    ReportSource,
    Respondent,
    RespondentType,
)
from triage_desktop.meeting import Meeting, StepState
from triage_desktop.meeting import derived as d
from triage_desktop.meeting import schema as m
from triage_desktop.policy.calendar import add_working_days
from triage_desktop.services import meeting_service, reports_import
from triage_desktop.services.documents_service import DocumentsService
from triage_desktop.services.session import VaultService

START, END = dt.date(2026, 1, 1), dt.date(2026, 6, 30)
Q1_DAYS = [dt.date(2026, 1, d) for d in (5, 6, 7, 12, 13, 14, 19, 20, 21, 26, 27, 28)] + [
    dt.date(2026, 2, d) for d in (2, 3, 4)
]
Q2_DAYS = [dt.date(2026, 4, d) for d in (13, 14, 15, 20, 21, 22, 27, 28, 29)] + [
    dt.date(2026, 5, d) for d in (5, 6, 11, 12, 13, 18)
]
NAMES = [
    "Zoë Ångström", "Siobhán O'Brien", "مريم حداد", "张伟", "Дмитрий Иванов", "Νίκος Παπαδόπουλος",
    "अनीता शर्मा", "Olu Okafor", "Priya Nakamura", "José García", "Анна Müller", "李娜",
    "يوسف نصر", "Ελένη Sample", "राहुल Example",
]  # fmt: skip
RESPONDENT_NAMES = ["Sam Placeholder", "Dr Fictional", "王芳", "أحمد حداد", "Jordan Sample"]
MEETING_DAYS = [3, 4, 5, 5, 6, 6, 7, 8, 10, 12, 2, 3, 3, 4, 5, 5, 6, 9, 11, 15]
DESCRIPTION_MARK = "FREE-TEXT-MARKER-5512"


@dataclass(frozen=True)
class Planned:
    received: dt.date
    status: ReporterStatus
    respondents: tuple[RespondentType, ...]
    behaviours: tuple[str, ...]
    source: ReportSource
    incident: dt.date | None
    met: bool  # contacted within 2 working days (False: late)
    outcome: str = ""  # the signed decision; "" for no meeting
    consent: str = ""  # "chose", "agreed", "without"


def _plan() -> list[Planned]:
    student, staff = RespondentType.STUDENT, RespondentType.STAFF
    email = ReportSource.EMAIL
    plan = []
    for i, day in enumerate(Q1_DAYS):
        incident = dt.date(2025, 1, 10) if i < 5 else day - dt.timedelta(days=7)
        if i < 5:
            status, respondents, behaviours, source = (
                ReporterStatus.UNDERGRADUATE, (student,), ("harassment",), email
            )  # fmt: skip
            met, outcome, consent = True, "informal_resolution", "chose"
        elif i < 10:
            status, respondents, behaviours, source = (
                ReporterStatus.STAFF, (student,), ("harassment",), email
            )  # fmt: skip
            met, outcome, consent = True, "formal_process", "agreed"
        else:
            status, respondents, behaviours, source = (
                ReporterStatus.UNDERGRADUATE, (staff,), ("bullying",), ReportSource.IN_PERSON
            )  # fmt: skip
            met, outcome, consent = False, "", ""
        plan.append(
            Planned(day, status, respondents, behaviours, source, incident, met, outcome, consent)
        )
    decisions = {
        20: ("formal_process", "without"),
        21: ("formal_process", "without"),
        22: ("formal_process", "agreed"),
        23: ("dismiss", "agreed"),
        24: ("no_further_action", "chose"),
    }
    for i, day in enumerate(Q2_DAYS[:10], start=15):
        outcome, consent = decisions.get(i, ("informal_resolution", "chose"))
        behaviours: tuple[str, ...] = ("harassment", "stalking") if i < 20 else ("harassment",)
        if i == 20:
            behaviours = ("harassment", "hate_motivated_misconduct")
        plan.append(
            Planned(
                day,
                ReporterStatus.POSTGRADUATE_TAUGHT,
                (student,) if i < 20 else (staff,),
                behaviours,
                ReportSource.PHONE if i == 20 else email,
                dt.date(2025, 6, 1) if i < 20 else day - dt.timedelta(days=10),
                True,
                outcome,
                consent,
            )
        )
    return plan


PLAN = _plan()
IMPORTED_DAYS = Q2_DAYS[10:]  # cases 25-29
IMPORT_ROWS = [
    # source id, route, connection (blank: other)
    ("SR-STAT-25", "contact", "staff"),
    ("SR-STAT-26", "contact", "staff"),
    ("SR-STAT-27", "anonymous", ""),
    ("SR-STAT-28", "anonymous", ""),
    ("SR-STAT-29", "contact", "staff"),
]


def _details(i: int, planned: Planned) -> CaseDetails:
    return CaseDetails(
        received_at=dt.datetime.combine(planned.received, dt.time(10, 30), dt.UTC),
        source=planned.source,
        anonymous=False,
        reporter=Reporter(NAMES[i % len(NAMES)], planned.status, f"r{i}@example.ac.uk"),
        respondents=tuple(
            Respondent(kind, RESPONDENT_NAMES[(i + n) % len(RESPONDENT_NAMES)], "fictional")
            for n, kind in enumerate(planned.respondents)
        ),
        location=Location(LocationKind.ON_CAMPUS, "the library"),
        description=f"A fictional concern, case {i}. {DESCRIPTION_MARK}",
        policy_version="2.0",
        behaviour_categories=planned.behaviours,
        incident_dates=() if planned.incident is None else (planned.incident,),
    )


def _meeting(service: VaultService, case_id: int, planned: Planned, days: int) -> None:
    case = service.get_case(case_id)
    meeting = Meeting()
    d.seed_from_intake(meeting, case)
    for field in (m.CONFIDENTIALITY_EXPLAINED, m.LIMITS_EXPLAINED, m.CONSENT_TO_RECORD):
        meeting.set(field, True)
    preference = {"no_further_action": "no_further_action"}.get(planned.outcome, "informal")
    meeting.set(m.PREFERENCE, preference)
    meeting.set(m.DECISION, planned.outcome)
    meeting.set(m.DECISION_REASON, "Fictional reason for the decision.")
    if planned.consent == "agreed":
        meeting.set(m.REPORTER_AGREEMENT, "They agreed after we talked it through.")
    if planned.consent == "without":
        meeting.set(m.SAFEGUARDING_CONCERN, True)
        meeting.set(m.ACT_WITHOUT_CONSENT, True)
        meeting.set(m.WITHOUT_CONSENT_JUSTIFICATION, "A fictional safeguarding concern.")
    if planned.outcome in ("dismiss", "alternative_process"):
        meeting.set(m.REPORTER_EXPLANATION, "A fictional explanation for the letter.")
    for step in m.STEPS:
        meeting.states[step] = StepState.DONE
    meeting.meeting_on = add_working_days(planned.received, days)
    meeting_service.sign_summary(service, case_id, meeting)


def _import(service: VaultService, folder: Path) -> list[int]:
    header = (
        "schema_version,source_report_id,submitted_at,route,reporter_connection,incident_types,"
        "department,description,contact_name"
    )
    lines = [header]
    for (source_id, route, connection), day in zip(IMPORT_ROWS, IMPORTED_DAYS, strict=True):
        name = "" if route == "anonymous" else "Ángel Importado"
        lines.append(
            f"1,{source_id},{day.isoformat()}T10:30:00+01:00,{route},{connection},bullying,"
            f"Physics,A fictional imported report {DESCRIPTION_MARK},{name}"
        )
    path = folder / "export.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = reports_import.run_import(service, reports_import.plan_import(service, path))
    path.unlink()
    return [service.case_id_for(reference) for _source, reference in result.outcome.created]


def build(folder: Path) -> VaultService:
    """The 30-case vault, unlocked (cheap key derivation, no keychain)."""
    service, _recovery = create_vault(folder, use_keychain=False)
    DocumentsService(service).set_up_identity(
        "Officer Fictional", "Dignity and Respect Liaison and Resolution Officer", "University"
    )
    for i, planned in enumerate(PLAN):
        case = service.create_case(_details(i, planned))
        assert case.contact_by is not None
        late = planned.received + dt.timedelta(days=6)
        contact = planned.received + dt.timedelta(days=1) if planned.met else late
        service.record_first_contact(case.id, FirstContact(contact, ContactMethod.EMAIL))
        if planned.outcome:
            _meeting(service, case.id, planned, MEETING_DAYS[i if i < 10 else i - 5])
    for case_id, (_source, route, _connection), day in zip(
        _import(service, folder.parent), IMPORT_ROWS, IMPORTED_DAYS, strict=True
    ):
        case = service.get_case(case_id)
        both = (
            Respondent(RespondentType.STUDENT, "Sam Placeholder"),
            Respondent(RespondentType.STAFF, "Dr Fictional"),
        )
        service.update_case(case_id, dataclasses.replace(case.details, respondents=both))
        if route != "anonymous":
            late = FirstContact(day + dt.timedelta(days=6), ContactMethod.PHONE)
            service.record_first_contact(case_id, late)
    return service


def copy_of(built: Path, destination: Path) -> Path:
    """A copy of a locked built vault (each test changes its own)."""
    shutil.copytree(built, destination)
    return destination
