"""Derive a letter from a summary, copying only what the reporter may read.

This is the one place where internal record and letter meet, so it copies field by field (an
allow-list), never the whole record: risk answers and comments, notes, override reasons, the
without-consent justification, amendments, escalations, flags, other attendees and unshared next
steps have no way into a letter.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping

from triage_desktop.documents.content import (
    LetterContent,
    Letterhead,
    LetterKind,
    NextStep,
    SummaryContent,
    SupportContact,
    WithoutConsent,
)

OWNER_WORDS = {"officer": "I", "reporter": "You"}


def _mid_sentence(action: str) -> str:
    """'Book an appointment' reads 'You will book an appointment'; 'Student Support …' stays."""
    first, _, rest = action.strip().partition(" ")
    if len(first) > 1 and first[0].isupper() and first[1:].islower() and not rest[:1].isupper():
        return first[0].lower() + first[1:] + (" " + rest if rest else "")
    return action.strip()


def letter_from_summary(
    summary: SummaryContent,
    kind: LetterKind,
    *,
    letterhead: Letterhead,
    recipient_name: str,
    signposting: tuple[SupportContact, ...],
    letter_date: dt.date,
    document_id: str,
    recipient_address: tuple[str, ...] = (),
    greeting_name: str = "",
    outcome_explanation: str = "",
    owner_words: Mapping[str, str] = OWNER_WORDS,
    procedures: tuple[str, ...] | None = None,
    without_consent: WithoutConsent | None = None,
    version: int = 1,
    supersedes: str = "",
) -> LetterContent:
    """The outcome letter for `summary`: shared next steps, procedures, dates; nothing internal.

    `procedures` are the names of the procedures the officer decided on; by default those the
    recommendation names (every respondent's, in order), which is right only when the decision
    follows the recommendation.
    """
    steps = tuple(
        dataclasses.replace(
            step,
            owner=owner_words.get(step.owner.strip().lower(), step.owner),
            action=_mid_sentence(step.action),
        )
        for step in summary.next_steps
        if step.shared
    )
    if procedures is None:
        procedures = _recommended_procedures(summary)
    return LetterContent(
        kind=kind,
        letterhead=letterhead,
        recipient_name=recipient_name,
        recipient_address=recipient_address,
        greeting_name=greeting_name,
        letter_date=letter_date,
        case_reference=summary.case_reference,
        officer=summary.officer,
        signposting=signposting,
        meeting_date=summary.meeting_on,
        procedures=procedures,
        next_steps=tuple(NextStep(s.owner, s.action, s.due) for s in steps),
        outcome_explanation=outcome_explanation,
        follow_up_date=summary.follow_up_on,
        document_id=document_id,
        without_consent=without_consent,
        version=version,
        supersedes=supersedes,
    )


def _recommended_procedures(summary: SummaryContent) -> tuple[str, ...]:
    return tuple(dict.fromkeys(p for route in summary.routes for p in route.procedures))
