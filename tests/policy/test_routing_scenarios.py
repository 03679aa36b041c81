"""The scenario table (scenarios.txt) and targeted cases for the other factors, written from the
rules of issue 11 and the policy text: if the engine and the table disagree, read the policy
before changing either."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from triage_desktop.policy.routing import (
    NEEDS_AGREEMENT_WORDS,
    WITHOUT_CONSENT_WORDS,
    facts_from_mapping,
    recommend,
)

TABLE = Path(__file__).with_name("scenarios.txt")
RESPONDENTS = ("student", "staff", "staff_and_student", "third_party", "unknown")
PREFERENCES = ("informal", "formal", "no_further_action", "undecided")
CONCERNS: dict[str, dict[str, Any]] = {
    "none": {},
    "medium_risk": {"risk": "medium"},
    "high_risk": {"risk": "high"},
    "safeguarding": {"safeguarding_concern": True},
}
SCOPES: dict[str, dict[str, Any]] = {"in": {}, "out": {"within_scope": False}}
VIABILITY: dict[str, dict[str, Any]] = {
    "viable": {},
    "attempt_failed": {"informal_attempt_failed": True},
    "unwilling": {"parties_willing_informal": False},
}
SEVERITY: dict[str, dict[str, Any]] = {
    "low": {},
    "medium": {"severity": "medium"},
    "high": {"severity": "high"},
    "repeated": {"repeated": True},
}


def _rows() -> list[list[str]]:
    rows = []
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split())
    return rows


def _listed(cell: str) -> list[str]:
    return [] if cell == "-" else cell.split(",")


def _keys(row: list[str]) -> tuple[str, ...]:
    return tuple(row[:6])


def test_the_table_covers_every_combination_the_issue_asks_for() -> None:
    rows = _rows()
    assert all(len(row) == 12 for row in rows), [row for row in rows if len(row) != 12][:1]
    seen = [_keys(row) for row in rows]
    assert len(seen) == len(set(seen)), "a scenario is listed twice"
    every = {
        (r, p, c, "in", v, "low")
        for r in RESPONDENTS
        for p in PREFERENCES
        for c in CONCERNS
        for v in VIABILITY
    }
    out_of_scope = {
        (r, p, c, "out", "viable", "low")
        for r in RESPONDENTS
        for p in PREFERENCES
        for c in CONCERNS
    }
    each_factor = {
        (r, p, "none", "in", v, s)
        for r in RESPONDENTS
        for p in ("informal", "undecided")
        for v in VIABILITY
        for s in ("medium", "high", "repeated")
    }
    assert set(seen) == every | out_of_scope | each_factor


@pytest.mark.parametrize("row", _rows(), ids=lambda row: "-".join(row[:6]))
def test_scenario(row: list[str]) -> None:
    respondent, preference, concern, scope, viability, severity = row[:6]
    action, procedures, escalations, consent, agreement, flags = row[6:]
    facts = facts_from_mapping(
        {
            "reported_on": "2026-11-23",
            "respondent": respondent,
            "preference": preference,
            **CONCERNS[concern],
            **SCOPES[scope],
            **VIABILITY[viability],
            **SEVERITY[severity],
        }
    )
    result = recommend(facts).to_dict()
    assert result["action"] == action
    assert result["procedures"] == _listed(procedures)
    assert result["escalations"] == _listed(escalations)
    assert result["acts_without_consent"] is (consent == "y")
    assert result["needs_reporter_agreement"] is (agreement == "y")
    assert result["flags"] == _listed(flags)
    assert result["signposting_required"] is True
    assert result["policy_version"] == "2.0"


def test_the_issues_example_an_informal_wish_after_a_failed_attempt_needs_agreement() -> None:
    """Issue 11: a student who wants informal resolution, where an earlier informal attempt
    failed, was recommended a formal process with nothing saying it needs their agreement."""
    facts = facts_from_mapping(
        {
            "reported_on": "2026-11-23",
            "respondent": "student",
            "preference": "informal",
            "informal_attempt_failed": True,
        }
    )
    result = recommend(facts)
    assert result.action == "formal_process"
    assert result.acts_without_consent is False
    assert result.needs_reporter_agreement is True
    assert NEEDS_AGREEMENT_WORDS in result.rationale[0]


BASE = {"reported_on": "2026-11-23", "respondent": "student"}

# (facts beyond BASE, action, flags): Appendix B's other factors and the flag rules.
TARGETED = [
    pytest.param(
        {"preference": "informal", "severity": "high"},
        "informal_resolution",
        ["severity_may_require_formal"],
        id="informal-severe-stays-informal-but-flagged",
    ),
    pytest.param(
        {"preference": "informal", "informal_attempt_failed": True, "severity": "high"},
        "formal_process",
        ["informal_not_viable"],
        id="informal-not-viable-wins-over-severity-flag",
    ),
    pytest.param(
        {"preference": "undecided", "informal_attempt_failed": True, "repeated": True},
        "formal_process",
        ["informal_not_viable"],
        id="undecided-not-viable-wins-over-severity",
    ),
    pytest.param(
        {"preference": "no_further_action", "severity": "high", "repeated": True},
        "no_further_action",
        [],
        id="severity-alone-never-overrides-no-action",
    ),
    pytest.param(
        {"preference": "no_further_action", "within_scope": False},
        "no_further_action",
        [],
        id="no-action-asked-wins-over-out-of-scope",
    ),
    pytest.param(
        {"preference": "formal", "anonymous": True},
        "formal_process",
        ["anonymous_no_contact"],
        id="anonymous",
    ),
    pytest.param(
        {"preference": "formal", "course_content": True},
        "formal_process",
        ["course_content_presumption"],
        id="course-content-reporter-unknown",
    ),
    pytest.param(
        {"preference": "formal", "course_content": True, "reporter": "student"},
        "formal_process",
        ["course_content_presumption"],
        id="course-content-student-reporter",
    ),
    pytest.param(
        {"preference": "formal", "course_content": True, "reporter": "staff"},
        "formal_process",
        [],
        id="course-content-staff-reporter-no-e6",
    ),
    pytest.param(
        {"preference": "formal", "course_content": True, "reporter": "visitor"},
        "formal_process",
        [],
        id="course-content-visitor-no-e6",
    ),
    pytest.param(
        {"preference": "formal", "course_content": True, "reporter": "other"},
        "formal_process",
        [],
        id="course-content-other-no-e6",
    ),
    pytest.param(
        {"preference": "formal", "management_action": True},
        "formal_process",
        ["legitimate_management"],
        id="management-action",
    ),
    pytest.param(
        {"preference": "formal", "external_report": True},
        "formal_process",
        ["external_report"],
        id="external-report",
    ),
    pytest.param(
        {"preference": "formal", "risk": "medium", "safeguarding_concern": True},
        "formal_process",
        ["potential_risk"],
        id="medium-risk-flag-even-with-safeguarding",
    ),
    pytest.param(
        {"preference": "formal", "incident_on": "2025-07-31"},
        "formal_process",
        ["historical_report", "incident_before_policy"],
        id="incident-the-day-before-the-policy",
    ),
    pytest.param(
        {"preference": "formal", "incident_on": "2025-08-01", "reported_on": "2025-08-01"},
        "formal_process",
        [],
        id="incident-on-the-first-day-of-the-policy",
    ),
    pytest.param(
        {"preference": "formal", "incident_on": "2025-07-31", "reported_on": "2025-08-01"},
        "formal_process",
        ["incident_before_policy"],
        id="reported-on-the-first-day-about-the-day-before",
    ),
    pytest.param(
        {
            "preference": "informal",
            "respondent": "unknown",
            "incident_on": "2020-01-01",
            "anonymous": True,
            "course_content": True,
            "management_action": True,
            "external_report": True,
            "repeated": True,
            "risk": "medium",
        },
        "informal_resolution",
        [
            "historical_report",
            "anonymous_no_contact",
            "course_content_presumption",
            "legitimate_management",
            "severity_may_require_formal",
            "external_report",
            "respondent_unknown",
            "potential_risk",
            "incident_before_policy",
        ],
        id="flags-in-stable-order",
    ),
    pytest.param(
        {"preference": "informal", "within_scope": False, "informal_attempt_failed": True},
        "alternative_process",
        ["outside_scope"],
        id="out-of-scope-before-viability",
    ),
]


@pytest.mark.parametrize(("extra", "action", "flags"), TARGETED)
def test_targeted(extra: dict[str, Any], action: str, flags: list[str]) -> None:
    result = recommend(facts_from_mapping({**BASE, **extra})).to_dict()
    assert result["action"] == action
    assert result["flags"] == flags


def test_out_of_scope_is_referred_never_dismissed_and_high_concern_still_escalates() -> None:
    facts = facts_from_mapping(
        {**BASE, "preference": "informal", "within_scope": False, "safeguarding_concern": True}
    )
    result = recommend(facts)
    assert result.action == "alternative_process"
    assert result.flags == ("outside_scope",)
    assert result.escalations == ("safeguarding",)
    assert result.acts_without_consent is True
    assert result.procedures == ()
    joined = "\n".join(result.rationale)
    assert "referred to the process that does cover it" in joined
    assert "Dismissing the allegation is never recommended" in joined


def _sentence(result_rationale: tuple[str, ...], starts: str) -> str:
    return next(s for s in result_rationale if starts in s)


@pytest.mark.parametrize(
    ("extra", "case"),
    [
        ({"preference": "informal", "informal_attempt_failed": True}, "agreement"),
        ({"preference": "informal", "parties_willing_informal": False}, "agreement"),
        ({"preference": "undecided"}, "agreement"),
        ({"preference": "undecided", "severity": "high"}, "agreement"),
        ({"preference": "formal", "respondent": "third_party"}, "agreement"),
        ({"preference": "formal", "within_scope": False}, "agreement"),
        ({"preference": "informal", "risk": "high"}, "consent:the risk is assessed as high"),
        (
            {"preference": "no_further_action", "safeguarding_concern": True},
            "consent:there is a safeguarding concern",
        ),
        ({"preference": "undecided", "risk": "high"}, "consent:the risk is assessed as high"),
        (
            {"preference": "formal", "respondent": "third_party", "risk": "high"},
            "consent:the risk is assessed as high",
        ),
        ({"preference": "informal"}, "followed"),
        ({"preference": "formal", "risk": "high"}, "followed"),
        ({"preference": "no_further_action", "risk": "medium"}, "followed"),
    ],
)
def test_a_recommendation_against_the_preference_says_which_case_it_is(
    extra: dict[str, Any], case: str
) -> None:
    """The sentence that explains the action, and the consent sentence, name the case: needs
    the reporter's agreement, or acting without consent on a named ground."""
    result = recommend(facts_from_mapping({**BASE, **extra}))
    action_sentence = result.rationale[0]
    consent_sentence = _sentence(result.rationale, "would only act without the consent")
    if case == "agreement":
        assert result.needs_reporter_agreement
        assert not result.acts_without_consent
        for sentence in (action_sentence, consent_sentence):
            assert NEEDS_AGREEMENT_WORDS in sentence
            assert WITHOUT_CONSENT_WORDS not in sentence
    elif case.startswith("consent:"):
        ground = case.removeprefix("consent:")
        assert result.acts_without_consent
        assert not result.needs_reporter_agreement
        for sentence in (action_sentence, consent_sentence):
            assert WITHOUT_CONSENT_WORDS in sentence
            assert ground in sentence
            assert NEEDS_AGREEMENT_WORDS not in sentence
    else:
        assert not result.acts_without_consent
        assert not result.needs_reporter_agreement
        assert "The reporter's preference is followed." in consent_sentence
        for sentence in result.rationale:
            assert NEEDS_AGREEMENT_WORDS not in sentence
            assert WITHOUT_CONSENT_WORDS not in sentence


