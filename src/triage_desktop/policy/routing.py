"""The routing recommendation: a pure function from a case's facts to what the policy points to.

The rules are those of Appendix B and C (see docs/policy-engine.md for the table). The first rule
that applies sets the action; procedures, escalations and flags follow from it. Every step adds a
rationale sentence that cites the clause it rests on and the policy version, so the officer can
see why, and decide. Which procedures serve which respondent is read from the policy data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from triage_desktop.policy.catalogue import policy_for_date
from triage_desktop.policy.errors import FactsError
from triage_desktop.policy.facts import (
    CaseFacts,
    Preference,
    Respondent,
    facts_from_mapping,
    facts_to_mapping,
)
from triage_desktop.policy.ids import (
    ACTIONS,
    ESCALATIONS,
    FLAGS,
    PROCEDURES,
    RECOMMENDED_ACTIONS,
    Action,
)
from triage_desktop.policy.model import Policy

__all__ = [
    "ACTIONS",
    "ESCALATIONS",
    "FLAGS",
    "OUTPUT_KEYS",
    "PROCEDURES",
    "RECOMMENDED_ACTIONS",
    "CaseFacts",
    "FactsError",
    "Reason",
    "Recommendation",
    "asked_for",
    "facts_from_mapping",
    "facts_to_mapping",
    "historical_cutoff",
    "recommend",
]

HISTORICAL_AFTER_MONTHS = 6
# The `route` command's output object: these keys, always all of them, in this order.
OUTPUT_KEYS = (
    "action",
    "procedures",
    "escalations",
    "acts_without_consent",
    "needs_reporter_agreement",
    "flags",
    "signposting_required",
    "rationale",
    "policy_version",
)
# What each stated preference asks for; an undecided reporter has asked for nothing yet.
_ASKED: dict[Preference, Action | None] = {
    "informal": "informal_resolution",
    "formal": "formal_process",
    "no_further_action": "no_further_action",
    "undecided": None,
}
# The OfS E6 presumption is about students being exposed to course content.
_E6_REPORTERS = ("student", "unknown")
# The marks of the two ways a recommendation can differ from the reporter's preference: every
# rationale sentence that explains such a recommendation carries one of them.
NEEDS_AGREEMENT_WORDS = "it needs their agreement"
WITHOUT_CONSENT_WORDS = "the officer may act without their consent"


def asked_for(preference: Preference) -> Action | None:
    """The action a stated preference asks for; None for `undecided`."""
    return _ASKED[preference]


@dataclass(frozen=True)
class Reason:
    """One reason for a recommendation, in plain words, and the clause it rests on. Screens show
    the words first and the clause's quotation beneath; the `route` command prints `sentence`."""

    clause_id: str
    text: str

    def sentence(self, policy: Policy) -> str:
        clause = policy.clause(self.clause_id)
        return (
            f"{clause.cite} (Dignity and Respect Policy v{policy.version}): "
            f"{self.text} The policy says: “{clause.quote}”"
        )


