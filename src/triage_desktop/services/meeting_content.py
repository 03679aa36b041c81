"""What a meeting means, for the screen and the documents: the routing for each respondent, how
the decision stands with the reporter's consent, what must be written before signing, and the
reporter view's allow-list.

Pure: no vault, no Qt. Every value is read through `cases.meeting` (the one schema), so the
screen and these builders cannot disagree about a key.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from triage_desktop.cases.model import Case
from triage_desktop.meeting import Consent, Meeting
from triage_desktop.meeting import derived as d
from triage_desktop.meeting import schema as m
from triage_desktop.policy.model import Policy, Signposting, SupportDirectory, SupportService
from triage_desktop.policy.risk import RiskResult
from triage_desktop.policy.routing import ACTIONS, Recommendation

# Decisions that close the framework's door: the reporter is told why, in words for them.
EXPLAINED_TO_REPORTER = ("dismiss", "alternative_process")
# The decisions the University can take without the reporter's consent (Appendix B).
WITHOUT_CONSENT_DECISIONS = ("formal_process", "alternative_process")


@dataclass(frozen=True)
class RespondentRoute:
    """The recommendation for one respondent."""

    label: str
    kind: str  # the respondent type used
    recommendation: Recommendation


@dataclass(frozen=True)
class Routing:
    """The policy's recommendation(s), the officer's decision and how it stands with consent."""

    routes: tuple[RespondentRoute, ...]
    risk: RiskResult
    decision: str  # "" while the officer has not chosen and the routes disagree
    reason: str
    consent: Consent | None

    @property
    def recommended(self) -> str:
        """The action every route recommends, or "" when they differ."""
        actions = {r.recommendation.action for r in self.routes}
        return actions.pop() if len(actions) == 1 else ""

    @property
    def differs(self) -> bool:
        return any(r.recommendation.action != self.decision for r in self.routes)

    @property
    def high_concern(self) -> bool:
        return self.risk.level == "high" or self.risk.safeguarding


def routing(case: Case, meeting: Meeting, policy: Policy) -> Routing:
    from triage_desktop.policy.routing import recommend

    risk = d.risk_result(meeting, policy)
    routes = tuple(
        RespondentRoute(
            entry.label, kind, recommend(d.case_facts(case, meeting, risk, kind), policy)
        )
        for entry, kind in d.respondent_types(meeting, case)
    )
    chosen = meeting.text(m.DECISION)
    actions = {r.recommendation.action for r in routes}
    decision = chosen if chosen in ACTIONS else (actions.pop() if len(actions) == 1 else "")
    high = risk.level == "high" or risk.safeguarding
    consent = d.consent_basis(meeting, decision, high) if decision else None
    return Routing(routes, risk, decision, meeting.text(m.DECISION_REASON), consent)


def needs_agreement(meeting: Meeting, route: Routing) -> bool:
    """The decision is not what the reporter asked for and nothing allows acting without them:
    it is an option to put to the reporter, and their agreement is recorded."""
    asked = d.ASKED_FOR.get(d.preference(meeting))
    return bool(route.decision) and asked != route.decision and not route.high_concern


def sign_blockers(case: Case, meeting: Meeting, policy: Policy) -> list[str]:
    """What must be written before the summary can be signed (nothing else is ever forced)."""
    found = []
    if d.unacknowledged_red_flags(meeting, policy):
        found.append("Safety: acknowledge the safety alert (on the opening step).")
    route = routing(case, meeting, policy)
    if not route.decision:
        found.append("Routing: the recommendations differ between respondents: choose a decision.")
    elif route.differs and not route.reason.strip():
        found.append("Routing: give a reason for a decision that differs from the recommendation.")
    if meeting.flag(m.ACT_WITHOUT_CONSENT) and not route.high_concern:
        found.append(
            "Routing: the policy allows acting without the reporter's consent only where there "
            "is a safeguarding concern or a significant risk. Record that judgement on the risk "
            "step, or record what the reporter agreed to."
        )
    elif route.consent is Consent.WITHOUT_CONSENT:
        if not meeting.text(m.WITHOUT_CONSENT_JUSTIFICATION).strip():
            found.append("Routing: write why you must act without the reporter's consent.")
        if route.decision not in WITHOUT_CONSENT_DECISIONS:
            found.append(
                "Routing: acting without the reporter's consent means referring the matter to a "
                "formal process or to the process that covers it; otherwise record what they "
                "agreed to."
            )
    elif route.decision and route.consent is None:
        found.append(
            "Routing: this is not what the reporter asked for. Record what they agreed to, in "
            "their words, or choose what they asked for."
        )
    if route.decision in EXPLAINED_TO_REPORTER and not meeting.text(m.REPORTER_EXPLANATION).strip():
        found.append("Routing: write the explanation their letter will give them.")
    judgement = meeting.text(m.RISK_JUDGEMENT)
    if judgement and judgement != route.risk.computed_level and not route.risk.override_reason:
        found.append("Risk: give a reason for your judgement of the risk.")
    return found


# -- what the reporter may see --------------------------------------------------------------------


def signposting(case: Case, meeting: Meeting, directory: SupportDirectory) -> Signposting:
    """Where this reporter is signposted: the services for their status, confidential services
    apart from people who can help, leaving out roles that may be a respondent's (the policy
    layer decides; the directory carries the officer's corrections)."""
    kinds = [kind for _entry, kind in d.respondent_types(meeting, case)]
    return directory.signposting(case.details.reporter.status.value, kinds)


