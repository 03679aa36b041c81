"""Invariants of the routing engine, over every combination hypothesis can find."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from triage_desktop.policy.facts import PREFERENCES, RESPONDENTS, RISK_LEVELS, SEVERITIES, CaseFacts
from triage_desktop.policy.routing import ACTIONS, ESCALATIONS, FLAGS, PROCEDURES, recommend


@st.composite
def case_facts(draw: st.DrawFn) -> CaseFacts:
    reported_on = draw(st.dates(min_value=date(2025, 8, 1), max_value=date(2035, 12, 31)))
    incident_on = draw(st.none() | st.dates(min_value=date(2000, 1, 1), max_value=reported_on))
    return CaseFacts(
        reported_on=reported_on,
        incident_on=incident_on,
        respondent=draw(st.sampled_from(RESPONDENTS)),
        preference=draw(st.sampled_from(PREFERENCES)),
        severity=draw(st.sampled_from(SEVERITIES)),
        risk=draw(st.sampled_from(RISK_LEVELS)),
        anonymous=draw(st.booleans()),
        repeated=draw(st.booleans()),
        safeguarding_concern=draw(st.booleans()),
        informal_attempt_failed=draw(st.booleans()),
        parties_willing_informal=draw(st.booleans()),
        external_report=draw(st.booleans()),
        course_content=draw(st.booleans()),
        management_action=draw(st.booleans()),
        within_scope=draw(st.booleans()),
    )


PROPERTY_SETTINGS = settings(max_examples=400, deadline=None)


@PROPERTY_SETTINGS
@given(case_facts())
def test_signposting_always(facts: CaseFacts) -> None:
    result = recommend(facts)
    assert result.signposting_required is True
    assert any("signposting to support services" in s for s in result.rationale)


@PROPERTY_SETTINGS
@given(case_facts(), st.dates(min_value=date(1990, 1, 1), max_value=date(2000, 1, 1)))
def test_delay_never_dismisses(facts: CaseFacts, long_ago: date) -> None:
    """The same case reported years later, or with no incident date, gets the same action."""
    historical = recommend(replace(facts, incident_on=long_ago))
    undated = recommend(replace(facts, incident_on=None))
    recent = recommend(replace(facts, incident_on=facts.reported_on))
    assert historical.action == undated.action == recent.action
    assert "historical_report" in historical.flags
    assert "historical_report" not in recent.flags
    if facts.within_scope:
        assert historical.action != "dismiss"


@PROPERTY_SETTINGS
@given(case_facts())
def test_acts_without_consent_only_on_high_concern(facts: CaseFacts) -> None:
    result = recommend(facts)
    if result.acts_without_consent:
        assert facts.risk == "high" or facts.safeguarding_concern
        assert facts.preference in ("no_further_action", "informal")
        assert result.action in ("formal_process", "alternative_process")


@PROPERTY_SETTINGS
@given(case_facts())
def test_high_concern_always_escalates_to_safeguarding(facts: CaseFacts) -> None:
    result = recommend(facts)
    high = facts.risk == "high" or facts.safeguarding_concern
    assert ("safeguarding" in result.escalations) is high


@PROPERTY_SETTINGS
@given(case_facts())
def test_staff_and_student_escalates_whenever_a_process_runs(facts: CaseFacts) -> None:
    result = recommend(facts)
    runs = result.action in ("informal_resolution", "formal_process")
    joint = "joint_determination" in result.escalations
    assert joint is (facts.respondent == "staff_and_student" and runs)


@PROPERTY_SETTINGS
@given(case_facts())
def test_output_uses_only_known_values_in_stable_order(facts: CaseFacts) -> None:
    result = recommend(facts)
    assert result.action in ACTIONS
    for values, order in (
        (result.procedures, PROCEDURES),
        (result.escalations, ESCALATIONS),
        (result.flags, FLAGS),
    ):
        assert list(values) == sorted(values, key=order.index)
        assert len(set(values)) == len(values)
    assert result.policy_version == "2.0"
    assert recommend(facts) == result  # pure: same facts, same answer


@PROPERTY_SETTINGS
@given(case_facts())
def test_a_reporter_asking_for_no_action_is_heard_unless_there_is_high_concern(
    facts: CaseFacts,
) -> None:
    asked = replace(facts, preference="no_further_action", within_scope=True)
    result = recommend(asked)
    if not asked.high_concern:
        assert result.action == "no_further_action"
    else:
        assert result.action in ("formal_process", "alternative_process")
        assert result.acts_without_consent is True


@PROPERTY_SETTINGS
@given(case_facts())
def test_procedures_only_for_a_process_and_a_known_respondent(facts: CaseFacts) -> None:
    result = recommend(facts)
    if result.action not in ("informal_resolution", "formal_process"):
        assert result.procedures == ()
    if facts.respondent == "unknown":
        assert result.procedures == ()
    if result.action == "informal_resolution" and facts.respondent != "unknown":
        assert result.procedures == ("informal_resolution_approach",)
