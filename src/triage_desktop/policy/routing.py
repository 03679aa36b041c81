"""The routing recommendation: a pure function from a case's facts to what the policy points to.

The rules are those of Appendix B and C (see docs/policy-engine.md for the table). The first rule
that applies sets the action; procedures, escalations and flags follow from it. Every step adds a
rationale sentence that cites the clause it rests on and the policy version, so the officer can
see why, and decide. Which procedures serve which respondent is read from the policy data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from triage_desktop.policy.catalogue import policy_for_date
from triage_desktop.policy.errors import FactsError
from triage_desktop.policy.facts import (
    CaseFacts,
    Preference,
    Respondent,
    facts_from_mapping,
    facts_to_mapping,
)
from triage_desktop.policy.model import Policy

__all__ = [
    "ACTIONS",
    "ESCALATIONS",
    "FLAGS",
    "PROCEDURES",
    "CaseFacts",
    "FactsError",
    "Recommendation",
    "facts_from_mapping",
    "facts_to_mapping",
    "historical_cutoff",
    "recommend",
]

Action = Literal[
    "informal_resolution", "formal_process", "alternative_process", "no_further_action", "dismiss"
]
ACTIONS: tuple[Action, ...] = (
    "informal_resolution",
    "formal_process",
    "alternative_process",
    "no_further_action",
    "dismiss",
)
PROCEDURES = (
    "informal_resolution_approach",
    "student_regulation_7",
    "staff_disciplinary",
    "formal_dignity_respect_staff",
)
ESCALATIONS = ("joint_determination", "safeguarding")
FLAGS = (
    "historical_report",
    "anonymous_no_contact",
    "course_content_presumption",
    "legitimate_management",
    "severity_may_require_formal",
    "informal_not_viable",
    "external_report",
    "respondent_unknown",
)
HISTORICAL_AFTER_MONTHS = 6


@dataclass(frozen=True)
class Recommendation:
    """What the policy points to for one case. The officer decides; this explains."""

    action: Action
    procedures: tuple[str, ...]
    escalations: tuple[str, ...]
    acts_without_consent: bool
    flags: tuple[str, ...]
    rationale: tuple[str, ...]
    policy_version: str
    signposting_required: bool = True

    def to_dict(self) -> dict[str, object]:
        """Exactly the `route` command's output object."""
        return {
            "action": self.action,
            "procedures": list(self.procedures),
            "escalations": list(self.escalations),
            "acts_without_consent": self.acts_without_consent,
            "flags": list(self.flags),
            "signposting_required": self.signposting_required,
            "rationale": list(self.rationale),
            "policy_version": self.policy_version,
        }


def historical_cutoff(reported_on: date) -> date:
    """The same day six calendar months before, clamped to the month's end (Aug 31 -> Feb 28)."""
    month_index = reported_on.year * 12 + reported_on.month - 1 - HISTORICAL_AFTER_MONTHS
    year, month = divmod(month_index, 12)
    month += 1
    day = min(reported_on.day, _days_in_month(year, month))
    return date(year, month, day)


def is_historical(facts: CaseFacts) -> bool:
    """The earliest incident is more than six months before the report (Policy, 'Scope')."""
    return facts.incident_on is not None and facts.incident_on < historical_cutoff(
        facts.reported_on
    )


def recommend(facts: CaseFacts, policy: Policy | None = None) -> Recommendation:
    """The recommendation for `facts` under `policy` (default: the version in force on the
    report date; raises `PolicyNotInForceError` when none is)."""
    used = policy or policy_for_date(facts.reported_on)
    notes = _Rationale(used)
    flags: set[str] = set()

    action = _choose_action(facts, notes, flags)
    consent_overridden = (
        facts.high_concern
        and facts.preference in ("no_further_action", "informal")
        and action in ("formal_process", "alternative_process")
    )
    if consent_overridden:
        notes.add(
            "preference_and_consent",
            "the reporter's preference is not followed because there is a safeguarding concern "
            "or a significant risk, the only ground on which the officer acts without consent.",
        )
    procedures = _procedures(facts, action, used, notes, flags)
    escalations = _escalations(facts, action, notes)
    _context_flags(facts, notes, flags)
    notes.add(
        "signposting",
        "signpost the reporter to support services, whatever the outcome.",
    )
    return Recommendation(
        action=action,
        procedures=procedures,
        escalations=escalations,
        acts_without_consent=consent_overridden,
        flags=tuple(flag for flag in FLAGS if flag in flags),
        rationale=tuple(notes.sentences),
        policy_version=used.version,
    )


