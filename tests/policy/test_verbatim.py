"""Every text presented as the policy's own words is the policy's own words.

Checked against the shipped policy text after whitespace normalisation only (runs of spaces,
tabs and newlines become one space): case, punctuation, spelling and the policy's typos must
match. Two conventions, both visible to a reader: " … " joins passages that are apart in the
text, and "•" stands where the text has a list (the text's own bullet character). Anything not
checked here is our own summary and is not presented as a quotation.
"""

from __future__ import annotations

import re

import pytest

from triage_desktop.policy.catalogue import load_policy
from triage_desktop.policy.routing import facts_from_mapping, recommend
from triage_desktop.resources import resource

GAP = " … "
POLICY = load_policy("2.0")


def _normalised(text: str) -> str:
    return " ".join(text.split())


SOURCE = _normalised(
    resource("policy", "source", "dignity-and-respect-2.0.txt").read_text(encoding="utf-8")
)


def _quoted_texts() -> list[tuple[str, str]]:
    """(where, text) for every text the data presents as the policy's words."""
    found = [(f"clauses.{c.id}.quote", c.quote) for c in POLICY.clauses.values()]
    found += [(f"principles.{p.id}.text", p.text) for p in POLICY.principles]
    found += [(f"outcomes.{o.id}.name", o.name) for o in POLICY.outcomes]
    found += [(f"procedures.{p.id}.name", p.name) for p in POLICY.procedures]
    for behaviour in POLICY.behaviours:
        if not behaviour.defined_in_policy:
            continue
        found.append((f"behaviours.{behaviour.id}.definition", behaviour.definition))
        found += [(f"behaviours.{behaviour.id}.examples", e) for e in behaviour.examples]
        found += [
            (f"behaviours.{behaviour.id}.kinds.{k.id}", k.definition) for k in behaviour.kinds
        ]
    return found


@pytest.mark.parametrize(("where", "text"), _quoted_texts(), ids=lambda v: str(v)[:60])
def test_presented_as_the_policys_words_and_verbatim(where: str, text: str) -> None:
    for passage in text.split(GAP):
        assert _normalised(passage) in SOURCE, (where, passage)


def test_the_check_is_strict_about_case_spelling_and_typos() -> None:
    """The policy's typos are kept: changing one would fail the check above."""
    assert "gender re-reassignment" in SOURCE
    assert "place or work or study" in SOURCE
    stalking = POLICY.behaviour("stalking")
    assert any("place or work or study" in e for e in stalking.examples)
    assert "aims to instill doubt" in " ".join(POLICY.behaviour("domestic_abuse").examples)
    assert _normalised("Treating someone with a protected characteristic") not in SOURCE


def test_what_is_not_the_policys_words_says_so() -> None:
    """Working descriptions say they are ours; summaries never pose as quotations."""
    for behaviour in POLICY.behaviours:
        if not behaviour.defined_in_policy:
            assert behaviour.definition.startswith("Working description, to be confirmed")
    for term in (*POLICY.flags, *POLICY.escalations):
        assert "“" not in term.explanation, term.id
    for option in POLICY.options:
        assert "“" not in option.explanation, option.id


def test_every_quotation_in_a_rationale_is_verbatim() -> None:
    """What a rationale sentence puts in quotation marks after 'The policy says:' is the policy."""
    facts = facts_from_mapping(
        {
            "reported_on": "2026-11-23",
            "respondent": "staff_and_student",
            "preference": "informal",
            "risk": "medium",
            "incident_on": "2025-01-02",
            "course_content": True,
            "external_report": True,
            "anonymous": True,
            "management_action": True,
        }
    )
    for sentence in recommend(facts).rationale:
        match = re.search(r"The policy says: “(.*)”$", sentence)
        assert match, sentence
        for passage in match.group(1).split(GAP):
            assert _normalised(passage) in SOURCE, passage
