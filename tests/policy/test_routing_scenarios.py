"""The scenario table (scenarios.txt) and targeted cases for the other factors, written from the
policy text: if the engine and the table disagree, read the policy before changing either."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from triage_desktop.policy.routing import facts_from_mapping, recommend

TABLE = Path(__file__).with_name("scenarios.txt")
CONCERNS: dict[str, dict[str, Any]] = {
    "none": {},
    "medium_risk": {"risk": "medium"},
    "high_risk": {"risk": "high"},
    "safeguarding": {"safeguarding_concern": True},
}


def _rows() -> list[list[str]]:
    rows = []
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split())
    return rows


def _listed(cell: str) -> list[str]:
    return [] if cell == "-" else cell.split(",")


def test_the_table_covers_every_combination() -> None:
    seen = {(r[0], r[1], r[2]) for r in _rows()}
    respondents = ("student", "staff", "staff_and_student", "third_party", "unknown")
    preferences = ("informal", "formal", "no_further_action", "undecided")
    assert len(_rows()) == len(seen) == len(respondents) * len(preferences) * len(CONCERNS)


@pytest.mark.parametrize("row", _rows(), ids=lambda row: "-".join(row[:3]))
def test_scenario(row: list[str]) -> None:
    respondent, preference, concern, action, procedures, escalations, consent, flags = row
    facts = facts_from_mapping(
        {
            "reported_on": "2026-11-23",
            "respondent": respondent,
            "preference": preference,
            **CONCERNS[concern],
        }
    )
    result = recommend(facts).to_dict()
    assert result["action"] == action
    assert result["procedures"] == _listed(procedures)
    assert result["escalations"] == _listed(escalations)
    assert result["acts_without_consent"] is (consent == "y")
    assert result["flags"] == _listed(flags)
    assert result["signposting_required"] is True
    assert result["policy_version"] == "2.0"


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
        {"preference": "informal", "repeated": True},
        "informal_resolution",
        ["severity_may_require_formal"],
        id="informal-repeated-flagged",
    ),
    pytest.param(
        {"preference": "informal", "severity": "medium"},
        "informal_resolution",
        [],
        id="informal-medium-severity-not-flagged",
    ),
    pytest.param(
        {"preference": "informal", "informal_attempt_failed": True},
        "formal_process",
        ["informal_not_viable"],
        id="informal-failed-before",
    ),
    pytest.param(
        {"preference": "informal", "parties_willing_informal": False},
        "formal_process",
        ["informal_not_viable"],
        id="informal-parties-unwilling",
    ),
    pytest.param(
        {"preference": "informal", "informal_attempt_failed": True, "severity": "high"},
        "formal_process",
        ["informal_not_viable"],
        id="informal-not-viable-wins-over-severity-flag",
    ),
    pytest.param(
        {"preference": "undecided", "severity": "high"}, "formal_process", [], id="undecided-severe"
    ),
    pytest.param(
        {"preference": "undecided", "repeated": True},
        "formal_process",
        [],
        id="undecided-repeated",
    ),
    pytest.param(
        {"preference": "undecided", "severity": "medium"},
        "informal_resolution",
        [],
        id="undecided-medium",
    ),
    pytest.param(
        {"preference": "formal", "within_scope": False, "risk": "high"},
        "dismiss",
        [],
        id="out-of-scope-dismissed-even-with-high-risk",
    ),
    pytest.param(
        {"preference": "no_further_action", "severity": "high", "repeated": True},
        "no_further_action",
        [],
        id="severity-alone-never-overrides-no-action",
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
        id="course-content",
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
        {
            "preference": "informal",
            "respondent": "unknown",
            "incident_on": "2020-01-01",
            "anonymous": True,
            "course_content": True,
            "management_action": True,
            "external_report": True,
            "repeated": True,
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
        ],
        id="every-flag-in-stable-order",
    ),
]


@pytest.mark.parametrize(("extra", "action", "flags"), TARGETED)
def test_targeted(extra: dict[str, Any], action: str, flags: list[str]) -> None:
    result = recommend(facts_from_mapping({**BASE, **extra})).to_dict()
    assert result["action"] == action
    assert result["flags"] == flags


def test_dismissal_with_high_concern_still_escalates_but_does_not_override_consent() -> None:
    facts = facts_from_mapping(
        {**BASE, "preference": "informal", "within_scope": False, "safeguarding_concern": True}
    )
    result = recommend(facts)
    assert result.action == "dismiss"
    assert result.escalations == ("safeguarding",)
    assert result.acts_without_consent is False
    assert result.procedures == ()


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
        assert sentence.startswith(("Appendix A, '", "Appendix B, '", "Appendix C, '", "Policy, '"))
        assert "(Dignity and Respect Policy v2.0)" in sentence
        assert "The policy says: “" in sentence
    joined = "\n".join(rationale)
    assert "would only act without the consent" in joined
    assert "historical reports will not be dismissed solely due to delay" in joined
    assert "jointly determine" in joined
    assert "signposting to support services" in joined


def test_rationale_quotes_are_copied_from_the_policy_text() -> None:
    """Each quotation in the data file appears in the policy (whitespace and bullets aside)."""
    from triage_desktop.policy.catalogue import load_policy
    from triage_desktop.resources import resource

    policy_text = resource("policy", "source", "dignity-and-respect-2.0.txt")
    flat = " ".join(policy_text.read_text(encoding="utf-8").replace("•", " ").split()).lower()
    for clause in load_policy("2.0").clauses.values():
        # Quotes that join list items use '; ' and ': ' where the text has bullets.
        for part in clause.quote.replace("? ", "?|").replace(": ", ":|").split("|"):
            for piece in part.lower().split("; "):
                assert piece.rstrip(".") in flat, (clause.id, piece)


def test_the_report_date_chooses_the_version() -> None:
    facts = facts_from_mapping({**BASE, "preference": "formal", "reported_on": "2025-08-01"})
    assert recommend(facts).policy_version == "2.0"


def test_facts_keep_their_dates() -> None:
    facts = facts_from_mapping({**BASE, "preference": "formal", "incident_on": "2026-01-31"})
    assert facts.incident_on == date(2026, 1, 31)
