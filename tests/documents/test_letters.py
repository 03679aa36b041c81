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
    Consent,
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
    routes = tuple(
        dataclasses.replace(
            route, escalations=(m["escalation"],), rationale=(m["rationale"],), flags=(m["flag"],)
        )
        for route in base.routes
    )
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
        consent=Consent("without_consent", m["justification"], "a significant risk"),
        reporter_preference=m["preference"],
        override_reason=m["decision_override"],
        amendments=(Amendment(dt.datetime(2026, 4, 8, 11, 0), "x", m["amendment"], "y"),),
        attendees=(*base.attendees, Attendee(m["attendee"], "respondent's adviser")),
        adjustments=(m["adjustment"],),
        routes=routes,
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
        outcome_explanation="This explanation was written for you.",
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


# -- acting without consent, explanations, signposting that fits ---------------------------------

from triage_desktop.documents.content import SupportContact, WithoutConsent  # noqa: E402
from triage_desktop.documents.errors import ContentError  # noqa: E402
from triage_desktop.documents.samples import EXPLANATIONS, WITHOUT_CONSENT  # noqa: E402
from triage_desktop.documents.templates import CONSENT_PHRASES  # noqa: E402


def _letter_text(kind: LetterKind, **changes: object) -> str:
    content = dataclasses.replace(sample_letter(kind), **changes)  # type: ignore[arg-type]
    return pdftotext(render_letter(content).data)


@pytest.mark.parametrize("kind", [LetterKind.FORMAL_PROCESS, LetterKind.ALTERNATIVE_PROCESS])
def test_acting_without_consent_says_plainly_what_and_why(kind: LetterKind) -> None:
    text = _letter_text(kind, without_consent=WITHOUT_CONSENT)
    for said in (
        "When we met, you asked for no further action to be taken for now.",
        "The University has to act on what you told me, even though this is not what you asked "
        "for.",
        "This is because what you told me means that someone may not be safe, and the "
        "University has a duty to act to keep people safe.",
        "What we are asking of you now: • Nothing for now: the people running the process will "
        "contact you first.",
        "What we are not asking of you: • You are not being asked to give a statement. • You do "
        "not have to attend any meeting unless you choose to.",
        "Support available to you",
        "What will happen next:",
    ):
        assert said in text
    lowered = text.casefold()
    for phrase in CONSENT_PHRASES:
        assert phrase not in lowered
    for internal in ("risk", "safeguarding", "justification", "threat"):
        assert internal not in lowered


def test_without_consent_with_nothing_asked_says_so() -> None:
    quiet = WithoutConsent("the informal approach", "someone else may be at risk of harm")
    text = _letter_text(LetterKind.FORMAL_PROCESS, without_consent=quiet)
    assert "Nothing is being asked of you right now." in text
    assert "What we are not asking of you" not in text


@pytest.mark.parametrize(
    "kind", [LetterKind.INVITATION, LetterKind.NO_FURTHER_ACTION, LetterKind.DISMISSAL]
)
def test_without_consent_is_refused_for_letters_that_cannot_be(kind: LetterKind) -> None:
    content = dataclasses.replace(
        sample_letter(kind), without_consent=WITHOUT_CONSENT, outcome_explanation="Because."
    )
    with pytest.raises(ContentError, match="Only a formal-process or alternative-process"):
        render_letter(content)


def test_without_consent_needs_what_was_asked_and_why() -> None:
    content = dataclasses.replace(
        sample_letter(LetterKind.FORMAL_PROCESS), without_consent=WithoutConsent("", " ")
    )
    with pytest.raises(ContentError, match="what they asked for and why"):
        render_letter(content)


@pytest.mark.parametrize(
    ("kind", "what"),
    [(LetterKind.DISMISSAL, "A dismissal"), (LetterKind.ALTERNATIVE_PROCESS, "An alternative")],
)
def test_dismissal_and_alternative_letters_need_their_explanation(
    kind: LetterKind, what: str
) -> None:
    content = dataclasses.replace(sample_letter(kind), outcome_explanation="  ")
    assert content.problems()
    with pytest.raises(ContentError) as caught:
        render_letter(content)
    message = str(caught.value)
    assert message.startswith(what)
    assert "explanation written for the person who raised the concern" in message
    assert "Traceback" not in message


