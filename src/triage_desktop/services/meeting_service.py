"""Meeting glue: the triage meeting's JSON record <-> policy facts, documents and the vault.

The GUI keeps the meeting as one JSON document, ``{"current_step": ..., "steps": {step: {"state",
"values"}}, "amendments": [...], "signed": {...}}``, so a new prompt needs no schema change. This
module reads that document for the policy engine (facts, risk, routing), builds the summary and
letter content from it, and does the vault work the meeting screen needs (run on a worker thread).
What the reporter may see is chosen here too, field by field (`reporter_view`), never by the GUI.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from triage_desktop.cases.model import (
    Case,
    CaseStatus,
    MeetingRecord,
    ReporterStatus,
    RespondentType,
)
from triage_desktop.cases.model import NextStep as CaseNextStep
from triage_desktop.documents import content as dc

if TYPE_CHECKING:
    from triage_desktop.cases.model import StoredDocument
    from triage_desktop.policy.model import Policy
    from triage_desktop.policy.risk import RiskResult
    from triage_desktop.policy.routing import Recommendation
    from triage_desktop.services.session import VaultService

RECORD_VERSION = 1
STEPS: tuple[tuple[str, str], ...] = (
    ("opening", "Opening and safety"),
    ("support", "Support and referrals"),
    ("account", "The account"),
    ("options", "Options explained"),
    ("risk", "Risk"),
    ("preference", "Preference, adjustments and sharing"),
    ("routing", "Routing"),
    ("next_steps", "Agreed next steps"),
    ("review", "Review and sign"),
)
STEP_IDS = tuple(step for step, _ in STEPS)
STEP_TITLES = dict(STEPS)
StepState = Literal["not_started", "in_progress", "done", "skipped"]
STEP_STATES: tuple[StepState, ...] = ("not_started", "in_progress", "done", "skipped")
SAFETY_QUESTIONS = ("safe_now", "immediate_danger", "medical_need")
ANSWER_CHOICES = ("", "yes", "no", "unknown")  # "" = not asked
OFFER_STATES: tuple[str, ...] = ("", "offered", "accepted", "referral made", "declined")
ACTION_STATUS = {
    "informal_resolution": CaseStatus.REFERRED,
    "formal_process": CaseStatus.REFERRED,
    "alternative_process": CaseStatus.REFERRED,
    "no_further_action": CaseStatus.CLOSED,
    "dismiss": CaseStatus.CLOSED,
}
SUMMARY_KIND = "triage_summary"
SERVICE_NAME = "Support and Report Service"


# -- the record ---------------------------------------------------------------------------------


def new_record() -> dict[str, Any]:
    return {
        "version": RECORD_VERSION,
        "current_step": STEP_IDS[0],
        "steps": {step: {"state": "not_started", "values": {}} for step in STEP_IDS},
        "amendments": [],
        "signed": {},
    }


def normalised(raw: Mapping[str, Any] | None) -> dict[str, Any]:
    """A complete record from whatever was stored: unknown steps and bad states are dropped,
    missing ones filled, so an older or damaged record still opens and loses what it has."""
    record = new_record()
    if not isinstance(raw, Mapping):
        return record
    current = raw.get("current_step")
    if current in STEP_IDS:
        record["current_step"] = current
    steps = raw.get("steps")
    if isinstance(steps, Mapping):
        for step in STEP_IDS:
            stored = steps.get(step)
            if not isinstance(stored, Mapping):
                continue
            state = stored.get("state")
            values = stored.get("values")
            record["steps"][step] = {
                "state": state if state in STEP_STATES else "not_started",
                "values": copy.deepcopy(dict(values)) if isinstance(values, Mapping) else {},
            }
    for key in ("amendments",):
        if isinstance(raw.get(key), list):
            record[key] = [dict(a) for a in raw[key] if isinstance(a, Mapping)]
    if isinstance(raw.get("signed"), Mapping):
        record["signed"] = dict(raw["signed"])
    return record


def values(record: Mapping[str, Any], step: str) -> dict[str, Any]:
    values_: dict[str, Any] = record["steps"][step]["values"]
    return values_


def text(record: Mapping[str, Any], step: str, key: str) -> str:
    value = values(record, step).get(key, "")
    return value if isinstance(value, str) else ""


def flag(record: Mapping[str, Any], step: str, key: str) -> bool:
    return values(record, step).get(key) is True


def iso_date(value: object) -> dt.date | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def overall_state(record: Mapping[str, Any]) -> str:
    signed = record.get("signed") or {}
    if signed.get("letter_document_id"):
        return "letter_signed"
    if signed.get("summary_document_id"):
        return "summary_signed"
    return "in_progress"


# -- policy facts -------------------------------------------------------------------------------


def audience_for(status: ReporterStatus) -> Literal["students", "staff"]:
    """Staff get the staff directory; everyone else (students, visitors) the students' one."""
    return "staff" if status == ReporterStatus.STAFF else "students"


