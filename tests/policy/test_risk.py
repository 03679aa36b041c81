"""The risk screen: levels from answers, unanswered counts as unknown, override needs a reason,
safeguarding flag, and DASH/S-DASH recorded only as a score."""

from __future__ import annotations

from datetime import date

import pytest

from triage_desktop.policy.catalogue import load_policy
from triage_desktop.policy.errors import RiskError
from triage_desktop.policy.model import Answer
from triage_desktop.policy.risk import ChecklistRecord, RiskAnswer, assess

ALL_CLEAR: dict[str, Answer] = {
    "safe_now": "yes",
    "immediate_danger": "no",
    "medical_need": "no",
    "shared_accommodation": "no",
    "shared_course": "no",
    "shared_workplace": "no",
    "threats_made": "no",
    "escalating": "no",
    "children_or_vulnerable_adults": "no",
    "mental_health_crisis": "no",
    "self_harm_or_suicidal_thoughts": "no",
    "risk_to_others": "no",
}


NEW_QUESTIONS = ("mental_health_crisis", "self_harm_or_suicidal_thoughts", "risk_to_others")


def _answers(**changes: Answer) -> list[RiskAnswer]:
    return [RiskAnswer(q, a, comment=f"note on {q}") for q, a in {**ALL_CLEAR, **changes}.items()]


def test_all_clear_is_low() -> None:
    result = assess(_answers())
    assert result.level == result.computed_level == "low"
    assert result.safeguarding is False
    assert result.unanswered == ()
    assert result.policy_version == "2.0"


@pytest.mark.parametrize(
    ("changes", "level", "safeguarding"),
    [
        ({"shared_course": "yes"}, "medium", False),
        ({"escalating": "yes"}, "medium", False),
        ({"safe_now": "no"}, "high", False),
        ({"safe_now": "unknown"}, "medium", False),
        ({"threats_made": "yes"}, "high", False),
        ({"medical_need": "yes"}, "high", False),
        ({"immediate_danger": "yes"}, "high", True),
        ({"children_or_vulnerable_adults": "yes"}, "high", True),
        ({"children_or_vulnerable_adults": "unknown"}, "medium", False),
        ({"shared_accommodation": "yes", "threats_made": "yes"}, "high", False),
        # Issue 10: wellbeing and risk to others in the community.
        ({"mental_health_crisis": "yes"}, "high", True),
        ({"self_harm_or_suicidal_thoughts": "yes"}, "high", True),
        ({"risk_to_others": "yes"}, "high", False),
        ({"mental_health_crisis": "unknown"}, "medium", False),
        ({"self_harm_or_suicidal_thoughts": "unknown"}, "medium", False),
        ({"risk_to_others": "unknown"}, "medium", False),
    ],
)
def test_levels(changes: dict[str, Answer], level: str, safeguarding: bool) -> None:
    result = assess(_answers(**changes))
    assert result.computed_level == level
    assert result.safeguarding is safeguarding


def test_a_red_flag_answer_comes_with_what_to_do() -> None:
    screen = load_policy("2.0").risk
    assert "Samaritans (116 123)" in screen.question("mental_health_crisis").what_to_do["yes"]
    assert "999" in screen.question("self_harm_or_suicidal_thoughts").what_to_do["yes"]
    assert "999" in screen.question("risk_to_others").what_to_do["yes"]
    assert screen.question("risk_to_others").what_to_do.get("no") is None


def test_the_new_questions_left_unasked_keep_an_otherwise_clear_screen_from_reading_low() -> None:
    older = {k: v for k, v in ALL_CLEAR.items() if k not in NEW_QUESTIONS}
    result = assess([RiskAnswer(q, a) for q, a in older.items()])
    assert result.level == "medium"
    assert set(result.unanswered) == set(NEW_QUESTIONS)


