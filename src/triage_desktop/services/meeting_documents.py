"""The summary and the outcome letter, built from the meeting record (pure; no vault).

The summary is the internal triage record; the letter is derived from it through the documents
layer's allow-list (`documents.mapping.letter_from_summary`), so nothing internal reaches it.
"""

from __future__ import annotations

import datetime as dt

from triage_desktop.cases.model import Case
from triage_desktop.documents import content as dc
from triage_desktop.meeting import STEP_TITLES, STEPS, Meeting, StepState
from triage_desktop.meeting import derived as d
from triage_desktop.meeting import schema as m
from triage_desktop.policy.model import Policy, SupportDirectory
from triage_desktop.services.meeting_content import (
    RespondentRoute,
    Routing,
    asked_for_words,
    decided_procedures,
    ground_for_the_record,
    ground_words,
    route_words,
    routing,
    support_services,
)

SERVICE_NAME = "Support and Report Service"


def _step_state(meeting: Meeting, step: m.Step) -> dc.StepState:
    state = meeting.states[step]
    if state is StepState.DONE:
        return "done"
    return "in_progress" if state is StepState.IN_PROGRESS else "skipped"


def _checklist_items(meeting: Meeting, policy: Policy) -> tuple[dc.ChecklistItem, ...]:
    ticks = (
        m.CONFIDENTIALITY_EXPLAINED,
        m.LIMITS_EXPLAINED,
        m.CONSENT_TO_RECORD,
        m.PRECAUTIONS_CONSIDERED,
    )
    found = [dc.ChecklistItem(f.label, "yes" if meeting.flag(f) else "no") for f in ticks]
    for field, state in (
        (m.RESPONDENT_WHEREABOUTS, "noted"),
        (m.PRECAUTIONS, "noted"),
        (m.REPORTER_WORDS, "recorded"),
        (m.OFFICER_SUMMARY, "recorded"),
        (m.WHERE, "recorded"),
        (m.WHEN, "recorded"),
    ):
        if meeting.text(field):
            found.append(dc.ChecklistItem(field.label, state, meeting.text(field)))
    first = meeting.date(m.FIRST_INCIDENT)
    if first is not None:
        found.append(dc.ChecklistItem(m.FIRST_INCIDENT.label, "recorded", first.isoformat()))
    behaviours = d.behaviours(meeting, policy)
    if behaviours:
        found.append(dc.ChecklistItem("Behaviour categories", "recorded", ", ".join(behaviours)))
    for party, what in d.sharing(meeting):
        found.append(dc.ChecklistItem(f"May be told: {party}", "consent recorded", what))
    return tuple(found)


def summary_content(
    case: Case,
    meeting: Meeting,
    policy: Policy,
    directory: SupportDirectory,
    *,
    officer: dc.Person,
    organisation: str,
    document_id: str,
    meeting_on: dt.date,
    draft: bool = False,
) -> dc.SummaryContent:
    route = routing(case, meeting, policy)
    risk = route.risk
    reporter = case.details.reporter.name or "The reporter"
    attendees = (
        dc.Attendee(reporter, "reporter"),
        *(dc.Attendee(name, role) for name, role in d.attendees(meeting)),
        dc.Attendee(officer.name, "officer"),
    )
    support = tuple(
        dc.SupportOffer(service.name, meeting.text(m.SUPPORT_OFFER.field(service.id, "")), note)  # type: ignore[arg-type]
        for service, _words, note in d.offers(meeting, support_services(case, meeting, directory))
    )
    options = tuple(
        dc.OptionExplained(
            o.title,
            meeting.flag(m.OPTION_EXPLAINED.field(o.id, "")),
            meeting.flag(m.OPTION_QUESTIONS.field(o.id, "")),
        )
        for o in policy.options
    )
    received = case.details.received_at.astimezone().date()
    return dc.SummaryContent(
        case_reference=case.reference,
        document_id=document_id,
        organisation=organisation,
        officer=officer,
        reported_on=received,
        contact_by=case.contact_by or received,
        contacted_on=None if case.first_contact is None else case.first_contact.on,
        meeting_on=meeting_on,
        attendees=attendees,
        adjustments=d.adjustments(meeting),
        steps=tuple(dc.ChecklistStep(STEP_TITLES[s], _step_state(meeting, s)) for s in STEPS),
        items=_checklist_items(meeting, policy),
        support=support,
        options=options,
        risk=dc.RiskAssessment(
            level=risk.level,
            computed_level=risk.computed_level,
            override_reason=risk.override_reason,
            safeguarding_concern=risk.safeguarding,
            answers=tuple(
                dc.RiskAnswer(
                    policy.risk.question(a.question_id).text,
                    m.RISK_ANSWER.words_for(a.answer),
                    a.comment,
                )
                for a in risk.answers
            ),
        ),
        reporter_preference=_preference_line(meeting, policy),
        routes=tuple(_route_shown(r, policy) for r in route.routes),
        officer_decision=route.decision,
        decision_words=policy.outcome(route.decision).name if route.decision else "",
        override_reason=route.reason if route.differs else "",
        next_steps=tuple(
            dc.NextStep(s.owner, s.action, s.due, s.shared) for s in d.next_steps(meeting)
        ),
        follow_up_on=meeting.date(m.FOLLOW_UP),
        amendments=tuple(
            dc.Amendment(a.when, a.what, a.before, a.after, a.reason) for a in meeting.amendments
        ),
        audit_chain_head="",
        consent=_consent(meeting, route),
        safety=_safety(meeting, policy),
        draft=draft,
    )