def red_flags(record: Mapping[str, Any]) -> list[str]:
    """Safety-now answers that need action before anything else, in plain words."""
    found = []
    if text(record, "opening", "safe_now") == "no":
        found.append("The reporter does not feel safe right now.")
    if text(record, "opening", "immediate_danger") == "yes":
        found.append("Someone is in immediate danger.")
    if text(record, "opening", "medical_need") == "yes":
        found.append("Someone needs medical help.")
    return found


def respondent_type(case: Case, record: Mapping[str, Any]) -> str:
    chosen = text(record, "account", "respondent_type")
    if chosen in {t.value for t in RespondentType}:
        return chosen
    kinds = {r.respondent_type.value for r in case.details.respondents}
    if kinds == {"student"}:
        return "student"
    if kinds == {"staff"}:
        return "staff"
    if kinds and kinds <= {"student", "staff", "staff_and_student"}:
        return "staff_and_student"
    return "third_party" if kinds == {"third_party"} else "unknown"


def risk_result(record: Mapping[str, Any], policy: Policy) -> RiskResult:
    """The policy risk screen over the opening's safety answers and the risk step's answers."""
    from triage_desktop.policy.errors import RiskError
    from triage_desktop.policy.risk import RiskAnswer, assess

    answers = []
    for question in policy.risk.questions:
        step = "opening" if question.id in SAFETY_QUESTIONS else "risk"
        answer = text(record, step, f"answer:{question.id}")
        if answer in ("yes", "no", "unknown"):
            comment = text(record, "risk", f"comment:{question.id}")
            answers.append(RiskAnswer(question.id, answer, comment))  # type: ignore[arg-type]
    override = text(record, "risk", "override_level") or None
    safeguarding = flag(record, "risk", "safeguarding_concern")
    try:
        return assess(
            answers,
            policy=policy,
            override=override,  # type: ignore[arg-type]
            override_reason=text(record, "risk", "override_reason"),
            safeguarding_concern=safeguarding,
        )
    except RiskError:  # an override still waiting for its reason: the computed level stands
        return assess(answers, policy=policy, safeguarding_concern=safeguarding)


def case_facts(case: Case, record: Mapping[str, Any], risk: RiskResult) -> Any:
    """`CaseFacts` for the routing engine from the case and the meeting's answers."""
    from triage_desktop.policy.facts import CaseFacts

    reported = case.details.received_at.astimezone().date()
    incident = iso_date(values(record, "account").get("first_incident"))
    if incident is None and case.details.incident_dates:
        incident = min(case.details.incident_dates)
    if incident is not None and incident > reported:
        incident = None
    preference = text(record, "preference", "preference") or "undecided"
    severity = text(record, "account", "severity") or "low"
    return CaseFacts(
        reported_on=reported,
        respondent=respondent_type(case, record),  # type: ignore[arg-type]
        preference=preference,  # type: ignore[arg-type]
        incident_on=incident,
        anonymous=case.details.anonymous,
        severity=severity,  # type: ignore[arg-type]
        repeated=flag(record, "account", "repeated"),
        risk=risk.level,
        safeguarding_concern=risk.safeguarding,
        informal_attempt_failed=flag(record, "routing", "informal_attempt_failed"),
        parties_willing_informal=not flag(record, "routing", "parties_unwilling"),
        external_report=flag(record, "routing", "external_report"),
        course_content=flag(record, "routing", "course_content"),
        management_action=flag(record, "routing", "management_action"),
        within_scope=not flag(record, "routing", "outside_scope"),
    )


@dataclass(frozen=True)
class Routing:
    recommendation: Recommendation
    risk: RiskResult
    decision: str
    differs: bool
    reason: str

    @property
    def needs_reason(self) -> bool:
        return self.differs and not self.reason.strip()


