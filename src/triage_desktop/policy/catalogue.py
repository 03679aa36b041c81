"""Load the versioned policy data files and pick the version in force on a date.

Files live in `resources/policy/` as `dignity-and-respect-<version>.toml`, one per version. Each is
validated on load: a wrong key, type or reference is a `PolicyDataError` naming the file, the key
path and the problem. Earlier versions stay loadable so old cases still explain themselves.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from datetime import date
from functools import cache
from pathlib import Path
from types import MappingProxyType

from triage_desktop.policy._reader import TableReader, unique_ids
from triage_desktop.policy.errors import PolicyDataError, PolicyNotInForceError
from triage_desktop.policy.facts import PREFERENCES
from triage_desktop.policy.ids import ACTIONS, ESCALATIONS, FLAGS
from triage_desktop.policy.model import (
    ANSWERS,
    AUDIENCES,
    LEVELS,
    Answer,
    Audience,
    Behaviour,
    BehaviourKind,
    Characteristic,
    Clause,
    ExternalChecklist,
    Level,
    Option,
    Outcome,
    Policy,
    Principle,
    Procedure,
    RiskQuestion,
    RiskScreen,
    RiskSection,
    SupportDirectory,
    SupportService,
    Term,
    service_problem,
)
from triage_desktop.resources import resource

FILE_PREFIX = "dignity-and-respect-"
OUTCOME_IDS = ACTIONS
OPTION_IDS = ("informal", "formal", "external", "no_further_action")
RESPONDENT_KINDS = ("student", "staff")
# Clauses the routing engine cites; every version's data file must provide them.
ENGINE_CLAUSES = (
    "scope",
    "historical_reports",
    "framework_overview",
    "policy_interactions",
    "senior_escalation",
    "course_content",
    "legitimate_management",
    "contact_within_two_days",
    "external_routes",
    "preference_and_consent",
    "outcome_informal",
    "outcome_formal",
    "outcome_alternative",
    "outcome_no_further_action",
    "outcome_dismiss",
    "signposting",
    "factor_choice",
    "factor_severity",
    "factor_risk",
    "factor_other",
    "route_depends_on_respondent",
    "in_force",
)


def policy_directory() -> Path:
    return resource("policy")


def available_versions(directory: Path | None = None) -> list[str]:
    """Every policy version shipped, oldest in force first."""
    return [policy.version for policy in _all_policies(directory or policy_directory())]


def load_policy(version: str | None = None, *, directory: Path | None = None) -> Policy:
    """One version of the policy; the newest when `version` is None."""
    policies = _all_policies(directory or policy_directory())
    if version is None:
        return policies[-1]
    for policy in policies:
        if policy.version == version:
            return policy
    known = ", ".join(p.version for p in policies)
    raise PolicyNotInForceError(f"no policy version {version!r} (known versions: {known})")


def policy_for_date(day: date, *, directory: Path | None = None) -> Policy:
    """The version in force on `day`: the latest whose in-force date is on or before it."""
    policies = _all_policies(directory or policy_directory())
    in_force = [p for p in policies if p.in_force_from <= day]
    if not in_force:
        earliest = policies[0]
        raise PolicyNotInForceError(
            f"no version of the policy is in force on {day.isoformat()}; the earliest here, "
            f"{earliest.version}, applies from {earliest.in_force_from.isoformat()}"
        )
    return in_force[-1]


@cache
def _all_policies(directory: Path) -> tuple[Policy, ...]:
    files = sorted(directory.glob(f"{FILE_PREFIX}*.toml"))
    if not files:
        raise PolicyDataError(f"{directory}: no policy data files ({FILE_PREFIX}<version>.toml)")
    policies = [load_policy_file(path) for path in files]
    by_date: dict[date, Policy] = {}
    for policy in policies:
        clash = by_date.get(policy.in_force_from)
        if clash is not None:
            raise PolicyDataError(
                f"{policy.source}: policy.in_force_from: same date as version {clash.version} "
                f"({policy.in_force_from.isoformat()})"
            )
        by_date[policy.in_force_from] = policy
    return tuple(sorted(policies, key=lambda p: p.in_force_from))


def load_policy_file(path: Path) -> Policy:
    """Read and validate one policy data file."""
    source = path.name
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise PolicyDataError(f"{source}: cannot be read ({error.strerror})") from error
    except UnicodeDecodeError as error:
        raise PolicyDataError(f"{source}: not UTF-8 text ({error.reason})") from error
    except tomllib.TOMLDecodeError as error:
        raise PolicyDataError(f"{source}: not valid TOML ({error})") from error
    policy = parse_policy(raw, source)
    expected_name = f"{FILE_PREFIX}{policy.version}.toml"
    if path.name != expected_name:
        raise PolicyDataError(
            f"{source}: policy.version: is {policy.version!r}, so the file must be named "
            f"{expected_name}"
        )
    return policy


def parse_policy(raw: dict[str, object], source: str) -> Policy:
    """Build a `Policy` from parsed TOML, checking every key, type and cross-reference."""
    top = TableReader(raw, source)
    head = top.table("policy")
    version, title = head.text("version"), head.text("title")
    in_force_from, owner = head.day("in_force_from"), head.text("owner")
    head.done()

    clauses = _clauses(top.table("clauses"))
    policy = Policy(
        version=version,
        title=title,
        in_force_from=in_force_from,
        owner=owner,
        clauses=MappingProxyType(clauses),
        principles=_principles(top),
        outcomes=_outcomes(top),
        procedures=_procedures(top, clauses),
        options=_options(top),
        behaviours=_behaviours(top),
        protected_characteristics=_characteristics(top, "protected_characteristics"),
        other_identities=_characteristics(top, "other_identities"),
        support=_support(top),
        risk=_risk(top.table("risk"), clauses),
        flags=_terms(top, "flags", FLAGS, explained=True),
        escalations=_terms(top, "escalations", ESCALATIONS, explained=True),
        preferences=_terms(top, "preferences", PREFERENCES, explained=False),
        source=source,
    )
    top.done()
    return policy


def _clauses(table: TableReader) -> dict[str, Clause]:
    clauses: dict[str, Clause] = {}
    for clause_id in table.all_keys():
        entry = table.table(clause_id)
        clauses[clause_id] = Clause(clause_id, entry.text("cite"), entry.text("quote"))
        entry.done()
    for needed in ENGINE_CLAUSES:
        if needed not in clauses:
            raise table.fail(needed, "missing (the routing engine cites it)")
    return clauses


def _principles(top: TableReader) -> tuple[Principle, ...]:
    found = []
    for entry in top.tables("principles"):
        found.append(Principle(entry.text("id"), entry.text("name"), entry.text("text")))
        entry.done()
    unique_ids(top, "principles", [p.id for p in found])
    return tuple(found)


def _outcomes(top: TableReader) -> tuple[Outcome, ...]:
    found = []
    for entry in top.tables("outcomes"):
        found.append(Outcome(entry.text("id"), entry.text("name")))
        entry.done()
    _exact_ids(top, "outcomes", [o.id for o in found], OUTCOME_IDS)
    return tuple(found)


def _procedures(top: TableReader, clauses: dict[str, Clause]) -> tuple[Procedure, ...]:
    found = []
    for entry in top.tables("procedures"):
        procedure = Procedure(
            id=entry.text("id"),
            name=entry.text("name"),
            route=entry.text("route"),
            respondents=entry.texts("respondents"),
            clauses=entry.texts("clauses"),
        )
        if procedure.route not in ("informal_resolution", "formal_process"):
            raise entry.fail("route", "must be informal_resolution or formal_process")
        for kind in procedure.respondents:
            if kind not in RESPONDENT_KINDS:
                raise entry.fail("respondents", f"{kind!r} is not one of student, staff")
        for clause_id in procedure.clauses:
            if clause_id not in clauses:
                raise entry.fail("clauses", f"no clause {clause_id!r} in [clauses]")
        entry.done()
        found.append(procedure)
    unique_ids(top, "procedures", [p.id for p in found])
    return tuple(found)


def _options(top: TableReader) -> tuple[Option, ...]:
    found = []
    for entry in top.tables("options"):
        found.append(Option(entry.text("id"), entry.text("title"), entry.text("explanation")))
        entry.done()
    _exact_ids(top, "options", [o.id for o in found], OPTION_IDS)
    return tuple(found)


def _behaviours(top: TableReader) -> tuple[Behaviour, ...]:
    found = []
    for entry in top.tables("behaviours"):
        kinds = []
        for kind in entry.tables("kinds", optional=True):
            kinds.append(BehaviourKind(kind.text("id"), kind.text("name"), kind.text("definition")))
            kind.done()
        found.append(
            Behaviour(
                id=entry.text("id"),
                name=entry.text("name"),
                definition=entry.text("definition"),
                examples=entry.texts("examples"),
                source=entry.text("source"),
                defined_in_policy=entry.flag("defined_in_policy"),
                kinds=tuple(kinds),
            )
        )
        entry.done()
    unique_ids(top, "behaviours", [b.id for b in found])
    return tuple(found)


def _characteristics(top: TableReader, key: str) -> tuple[Characteristic, ...]:
    found = []
    for entry in top.tables(key):
        found.append(Characteristic(entry.text("id"), entry.text("name")))
        entry.done()
    unique_ids(top, key, [c.id for c in found])
    return tuple(found)


def _support(top: TableReader) -> SupportDirectory:
    found = []
    for entry in top.tables("support_services"):
        audience = entry.text("audience")
        if audience not in AUDIENCES:
            raise entry.fail("audience", f"must be one of {', '.join(AUDIENCES)}")
        service = SupportService(
            id=entry.text("id"),
            name=entry.text("name"),
            audience=_audience(audience),
            description=entry.text("description"),
            contact=entry.text("contact", allow_empty=True),
            confidential=entry.flag("confidential"),
            for_statuses=_optional_texts(entry, "for_statuses"),
            not_when_respondent=_optional_texts(entry, "not_when_respondent"),
        )
        problem = service_problem(service)
        if problem is not None:
            raise entry.fail(*problem)
        found.append(service)
        entry.done()
    unique_ids(top, "support_services", [s.id for s in found])
    return SupportDirectory(tuple(found))


def _optional_texts(entry: TableReader, key: str) -> tuple[str, ...]:
    if not entry.has(key):
        return ()
    values = entry.texts(key)
    if not values:
        raise entry.fail(key, "must list at least one entry (leave the key out for all)")
    return values


def _terms(
    top: TableReader, key: str, expected: tuple[str, ...], *, explained: bool
) -> tuple[Term, ...]:
    """Words for the engine's ids: exactly one entry per id, in the engine's order."""
    found = []
    for entry in top.tables(key):
        term = Term(
            entry.text("id"),
            entry.text("name"),
            entry.text("explanation") if explained else "",
        )
        if "_" in term.name:
            raise entry.fail("name", f"{term.name!r} reads like an id, not words")
        entry.done()
        found.append(term)
    _exact_ids(top, key, [t.id for t in found], expected)
    by_id = {t.id: t for t in found}
    return tuple(by_id[ident] for ident in expected)


def support_directory_from_records(
    records: Iterable[Mapping[str, object]], source: str = "support directory"
) -> SupportDirectory:
    """An edited directory saved with `SupportDirectory.to_records()`, validated like the file."""
    top = TableReader({"support_services": [dict(r) for r in records]}, source)
    directory = _support(top)
    top.done()
    return directory


def _risk(table: TableReader, clauses: dict[str, Clause]) -> RiskScreen:
    clause = table.text("clause")
    if clause not in clauses:
        raise table.fail("clause", f"no clause {clause!r} in [clauses]")
    sections = []
    for entry in table.tables("sections"):
        sections.append(RiskSection(entry.text("id"), entry.text("name")))
        entry.done()
    unique_ids(table, "sections", [s.id for s in sections])
    section_ids = {s.id for s in sections}
    questions = []
    for entry in table.tables("questions"):
        section = entry.text("section")
        if section not in section_ids:
            raise entry.fail("section", f"no section {section!r} in risk.sections")
        levels = _answer_levels(entry.table("levels"))
        what_to_do = _what_to_do(entry) if entry.has("what_to_do") else {}
        for answer, level in levels.items():
            if level == "high" and answer not in what_to_do:
                raise entry.fail(
                    "what_to_do", f"missing for {answer!r}: every high-risk answer needs one"
                )
        questions.append(
            RiskQuestion(
                id=entry.text("id"),
                section=section,
                text=entry.text("text"),
                levels=levels,
                safeguarding_if=frozenset(
                    _answer(entry, v) for v in entry.texts("safeguarding_if")
                ),
                what_to_do=MappingProxyType(what_to_do),
            )
        )
        entry.done()
    unique_ids(table, "questions", [q.id for q in questions])
    checklists = []
    for entry in table.tables("external_checklists", optional=True):
        checklist = ExternalChecklist(
            entry.text("id"), entry.text("name"), entry.number("max_score")
        )
        if checklist.max_score < 1:
            raise entry.fail("max_score", "must be at least 1")
        checklists.append(checklist)
        entry.done()
    unique_ids(table, "external_checklists", [c.id for c in checklists])
    table.done()
    return RiskScreen(clause, tuple(sections), tuple(questions), tuple(checklists))


def _answer_levels(table: TableReader) -> MappingProxyType[Answer, Level]:
    levels: dict[Answer, Level] = {}
    for answer in ANSWERS:
        level = table.text(answer)
        if level not in LEVELS:
            raise table.fail(answer, f"must be one of {', '.join(LEVELS)}, not {level!r}")
        levels[answer] = _level(level)
    table.done()
    return MappingProxyType(levels)


def _what_to_do(entry: TableReader) -> dict[Answer, str]:
    table = entry.table("what_to_do")
    found: dict[Answer, str] = {}
    for key in table.all_keys():
        answer = next((a for a in ANSWERS if a == key), None)
        if answer is None:
            raise table.fail(key, f"is not one of {', '.join(ANSWERS)}")
        found[answer] = table.text(key)
    return found


def _answer(entry: TableReader, value: str) -> Answer:
    for answer in ANSWERS:
        if value == answer:
            return answer
    raise entry.fail("safeguarding_if", f"{value!r} is not one of {', '.join(ANSWERS)}")


def _level(value: str) -> Level:
    for level in LEVELS:
        if value == level:
            return level
    raise ValueError(value)  # pragma: no cover - checked by the caller


def _audience(value: str) -> Audience:
    for audience in AUDIENCES:
        if value == audience:
            return audience
    raise ValueError(value)  # pragma: no cover - checked by the caller


def _exact_ids(top: TableReader, key: str, ids: list[str], expected: tuple[str, ...]) -> None:
    unique_ids(top, key, ids)
    missing = [i for i in expected if i not in ids]
    if missing:
        raise top.fail(key, f"missing id {missing[0]!r}")
    extra = [i for i in ids if i not in expected]
    if extra:
        raise top.fail(key, f"unknown id {extra[0]!r} (expected {', '.join(expected)})")