def test_course_content_from_a_non_student_says_why_e6_does_not_apply() -> None:
    facts = facts_from_mapping(
        {**BASE, "preference": "formal", "course_content": True, "reporter": "staff"}
    )
    sentence = _sentence(recommend(facts).rationale, "Condition E6")
    assert "the reporter is a member of staff" in sentence
    assert "does not apply here" in sentence


def test_potential_risk_never_changes_the_action() -> None:
    for preference in PREFERENCES:
        low = recommend(facts_from_mapping({**BASE, "preference": preference}))
        medium = recommend(facts_from_mapping({**BASE, "preference": preference, "risk": "medium"}))
        assert medium.action == low.action
        assert "potential_risk" in medium.flags
        assert "potential_risk" not in low.flags


def test_every_rationale_sentence_cites_a_clause_and_the_version() -> None:
    facts = facts_from_mapping(
        {
            **BASE,
            "respondent": "staff_and_student",
            "preference": "no_further_action",
            "risk": "high",
            "incident_on": "2019-03-01",
            "anonymous": True,
            "external_report": True,
        }
    )
    rationale = recommend(facts).rationale
    assert len(rationale) >= 6
    for sentence in rationale:
        assert sentence.startswith(("Appendix A, '", "Appendix B, '", "Appendix C, '", "Policy, "))
        assert "(Dignity and Respect Policy v2.0)" in sentence
        assert "The policy says: “" in sentence
    joined = "\n".join(rationale)
    assert "would only act without the consent" in joined
    assert "historical reports will not be dismissed solely due to delay" in joined
    assert "jointly determine" in joined
    assert "signposting to support services" in joined
    assert "This policy applies from 1 August 2025 onwards." in joined


def test_the_report_date_chooses_the_version() -> None:
    facts = facts_from_mapping({**BASE, "preference": "formal", "reported_on": "2025-08-01"})
    assert recommend(facts).policy_version == "2.0"


def test_facts_keep_their_dates() -> None:
    facts = facts_from_mapping({**BASE, "preference": "formal", "incident_on": "2026-01-31"})
    assert facts.incident_on == date(2026, 1, 31)