@dataclass(frozen=True)
class Recommendation:
    """What the policy points to for one case. The officer decides; this explains.

    `needs_reporter_agreement`: there is no high concern and the action is not what the reporter
    asked for (or they are undecided), so it is an option to put to them, not a decision.
    `acts_without_consent`: there is high concern and the action is not what they asked for, so
    the officer may act without their consent on that ground. Never both.
    """

    action: Action
    procedures: tuple[str, ...]
    escalations: tuple[str, ...]
    acts_without_consent: bool
    flags: tuple[str, ...]
    rationale: tuple[str, ...]
    policy_version: str
    needs_reporter_agreement: bool = False
    signposting_required: bool = True
    reasons: tuple[Reason, ...] = ()  # the rationale, one reason per sentence

    def to_dict(self) -> dict[str, object]:
        """Exactly the `route` command's output object (keys in `OUTPUT_KEYS` order)."""
        return {
            "action": self.action,
            "procedures": list(self.procedures),
            "escalations": list(self.escalations),
            "acts_without_consent": self.acts_without_consent,
            "needs_reporter_agreement": self.needs_reporter_agreement,
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

    action, because = _choose_action(facts, flags)
    asked = asked_for(facts.preference)
    differs = asked is None or asked != action
    # Issue 11's two keys, split by high concern. Its acts_without_consent list of preferences
    # leaves out `formal`; a formal wish referred to an alternative process under high concern
    # counts here too, so that one key is true whenever the action differs from the wish.
    acts_without_consent = differs and facts.high_concern
    needs_agreement = differs and not facts.high_concern
    clause_id, reason = because[0]
    if differs:
        reason += " " + _consent_case(facts, used, acts_without_consent)
    notes.add(clause_id, reason)
    for clause_id, reason in because[1:]:
        notes.add(clause_id, reason)
    notes.add("preference_and_consent", _consent_sentence(facts, used, differs))

    procedures = _procedures(facts, action, used, notes, flags)
    escalations = _escalations(facts, action, notes)
    _context_flags(facts, used, notes, flags)
    notes.add(
        "signposting",
        "signpost the reporter to support services, whatever the outcome.",
    )
    return Recommendation(
        action=action,
        procedures=procedures,
        escalations=escalations,
        acts_without_consent=acts_without_consent,
        needs_reporter_agreement=needs_agreement,
        flags=tuple(flag for flag in FLAGS if flag in flags),
        rationale=tuple(notes.sentences),
        reasons=tuple(notes.reasons),
        policy_version=used.version,
    )


_Because = list[tuple[str, str]]  # (clause id, reason): the first explains the action


def _choose_action(facts: CaseFacts, flags: set[str]) -> tuple[Action, _Because]:
    """The first rule that applies (docs/policy-engine.md, 'The rules')."""
    high = facts.high_concern
    preference: Preference = facts.preference
    not_viable = facts.informal_attempt_failed or not facts.parties_willing_informal
    severe = facts.severity == "high" or facts.repeated
    if preference == "no_further_action" and not high:
        return "no_further_action", [
            (
                "outcome_no_further_action",
                "the reporter asked for no further action and no safeguarding concern or high "
                "risk was identified.",
            )
        ]
    if not facts.within_scope:
        flags.add("outside_scope")
        return "alternative_process", [
            (
                "outcome_alternative",
                "the concern was assessed as outside the policy's scope, so it is referred to "
                "the process that does cover it.",
            ),
            (
                "scope",
                "the policy's scope sets out who and what it covers; the officer judged that "
                "this concern falls outside it.",
            ),
            (
                "outcome_dismiss",
                "dismissing the allegation is never recommended here: it stays a decision the "
                "officer may take, and the reporter is then given the reason.",
            ),
        ]
    if facts.respondent == "third_party":
        return "alternative_process", [
            (
                "outcome_alternative",
                "the respondent is neither a student nor a member of staff, and the framework's "
                "routes cover students and staff only.",
            ),
            (
                "route_depends_on_respondent",
                "Appendix C routes by whether the respondent is a student or a member of staff.",
            ),
        ]
    if high:
        return "formal_process", [
            ("factor_risk", f"a formal process is recommended because {_concern(facts)}.")
        ]
    if preference == "formal":
        return "formal_process", [("factor_choice", "the reporter chose a formal process.")]
    if not_viable:
        flags.add("informal_not_viable")
        chose = (
            "the reporter preferred an informal approach"
            if preference == "informal"
            else "the reporter is undecided"
        )
        return "formal_process", [
            (
                "factor_other",
                f"{chose}, but {_not_viable(facts)}, so a formal process is recommended.",
            )
        ]
    if preference == "informal":
        because = [("factor_choice", "the reporter chose the informal approach.")]
        if severe:
            flags.add("severity_may_require_formal")
            because.append(
                (
                    "factor_severity",
                    f"the behaviour is {_severity(facts)}: check with the reporter whether a "
                    "formal process is needed.",
                )
            )
        return "informal_resolution", because
    if severe:
        flags.add("severity_may_require_formal")
        return "formal_process", [
            (
                "factor_severity",
                f"the reporter is undecided and the behaviour is {_severity(facts)}, so a "
                "formal process is recommended.",
            )
        ]
    return "informal_resolution", [
        (
            "framework_overview",
            "the reporter is undecided and nothing points to a formal process, so the informal "
            "approach is recommended.",
        )
    ]


def _asked_words(facts: CaseFacts, policy: Policy) -> str:
    if facts.preference == "undecided":
        return "the reporter has not decided yet"
    name = policy.preference(facts.preference).name
    return f"the reporter asked for {name[:1].lower()}{name[1:]}"


def _consent_case(facts: CaseFacts, policy: Policy, acts_without: bool) -> str:
    """Which case a recommendation against the preference is, said in the sentence that
    explains it: acting without consent (and on which ground), or needing their agreement."""
    if acts_without:
        return (
            f"{_capitalised(_asked_words(facts, policy))}: {WITHOUT_CONSENT_WORDS}, on the "
            f"ground that {_concern(facts)}."
        )
    return (
        f"{_capitalised(_asked_words(facts, policy))}, so this is an option to put to them, not "
        f"a decision: {NEEDS_AGREEMENT_WORDS}."
    )


def _consent_sentence(facts: CaseFacts, policy: Policy, differs: bool) -> str:
    if not differs:
        return "the reporter's preference is followed."
    if facts.high_concern:
        return (
            f"{_asked_words(facts, policy)}, and {WITHOUT_CONSENT_WORDS} because "
            f"{_concern(facts)}: a safeguarding concern or a significant risk is the only "
            "ground on which the policy allows it."
        )
    return (
        f"{_asked_words(facts, policy)} and there is no safeguarding concern or significant "
        "risk, so the reporter keeps autonomy over the next steps: the recommendation is an "
        f"option to put to them, and {NEEDS_AGREEMENT_WORDS}."
    )


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


def _context_flags(facts: CaseFacts, policy: Policy, notes: _Rationale, flags: set[str]) -> None:
    if facts.risk == "medium":
        flags.add("potential_risk")
        notes.add(
            "factor_risk",
            "the risk is assessed as medium, a potential risk: a formal process may be required. "
            "This does not change the recommendation; talk it through with the reporter.",
        )
    if is_historical(facts):
        flags.add("historical_report")
        notes.add(
            "historical_reports",
            "the earliest incident is more than six months before the report; the report is "
            "taken seriously and delay alone never dismisses it, though evidence may be harder "
            "to find.",
        )
    if (
        facts.incident_on is not None
        and facts.incident_on < policy.in_force_from <= facts.reported_on
    ):
        flags.add("incident_before_policy")
        notes.add(
            "in_force",
            f"the earliest incident is before {_long_date(policy.in_force_from)}, when version "
            f"{policy.version} of the policy began to apply. The report is handled under this "
            "version; check which expectations applied to the behaviour at the time.",
        )
    if facts.anonymous:
        flags.add("anonymous_no_contact")
        notes.add(
            "contact_within_two_days",
            "the report is anonymous, so there is no one to contact and no contact deadline.",
        )
    if facts.course_content and facts.reporter in _E6_REPORTERS:
        flags.add("course_content_presumption")
        notes.add(
            "course_content",
            "the concern is about course materials or statements in teaching, which are presumed "
            "not to be harassment of students exposed to them unless there is sufficient "
            "evidence to the contrary.",
        )
    elif facts.course_content:
        notes.add(
            "course_content",
            f"the concern is about course materials or teaching, but the reporter is "
            f"{_reporter_words(facts)}: the Condition E6 presumption is about students being "
            "exposed to such content, so it does not apply here.",
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
    """Collects the reasons, each resting on a clause of `policy`."""

    def __init__(self, policy: Policy) -> None:
        self._policy = policy
        self.reasons: list[Reason] = []

    def add(self, clause_id: str, reason: str) -> None:
        self._policy.clause(clause_id)  # every reason rests on a clause the data has
        self.reasons.append(Reason(clause_id, _capitalised(reason)))

    @property
    def sentences(self) -> list[str]:
        return [reason.sentence(self._policy) for reason in self.reasons]


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


def _reporter_words(facts: CaseFacts) -> str:
    return {"staff": "a member of staff", "visitor": "a visitor"}.get(
        facts.reporter, "not a student"
    )


_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _long_date(day: date) -> str:
    """'1 August 2025', whatever the locale (strftime's %B follows it)."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _days_in_month(year: int, month: int) -> int:
    following = date(year + month // 12, month % 12 + 1, 1)
    return (following - date(year, month, 1)).days