def _choose_action(facts: CaseFacts, notes: _Rationale, flags: set[str]) -> Action:
    high = facts.high_concern
    preference: Preference = facts.preference
    if not facts.within_scope:
        notes.add("outcome_dismiss", "the concern was assessed as outside the policy's scope.")
        notes.add(
            "scope",
            "the policy's scope sets out who and what it covers; the officer judged that this "
            "concern falls outside it.",
        )
        return "dismiss"
    if preference == "no_further_action" and not high:
        notes.add(
            "outcome_no_further_action",
            "the reporter asked for no further action and no safeguarding concern or high risk "
            "was identified.",
        )
        notes.add("preference_and_consent", "the reporter's preference is followed.")
        return "no_further_action"
    if facts.respondent == "third_party":
        notes.add(
            "outcome_alternative",
            "the respondent is neither a student nor a member of staff, and the framework's "
            "routes cover students and staff only.",
        )
        notes.add(
            "route_depends_on_respondent",
            "Appendix C routes by whether the respondent is a student or a member of staff.",
        )
        return "alternative_process"
    if high:
        notes.add(
            "factor_risk",
            f"a formal process is recommended because {_concern(facts)}.",
        )
        return "formal_process"
    if preference == "formal":
        notes.add("factor_choice", "the reporter chose a formal process.")
        return "formal_process"
    if preference == "informal":
        if facts.informal_attempt_failed or not facts.parties_willing_informal:
            flags.add("informal_not_viable")
            notes.add(
                "factor_other",
                f"the reporter preferred an informal approach, but {_not_viable(facts)}, so a "
                "formal process is recommended.",
            )
            return "formal_process"
        notes.add("factor_choice", "the reporter chose the informal approach.")
        if facts.severity == "high" or facts.repeated:
            flags.add("severity_may_require_formal")
            notes.add(
                "factor_severity",
                f"the behaviour is {_severity(facts)}: check with the reporter whether a formal "
                "process is needed.",
            )
        return "informal_resolution"
    if facts.severity == "high" or facts.repeated:
        notes.add(
            "factor_severity",
            f"the reporter is undecided and the behaviour is {_severity(facts)}, so a formal "
            "process is recommended.",
        )
        return "formal_process"
    notes.add(
        "framework_overview",
        "the reporter is undecided and nothing points to a formal process, so the informal "
        "approach is recommended.",
    )
    return "informal_resolution"


def _procedures(
    facts: CaseFacts, action: Action, policy: Policy, notes: _Rationale, flags: set[str]
) -> tuple[str, ...]:
    if action not in ("informal_resolution", "formal_process"):
        return ()
    if facts.respondent == "unknown":
        flags.add("respondent_unknown")
        notes.add(
            "route_depends_on_respondent",
            "no procedure can be named until it is known whether the respondent is a student or "
            "a member of staff.",
        )
        return ()
    kinds = _respondent_kinds(facts.respondent)
    chosen = [p for p in policy.procedures if p.route == action and set(p.respondents) & kinds]
    cited: set[str] = set()
    for procedure in chosen:
        for clause_id in procedure.clauses:
            kind = "student" if clause_id.startswith("student") else "staff"
            if clause_id in cited or kind not in kinds:
                continue
            cited.add(clause_id)
            names = [p.name for p in chosen if clause_id in p.clauses]
            label = "procedure to follow" if len(names) == 1 else "procedures to follow"
            notes.add(clause_id, f"the {label}: {'; '.join(names)}.")
    return tuple(p.id for p in chosen)


def _escalations(facts: CaseFacts, action: Action, notes: _Rationale) -> tuple[str, ...]:
    found = []
    if facts.respondent == "staff_and_student" and action in (
        "informal_resolution",
        "formal_process",
    ):
        found.append("joint_determination")
        notes.add(
            "policy_interactions",
            "the respondent is both a member of staff and a student, so the two Deputy "
            "Directors decide jointly how the processes run.",
        )
    if facts.high_concern:
        found.append("safeguarding")
        notes.add(
            "senior_escalation",
            f"escalate to the Deputy Directors as a high-risk case because {_concern(facts)}.",
        )
    return tuple(found)


def _context_flags(facts: CaseFacts, notes: _Rationale, flags: set[str]) -> None:
    if is_historical(facts):
        flags.add("historical_report")
        notes.add(
            "historical_reports",
            "the earliest incident is more than six months before the report; the report is "
            "taken seriously and delay alone never dismisses it, though evidence may be harder "
            "to find.",
        )
    if facts.anonymous:
        flags.add("anonymous_no_contact")
        notes.add(
            "contact_within_two_days",
            "the report is anonymous, so there is no one to contact and no contact deadline.",
        )
    if facts.course_content:
        flags.add("course_content_presumption")
        notes.add(
            "course_content",
            "the concern is about course materials or statements in teaching, which are presumed "
            "not to be harassment unless there is sufficient evidence to the contrary.",
        )
    if facts.management_action:
        flags.add("legitimate_management")
        notes.add(
            "legitimate_management",
            "the concern is about performance management or academic feedback, which is not in "
            "itself bullying or harassment when reasonable and proportionate.",
        )
    if facts.external_report:
        flags.add("external_report")
        notes.add(
            "external_routes",
            "the reporter has gone or is going to the police: talk through how the external "
            "route and the University's process fit together.",
        )


class _Rationale:
    """Collects sentences, each citing a clause of `policy` and its version."""

    def __init__(self, policy: Policy) -> None:
        self._policy = policy
        self.sentences: list[str] = []

    def add(self, clause_id: str, reason: str) -> None:
        clause = self._policy.clause(clause_id)
        self.sentences.append(
            f"{clause.cite} (Dignity and Respect Policy v{self._policy.version}): "
            f"{_capitalised(reason)} The policy says: “{clause.quote}”"
        )


def _respondent_kinds(respondent: Respondent) -> set[str]:
    if respondent == "staff_and_student":
        return {"staff", "student"}
    return {respondent}


def _concern(facts: CaseFacts) -> str:
    reasons = []
    if facts.risk == "high":
        reasons.append("the risk is assessed as high")
    if facts.safeguarding_concern:
        reasons.append("there is a safeguarding concern")
    return " and ".join(reasons)


def _not_viable(facts: CaseFacts) -> str:
    reasons = []
    if facts.informal_attempt_failed:
        reasons.append("an earlier informal attempt did not resolve it")
    if not facts.parties_willing_informal:
        reasons.append("not everyone involved is willing to take part informally")
    return " and ".join(reasons)


def _severity(facts: CaseFacts) -> str:
    parts = []
    if facts.severity == "high":
        parts.append("severe")
    if facts.repeated:
        parts.append("repeated")
    return " and ".join(parts)


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _days_in_month(year: int, month: int) -> int:
    following = date(year + month // 12, month % 12 + 1, 1)
    return (following - date(year, month, 1)).days