def support_services(
    case: Case, meeting: Meeting, directory: SupportDirectory
) -> tuple[SupportService, ...]:
    """The services the support step offers, confidential ones first."""
    return signposting(case, meeting, directory).services


@dataclass(frozen=True)
class ReporterView:
    """Everything the reporter view shows: an allow-list of plain-language text, nothing else."""

    next_steps: tuple[tuple[str, str, str], ...]  # who, what, by when
    follow_up: str
    support: tuple[tuple[str, str, str], ...]  # service, what was agreed, how to reach it
    options: tuple[tuple[str, str], ...]  # title, plain words
    preference: str
    preference_words: str
    sharing: tuple[tuple[str, str], ...]
    adjustments: tuple[str, ...]


def reporter_view(
    case: Case, meeting: Meeting, policy: Policy, directory: SupportDirectory
) -> ReporterView:
    kinds = d.respondent_kinds(meeting, case)
    steps = tuple(
        (s.owner_for_reporter, s.action, "" if s.due is None else long_date(s.due))
        for s in d.next_steps(meeting)
        if s.shared
    )
    follow = meeting.date(m.FOLLOW_UP)
    chosen = meeting.text(m.PREFERENCE)
    return ReporterView(
        next_steps=steps,
        follow_up="" if follow is None else long_date(follow),
        support=tuple(
            (service.name, state, service.contact)
            for service, state, _note in d.offers(
                meeting, support_services(case, meeting, directory)
            )
        ),
        options=tuple((o.title, d.option_text(o, kinds, policy)) for o in policy.options),
        preference=policy.preference(chosen).name if chosen else "",
        preference_words=meeting.text(m.PREFERENCE_IN_THEIR_WORDS),
        sharing=d.sharing(meeting),
        adjustments=d.adjustments(meeting),
    )


def long_date(day: dt.date) -> str:
    return f"{day.strftime('%A')} {day.day} {day.strftime('%B %Y')}"


# -- the recommendation in words ----------------------------------------------------------------


@dataclass(frozen=True)
class Reason:
    text: str  # why, in plain words
    cite: str  # where in the policy
    quote: str  # the policy's own words


@dataclass(frozen=True)
class RouteWords:
    """One respondent's recommendation with every id turned into words."""

    respondent: str
    action: str
    procedures: tuple[str, ...]
    escalations: tuple[str, ...]
    flags: tuple[str, ...]
    reasons: tuple[Reason, ...]
    policy_version: str


def route_words(route: RespondentRoute, policy: Policy) -> RouteWords:
    advice = route.recommendation
    return RouteWords(
        respondent=route.label,
        action=policy.outcome(advice.action).name,
        procedures=tuple(policy.procedure(p).name for p in advice.procedures),
        escalations=tuple(policy.escalation(e).name for e in advice.escalations),
        flags=tuple(policy.flag(f).name for f in advice.flags),
        reasons=tuple(
            Reason(r.text, policy.clause(r.clause_id).cite, policy.clause(r.clause_id).quote)
            for r in advice.reasons
        ),
        policy_version=advice.policy_version,
    )


def ground_words(route: Routing) -> str:
    """The ground for acting without consent, in words for the reporter (no risk detail):
    completes 'This is because …'."""
    if route.risk.safeguarding:
        return (
            "what you told me means that someone may be at risk of harm, and the University has "
            "a duty to act to keep people safe"
        )
    return (
        "what you told me means there is a significant risk to someone's safety or wellbeing, "
        "and the University has a duty to act on that"
    )


def ground_for_the_record(route: Routing) -> str:
    """The same ground, as the summary states it ('because of …')."""
    grounds = []
    if route.risk.safeguarding:
        grounds.append("a safeguarding concern")
    if route.risk.level == "high":
        grounds.append("a significant risk")
    return " and ".join(grounds)


def asked_for_words(meeting: Meeting, policy: Policy) -> str:
    """What the reporter asked for, completing 'you asked for …'."""
    chosen = d.preference(meeting)
    if chosen == "undecided":
        return "time to think about what you would like to happen"
    return _lower_first(policy.preference(chosen).name)


def decided_procedures(route: Routing, kinds: frozenset[str], policy: Policy) -> tuple[str, ...]:
    """The procedures the officer's decision names, for these respondents, by name."""
    wanted = set(kinds) | ({"student", "staff"} if "staff_and_student" in kinds else set())
    return tuple(
        p.name
        for p in policy.procedures
        if p.route == route.decision and set(p.respondents) & wanted
    )


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def consent_line(meeting: Meeting, route: Routing) -> str:
    """How the decision stands with what the reporter asked for, in one plain sentence."""
    if not route.decision:
        return "The recommendations differ between respondents: choose your decision below."
    if route.consent is Consent.REPORTER_CHOSE:
        return "This is what they asked for."
    if route.consent is Consent.REPORTER_AGREED:
        return "This is not what they first asked for; they agreed to it after discussion."
    if route.consent is Consent.WITHOUT_CONSENT:
        return (
            "You will act without their consent, because there is a safeguarding concern or a "
            "significant risk."
        )
    if meeting.flag(m.ACT_WITHOUT_CONSENT):
        return (
            "The policy allows acting without their consent only where there is a safeguarding "
            "concern or a significant risk. If that is your judgement, record it on the risk "
            "step; otherwise put this to them as an option and record what they agree to."
        )
    return (
        "This is not what they asked for: put it to them as an option, and record what they "
        "agree to in their words (or choose what they asked for)."
    )
