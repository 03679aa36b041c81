"""The risk screen of the triage meeting: configurable questions, a level, and a safeguarding flag.

The questions live in the policy data (`[risk]`), each answer (yes, no, unknown) mapping to a
level. The computed level is the highest any answer reaches; a question not asked counts as
"unknown", so an unfinished screen never reads as low risk. The officer may override the level
with professional judgement, which needs a reason. DASH and S-DASH are licensed checklists: they
are never reproduced here; the screen records only that one was completed elsewhere, and its score.

Feed the result to routing as `CaseFacts(risk=result.level,
safeguarding_concern=result.safeguarding, ...)`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from triage_desktop.policy.catalogue import load_policy
from triage_desktop.policy.errors import RiskError
from triage_desktop.policy.model import ANSWERS, LEVELS, Answer, Level, Policy


@dataclass(frozen=True)
class RiskAnswer:
    """The answer to one question, with the officer's comment in their own words."""

    question_id: str
    answer: Answer
    comment: str = ""


@dataclass(frozen=True)
class ChecklistRecord:
    """A DASH or S-DASH checklist completed elsewhere: when, by whom, and its score only."""

    checklist_id: str
    completed_on: date
    score: int
    completed_by: str = ""


@dataclass(frozen=True)
class RiskResult:
    level: Level
    computed_level: Level
    override_reason: str
    safeguarding: bool
    answers: tuple[RiskAnswer, ...]
    unanswered: tuple[str, ...]
    checklists: tuple[ChecklistRecord, ...]
    policy_version: str

    @property
    def overridden(self) -> bool:
        return self.level != self.computed_level

    def to_dict(self) -> dict[str, object]:
        return {
            "level": self.level,
            "computed_level": self.computed_level,
            "overridden": self.overridden,
            "override_reason": self.override_reason,
            "safeguarding": self.safeguarding,
            "answers": [
                {"question_id": a.question_id, "answer": a.answer, "comment": a.comment}
                for a in self.answers
            ],
            "unanswered": list(self.unanswered),
            "checklists": [
                {
                    "checklist_id": c.checklist_id,
                    "completed_on": c.completed_on.isoformat(),
                    "score": c.score,
                    "completed_by": c.completed_by,
                }
                for c in self.checklists
            ],
            "policy_version": self.policy_version,
        }


def assess(
    answers: Iterable[RiskAnswer],
    *,
    policy: Policy | None = None,
    override: Level | None = None,
    override_reason: str = "",
    safeguarding_concern: bool = False,
    checklists: Iterable[ChecklistRecord] = (),
) -> RiskResult:
    """Score the screen. Raises `RiskError` for an unknown question or answer, a repeated
    question, an override without a reason, or a checklist score out of range."""
    used = policy or load_policy()
    screen = used.risk
    given: dict[str, RiskAnswer] = {}
    for answer in answers:
        try:
            screen.question(answer.question_id)
        except KeyError:
            raise RiskError(f"{answer.question_id}: no such risk question") from None
        if answer.answer not in ANSWERS:
            raise RiskError(
                f"{answer.question_id}: answer must be one of {', '.join(ANSWERS)}, "
                f"not {answer.answer!r}"
            )
        if answer.question_id in given:
            raise RiskError(f"{answer.question_id}: answered more than once")
        given[answer.question_id] = RiskAnswer(
            answer.question_id, answer.answer, answer.comment.strip()
        )

    computed: Level = "low"
    safeguarding = safeguarding_concern
    for question in screen.questions:
        answer_value: Answer = given[question.id].answer if question.id in given else "unknown"
        computed = _higher(computed, question.levels[answer_value])
        if question.id in given and answer_value in question.safeguarding_if:
            safeguarding = True

    level, reason = _apply_override(computed, override, override_reason)
    ordered = tuple(given[q.id] for q in screen.questions if q.id in given)
    unanswered = tuple(q.id for q in screen.questions if q.id not in given)
    return RiskResult(
        level=level,
        computed_level=computed,
        override_reason=reason,
        safeguarding=safeguarding,
        answers=ordered,
        unanswered=unanswered,
        checklists=tuple(_checked(record, used) for record in checklists),
        policy_version=used.version,
    )


def _apply_override(
    computed: Level, override: Level | None, override_reason: str
) -> tuple[Level, str]:
    if override is None or override == computed:
        return computed, ""
    if override not in LEVELS:
        raise RiskError(f"override: must be one of {', '.join(LEVELS)}, not {override!r}")
    reason = override_reason.strip()
    if not reason:
        raise RiskError(
            f"override_reason: changing the level from {computed} to {override} needs a reason"
        )
    return override, reason


def _checked(record: ChecklistRecord, policy: Policy) -> ChecklistRecord:
    try:
        checklist = policy.risk.checklist(record.checklist_id)
    except KeyError:
        known = ", ".join(c.id for c in policy.risk.external_checklists)
        raise RiskError(f"{record.checklist_id}: no such checklist (known: {known})") from None
    if isinstance(record.score, bool) or not 0 <= record.score <= checklist.max_score:
        raise RiskError(
            f"{record.checklist_id}: score must be a whole number from 0 to {checklist.max_score}"
        )
    return ChecklistRecord(
        record.checklist_id, record.completed_on, record.score, record.completed_by.strip()
    )


def _higher(first: Level, second: Level) -> Level:
    return first if LEVELS.index(first) >= LEVELS.index(second) else second
