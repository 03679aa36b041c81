"""A vault where one fictional person, Zoë Ångström, is named in three cases in three roles,
made through the real services; every other name is a third party, in several scripts.

- case A: she raised the concern (a signed meeting: a supporter came with her, a head of
  department may be told, internal risk notes carry RISK_MARK);
- case B: the concern is about her (her name typed without accents, in capitals);
- case C: she is named as a witness in the account;
- case D: she is not in it at all.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from tests.support.vaults import create_vault
from triage_desktop.cases.model import (
    Case,
    CaseDetails,
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
from triage_desktop.services import meeting_service
from triage_desktop.services.documents_service import DocumentsService
from triage_desktop.services.session import VaultService

REQUESTER = "Zoë Ångström"
RISK_MARK = "RISK-NOTE-MARKER-3318"
SUPPORTER = "Jordan Sample"
RESPONDENT_A = "Sam Placeholder"
REPORTER_B = "مريم حداد"
REPORTER_C = "张伟"
RESPONDENT_C = "Дмитрий Иванов"
OTHER_D = "Νίκος Παπαδόπουλος"
THIRD_PARTIES = (SUPPORTER, RESPONDENT_A, REPORTER_B, REPORTER_C, RESPONDENT_C, "Priya Okafor")


@dataclass(frozen=True)
class Built:
    service: VaultService
    a: Case
    b: Case
    c: Case
    d: Case


def _details(
    reporter: str,
    respondents: tuple[tuple[RespondentType, str, str], ...],
    description: str,
    received: dt.date,
) -> CaseDetails:
    return CaseDetails(
        received_at=dt.datetime.combine(received, dt.time(10), dt.UTC),
        source=ReportSource.EMAIL,
        anonymous=False,
        reporter=Reporter(reporter, ReporterStatus.UNDERGRADUATE, "reporter@example.ac.uk"),
        respondents=tuple(Respondent(kind, name, note) for kind, name, note in respondents),
        location=Location(LocationKind.ON_CAMPUS, "the library"),
        description=description,
        policy_version="2.0",
        behaviour_categories=("harassment",),
    )


def build(folder: Path) -> Built:
    service, _ = create_vault(folder, use_keychain=False)
    DocumentsService(service).set_up_identity(
        "Officer Fictional", "Dignity and Respect Liaison and Resolution Officer", "University"
    )
    a = service.create_case(
        _details(
            REQUESTER,
            ((RespondentType.STUDENT, RESPONDENT_A, "same course"),),
            f"{RESPONDENT_A} kept sending messages to me after the seminar. Priya Okafor saw "
            "some of them.",
            dt.date(2026, 3, 2),
        )
    )
    b = service.create_case(
        _details(
            REPORTER_B,
            ((RespondentType.STUDENT, "ZOE ANGSTROM", "a student in the same flat"),),
            f"{REPORTER_B} says that Zoe Angstrom shouted at her in the kitchen.",
            dt.date(2026, 4, 7),
        )
    )
    c = service.create_case(
        _details(
            REPORTER_C,
            ((RespondentType.STAFF, RESPONDENT_C, "a tutor"),),
            f"{RESPONDENT_C} made remarks about my accent; my friend zoë ångström heard it.",
            dt.date(2026, 5, 12),
        )
    )
    d_case = service.create_case(
        _details(
            OTHER_D,
            ((RespondentType.STAFF, "Dr Fictional", "a manager"),),
            "Nothing to do with anyone above.",
            dt.date(2026, 5, 19),
        )
    )
    meeting = Meeting()
    d.seed_from_intake(meeting, service.get_case(a.id))
    for item in (m.CONFIDENTIALITY_EXPLAINED, m.LIMITS_EXPLAINED, m.CONSENT_TO_RECORD):
        meeting.set(item, True)
    meeting.set(m.ATTENDEES, [{"name": SUPPORTER, "role": "supporter"}])
    meeting.set(
        m.REPORTER_WORDS, f"I felt unsafe; {RESPONDENT_A} waited outside. شكرا — 他总是这样"
    )
    meeting.set(m.OFFICER_SUMMARY, "Repeated unwanted messages over three weeks.")
    meeting.set(m.RISK_COMMENT.field("shared_course", ""), f"Same seminar group {RISK_MARK}")
    meeting.set(m.RISK_ANSWER.field("shared_course", ""), "yes")
    meeting.set(m.PRECAUTIONS, f"Ask the department to change the seminar group {RISK_MARK}")
    meeting.set(m.PREFERENCE, "informal")
    meeting.set(m.SHARING, [{"party": "Head of Department", "what": "That a concern was raised"}])
    meeting.set(m.DECISION, "informal_resolution")
    for step in m.STEPS:
        meeting.states[step] = StepState.DONE
    meeting.meeting_on = dt.date(2026, 3, 6)
    meeting_service.sign_summary(service, a.id, meeting)
    return Built(service, a, b, c, d_case)
