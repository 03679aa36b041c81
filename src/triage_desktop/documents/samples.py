"""Fictional sample documents: for tests, benchmarks, previews and the demo. No real person."""

from __future__ import annotations

import datetime as dt

from triage_desktop.documents.content import (
    Amendment,
    Attendee,
    ChecklistItem,
    ChecklistStep,
    Consent,
    LetterContent,
    Letterhead,
    LetterKind,
    MeetingProposal,
    NextStep,
    OptionExplained,
    Person,
    RiskAnswer,
    RiskAssessment,
    RouteShown,
    SummaryContent,
    SupportContact,
    SupportOffer,
    WithoutConsent,
)

LETTERHEAD = Letterhead(
    organisation="University of Bath",
    service="Support and Report Service",
    address_lines=("Claverton Down", "Bath BA2 7AY"),
    email="supportandreport@bath.ac.uk",
)
OFFICER = Person("Zoë Ångström", "Dignity and Respect Liaison and Resolution Officer")
SIGNPOSTING = (
    SupportContact(
        "Student Support",
        "wellbeing advice, counselling and practical help",
        "bath.ac.uk/student-support",
    ),
    SupportContact(
        "SU Advice and Support",
        "independent advice from the Students' Union",
        "thesubath.com/advice",
    ),
    SupportContact(
        "Nightline", "listening service run by students, every night of term", "01225 386622"
    ),
    SupportContact(
        "Rape Crisis helpline", "free and confidential, 24 hours a day", "0808 500 2222"
    ),
    SupportContact(
        "Your academic adviser",
        "can listen, and help you reach the Support and Report Service",
        confidential=False,
    ),
)
# The recommendation in words, as the meeting service gives it (`SummaryContent.routes`).
ROUTES = (
    RouteShown(
        respondent="Respondent 1 (a student)",
        recommended="Referral to the informal resolution approach",
        procedures=("Dignity and Respect Informal Resolution Approach for Staff and Students",),
        flags=("A historical report: the earliest incident is more than six months old",),
        rationale=(
            "The reporter prefers an informal approach (Appendix B, 3).",
            "The respondent is a student, so the informal route is the Informal Resolution "
            "Approach (Appendix C).",
            "No safeguarding concern or significant risk was identified, so the reporter's choice "
            "stands.",
        ),
        policy_version="2.0",
    ),
)
WITHOUT_CONSENT = WithoutConsent(
    asked_for="no further action to be taken for now",
    ground=(
        "what you told me means that someone may not be safe, and the University has a duty "
        "to act to keep people safe"
    ),
    asked_of_you=("Nothing for now: the people running the process will contact you first.",),
    not_asked_of_you=(
        "You are not being asked to give a statement.",
        "You do not have to attend any meeting unless you choose to.",
    ),
)