def test_unasked_questions_count_as_unknown_so_an_empty_screen_is_not_low() -> None:
    result = assess([])
    assert result.level == "medium"
    assert len(result.unanswered) == len(load_policy("2.0").risk.questions)


def test_comments_are_kept_in_question_order() -> None:
    answers = list(reversed(_answers()))
    result = assess(answers)
    assert [a.question_id for a in result.answers] == list(ALL_CLEAR)
    assert result.answers[0].comment == "note on safe_now"


def test_override_needs_a_reason() -> None:
    with pytest.raises(RiskError, match="override_reason: changing the level from low to high"):
        assess(_answers(), override="high")
    with pytest.raises(RiskError, match="needs a reason"):
        assess(_answers(), override="high", override_reason="   ")
    result = assess(_answers(), override="high", override_reason="History of violence disclosed.")
    assert result.level == "high"
    assert result.computed_level == "low"
    assert result.overridden is True
    assert result.to_dict()["override_reason"] == "History of violence disclosed."


def test_override_to_the_same_level_is_not_an_override() -> None:
    result = assess(_answers(), override="low")
    assert result.overridden is False
    assert result.override_reason == ""


def test_override_can_lower_with_a_reason_but_never_clears_safeguarding() -> None:
    result = assess(
        _answers(immediate_danger="yes"),
        override="medium",
        override_reason="Danger was last week; police now involved.",
    )
    assert result.level == "medium"
    assert result.safeguarding is True


def test_officer_can_raise_the_safeguarding_flag() -> None:
    assert assess(_answers(), safeguarding_concern=True).safeguarding is True


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ([RiskAnswer("favourite_colour", "yes")], "favourite_colour: no such risk question"),
        ([RiskAnswer("safe_now", "maybe")], "safe_now: answer must be one of yes, no, unknown"),  # type: ignore[arg-type]
        ([RiskAnswer("safe_now", "yes"), RiskAnswer("safe_now", "no")], "answered more than once"),
    ],
)
def test_bad_answers(answers: list[RiskAnswer], message: str) -> None:
    with pytest.raises(RiskError, match=message):
        assess(answers)


def test_bad_override_level() -> None:
    with pytest.raises(RiskError, match="override: must be one of"):
        assess(_answers(), override="severe", override_reason="x")  # type: ignore[arg-type]


def test_checklists_completed_elsewhere_record_only_the_score() -> None:
    record = ChecklistRecord("dash", date(2026, 11, 20), 15, completed_by=" Police  ")
    result = assess(
        _answers(), checklists=[record, ChecklistRecord("s_dash", date(2026, 11, 20), 0)]
    )
    assert result.to_dict()["checklists"] == [
        {
            "checklist_id": "dash",
            "completed_on": "2026-11-20",
            "score": 15,
            "completed_by": "Police",
        },
        {"checklist_id": "s_dash", "completed_on": "2026-11-20", "score": 0, "completed_by": ""},
    ]
    # The score informs professional judgement; it does not set the level by itself.
    assert result.level == "low"


@pytest.mark.parametrize(
    ("record", "message"),
    [
        (
            ChecklistRecord("dash", date(2026, 11, 20), 28),
            "dash: score must be a whole number from 0 to 27",
        ),
        (ChecklistRecord("s_dash", date(2026, 11, 20), -1), "from 0 to 11"),
        (ChecklistRecord("s_dash", date(2026, 11, 20), True), "from 0 to 11"),
        (ChecklistRecord("marac", date(2026, 11, 20), 3), "marac: no such checklist"),
    ],
)
def test_bad_checklist_records(record: ChecklistRecord, message: str) -> None:
    with pytest.raises(RiskError, match=message):
        assess(_answers(), checklists=[record])


def test_the_licensed_forms_are_not_reproduced() -> None:
    """DASH and S-DASH appear only as a name and a score range: no questions of theirs."""
    for checklist in load_policy("2.0").risk.external_checklists:
        assert set(vars(checklist)) == {"id", "name", "max_score"}