def routing(case: Case, record: Mapping[str, Any], policy: Policy) -> Routing:
    from triage_desktop.policy.routing import ACTIONS, recommend

    risk = risk_result(record, policy)
    recommendation = recommend(case_facts(case, record, risk), policy)
    decision = text(record, "routing", "decision")
    if decision not in ACTIONS:
        decision = recommendation.action
    return Routing(
        recommendation,
        risk,
        decision,
        decision != recommendation.action,
        text(record, "routing", "decision_reason"),
    )


def formal_procedures(respondent: str, policy: Policy) -> tuple[str, ...]:
    """The formal procedure(s) that would apply to this respondent, by name."""
    kinds = {"student", "staff"} if respondent == "staff_and_student" else {respondent}
    return tuple(
        p.name
        for p in policy.procedures
        if p.route == "formal_process" and set(p.respondents) & kinds
    )


def option_explanation(option: Any, respondent: str, policy: Policy) -> str:
    """An option's plain-language text; the formal one names the procedure for this respondent."""
    text = str(option.explanation)
    if option.id == "formal":
        named = formal_procedures(respondent, policy)
        if named:
            text += " The procedure that would apply: " + "; ".join(named) + "."
    return text


def sign_blockers(case: Case, record: Mapping[str, Any], policy: Policy) -> list[str]:
    """What must be written before the summary can be signed (nothing else is ever forced)."""
    found = []
    route = routing(case, record, policy)
    if route.needs_reason:
        found.append("Routing: give a reason for a decision that differs from the recommendation.")
    acts_without = flag(record, "risk", "acts_without_consent") or (
        route.recommendation.acts_without_consent and route.decision == route.recommendation.action
    )
    if acts_without and not text(record, "risk", "without_consent_justification").strip():
        found.append("Risk: write the justification for acting without the reporter's consent.")
    override = text(record, "risk", "override_level")
    if override and override != route.risk.computed_level and not route.risk.override_reason:
        found.append("Risk: give a reason for changing the risk level.")
    return found


# -- what the reporter may see --------------------------------------------------------------------


@dataclass(frozen=True)
class ReporterView:
    """Everything the reporter view shows: an allow-list of plain-language text."""

    options: tuple[tuple[str, str], ...]
    support: tuple[tuple[str, str, str], ...]  # service, what was agreed, how to reach it
    next_steps: tuple[tuple[str, str, str], ...]  # who, what, by when
    follow_up: str
    preference: str


OWNER_WORDS = {"officer": "Your officer", "reporter": "You"}


def reporter_view(case: Case, record: Mapping[str, Any], policy: Policy) -> ReporterView:
    respondent = respondent_type(case, record)
    options = [(o.title, option_explanation(o, respondent, policy)) for o in policy.options]
    support = []
    directory = policy.support.for_audience(audience_for(case.details.reporter.status))
    for service in directory:
        state = text(record, "support", f"offer:{service.id}")
        if state:
            support.append((service.name, state, service.contact))
    steps = tuple(
        (
            OWNER_WORDS.get(s.owner.strip().lower(), s.owner),
            s.action,
            "" if s.due is None else _long_date(s.due),
        )
        for s in next_steps(record)
        if s.shared
    )
    follow = iso_date(values(record, "next_steps").get("follow_up"))
    preference = text(record, "preference", "preference")
    titles = {
        "informal": "the informal approach",
        "formal": "a formal process",
        "no_further_action": "no further action for now",
        "undecided": "not decided yet",
    }
    return ReporterView(
        options=tuple(options),
        support=tuple(support),
        next_steps=steps,
        follow_up="" if follow is None else _long_date(follow),
        preference=titles.get(preference, ""),
    )


def _long_date(day: dt.date) -> str:
    return f"{day.strftime('%A')} {day.day} {day.strftime('%B %Y')}"


# -- summary and letter -----------------------------------------------------------------------


def next_steps(record: Mapping[str, Any]) -> list[dc.NextStep]:
    rows = values(record, "next_steps").get("actions", [])
    found = []
    for row in rows if isinstance(rows, list) else []:
        if not isinstance(row, Mapping) or not str(row.get("action", "")).strip():
            continue
        found.append(
            dc.NextStep(
                owner=str(row.get("owner", "")).strip() or "Officer",
                action=str(row["action"]).strip(),
                due=iso_date(row.get("due")),
                shared=row.get("shared", True) is not False,
            )
        )
    return found


