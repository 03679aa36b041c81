"""What follows from a meeting record: the risk screen, red flags, the routing facts for each
respondent, the agreed next steps, consent, and the layout of the steps.

Pure functions of the record, the case and the policy in force; the screen and the services call
these rather than reading keys, so every consumer reads the record the same way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from triage_desktop.cases.model import Case, RespondentType
from triage_desktop.meeting.record import ALL_RESPONDENTS, Meeting
from triage_desktop.meeting.schema import (
    ACT_WITHOUT_CONSENT,
    ADJUSTMENTS,
    ATTENDEE_ROLE,
    ATTENDEES,
    BEHAVIOUR,
    CONFIDENTIALITY_EXPLAINED,
    CONSENT_TO_RECORD,
    COURSE_CONTENT,
    DECISION,
    DECISION_REASON,
    EXTERNAL_REPORT,
    FIRST_INCIDENT,
    FOLLOW_UP,
    INFORMAL_ATTEMPT_FAILED,
    LIMITS_EXPLAINED,
    MANAGEMENT_ACTION,
    NEXT_STEPS,
    NOT_ASKED_OF_THEM,
    OFFICER_SUMMARY,
    OPTION_EXPLAINED,
    OPTION_QUESTIONS,
    OPTION_TEXT,
    OUTSIDE_SCOPE,
    OWNER_WORDS_FOR_REPORTER,
    PARTIES_UNWILLING,
    PRECAUTIONS,
    PRECAUTIONS_CONSIDERED,
    PREFERENCE,
    PREFERENCE_IN_THEIR_WORDS,
    REPEATED,
    REPORTER_AGREEMENT,
    REPORTER_EXPLANATION,
    REPORTER_WORDS,
    RESPONDENT_TYPE,
    RESPONDENT_WHEREABOUTS,
    RESPONDENT_WORDS,
    RISK_ANSWER,
    RISK_COMMENT,
    RISK_JUDGEMENT,
    RISK_JUDGEMENT_REASON,
    ROUTING_FACTORS,
    SAFEGUARDING_CONCERN,
    SEVERITY,
    SHARING,
    STEP_OWNER,
    SUPPORT_NOTE,
    SUPPORT_OFFER,
    WHEN,
    WHERE,
    WITHOUT_CONSENT_JUSTIFICATION,
    Choice,
    Consent,
    Field,
    Step,
)
from triage_desktop.policy.facts import CaseFacts, Preference, reporter_for_status
from triage_desktop.policy.model import Option, Policy, RiskQuestion, SupportService
from triage_desktop.policy.risk import RiskAnswer, RiskResult

# The risk section asked at the opening, before anything else (Appendix B: "assess risks").
OPENING_RISK_SECTION = "immediate_safety"
RED_FLAG_LEVEL = "high"


# -- risk -----------------------------------------------------------------------------------


def opening_questions(policy: Policy) -> tuple[RiskQuestion, ...]:
    return tuple(q for q in policy.risk.questions if q.section == OPENING_RISK_SECTION)


def risk_step_questions(policy: Policy) -> tuple[RiskQuestion, ...]:
    return tuple(q for q in policy.risk.questions if q.section != OPENING_RISK_SECTION)


def risk_answers(meeting: Meeting, policy: Policy) -> tuple[RiskAnswer, ...]:
    found = []
    for question in policy.risk.questions:
        answer = meeting.values.get(RISK_ANSWER.key(question.id))
        if answer in ("yes", "no", "unknown"):
            comment = meeting.values.get(RISK_COMMENT.key(question.id), "")
            found.append(RiskAnswer(question.id, answer, comment))
    return tuple(found)


def risk_result(meeting: Meeting, policy: Policy) -> RiskResult:
    """The policy's risk screen over the answers, with the officer's judgement when it has its
    reason (until then the computed level stands)."""
    from triage_desktop.policy.errors import RiskError
    from triage_desktop.policy.risk import assess

    answers = risk_answers(meeting, policy)
    safeguarding = meeting.flag(SAFEGUARDING_CONCERN)
    judgement = meeting.text(RISK_JUDGEMENT) or None
    try:
        return assess(
            answers,
            policy=policy,
            override=judgement,  # type: ignore[arg-type]
            override_reason=meeting.text(RISK_JUDGEMENT_REASON),
            safeguarding_concern=safeguarding,
        )
    except RiskError:  # a judgement still waiting for its reason
        return assess(answers, policy=policy, safeguarding_concern=safeguarding)


@dataclass(frozen=True)
class RiskDriver:
    """An answer that set the computed level: the question, the answer in words, the level."""

    question: str
    answer: str
    level: str


def risk_drivers(meeting: Meeting, policy: Policy) -> tuple[RiskDriver, ...]:
    """What raised the computed level: each answer (or unasked question, which counts as 'not
    known') that reaches it. Nothing when the level is low."""
    result = risk_result(meeting, policy)
    if result.computed_level == "low":
        return ()
    given = {a.question_id: a.answer for a in result.answers}
    found = []
    for question in policy.risk.questions:
        answer = given.get(question.id, "unknown")
        if question.levels[answer] == result.computed_level:
            words = RISK_ANSWER.words_for(answer) if question.id in given else "Not asked"
            found.append(RiskDriver(question.text, words, result.computed_level))
    return tuple(found)


@dataclass(frozen=True)
class RedFlag:
    """An answer that needs action before anything else."""

    key: str  # the risk answer's key: what an acknowledgement refers to
    question: str
    answer: str  # in words
    what_to_do: str  # the policy data's guidance for this answer


def red_flags(meeting: Meeting, policy: Policy) -> tuple[RedFlag, ...]:
    """Every answer the policy scores as high: act on these first."""
    found = []
    for question in policy.risk.questions:
        key = RISK_ANSWER.key(question.id)
        answer = meeting.values.get(key)
        if answer in ("yes", "no", "unknown") and question.levels[answer] == RED_FLAG_LEVEL:
            guidance = question.what_to_do.get(answer, "")
            found.append(RedFlag(key, question.text, RISK_ANSWER.words_for(answer), guidance))
    return tuple(found)


def unacknowledged_red_flags(meeting: Meeting, policy: Policy) -> tuple[RedFlag, ...]:
    seen = set(meeting.safety.flags) if meeting.safety is not None else set()
    return tuple(flag for flag in red_flags(meeting, policy) if flag.key not in seen)


# -- respondents and routing facts ------------------------------------------------------------


@dataclass(frozen=True)
class RespondentEntry:
    item: str  # the RESPONDENT_TYPE family item: "1", "2", ...
    label: str
    recorded: RespondentType  # what intake recorded


def respondents(case: Case) -> tuple[RespondentEntry, ...]:
    """The people the concern is about, as intake recorded them (one 'not known' if none)."""
    found = []
    for number, person in enumerate(case.details.respondents, start=1):
        who = person.name or "name not recorded"
        found.append(
            RespondentEntry(str(number), f"Respondent {number} ({who})", person.respondent_type)
        )
    if not found:
        found.append(RespondentEntry("1", "The person it is about", RespondentType.UNKNOWN))
    return tuple(found)


def respondent_types(meeting: Meeting, case: Case) -> tuple[tuple[RespondentEntry, str], ...]:
    """Each respondent with their type: the meeting's answer, else intake's (blank is 'not
    known', never 'student')."""
    fallback = meeting.values.get(RESPONDENT_TYPE.key(ALL_RESPONDENTS))
    found = []
    for entry in respondents(case):
        chosen = meeting.values.get(RESPONDENT_TYPE.key(entry.item)) or fallback
        found.append((entry, chosen or entry.recorded.value))
    return tuple(found)


def respondent_kinds(meeting: Meeting, case: Case) -> frozenset[str]:
    return frozenset(kind for _entry, kind in respondent_types(meeting, case))


def preference(meeting: Meeting) -> Preference:
    chosen = meeting.text(PREFERENCE)
    return chosen if chosen in PREFERENCE.values() else "undecided"  # type: ignore[return-value]


def first_incident(meeting: Meeting, case: Case) -> dt.date | None:
    """The meeting's date of the first incident, else intake's earliest; never after the report."""
    reported = case.details.received_at.astimezone().date()
    day = meeting.date(FIRST_INCIDENT)
    if day is None and case.details.incident_dates:
        day = min(case.details.incident_dates)
    return day if day is not None and day <= reported else None


def case_facts(case: Case, meeting: Meeting, risk: RiskResult, respondent: str) -> CaseFacts:
    """The routing engine's facts for one respondent."""
    severity = meeting.text(SEVERITY) or "low"
    return CaseFacts(
        reported_on=case.details.received_at.astimezone().date(),
        respondent=respondent,  # type: ignore[arg-type]
        preference=preference(meeting),
        incident_on=first_incident(meeting, case),
        anonymous=case.details.anonymous,
        severity=severity,  # type: ignore[arg-type]
        repeated=meeting.flag(REPEATED),
        risk=risk.level,
        safeguarding_concern=risk.safeguarding,
        informal_attempt_failed=meeting.flag(INFORMAL_ATTEMPT_FAILED),
        parties_willing_informal=not meeting.flag(PARTIES_UNWILLING),
        external_report=meeting.flag(EXTERNAL_REPORT),
        course_content=meeting.flag(COURSE_CONTENT),
        management_action=meeting.flag(MANAGEMENT_ACTION),
        within_scope=not meeting.flag(OUTSIDE_SCOPE),
        reporter=reporter_for_status(case.details.reporter.status.value),
    )


# -- consent --------------------------------------------------------------------------------

# The action that is what the reporter asked for, by preference ('undecided' asked for none).
ASKED_FOR: dict[str, str] = {
    "informal": "informal_resolution",
    "formal": "formal_process",
    "no_further_action": "no_further_action",
}


def consent_basis(meeting: Meeting, decision: str, high_concern: bool) -> Consent | None:
    """How the decision stands with the reporter, or None while that is not yet recorded.

    The reporter chose it; or they agreed after discussion (their words recorded); or the officer
    acts without their consent, which the policy allows only on a safeguarding concern or a
    significant risk (`high_concern`)."""
    if ASKED_FOR.get(preference(meeting)) == decision:
        return Consent.REPORTER_CHOSE
    if meeting.flag(ACT_WITHOUT_CONSENT):
        return Consent.WITHOUT_CONSENT if high_concern else None
    if meeting.text(REPORTER_AGREEMENT).strip():
        return Consent.REPORTER_AGREED
    return None


# -- what was agreed ------------------------------------------------------------------------


@dataclass(frozen=True)
class AgreedStep:
    owner: str  # words for the officer's record: "Officer", "Reporter", or a name
    owner_for_reporter: str  # "Your officer", "You", or a name
    action: str
    due: dt.date | None
    shared: bool


def next_steps(meeting: Meeting) -> tuple[AgreedStep, ...]:
    found = []
    for row in meeting.rows(NEXT_STEPS):
        action = str(row.get("action", "")).strip()
        if not action:
            continue
        owner = row.get("owner", "officer")
        name = str(row.get("owner_name", "")).strip()
        words = name if owner == "other" and name else STEP_OWNER.words_for(owner) or "Officer"
        due = row.get("due")
        found.append(
            AgreedStep(
                owner=words,
                owner_for_reporter=OWNER_WORDS_FOR_REPORTER.get(owner, words),
                action=action,
                due=dt.date.fromisoformat(due) if isinstance(due, str) else None,
                shared=row.get("shared") is not False,
            )
        )
    return tuple(found)


def sharing(meeting: Meeting) -> tuple[tuple[str, str], ...]:
    return tuple(
        (str(r.get("party", "")).strip(), str(r.get("what", "")).strip())
        for r in meeting.rows(SHARING)
        if str(r.get("party", "")).strip()
    )


def attendees(meeting: Meeting) -> tuple[tuple[str, str], ...]:
    """Who came with the reporter: (name, why they are there, in words)."""
    return tuple(
        (str(r.get("name", "")).strip(), ATTENDEE_ROLE.words_for(r.get("role")) or "Someone else")
        for r in meeting.rows(ATTENDEES)
        if str(r.get("name", "")).strip()
    )


def adjustments(meeting: Meeting) -> tuple[str, ...]:
    return tuple(line.strip() for line in meeting.text(ADJUSTMENTS).splitlines() if line.strip())


def behaviours(meeting: Meeting, policy: Policy) -> tuple[str, ...]:
    """The behaviour categories ticked, by name, in the policy's order."""
    return tuple(b.name for b in policy.behaviours if meeting.flag(BEHAVIOUR.field(b.id, "")))


def offers(
    meeting: Meeting, services: Sequence[SupportService]
) -> tuple[tuple[SupportService, str, str], ...]:
    """Each service discussed: (service, what happened in words, the officer's note)."""
    found = []
    for service in services:
        state = meeting.values.get(SUPPORT_OFFER.key(service.id))
        if state:
            note = meeting.values.get(SUPPORT_NOTE.key(service.id), "")
            found.append((service, SUPPORT_OFFER.words_for(state), note))
    return tuple(found)


def seed_from_intake(meeting: Meeting, case: Case) -> None:
    """A new meeting's account starts from what intake recorded; the officer edits from there."""
    details = case.details
    if details.location.detail and not meeting.text(WHERE):
        meeting.set(WHERE, details.location.detail)
    if details.incident_notes and not meeting.text(WHEN):
        meeting.set(WHEN, details.incident_notes)
    day = first_incident(Meeting(), case)
    if day is not None and meeting.date(FIRST_INCIDENT) is None:
        meeting.set(FIRST_INCIDENT, day)
    for behaviour_id in details.behaviour_categories:
        meeting.set(BEHAVIOUR.field(behaviour_id, ""), True)


# -- the options in plain words -----------------------------------------------------------------


def procedures_for(action: str, kinds: frozenset[str], policy: Policy) -> tuple[str, ...]:
    """The procedure(s) an action names for these respondents, by name (none for actions that
    leave the framework)."""
    wanted = set(kinds)
    if "staff_and_student" in wanted:
        wanted |= {"student", "staff"}
    return tuple(
        p.name for p in policy.procedures if p.route == action and set(p.respondents) & wanted
    )


def option_text(option: Option, kinds: frozenset[str], policy: Policy) -> str:
    """An option's plain-language text; the formal one names the procedure for these respondents."""
    text = option.explanation
    if option.id == "formal":
        named = procedures_for("formal_process", kinds, policy)
        if named:
            text += " The procedure that would apply: " + "; ".join(named) + "."
    return text


# -- the layout of the steps ------------------------------------------------------------------


def layout(
    policy: Policy, case: Case, meeting: Meeting, services: Sequence[SupportService]
) -> dict[Step, tuple[Field, ...]]:
    """Each step's fields, in order, for this case under this policy."""
    kinds = respondent_kinds(meeting, case)
    outcomes = tuple(Choice(o.id, o.name) for o in policy.outcomes)
    return {
        Step.OPENING: (
            CONFIDENTIALITY_EXPLAINED,
            LIMITS_EXPLAINED,
            CONSENT_TO_RECORD,
            ATTENDEES,
            ADJUSTMENTS,
            *(RISK_ANSWER.field(q.id, q.text) for q in opening_questions(policy)),
            RESPONDENT_WHEREABOUTS,
        ),
        Step.SUPPORT: tuple(
            f
            for s in services
            for f in (
                SUPPORT_OFFER.field(s.id, s.name, s.description),
                SUPPORT_NOTE.field(s.id, f"{s.name}: your note", "Your note (internal)"),
            )
        ),
        Step.ACCOUNT: (
            REPORTER_WORDS,
            OFFICER_SUMMARY,
            *(
                RESPONDENT_TYPE.field(
                    e.item, e.label, none_words=f"As recorded: {RESPONDENT_WORDS[e.recorded]}"
                )
                for e in respondents(case)
            ),
            SEVERITY,
            REPEATED,
            WHERE,
            WHEN,
            FIRST_INCIDENT,
            *(BEHAVIOUR.field(b.id, b.name) for b in policy.behaviours),
        ),
        Step.OPTIONS: tuple(
            f
            for o in policy.options
            for f in (
                _note(OPTION_TEXT.field(o.id, o.title), option_text(o, kinds, policy)),
                OPTION_EXPLAINED.field(o.id, f"{o.title}: explained"),
                OPTION_QUESTIONS.field(o.id, f"{o.title}: their questions answered"),
            )
        ),
        Step.RISK: (
            *(
                f
                for q in risk_step_questions(policy)
                for f in (
                    RISK_ANSWER.field(q.id, q.text),
                    RISK_COMMENT.field(q.id, f"{q.text}: comment", "Comment (internal)"),
                )
            ),
            RISK_JUDGEMENT,
            RISK_JUDGEMENT_REASON,
            SAFEGUARDING_CONCERN,
            PRECAUTIONS_CONSIDERED,
            PRECAUTIONS,
        ),
        Step.PREFERENCE: (
            PREFERENCE.with_choices(tuple(Choice(p.id, p.name) for p in policy.preferences)),
            PREFERENCE_IN_THEIR_WORDS,
            SHARING,
        ),
        Step.ROUTING: (
            *ROUTING_FACTORS,
            DECISION.with_choices(outcomes),
            DECISION_REASON,
            REPORTER_AGREEMENT,
            ACT_WITHOUT_CONSENT,
            WITHOUT_CONSENT_JUSTIFICATION,
            NOT_ASKED_OF_THEM,
            REPORTER_EXPLANATION,
        ),
        Step.NEXT_STEPS: (NEXT_STEPS, FOLLOW_UP),
        Step.REVIEW: (),
    }


def _note(field: Field, text: str) -> Field:
    from dataclasses import replace

    return replace(field, note=text)