def sample_summary(
    reporter: str = "محمد الأحمد", case_reference: str = "DR-2026-0042", document_id: str = ""
) -> SummaryContent:
    day = dt.date(2026, 4, 8)
    return SummaryContent(
        case_reference=case_reference,
        document_id=document_id or "6f1c2b9e-4d7a-4e55-9c1e-2a8d3b7f0c11",
        organisation=LETTERHEAD.organisation,
        officer=OFFICER,
        reported_on=dt.date(2026, 4, 2),
        contact_by=dt.date(2026, 4, 8),
        contacted_on=dt.date(2026, 4, 7),
        meeting_on=day,
        attendees=(
            Attendee(reporter, "reporter"),
            Attendee(OFFICER.name, "officer"),
            Attendee("张伟", "supporter", "a friend chosen by the reporter"),
        ),
        adjustments=("Meeting room on the ground floor; breaks offered every 20 minutes.",),
        steps=(
            ChecklistStep("Welcome and confidentiality", "done"),
            ChecklistStep("Support and referrals", "done"),
            ChecklistStep("Options explained", "done"),
            ChecklistStep("Risk to safety and wellbeing", "done"),
            ChecklistStep("Agree next steps", "in_progress"),
            ChecklistStep(
                "Evidence the reporter holds", "skipped", "the reporter asked to leave it"
            ),
        ),
        items=(
            ChecklistItem("Explained who sees the record", "done"),
            ChecklistItem("Explained the formal route", "done"),
            ChecklistItem("Offered a supporter at later meetings", "skipped"),
        ),
        support=(
            SupportOffer("Student Support", "referral made", "appointment requested"),
            SupportOffer("Nightline", "offered"),
            SupportOffer("SU Advice and Support", "declined"),
        ),
        options=(
            OptionExplained("Informal resolution", True, True),
            OptionExplained("Formal process (Student Regulation 7)", True, True),
            OptionExplained("Reporting to the police", True, False, "information sheet given"),
        ),
        risk=RiskAssessment(
            level="low",
            computed_level="low",
            answers=(
                RiskAnswer("Is the reporter in immediate danger?", "no"),
                RiskAnswer("Does the respondent share accommodation?", "no"),
                RiskAnswer("Is anyone else at risk?", "no", "none known"),
            ),
        ),
        reporter_preference="Informal resolution; wants the behaviour to stop.",
        routes=ROUTES,
        officer_decision="informal_resolution",
        decision_words="Referral to the informal resolution approach",
        consent=Consent("reporter_chose"),
        override_reason="",
        next_steps=(
            NextStep("Officer", "Refer to the Informal Resolution Approach", dt.date(2026, 4, 10)),
            NextStep("Reporter", "Book an appointment with Student Support", dt.date(2026, 4, 15)),
        ),
        follow_up_on=dt.date(2026, 4, 22),
        amendments=(
            Amendment(
                dt.datetime(2026, 4, 8, 11, 40, tzinfo=dt.UTC),
                "Preference",
                "Formal process",
                "Informal resolution",
                "the reporter corrected it at read-back",
            ),
        ),
        audit_chain_head="9b2f0c4e5d6a7b8c9d0e1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e",
        generated_at=dt.datetime(2026, 4, 8, 12, 5, tzinfo=dt.UTC),
    )


EXPLANATIONS = {
    LetterKind.ALTERNATIVE_PROCESS: (
        "What happened took place in the Library, which has its own rules of conduct for "
        "everyone who uses it. The behaviour you described is being looked at by the Library "
        "under those rules, which can act on it more quickly."
    ),
    LetterKind.DISMISSAL: (
        "Everything you described happened before either of you joined the University, so it "
        "falls outside what the policy can act on. This is not a judgement about what you went "
        "through."
    ),
}


def sample_letter(
    kind: LetterKind = LetterKind.INFORMAL_RESOLUTION, recipient: str = "محمد الأحمد"
) -> LetterContent:
    procedures = {
        LetterKind.INFORMAL_RESOLUTION: (
            "Dignity and Respect Informal Resolution Approach for Staff and Students",
        ),
        LetterKind.FORMAL_PROCESS: ("Student Regulation 7 and the Student Discipline Procedure",),
    }.get(kind, ())
    return LetterContent(
        kind=kind,
        letterhead=LETTERHEAD,
        recipient_name=recipient,
        recipient_address=("Flat 3, Eastwood House", "Bath BA2 7XX"),
        letter_date=dt.date(2026, 4, 3) if kind is LetterKind.INVITATION else dt.date(2026, 4, 9),
        case_reference="DR-2026-0042",
        officer=OFFICER,
        signposting=SIGNPOSTING,
        meeting_date=dt.date(2026, 4, 8),
        meeting=MeetingProposal(
            options=(
                dt.datetime(2026, 4, 8, 10, 0),
                dt.datetime(2026, 4, 9, 14, 30),
            ),
            location="Room 2.14, 4 West (step-free access), or online if you prefer",
            reply_by=dt.date(2026, 4, 7),
        ),
        procedures=procedures,
        next_steps=(
            NextStep(
                "I",
                "refer your concern to the Informal Resolution Approach",
                dt.date(2026, 4, 10),
            ),
            NextStep("You", "book an appointment with Student Support", dt.date(2026, 4, 15)),
        ),
        outcome_explanation=EXPLANATIONS.get(kind, ""),
        follow_up_date=dt.date(2026, 4, 22),
        document_id="0d5e8c3a-1b2f-4a6d-8e9c-7f0a1b2c3d4e",
    )
