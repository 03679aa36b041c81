"""No raw policy id (`severity_may_require_formal`, `informal_resolution`…) reaches any PDF.

Every field is filled with every id the routing engine knows, given as the policy's words, and
the decision's id (`officer_decision`, which chooses the letter) is an id: pdftotext of the
summary and of every letter must hold no token shaped like an id.
"""

from __future__ import annotations

import dataclasses
import re

import pytest

from tests.documents.pdftools import pdftotext
from triage_desktop.documents.content import (
    Consent,
    LetterKind,
    RouteShown,
    SafetyAlert,
    SummaryContent,
)
from triage_desktop.documents.letters import render_letter
from triage_desktop.documents.mapping import letter_from_summary
from triage_desktop.documents.samples import LETTERHEAD, SIGNPOSTING, WITHOUT_CONSENT
from triage_desktop.documents.samples import sample_summary as _sample_summary
from triage_desktop.documents.summary import render_draft, render_summary
from triage_desktop.policy.catalogue import load_policy
from triage_desktop.policy.routing import ACTIONS, ESCALATIONS, FLAGS, PROCEDURES

ID = re.compile(r"\b[a-z]+_[a-z_]+\b")
KNOWN_IDS = (*ACTIONS, *ESCALATIONS, *FLAGS, *PROCEDURES)


POLICY = load_policy()


def as_words(policy_id: str) -> str:
    """The policy's own words for an id (the one words table, in the policy data)."""
    for lookup in (POLICY.outcome, POLICY.flag, POLICY.escalation, POLICY.procedure):
        try:
            return lookup(policy_id).name
        except KeyError:
            continue
    raise KeyError(policy_id)


def _summary_full_of_ids() -> SummaryContent:
    procedures = tuple(POLICY.procedure(p).name for p in PROCEDURES)
    base = _sample_summary()
    routes = tuple(
        RouteShown(
            respondent=f"Respondent {n} (a student)",
            recommended=as_words(action),
            procedures=procedures,
            escalations=tuple(as_words(e) for e in ESCALATIONS),
            flags=tuple(as_words(f) for f in FLAGS),
            rationale=("The severity may require a formal process.",),
            policy_version="2.0",
            acts_without_consent=action == "formal_process",
            needs_reporter_agreement=action == "informal_resolution",
        )
        for n, action in enumerate(ACTIONS, start=1)
    )
    return dataclasses.replace(
        base,
        routes=routes,
        officer_decision="informal_resolution",
        decision_words=as_words("informal_resolution"),
        consent=Consent("without_consent", "A flatmate was threatened.", "a significant risk"),
        safety=SafetyAlert(tuple(as_words(f) for f in FLAGS)),
    )


def _ids_in(text: str) -> list[str]:
    return sorted(set(ID.findall(text)))


def test_the_summary_prints_words_only() -> None:
    content = _summary_full_of_ids()
    text = pdftotext(render_summary(content).data)
    assert _ids_in(text) == []
    for policy_id in KNOWN_IDS:
        if policy_id not in PROCEDURES:
            assert as_words(policy_id) in text
    assert _ids_in(pdftotext(render_draft(content))) == []


@pytest.mark.parametrize("kind", list(LetterKind))
def test_every_letter_prints_words_only(kind: LetterKind) -> None:
    summary = _summary_full_of_ids()
    letter = letter_from_summary(
        summary,
        kind,
        letterhead=LETTERHEAD,
        recipient_name="Amal Haddad",
        signposting=SIGNPOSTING,
        letter_date=summary.meeting_on,
        document_id="d-1",
        outcome_explanation="This explanation was written for you.",
        without_consent=WITHOUT_CONSENT
        if kind in (LetterKind.FORMAL_PROCESS, LetterKind.ALTERNATIVE_PROCESS)
        else None,
    )
    text = pdftotext(render_letter(letter).data)
    assert _ids_in(text) == []
