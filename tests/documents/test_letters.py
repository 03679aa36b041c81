"""Letters to the reporter: all six kinds, signposting always, nothing internal ever."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from tests.documents.pdftools import pdffonts, pdftotext
from triage_desktop.documents.content import (
    Amendment,
    Attendee,
    ChecklistItem,
    ChecklistStep,
    LetterContent,
    LetterKind,
    NextStep,
    RiskAnswer,
    RiskAssessment,
    SupportOffer,
)
from triage_desktop.documents.letters import render_letter
from triage_desktop.documents.mapping import letter_from_summary
from triage_desktop.documents.samples import LETTERHEAD, SIGNPOSTING, sample_letter, sample_summary

MARKERS = {
    "risk_comment": "ZZRISKCOMMENT",
    "risk_answer": "ZZRISKANSWER",
    "risk_override": "ZZRISKOVERRIDE",
    "step_note": "ZZSTEPNOTE",
    "item_note": "ZZITEMNOTE",
    "support_note": "ZZSUPPORTNOTE",
    "justification": "ZZJUSTIFY",
    "preference": "ZZPREFERENCE",
    "decision_override": "ZZOVERRIDE",
    "amendment": "ZZAMENDMENT",
    "attendee": "ZZOTHERPERSON",
    "adjustment": "ZZADJUST",
    "escalation": "ZZESCALATION",
    "rationale": "ZZRATIONALE",
    "flag": "ZZFLAG",
    "unshared_step": "ZZINTERNALSTEP",
    "audit": "ZZAUDITHEAD",
}


def _summary_full_of_markers() -> object:
    base = sample_summary()
    m = MARKERS
    routing = dict(base.routing)
    routing.update(escalations=[m["escalation"]], rationale=[m["rationale"]], flags=[m["flag"]])
    return dataclasses.replace(
        base,
        risk=RiskAssessment(
            level="high",
            computed_level="medium",
            override_reason=m["risk_override"],
            safeguarding_concern=True,
            answers=(RiskAnswer("Q", m["risk_answer"], m["risk_comment"]),),
        ),
        steps=(ChecklistStep("Step", "done", m["step_note"]),),
        items=(ChecklistItem("Item", "done", m["item_note"]),),
        support=(SupportOffer("Nightline", "offered", m["support_note"]),),
        acts_without_consent=True,
        without_consent_justification=m["justification"],
        reporter_preference=m["preference"],
        override_reason=m["decision_override"],
        amendments=(Amendment(dt.datetime(2026, 4, 8, 11, 0), "x", m["amendment"], "y"),),
        attendees=(*base.attendees, Attendee(m["attendee"], "respondent's adviser")),
        adjustments=(m["adjustment"],),
        routing=routing,
        audit_chain_head=m["audit"],
        next_steps=(
            *base.next_steps,
            NextStep("Officer", f"tell Security {m['unshared_step']}", shared=False),
        ),
    )


@pytest.mark.parametrize("kind", list(LetterKind))
def test_letter_never_carries_internal_fields(kind: LetterKind) -> None:
    summary = _summary_full_of_markers()
    letter = letter_from_summary(
        summary,  # type: ignore[arg-type]
        kind,
        letterhead=LETTERHEAD,
        recipient_name="محمد الأحمد",
        signposting=SIGNPOSTING,
        letter_date=dt.date(2026, 4, 9),
        document_id="d-1",
    )
    text = pdftotext(render_letter(letter).data)
    leaked = [name for name, marker in MARKERS.items() if marker in text]
    assert leaked == []
    if kind is not LetterKind.INVITATION:
        assert "I will refer to the Informal Resolution Approach by 10 April 2026." in text
        assert "You will book an appointment with Student Support by 15 April 2026." in text


def test_letter_content_has_no_field_for_internal_matters() -> None:
    names = {f.name for f in dataclasses.fields(LetterContent)}
    for forbidden in ("risk", "note", "comment", "internal", "respondent", "justification"):
        assert not any(forbidden in name for name in names), names


@pytest.fixture(scope="module", params=list(LetterKind))
def letter_text(request: pytest.FixtureRequest) -> tuple[LetterKind, str]:
    kind = request.param
    return kind, pdftotext(render_letter(sample_letter(kind)).data)


def test_every_letter_signposts_support(letter_text: tuple[LetterKind, str]) -> None:
    _, text = letter_text
    assert "Support available to you" in text
    for service in SIGNPOSTING:
        assert service.name in text
    assert "call 999" in text


def test_every_letter_looks_like_a_letter(letter_text: tuple[LetterKind, str]) -> None:
    kind, text = letter_text
    day = sample_letter(kind).letter_date
    for expected in (
        "University of Bath",
        "Support and Report Service",
        "PRIVATE AND CONFIDENTIAL",
        f"{day.day} {day:%B %Y}",
        "Our reference: DR-2026-0042",
        "Dear محمد الأحمد,",
        "Yours sincerely,",
        "Zoë Ångström",
        "Flat 3, Eastwood House",
        "Page 1 of",
    ):
        assert expected in text


def test_outcome_letters_hold_the_agreed_next_steps(letter_text: tuple[LetterKind, str]) -> None:
    kind, text = letter_text
    if kind is LetterKind.INVITATION:
        assert "Wednesday 8 April 2026 at 10:00" in text
        assert "Room 2.14" in text
        return
    assert "I will refer your concern to the Informal Resolution Approach by 10 April 2026." in text
    assert "You will book an appointment with Student Support by 15 April 2026." in text


def test_letters_name_the_route(letter_text: tuple[LetterKind, str]) -> None:
    kind, text = letter_text
    expected = {
        LetterKind.INFORMAL_RESOLUTION: "Informal Resolution Approach for Staff and Students",
        LetterKind.FORMAL_PROCESS: "Student Regulation 7 and the Student Discipline Procedure",
        LetterKind.ALTERNATIVE_PROCESS: "looked at by the Library",
        LetterKind.NO_FURTHER_ACTION: "not take any further action",
        LetterKind.DISMISSAL: "falls outside what the policy can act on",
        LetterKind.INVITATION: "invite you to a meeting",
    }[kind]
    assert expected in text


def test_letter_fonts_are_embedded_and_cjk_names_print() -> None:
    data = render_letter(sample_letter(recipient="张伟")).data
    assert all(embedded == "yes" for _, embedded in pdffonts(data))
    assert "Dear 张伟," in pdftotext(data)