def sharing(record: Mapping[str, Any]) -> list[tuple[str, str]]:
    rows = values(record, "preference").get("sharing", [])
    return [
        (str(r.get("party", "")).strip(), str(r.get("what", "")).strip())
        for r in (rows if isinstance(rows, list) else [])
        if isinstance(r, Mapping) and str(r.get("party", "")).strip()
    ]


def _step_state(record: Mapping[str, Any], step: str) -> dc.StepState:
    state = record["steps"][step]["state"]
    return state if state in ("done", "in_progress") else "skipped"


def _checklist_items(record: Mapping[str, Any]) -> tuple[dc.ChecklistItem, ...]:
    items = [
        ("Confidentiality explained", flag(record, "opening", "confidentiality_explained")),
        (
            "Limits of confidentiality (safeguarding) explained",
            flag(record, "opening", "limits_explained"),
        ),
        ("Consent to record", flag(record, "opening", "consent_to_record")),
        ("Precautionary measures considered", flag(record, "risk", "precautions_considered")),
    ]
    found = [dc.ChecklistItem(label, "yes" if done else "no") for label, done in items]
    where = text(record, "opening", "respondent_whereabouts")
    if where:
        found.append(dc.ChecklistItem("Where the respondent is now", "noted", where))
    precautions = text(record, "risk", "precautions")
    if precautions:
        found.append(dc.ChecklistItem("Precautionary measures", "noted", precautions))
    for key, label in (
        ("reporter_words", "The reporter's own words"),
        ("officer_summary", "Officer's summary of the account"),
        ("where", "Where it happened"),
        ("respondents", "Respondent(s)"),
        ("dates", "When"),
    ):
        value = text(record, "account", key)
        if value:
            found.append(dc.ChecklistItem(label, "recorded", value))
    behaviours = [
        k.split(":", 1)[1]
        for k, v in values(record, "account").items()
        if k.startswith("behaviour:") and v is True
    ]
    if behaviours:
        found.append(
            dc.ChecklistItem("Behaviour categories", "recorded", ", ".join(sorted(behaviours)))
        )
    for party, what in sharing(record):
        found.append(dc.ChecklistItem(f"May be told: {party}", "consent recorded", what))
    return tuple(found)


def summary_content(
    case: Case,
    record: Mapping[str, Any],
    policy: Policy,
    *,
    officer: dc.Person,
    organisation: str,
    document_id: str,
    meeting_on: dt.date,
) -> dc.SummaryContent:
    route = routing(case, record, policy)
    risk = route.risk
    shown = route.recommendation.to_dict()
    shown["procedures"] = [policy.procedure(p).name for p in route.recommendation.procedures]
    directory = policy.support.for_audience(audience_for(case.details.reporter.status))
    support = tuple(
        dc.SupportOffer(s.name, state, text(record, "support", f"note:{s.id}"))  # type: ignore[arg-type]
        for s in directory
        if (state := text(record, "support", f"offer:{s.id}")) in OFFER_STATES[1:]
    )
    options = tuple(
        dc.OptionExplained(
            o.title,
            flag(record, "options", f"explained:{o.id}"),
            flag(record, "options", f"questions:{o.id}"),
        )
        for o in policy.options
    )
    acts_without = flag(record, "risk", "acts_without_consent") or (
        route.recommendation.acts_without_consent and not route.differs
    )
    adjustments = tuple(
        line.strip()
        for line in text(record, "preference", "adjustments").splitlines()
        if line.strip()
    )
    reporter = case.details.reporter.name or "The reporter"
    return dc.SummaryContent(
        case_reference=case.reference,
        document_id=document_id,
        organisation=organisation,
        officer=officer,
        reported_on=case.details.received_at.astimezone().date(),
        contact_by=case.contact_by or case.details.received_at.astimezone().date(),
        contacted_on=iso_date(text(record, "opening", "contacted_on")),
        meeting_on=meeting_on,
        attendees=(dc.Attendee(reporter, "reporter"), dc.Attendee(officer.name, "officer")),
        adjustments=adjustments,
        steps=tuple(dc.ChecklistStep(title, _step_state(record, step)) for step, title in STEPS),
        items=_checklist_items(record),
        support=support,
        options=options,
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
        acts_without_consent=acts_without,
        without_consent_justification=text(record, "risk", "without_consent_justification"),
        reporter_preference=_preference_line(record),
        routing=shown,
        officer_decision=route.decision,
        override_reason=route.reason if route.differs else "",
        next_steps=tuple(next_steps(record)),
        follow_up_on=iso_date(values(record, "next_steps").get("follow_up")),
        amendments=tuple(_amendment(a) for a in record.get("amendments", [])),
        audit_chain_head="",
    )