@pytest.mark.parametrize("kind", [LetterKind.DISMISSAL, LetterKind.ALTERNATIVE_PROCESS])
def test_the_explanation_is_printed_as_written(kind: LetterKind) -> None:
    text = _letter_text(kind)
    assert EXPLANATIONS[kind] in text
    assert sample_letter(kind).problems() == []


def test_signposting_keeps_confidential_services_apart_from_people_who_can_help() -> None:
    text = _letter_text(LetterKind.INFORMAL_RESOLUTION)
    services = text.index("Free and confidential services")
    people = text.index("People who can help")
    assert services < people
    for contact in SIGNPOSTING:
        where = text.index(contact.name)
        assert (where > people) is (not contact.confidential), contact.name
    assert "they are not a confidential service" in text[people:]


def test_only_confidential_services_leave_out_the_people_heading() -> None:
    only = tuple(c for c in SIGNPOSTING if c.confidential)
    text = _letter_text(LetterKind.FORMAL_PROCESS, signposting=only)
    assert "Free and confidential services" in text
    assert "People who can help" not in text
    people = (SupportContact("Your line manager", "can listen", confidential=False),)
    text = _letter_text(LetterKind.FORMAL_PROCESS, signposting=people)
    assert "Free and confidential services" not in text
    assert "People who can help" in text


def test_an_outcome_letter_without_any_support_is_refused() -> None:
    with pytest.raises(ContentError, match="signpost at least one"):
        render_letter(dataclasses.replace(sample_letter(), signposting=()))


def test_a_dismissal_does_not_call_its_next_steps_agreed() -> None:
    dismissal = _letter_text(LetterKind.DISMISSAL)
    assert "What will happen next:" in dismissal
    assert "we agreed" not in dismissal.casefold()


def test_a_replacement_letter_says_which_letter_it_replaces() -> None:
    text = _letter_text(
        LetterKind.FORMAL_PROCESS, version=2, supersedes="0d5e8c3a-0000-4a6d-8e9c-7f0a1b2c3d4e"
    )
    assert "Version 2" in text
    assert (
        "This letter replaces our earlier letter (document 0d5e8c3a-0000-4a6d-8e9c-7f0a1b2c3d4e)."
        " Please read this one instead." in text
    )
    assert "Document 0d5e8c3a-1b2f-4a6d-8e9c-7f0a1b2c3d4e" in text  # its own id, in the footer
    assert "replaces our earlier letter" not in _letter_text(LetterKind.FORMAL_PROCESS)


def test_the_mapping_carries_the_new_letter_fields() -> None:
    letter = letter_from_summary(
        sample_summary(),
        LetterKind.FORMAL_PROCESS,
        letterhead=LETTERHEAD,
        recipient_name="Amal Haddad",
        signposting=SIGNPOSTING,
        letter_date=dt.date(2026, 4, 9),
        document_id="d-2",
        procedures=("Student Regulation 7 and the Student Discipline Procedure",),
        without_consent=WITHOUT_CONSENT,
        version=2,
        supersedes="d-1",
    )
    assert letter.procedures == ("Student Regulation 7 and the Student Discipline Procedure",)
    assert (letter.without_consent, letter.version, letter.supersedes) == (
        WITHOUT_CONSENT,
        2,
        "d-1",
    )
    default = letter_from_summary(
        sample_summary(),
        LetterKind.INFORMAL_RESOLUTION,
        letterhead=LETTERHEAD,
        recipient_name="Amal Haddad",
        signposting=SIGNPOSTING,
        letter_date=dt.date(2026, 4, 9),
        document_id="d-3",
    )
    assert default.procedures == sample_summary().routes[0].procedures
