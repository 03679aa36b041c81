"""Invariants of the routing engine, over every combination hypothesis can find."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from triage_desktop.policy.facts import (
    PREFERENCES,
    REPORTERS,
    RESPONDENTS,
    RISK_LEVELS,
    SEVERITIES,
    CaseFacts,
)
from triage_desktop.policy.routing import (
    ESCALATIONS,
    FLAGS,
    NEEDS_AGREEMENT_WORDS,
    OUTPUT_KEYS,
    PROCEDURES,
    RECOMMENDED_ACTIONS,
    WITHOUT_CONSENT_WORDS,
    recommend,
)

ASKED = {
    "informal": "informal_resolution",
    "formal": "formal_process",
    "no_further_action": "no_further_action",
}


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
        reporter=draw(st.sampled_from(REPORTERS)),
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
    assert historical.action != "dismiss"


@PROPERTY_SETTINGS
@given(case_facts())
def test_the_engine_never_recommends_dismissal(facts: CaseFacts) -> None:
    assert recommend(facts).action in RECOMMENDED_ACTIONS
    assert "dismiss" not in RECOMMENDED_ACTIONS


@PROPERTY_SETTINGS
@given(case_facts())
def test_the_two_consent_keys_are_never_both_true(facts: CaseFacts) -> None:
    result = recommend(facts)
    assert not (result.acts_without_consent and result.needs_reporter_agreement)


@PROPERTY_SETTINGS
@given(case_facts())
def test_one_consent_key_is_true_whenever_the_action_differs_from_a_stated_preference(
    facts: CaseFacts,
) -> None:
    result = recommend(facts)
    asked = ASKED.get(facts.preference)
    if asked is not None and result.action != asked:
        assert result.acts_without_consent or result.needs_reporter_agreement
    if asked is not None and result.action == asked:
        assert not result.acts_without_consent
        assert not result.needs_reporter_agreement


@PROPERTY_SETTINGS
@given(case_facts())
def test_needs_reporter_agreement_exactly_as_issue_11_defines_it(facts: CaseFacts) -> None:
    result = recommend(facts)
    expected = not facts.high_concern and (
        (facts.preference == "informal" and result.action != "informal_resolution")
        or (facts.preference == "formal" and result.action != "formal_process")
        or facts.preference == "undecided"
    )
    assert result.needs_reporter_agreement is expected


@PROPERTY_SETTINGS
@given(case_facts())
def test_an_undecided_reporter_has_not_consented(facts: CaseFacts) -> None:
    result = recommend(replace(facts, preference="undecided"))
    assert result.acts_without_consent or result.needs_reporter_agreement


@PROPERTY_SETTINGS
@given(case_facts())
def test_the_explaining_sentence_names_the_case(facts: CaseFacts) -> None:
    result = recommend(facts)
    if result.needs_reporter_agreement:
        assert NEEDS_AGREEMENT_WORDS in result.rationale[0]
    if result.acts_without_consent:
        assert WITHOUT_CONSENT_WORDS in result.rationale[0]
    if not (result.needs_reporter_agreement or result.acts_without_consent):
        assert all(
            NEEDS_AGREEMENT_WORDS not in s and WITHOUT_CONSENT_WORDS not in s
            for s in result.rationale
        )


@PROPERTY_SETTINGS
@given(case_facts())
def test_flags_for_scope_risk_and_dates(facts: CaseFacts) -> None:
    result = recommend(facts)
    assert ("potential_risk" in result.flags) is (facts.risk == "medium")
    assert ("outside_scope" in result.flags) is (
        not facts.within_scope and result.action == "alternative_process"
    )
    before = facts.incident_on is not None and facts.incident_on < date(2025, 8, 1)
    assert ("incident_before_policy" in result.flags) is before
    e6 = facts.course_content and facts.reporter in ("student", "unknown")
    assert ("course_content_presumption" in result.flags) is e6


@PROPERTY_SETTINGS
@given(case_facts())
def test_acts_without_consent_only_on_high_concern(facts: CaseFacts) -> None:
    """Issue 11's definition; preference `formal` counts too when the action is an alternative
    process (the ambiguity resolved in docs/policy-engine.md)."""
    result = recommend(facts)
    expected = facts.high_concern and (
        facts.preference in ("informal", "no_further_action", "undecided")
        or (facts.preference == "formal" and result.action == "alternative_process")
    )
    assert result.acts_without_consent is expected
    if result.acts_without_consent:
        assert facts.risk == "high" or facts.safeguarding_concern
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
    assert result.action in RECOMMENDED_ACTIONS
    assert tuple(result.to_dict()) == OUTPUT_KEYS
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
