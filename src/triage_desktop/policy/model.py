"""The policy as immutable values: what one version of the Dignity and Respect Policy says.

Built by `catalogue.load_policy` from a validated data file; nothing here reads files. The GUI, the
documents and the routing engine all read the same `Policy`, so a wording fixed in the data file is
fixed everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from types import MappingProxyType
from typing import Literal, TypeVar

from triage_desktop.policy.facts import READER_STATUSES, RESPONDENTS, STUDENT_STATUSES

Level = Literal["low", "medium", "high"]
LEVELS: tuple[Level, ...] = ("low", "medium", "high")
Answer = Literal["yes", "no", "unknown"]
ANSWERS: tuple[Answer, ...] = ("yes", "no", "unknown")
Audience = Literal["students", "staff", "everyone"]
AUDIENCES: tuple[Audience, ...] = ("students", "staff", "everyone")


@dataclass(frozen=True)
class Clause:
    """A place in the policy a recommendation rests on, with its words."""

    id: str
    cite: str
    quote: str


@dataclass(frozen=True)
class Principle:
    id: str
    name: str
    text: str


@dataclass(frozen=True)
class Term:
    """Plain words for one id the engine emits (a flag, an escalation, a preference): what a
    screen or a signed document shows instead of the id. `explanation` is our summary, never
    presented as a quotation of the policy."""

    id: str
    name: str
    explanation: str = ""


@dataclass(frozen=True)
class Outcome:
    """One of the five actions a triage meeting can end in (Appendix B)."""

    id: str
    name: str


@dataclass(frozen=True)
class Procedure:
    """A procedure of the framework (Appendix C) and when the routing engine names it."""

    id: str
    name: str
    route: str
    respondents: tuple[str, ...]
    clauses: tuple[str, ...]


@dataclass(frozen=True)
class Option:
    """A route explained to the reporter in plain words (informal, formal, external, no action)."""

    id: str
    title: str
    explanation: str


@dataclass(frozen=True)
class BehaviourKind:
    id: str
    name: str
    definition: str


@dataclass(frozen=True)
class Behaviour:
    """Unacceptable behaviour as Appendix A defines it; `defined_in_policy` false marks a working
    description of something the policy names without defining."""

    id: str
    name: str
    definition: str
    examples: tuple[str, ...]
    source: str
    defined_in_policy: bool
    kinds: tuple[BehaviourKind, ...] = ()


@dataclass(frozen=True)
class Characteristic:
    id: str
    name: str


AUDIENCE_STATUSES: Mapping[Audience, tuple[str, ...]] = MappingProxyType(
    {"students": STUDENT_STATUSES, "staff": ("staff",), "everyone": READER_STATUSES}
)
# Headings for the two groups `SupportDirectory.signposting` returns, for screens and letters.
CONFIDENTIAL_HEADING = "Free and confidential services"
PEOPLE_HEADING = "People you know and trust who can help"


@dataclass(frozen=True)
class SupportService:
    """One place to signpost people to.

    `confidential` marks a free and confidential service; false marks a person in the reader's
    own University life who can help (a line manager, an academic adviser), never listed as
    confidential. `for_statuses` narrows the audience to some reporter statuses (empty: everyone
    in the audience). `not_when_respondent` lists the respondent types for which the service is
    left out, because the role may be the respondent's own (a line manager when the concern is
    about a member of staff).
    """

    id: str
    name: str
    audience: Audience
    description: str
    contact: str
    confidential: bool = False
    for_statuses: tuple[str, ...] = ()
    not_when_respondent: tuple[str, ...] = ()

    @property
    def statuses(self) -> tuple[str, ...]:
        """The reporter statuses this service is for."""
        return self.for_statuses or AUDIENCE_STATUSES[self.audience]


def service_problem(service: SupportService) -> tuple[str, str] | None:
    """The first thing wrong with `service` as (key, problem), or None: the one check for the data
    file, saved settings and edits in code."""
    if service.audience not in AUDIENCES:
        return "audience", f"must be one of {', '.join(AUDIENCES)}"
    if not service.id.strip():
        return "id", "must not be empty"
    if not service.name.strip():
        return "name", "must not be empty"
    if not isinstance(service.confidential, bool):
        return "confidential", "expected true or false"
    allowed = AUDIENCE_STATUSES[service.audience]
    for status in service.for_statuses:
        if status not in allowed:
            return "for_statuses", (
                f"{status!r} is not a status of the audience {service.audience!r} "
                f"({', '.join(allowed)})"
            )
    for kind in service.not_when_respondent:
        if kind not in RESPONDENTS:
            return "not_when_respondent", f"{kind!r} is not one of {', '.join(RESPONDENTS)}"
    return None


@dataclass(frozen=True)
class Signposting:
    """The services to signpost one reader to, in directory order, in two groups.

    `confidential` are free and confidential services; `people` are people the reader knows and
    trusts who can help. `left_out` are services for this reader not shown because the role may
    be the respondent's (for the officer to know, not to show the reporter).
    """

    confidential: tuple[SupportService, ...]
    people: tuple[SupportService, ...]
    left_out: tuple[SupportService, ...] = ()

    @property
    def services(self) -> tuple[SupportService, ...]:
        """Everything to signpost: the confidential services first, then the people."""
        return self.confidential + self.people


@dataclass(frozen=True)
class SupportDirectory:
    """Where to signpost people. Edits return a new directory; callers decide where to keep it."""

    services: tuple[SupportService, ...]

    def signposting(self, reader: str, respondents: Iterable[str] = ()) -> Signposting:
        """What to signpost a reader with status `reader` (a `ReporterStatus` value:
        undergraduate, postgraduate_taught, postgraduate_research, staff, visitor, other), in a
        case whose respondents have the types `respondents` (`RespondentType` values). No
        respondent recorded counts as `unknown`: a role that may be the respondent's is left out
        until it is known not to be. Raises ValueError for a status or type it does not know."""
        if reader not in READER_STATUSES:
            raise ValueError(f"reader: {reader!r} is not one of {', '.join(READER_STATUSES)}")
        kinds = set(respondents) or {"unknown"}
        for kind in kinds:
            if kind not in RESPONDENTS:
                raise ValueError(f"respondents: {kind!r} is not one of {', '.join(RESPONDENTS)}")
        shown: list[SupportService] = []
        left_out: list[SupportService] = []
        for service in self.services:
            if reader not in service.statuses:
                continue
            (left_out if kinds & set(service.not_when_respondent) else shown).append(service)
        return Signposting(
            confidential=tuple(s for s in shown if s.confidential),
            people=tuple(s for s in shown if not s.confidential),
            left_out=tuple(left_out),
        )

    def for_audience(self, audience: Literal["students", "staff"]) -> tuple[SupportService, ...]:
        """Every service for students or for staff, including those for everyone, in directory
        order: the whole list, e.g. to edit it. To signpost a reader, use `signposting`."""
        return tuple(s for s in self.services if s.audience in (audience, "everyone"))

    def get(self, service_id: str) -> SupportService:
        for service in self.services:
            if service.id == service_id:
                return service
        raise KeyError(service_id)

    def updated(self, service: SupportService) -> SupportDirectory:
        """This directory with `service` replacing the one of the same id, or added at the end."""
        problem = service_problem(service)
        if problem is not None:
            key, message = problem
            raise ValueError(f"{key} {message}")
        kept = [s if s.id != service.id else service for s in self.services]
        if all(s.id != service.id for s in self.services):
            kept.append(service)
        return replace(self, services=tuple(kept))

    def removed(self, service_id: str) -> SupportDirectory:
        self.get(service_id)
        return replace(self, services=tuple(s for s in self.services if s.id != service_id))

    def to_records(self) -> list[dict[str, object]]:
        """Plain records, e.g. to save an edited directory in settings; read them back with
        `catalogue.support_directory_from_records`."""
        records: list[dict[str, object]] = []
        for s in self.services:
            record: dict[str, object] = {
                "id": s.id,
                "name": s.name,
                "audience": s.audience,
                "description": s.description,
                "contact": s.contact,
                "confidential": s.confidential,
            }
            if s.for_statuses:
                record["for_statuses"] = list(s.for_statuses)
            if s.not_when_respondent:
                record["not_when_respondent"] = list(s.not_when_respondent)
            records.append(record)
        return records


@dataclass(frozen=True)
class RiskSection:
    id: str
    name: str


@dataclass(frozen=True)
class RiskQuestion:
    """A prompt of the risk screen; each answer maps to a level."""

    id: str
    section: str
    text: str
    levels: Mapping[Answer, Level]
    safeguarding_if: frozenset[Answer]
    # What to do now for an answer that is a red flag (every answer at level high has one).
    what_to_do: Mapping[Answer, str] = field(default_factory=lambda: MappingProxyType({}))


@dataclass(frozen=True)
class ExternalChecklist:
    """A licensed checklist completed elsewhere (DASH, S-DASH): only its score is recorded here."""

    id: str
    name: str
    max_score: int


@dataclass(frozen=True)
class RiskScreen:
    clause: str
    sections: tuple[RiskSection, ...]
    questions: tuple[RiskQuestion, ...]
    external_checklists: tuple[ExternalChecklist, ...]

    def question(self, question_id: str) -> RiskQuestion:
        for question in self.questions:
            if question.id == question_id:
                return question
        raise KeyError(question_id)

    def checklist(self, checklist_id: str) -> ExternalChecklist:
        for checklist in self.external_checklists:
            if checklist.id == checklist_id:
                return checklist
        raise KeyError(checklist_id)


@dataclass(frozen=True)
class Policy:
    """One version of the Dignity and Respect Policy."""

    version: str
    title: str
    in_force_from: date
    owner: str
    clauses: Mapping[str, Clause]
    principles: tuple[Principle, ...]
    outcomes: tuple[Outcome, ...]
    procedures: tuple[Procedure, ...]
    options: tuple[Option, ...]
    behaviours: tuple[Behaviour, ...]
    protected_characteristics: tuple[Characteristic, ...]
    other_identities: tuple[Characteristic, ...]
    support: SupportDirectory
    risk: RiskScreen
    flags: tuple[Term, ...]
    escalations: tuple[Term, ...]
    preferences: tuple[Term, ...]
    source: str = field(default="", compare=False)

    def clause(self, clause_id: str) -> Clause:
        return self.clauses[clause_id]

    def option(self, option_id: str) -> Option:
        return _by_id(self.options, option_id)

    def outcome(self, outcome_id: str) -> Outcome:
        return _by_id(self.outcomes, outcome_id)

    def procedure(self, procedure_id: str) -> Procedure:
        return _by_id(self.procedures, procedure_id)

    def behaviour(self, behaviour_id: str) -> Behaviour:
        return _by_id(self.behaviours, behaviour_id)

    def flag(self, flag_id: str) -> Term:
        """The words for a routing flag (`routing.FLAGS`)."""
        return _by_id(self.flags, flag_id)

    def escalation(self, escalation_id: str) -> Term:
        """The words for a routing escalation (`routing.ESCALATIONS`)."""
        return _by_id(self.escalations, escalation_id)

    def preference(self, preference_id: str) -> Term:
        """The words for a reporter's preference (`facts.PREFERENCES`)."""
        return _by_id(self.preferences, preference_id)


_Item = TypeVar("_Item", Option, Outcome, Procedure, Behaviour, Term)


def _by_id(items: tuple[_Item, ...], ident: str) -> _Item:
    for item in items:
        if item.id == ident:
            return item
    raise KeyError(ident)
