"""The demo's one complete, fictional triage, through the same calls the meeting screen makes:
open the meeting, answer through the schema's fields step by step, save, read the draft, sign
the summary, sign the letter.

Nothing here is written to disk except by the vault (encrypted) and the explicit exports the
demo command asks for. Every name is invented.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from triage_desktop.cases import model as cm
from triage_desktop.meeting import STEPS, Meeting, Step, StepState
from triage_desktop.meeting import schema as m
from triage_desktop.services import meeting_service as ms
from triage_desktop.services.documents_service import DocumentsService
from triage_desktop.services.session import OfficerProfile, VaultService

OFFICER_NAME = "Zoë Ångström"
OFFICER_ROLE = "Dignity and Respect Liaison and Resolution Officer"
ORGANISATION = "University of Bath"
REPORTERS = ("محمد الأحمد", "张伟", "Siobhán Ó Briain")
RECEIVED = dt.datetime(2026, 4, 2, 10, 30, tzinfo=dt.UTC)
CONTACTED = dt.date(2026, 4, 7)


def _risk(question: str) -> m.Field:
    return m.RISK_ANSWER.field(question, "")


# The officer's answers, step by step, as the meeting screen records them.
ANSWERS: tuple[tuple[Step, m.Field, Any], ...] = (
    (Step.OPENING, m.CONFIDENTIALITY_EXPLAINED, True),
    (Step.OPENING, m.LIMITS_EXPLAINED, True),
    (Step.OPENING, m.CONSENT_TO_RECORD, True),
    (Step.OPENING, m.ATTENDEES, [{"name": "Siobhán Ó Briain", "role": "supporter"}]),
    (Step.OPENING, m.ADJUSTMENTS, "Ground-floor room\nA break offered every 20 minutes"),
    (Step.OPENING, _risk("safe_now"), "yes"),
    (Step.OPENING, _risk("immediate_danger"), "no"),
    (Step.OPENING, _risk("medical_need"), "no"),
    (Step.SUPPORT, m.SUPPORT_OFFER.field("support_and_report", ""), "referral made"),
    (Step.SUPPORT, m.SUPPORT_OFFER.field("student_support_advice", ""), "offered"),
    (Step.ACCOUNT, m.REPORTER_WORDS, "He makes remarks about my accent in every seminar."),
    (Step.ACCOUNT, m.SEVERITY, "medium"),
    (Step.OPTIONS, m.OPTION_EXPLAINED.field("informal", ""), True),
    (Step.OPTIONS, m.OPTION_QUESTIONS.field("informal", ""), True),
    (Step.OPTIONS, m.OPTION_EXPLAINED.field("formal", ""), True),
    (Step.RISK, _risk("shared_accommodation"), "no"),
    (Step.RISK, _risk("shared_course"), "yes"),
    (Step.RISK, m.RISK_COMMENT.field("shared_course", ""), "same seminar group on Tuesdays"),
    (Step.RISK, _risk("threats_made"), "no"),
    (Step.RISK, _risk("escalating"), "no"),
    (Step.RISK, _risk("mental_health_crisis"), "no"),
    (Step.RISK, _risk("self_harm_or_suicidal_thoughts"), "no"),
    (Step.RISK, _risk("risk_to_others"), "no"),
    (Step.PREFERENCE, m.PREFERENCE, "informal"),
    (Step.PREFERENCE, m.PREFERENCE_IN_THEIR_WORDS, "I want the remarks in seminars to stop."),
    (Step.PREFERENCE, m.SHARING, [{"party": "Head of Department", "what": "A concern was raised"}]),
    (
        Step.NEXT_STEPS,
        m.NEXT_STEPS,
        [
            {
                "owner": "officer",
                "action": "Refer the concern to the Informal Resolution Approach",
                "due": "2026-12-04",
                "shared": True,
            },
            {
                "owner": "reporter",
                "action": "Book an appointment with Student Support",
                "due": "2026-12-08",
                "shared": True,
            },
            {
                "owner": "officer",
                "action": "Ask the department about seminar group changes",
                "due": "2026-12-03",
                "shared": False,
            },
        ],
    ),
    (Step.NEXT_STEPS, m.FOLLOW_UP, "2026-12-15"),
)


@dataclass(frozen=True)
class DemoResult:
    summary_pdf: Path
    letter_pdf: Path
    certificate: Path
    recovery_key: str
    case_references: tuple[str, ...]


def _details(reporter: str, description: str) -> cm.CaseDetails:
    return cm.CaseDetails(
        received_at=RECEIVED,
        source=cm.ReportSource.REPORT_AND_SUPPORT,
        anonymous=False,
        reporter=cm.Reporter(reporter, cm.ReporterStatus.UNDERGRADUATE, "student@example.ac.uk"),
        respondents=(cm.Respondent(cm.RespondentType.STUDENT, "Alex Placeholder"),),
        location=cm.Location(cm.LocationKind.ON_CAMPUS, "library"),
        description=description,
        policy_version="2.0",
        behaviour_categories=("harassment",),
        incident_dates=(dt.date(2026, 3, 30),),
    )


def hold_the_meeting(vault: VaultService, case_id: int) -> tuple[ms.Signed, ms.Signed]:
    """One meeting from opening to the signed letter, exactly as the screen drives it."""
    meeting: Meeting = ms.open_meeting(vault, case_id).meeting
    for step, field, value in ANSWERS:
        meeting.current_step = step
        meeting.set(field, value)
        meeting.touch(step)
        ms.save(vault, case_id, meeting)  # the screen saves within half a second of each answer
    for step in STEPS:
        meeting.states[step] = StepState.DONE
    meeting.current_step = Step.REVIEW
    ms.render_draft(vault, case_id, meeting)  # the review step shows the draft first
    from triage_desktop.meeting import Amendment

    meeting.amendments.append(
        Amendment(
            dt.datetime.now(dt.UTC),
            "Preference",
            "Formal process",
            "Informal approach",
            "corrected by the reporter at read-back",
        )
    )
    ms.save(vault, case_id, meeting)
    summary = ms.sign_summary(vault, case_id, meeting)
    return summary, ms.sign_letter(vault, case_id, summary.meeting)


def run_demo(out: Path, passphrase: str) -> DemoResult:
    """Create the vault in out/vault, run one triage, export the two PDFs and the certificate."""
    vault = VaultService(out / "vault")
    officer = OfficerProfile(OFFICER_NAME, cm.OfficerRole.DRLRO, "officer@example.ac.uk")
    recovery = vault.create(officer, passphrase, use_keychain=False)
    try:
        documents = DocumentsService(vault)
        documents.set_up_identity(OFFICER_NAME, OFFICER_ROLE, ORGANISATION)
        cases = [
            vault.create_case(_details(name, "A fictional concern about remarks in seminars."))
            for name in REPORTERS
        ]
        case = cases[0]
        vault.record_first_contact(case.id, cm.FirstContact(CONTACTED, cm.ContactMethod.EMAIL))
        summary, letter = hold_the_meeting(vault, case.id)
        summary_pdf = vault.export_document(
            summary.document.id, out / f"triage-summary-{case.reference}.pdf"
        )
        letter_pdf = vault.export_document(letter.document.id, out / f"letter-{case.reference}.pdf")
        certificate = out / "officer-certificate.pem"
        certificate.write_bytes(documents.certificate_pem())
        return DemoResult(
            summary_pdf, letter_pdf, certificate, recovery, tuple(c.reference for c in cases)
        )
    finally:
        vault.lock()