def _preference_line(record: Mapping[str, Any]) -> str:
    chosen = text(record, "preference", "preference").replace("_", " ")
    words = text(record, "preference", "preference_words")
    return ": ".join(part for part in (chosen.capitalize(), words) if part) or "not recorded"


def _amendment(raw: Mapping[str, Any]) -> dc.Amendment:
    try:
        when = dt.datetime.fromisoformat(str(raw.get("when")))
    except ValueError:
        when = dt.datetime.now(dt.UTC)
    return dc.Amendment(
        when,
        str(raw.get("what", "")),
        str(raw.get("before", "")),
        str(raw.get("after", "")),
        str(raw.get("reason", "")),
    )


def new_amendment(what: str, before: str, after: str, reason: str) -> dict[str, str]:
    return {
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "what": what,
        "before": before,
        "after": after,
        "reason": reason,
    }


def letterhead(organisation: str) -> dc.Letterhead:
    return dc.Letterhead(organisation=organisation or "The University", service=SERVICE_NAME)


def letter_content(
    case: Case,
    summary: dc.SummaryContent,
    policy: Policy,
    *,
    letter_date: dt.date,
    document_id: str,
) -> dc.LetterContent:
    from triage_desktop.documents.mapping import letter_from_summary

    directory = policy.support.for_audience(audience_for(case.details.reporter.status))
    return letter_from_summary(
        summary,
        dc.letter_kind_for_action(summary.officer_decision),
        letterhead=letterhead(summary.organisation),
        recipient_name=case.details.reporter.name or "The person who raised the concern",
        signposting=tuple(dc.SupportContact(s.name, s.description, s.contact) for s in directory),
        letter_date=letter_date,
        document_id=document_id,
    )


# -- vault work (worker threads only) --------------------------------------------------------------


@dataclass(frozen=True)
class Signer:
    name: str
    role: str
    organisation: str


@dataclass(frozen=True)
class OpenedMeeting:
    case: Case
    record: dict[str, Any]
    signer: Signer | None
    documents: dict[str, bytes] = field(default_factory=dict)


def _signer(vault: VaultService) -> Signer | None:
    from triage_desktop.services.documents_service import DocumentsService

    identity = DocumentsService(vault).signing_identity()
    if identity is None:
        return None
    return Signer(identity.common_name, identity.role, identity.organisation)


def open_meeting(vault: VaultService, case_id: int) -> OpenedMeeting:
    """Load the case and its meeting; a case still awaiting contact moves to 'meeting arranged'."""
    case = vault.get_case(case_id)
    stored = vault.load_meeting(case_id)
    record = normalised(None if stored is None else stored.record)
    if case.status == CaseStatus.AWAITING_CONTACT:
        case = vault.set_status(case_id, CaseStatus.MEETING_ARRANGED)
    documents: dict[str, bytes] = {}
    signed = record["signed"]
    for key in ("summary_document_id", "letter_document_id"):
        if isinstance(signed.get(key), int):
            documents[key] = vault.fetch_document(signed[key])[1]
    return OpenedMeeting(case, record, _signer(vault), documents)


def save(vault: VaultService, case_id: int, record: Mapping[str, Any]) -> MeetingRecord:
    return vault.save_meeting(
        case_id, step=str(record["current_step"]), state=overall_state(record), record=dict(record)
    )


def set_up_identity(vault: VaultService, name: str, role: str, organisation: str) -> Signer:
    from triage_desktop.services.documents_service import DocumentsService

    identity = DocumentsService(vault).set_up_identity(name, role, organisation)
    return Signer(identity.common_name, identity.role, identity.organisation)


@dataclass(frozen=True)
class Signed:
    document: StoredDocument
    pdf: bytes
    record: dict[str, Any]
    case: Case
    seconds: float


