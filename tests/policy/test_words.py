"""Every id the routing engine emits has plain words in one place, the policy data, so no raw id
(`severity_may_require_formal`) need ever reach a screen or a signed PDF."""

from __future__ import annotations

import pytest
from hypothesis import given, settings

from tests.policy.test_routing_properties import case_facts
from triage_desktop.policy.catalogue import load_policy
from triage_desktop.policy.facts import PREFERENCES, CaseFacts
from triage_desktop.policy.ids import ACTIONS, ESCALATIONS, FLAGS, PROCEDURES
from triage_desktop.policy.routing import recommend

POLICY = load_policy("2.0")


def _looks_like_words(text: str) -> bool:
    return bool(text.strip()) and "_" not in text and text[:1].isupper()


@pytest.mark.parametrize(
    ("kind", "ident"),
    [("flag", f) for f in FLAGS]
    + [("escalation", e) for e in ESCALATIONS]
    + [("outcome", a) for a in ACTIONS]
    + [("procedure", p) for p in PROCEDURES]
    + [("preference", p) for p in PREFERENCES],
)
def test_every_id_has_words(kind: str, ident: str) -> None:
    entry = getattr(POLICY, kind)(ident)
    assert _looks_like_words(entry.name), (kind, ident, entry.name)
    if kind in ("flag", "escalation"):
        assert _looks_like_words(entry.explanation), (kind, ident)
        assert entry.explanation.endswith(".")


def test_words_come_in_the_engines_order() -> None:
    assert [t.id for t in POLICY.flags] == list(FLAGS)
    assert [t.id for t in POLICY.escalations] == list(ESCALATIONS)
    assert [t.id for t in POLICY.preferences] == list(PREFERENCES)
    assert [o.id for o in POLICY.outcomes] == list(ACTIONS)


@settings(max_examples=200, deadline=None)
@given(case_facts())
def test_everything_a_recommendation_names_can_be_put_into_words(facts: CaseFacts) -> None:
    result = recommend(facts)
    shown = [
        POLICY.outcome(result.action).name,
        *(POLICY.procedure(p).name for p in result.procedures),
        *(POLICY.escalation(e).name for e in result.escalations),
        *(POLICY.flag(f).name for f in result.flags),
        POLICY.preference(facts.preference).name,
    ]
    assert all(_looks_like_words(text) for text in shown), shown
