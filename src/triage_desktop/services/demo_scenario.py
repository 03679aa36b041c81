"""The demo's one complete, fictional triage: through the real policy engine, vault and documents.

Nothing here is written to disk except by the vault (encrypted) and the explicit exports the
demo command asks for. Every name is invented.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from triage_desktop.cases import model as cm
from triage_desktop.documents import content as dc
from triage_desktop.services.documents_service import DocumentsService
from triage_desktop.services.session import OfficerProfile, VaultService

OFFICER_NAME = "Zoë Ångström"
OFFICER_ROLE = "Dignity and Respect Liaison and Resolution Officer"
ORGANISATION = "University of Bath"
REPORTERS = ("محمد الأحمد", "张伟", "Siobhán Ó Briain")
LETTERHEAD = dc.Letterhead(
    organisation=ORGANISATION,
    service="Support and Report Service",
    address_lines=("Claverton Down", "Bath BA2 7AY"),
    email="supportandreport@bath.ac.uk",
)
RECEIVED = dt.datetime(2026, 4, 2, 10, 30, tzinfo=dt.UTC)
CONTACTED = dt.date(2026, 4, 7)
MEETING = dt.date(2026, 4, 8)
RISK_ANSWERS = (
    ("safe_now", "yes", ""),
    ("immediate_danger", "no", ""),
    ("medical_need", "no", ""),
    ("shared_accommodation", "no", ""),
    ("shared_course", "yes", "same seminar group on Tuesdays"),
    ("threats_made", "no", ""),
    ("escalating", "no", ""),
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


def _summary(case: cm.Case, document_id: str) -> tuple[dc.SummaryContent, str]:
    from triage_desktop.policy.catalogue import load_policy
    from triage_desktop.policy.facts import CaseFacts
    from triage_desktop.policy.risk import RiskAnswer, assess
    from triage_desktop.policy.routing import recommend

    policy = load_policy("2.0")
    risk = assess(
        [RiskAnswer(q, a, c) for q, a, c in RISK_ANSWERS],  # type: ignore[arg-type]
        policy=policy,
    )
    facts = CaseFacts(
        reported_on=RECEIVED.date(),
        respondent="student",
        preference="informal",
        incident_on=dt.date(2026, 3, 30),
        severity="medium",
        risk=risk.level,
        safeguarding_concern=risk.safeguarding,
    )
    routing = recommend(facts, policy)
    shown_routing = routing.to_dict()  # procedures by name, as the officer and reporter read them
    shown_routing["procedures"] = [policy.procedure(p).name for p in routing.procedures]
    reporter = case.details.reporter.name
    student_support = policy.support.for_audience("students")
    offers = tuple(
        dc.SupportOffer(s.name, "referral made" if i == 0 else "offered")
        for i, s in enumerate(student_support[:3])
    )
    summary = dc.SummaryContent(
        case_reference=case.reference,
        document_id=document_id,
        organisation=ORGANISATION,
        officer=dc.Person(OFFICER_NAME, OFFICER_ROLE),
        reported_on=RECEIVED.date(),
        contact_by=case.contact_by or RECEIVED.date(),
        contacted_on=CONTACTED,
        meeting_on=MEETING,
        attendees=(
            dc.Attendee(reporter, "reporter"),
            dc.Attendee(OFFICER_NAME, "officer"),
            dc.Attendee("Siobhán Ó Briain", "friend, chosen by the reporter"),
        ),
        adjustments=("Ground-floor room; a break offered every 20 minutes.",),
        steps=(
            dc.ChecklistStep("Welcome, confidentiality and who sees the record", "done"),
            dc.ChecklistStep("Support and referrals", "done"),
            dc.ChecklistStep("Options explained", "done"),
            dc.ChecklistStep("Risk to safety and wellbeing", "done"),
            dc.ChecklistStep("Agree next steps", "done"),
            dc.ChecklistStep("Evidence the reporter holds", "skipped", "to discuss later"),
        ),
        items=(),
        support=offers,
        options=tuple(dc.OptionExplained(o.title, True, True) for o in policy.options),
        risk=dc.RiskAssessment(
            level=risk.level,
            computed_level=risk.computed_level,
            override_reason=risk.override_reason,
            safeguarding_concern=risk.safeguarding,
            answers=tuple(
                dc.RiskAnswer(policy.risk.question(a.question_id).text, a.answer, a.comment)
                for a in risk.answers
            ),
        ),
        acts_without_consent=routing.acts_without_consent,
        without_consent_justification="",
        reporter_preference="Informal resolution: wants the remarks in seminars to stop.",
        routing=shown_routing,
        officer_decision=routing.action,
        override_reason="",
        next_steps=(
            dc.NextStep(
                "Officer",
                "Refer the concern to the Informal Resolution Approach",
                MEETING + dt.timedelta(days=2),
            ),
            dc.NextStep(
                "Reporter",
                "Book an appointment with Student Support",
                MEETING + dt.timedelta(days=7),
            ),
            dc.NextStep(
                "Officer",
                "Ask the department about seminar group changes",
                MEETING + dt.timedelta(days=3),
                shared=False,
            ),
        ),
        follow_up_on=MEETING + dt.timedelta(days=14),
        amendments=(
            dc.Amendment(
                dt.datetime.combine(MEETING, dt.time(11, 40), dt.UTC),
                "Preference",
                "Formal process",
                "Informal resolution",
                "corrected by the reporter at read-back",
            ),
        ),
        audit_chain_head="",  # stamped at signing
    )
    return summary, routing.action


def run_demo(out: Path, passphrase: str) -> DemoResult:
    """Create the vault in out/vault, run one triage, export the two PDFs and the certificate."""
    from triage_desktop.documents.mapping import letter_from_summary
    from triage_desktop.policy.catalogue import load_policy

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
        summary, action = _summary(case, dc.new_document_id())
        vault.save_meeting(
            case.id, step="complete", state="signed", record={"preference": "informal"}
        )
        vault.save_next_steps(
            case.id,
            [cm.NextStep(s.action, s.owner, s.due) for s in summary.next_steps],
        )
        stored_summary, _ = documents.sign_summary(case.id, summary)
        signposting = tuple(
            dc.SupportContact(s.name, s.description, s.contact)
            for s in load_policy("2.0").support.for_audience("students")
        )
        letter = letter_from_summary(
            summary,
            dc.letter_kind_for_action(action),
            letterhead=LETTERHEAD,
            recipient_name=case.details.reporter.name,
            signposting=signposting,
            letter_date=MEETING + dt.timedelta(days=1),
            document_id=dc.new_document_id(),
        )
        stored_letter, _ = documents.sign_letter(case.id, letter)
        summary_pdf = vault.export_document(
            stored_summary.id, out / f"triage-summary-{case.reference}.pdf"
        )
        letter_pdf = vault.export_document(stored_letter.id, out / f"letter-{case.reference}.pdf")
        certificate = out / "officer-certificate.pem"
        certificate.write_bytes(documents.certificate_pem())
        return DemoResult(
            summary_pdf, letter_pdf, certificate, recovery, tuple(c.reference for c in cases)
        )
    finally:
        vault.lock()