def _build_summary(
    vault: VaultService, case: Case, record: Mapping[str, Any], document_id: str
) -> dc.SummaryContent:
    from triage_desktop.policy.catalogue import load_policy

    signer = _signer(vault)
    if signer is None:
        from triage_desktop.services.documents_service import NoSigningIdentity

        raise NoSigningIdentity("There is no signing certificate yet: create one first.")
    meeting_on = iso_date(record["signed"].get("meeting_on")) or dt.date.today()
    return summary_content(
        case,
        record,
        load_policy(case.details.policy_version),
        officer=dc.Person(signer.name, signer.role),
        organisation=signer.organisation,
        document_id=document_id,
        meeting_on=meeting_on,
    )


def sign_summary(vault: VaultService, case_id: int, record: Mapping[str, Any]) -> Signed:
    """Render and sign the summary, keep it, save the record and mark the case triaged."""
    import time

    from triage_desktop.policy.catalogue import load_policy
    from triage_desktop.services.documents_service import DocumentsService
    from triage_desktop.services.errors import VaultError

    started = time.perf_counter()
    case = vault.get_case(case_id)
    blockers = sign_blockers(case, record, load_policy(case.details.policy_version))
    if blockers:
        raise VaultError(" ".join(blockers))
    updated = normalised(record)
    updated["steps"]["review"]["state"] = "done"
    updated["signed"].setdefault("meeting_on", dt.date.today().isoformat())
    document_id = dc.new_document_id()
    summary = _build_summary(vault, case, updated, document_id)
    stored, pdf = DocumentsService(vault).sign_summary(case_id, summary)
    updated["signed"].update(
        summary_document_id=stored.id,
        summary_uuid=document_id,
        decision=summary.officer_decision,
        signed_on=dt.date.today().isoformat(),
    )
    vault.save_next_steps(
        case_id, [CaseNextStep(s.action, s.owner, s.due) for s in summary.next_steps]
    )
    save(vault, case_id, updated)
    case = vault.set_status(case_id, CaseStatus.TRIAGED)
    return Signed(stored, pdf, updated, case, time.perf_counter() - started)


def _letter(vault: VaultService, case: Case, record: Mapping[str, Any]) -> dc.LetterContent:
    from triage_desktop.policy.catalogue import load_policy

    signed = record["signed"]
    summary = _build_summary(vault, case, record, str(signed.get("summary_uuid", "")))
    return letter_content(
        case,
        summary,
        load_policy(case.details.policy_version),
        letter_date=iso_date(signed.get("letter_on")) or dt.date.today(),
        document_id=str(signed.get("letter_uuid") or dc.new_document_id()),
    )


def sign_letter(vault: VaultService, case_id: int, record: Mapping[str, Any]) -> Signed:
    """The outcome letter for the signed decision; the case moves to referred or closed."""
    import time

    from triage_desktop.services.documents_service import DocumentsService
    from triage_desktop.services.errors import VaultError

    started = time.perf_counter()
    updated = normalised(record)
    if not updated["signed"].get("summary_document_id"):
        raise VaultError("Sign the summary first: the letter follows from it.")
    case = vault.get_case(case_id)
    updated["signed"]["letter_on"] = dt.date.today().isoformat()
    updated["signed"]["letter_uuid"] = dc.new_document_id()
    letter = _letter(vault, case, updated)
    stored, pdf = DocumentsService(vault).sign_letter(case_id, letter)
    updated["signed"]["letter_document_id"] = stored.id
    save(vault, case_id, updated)
    status = ACTION_STATUS.get(str(updated["signed"].get("decision")), CaseStatus.TRIAGED)
    case = vault.set_status(case_id, status)
    return Signed(stored, pdf, updated, case, time.perf_counter() - started)


def export_letter(
    vault: VaultService,
    case_id: int,
    record: Mapping[str, Any],
    destination: Path,
    password: str = "",
) -> Path:
    """The signed letter as a file: a copy of the stored one, or a password-protected one."""
    from triage_desktop.services.documents_service import DocumentsService
    from triage_desktop.services.errors import VaultError

    current = normalised(record)
    document = current["signed"].get("letter_document_id")
    if not isinstance(document, int):
        raise VaultError("Sign the letter before exporting it.")
    if not password:
        return vault.export_document(document, destination)
    letter = _letter(vault, vault.get_case(case_id), current)
    return DocumentsService(vault).export_protected_letter(case_id, letter, password, destination)