def _route_shown(route: RespondentRoute, policy: Policy) -> dc.RouteShown:
    words = route_words(route, policy)
    advice = route.recommendation
    return dc.RouteShown(
        respondent=words.respondent,
        recommended=words.action,
        procedures=words.procedures,
        escalations=words.escalations,
        flags=words.flags,
        rationale=advice.rationale,
        policy_version=words.policy_version,
        acts_without_consent=advice.acts_without_consent,
        needs_reporter_agreement=advice.needs_reporter_agreement,
    )


def _consent(meeting: Meeting, route: Routing) -> dc.Consent | None:
    """One of the three truthful statements; None while no decision is recorded."""
    if route.consent is m.Consent.REPORTER_CHOSE:
        return dc.Consent("reporter_chose")
    if route.consent is m.Consent.REPORTER_AGREED:
        return dc.Consent("reporter_agreed", words=meeting.text(m.REPORTER_AGREEMENT))
    if route.consent is m.Consent.WITHOUT_CONSENT:
        return dc.Consent(
            "without_consent",
            words=meeting.text(m.WITHOUT_CONSENT_JUSTIFICATION),
            ground=ground_for_the_record(route),
        )
    return None


def _safety(meeting: Meeting, policy: Policy) -> dc.SafetyAlert | None:
    """The red-flag answers, and when the officer acknowledged the alert (if they did)."""
    flags = d.red_flags(meeting, policy)
    if not flags:
        return None
    ack = meeting.safety
    seen = ack is not None and {f.key for f in flags} <= set(ack.flags)
    return dc.SafetyAlert(
        flags=tuple(f"{f.question} {f.answer}" for f in flags),
        acknowledged_at=ack.at if seen and ack is not None else None,
        acknowledged_by=ack.by if seen and ack is not None else "",
    )


def _preference_line(meeting: Meeting, policy: Policy) -> str:
    chosen = meeting.text(m.PREFERENCE)
    chosen = policy.preference(chosen).name if chosen else ""
    words = meeting.text(m.PREFERENCE_IN_THEIR_WORDS)
    return ": ".join(part for part in (chosen, words) if part) or "not recorded"


def letterhead(organisation: str) -> dc.Letterhead:
    return dc.Letterhead(organisation=organisation or "The University", service=SERVICE_NAME)


def letter_content(
    case: Case,
    meeting: Meeting,
    summary: dc.SummaryContent,
    policy: Policy,
    directory: SupportDirectory,
    *,
    letter_date: dt.date,
    document_id: str,
) -> dc.LetterContent:
    from triage_desktop.documents.mapping import letter_from_summary

    route = routing(case, meeting, policy)
    without = None
    if route.consent is m.Consent.WITHOUT_CONSENT:
        without = dc.WithoutConsent(
            asked_for=asked_for_words(meeting, policy),
            ground=ground_words(route),
            asked_of_you=tuple(
                s.action for s in d.next_steps(meeting) if s.shared and s.owner == "Reporter"
            ),
            not_asked_of_you=tuple(
                line.strip()
                for line in meeting.text(m.NOT_ASKED_OF_THEM).splitlines()
                if line.strip()
            ),
        )
    kinds = d.respondent_kinds(meeting, case)
    return letter_from_summary(
        summary,
        dc.letter_kind_for_action(summary.officer_decision),
        letterhead=letterhead(summary.organisation),
        recipient_name=case.details.reporter.name or "The person who raised the concern",
        signposting=tuple(
            dc.SupportContact(s.name, s.description, s.contact, confidential=s.confidential)
            for s in support_services(case, meeting, directory)
        ),
        letter_date=letter_date,
        document_id=document_id,
        outcome_explanation=meeting.text(m.REPORTER_EXPLANATION),
        procedures=decided_procedures(route, kinds, policy),
        without_consent=without,
        version=summary.version,
        supersedes="",
    )
