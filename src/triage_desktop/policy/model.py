"""The policy as immutable values: what one version of the Dignity and Respect Policy says.

Built by `catalogue.load_policy` from a validated data file; nothing here reads files. The GUI, the
documents and the routing engine all read the same `Policy`, so a wording fixed in the data file is
fixed everywhere.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Literal, TypeVar

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


@dataclass(frozen=True)
class SupportService:
    id: str
    name: str
    audience: Audience
    description: str
    contact: str


@dataclass(frozen=True)
class SupportDirectory:
    """Where to signpost people. Edits return a new directory; callers decide where to keep it."""

    services: tuple[SupportService, ...]

    def for_audience(self, audience: Literal["students", "staff"]) -> tuple[SupportService, ...]:
        """Services for students or for staff, including those for everyone, in directory order."""
        return tuple(s for s in self.services if s.audience in (audience, "everyone"))

    def get(self, service_id: str) -> SupportService:
        for service in self.services:
            if service.id == service_id:
                return service
        raise KeyError(service_id)

    def updated(self, service: SupportService) -> SupportDirectory:
        """This directory with `service` replacing the one of the same id, or added at the end."""
        if service.audience not in AUDIENCES:
            raise ValueError(f"audience must be one of {', '.join(AUDIENCES)}")
        if not service.id.strip() or not service.name.strip():
            raise ValueError("a support service needs an id and a name")
        kept = [s if s.id != service.id else service for s in self.services]
        if all(s.id != service.id for s in self.services):
            kept.append(service)
        return replace(self, services=tuple(kept))

    def removed(self, service_id: str) -> SupportDirectory:
        self.get(service_id)
        return replace(self, services=tuple(s for s in self.services if s.id != service_id))

    def to_records(self) -> list[dict[str, str]]:
        """Plain records, e.g. to save an edited directory in settings."""
        return [
            {
                "id": s.id,
                "name": s.name,
                "audience": s.audience,
                "description": s.description,
                "contact": s.contact,
            }
            for s in self.services
        ]


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


_Item = TypeVar("_Item", Option, Outcome, Procedure, Behaviour)


def _by_id(items: tuple[_Item, ...], ident: str) -> _Item:
    for item in items:
        if item.id == ident:
            return item
    raise KeyError(ident)
