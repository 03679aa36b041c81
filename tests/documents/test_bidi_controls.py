"""Bidirectional control characters in names and letters are neutralised for display.

A name typed or imported with U+202E (right-to-left override) would otherwise reverse the text
drawn after it; the PDF shows the words as written, in their natural direction.
"""

from __future__ import annotations

import dataclasses
import subprocess

import pytest

from tests.documents.pdftools import pdftotext, pdftotext_result, words
from triage_desktop.cases.text import BIDI_CONTROLS, neutralise_bidi
from triage_desktop.documents.content import Attendee, NextStep
from triage_desktop.documents.letters import render_letter
from triage_desktop.documents.samples import sample_letter, sample_summary
from triage_desktop.documents.summary import render_summary

EVERY_CONTROL = "".join(sorted(BIDI_CONTROLS))
# An Arabic name, then an override, then Latin words: python-bidi honours U+202E, so without
# neutralising, "formal process approved" would print as "devorppa ssecorp lamrof".
HOSTILE = "يوسف \u202eformal process approved"


def test_neutralise_removes_every_bidi_control_and_nothing_else() -> None:
    assert len(BIDI_CONTROLS) == 12
    assert neutralise_bidi(f"Zo{EVERY_CONTROL}ë محمد 张伟 😀\n\t") == "Zoë محمد 张伟 😀\n\t"
    plain = "Siobhán Ó Briain"
    assert neutralise_bidi(plain) is plain


def _raw_text(data: bytes) -> str:
    """pdftotext's own output, bidi marks and all (`pdftotext()` removes them for matching;
    poppler adds its own around right-to-left runs, so use this on Latin text only)."""
    return pdftotext_result(data).stdout.decode()


def _printed(data: bytes) -> set[str]:
    return {text for *_, text in words(data)}


@pytest.mark.parametrize(
    "place",
    [
        lambda t: dataclasses.replace(sample_summary(), attendees=(Attendee(t, "reporter"),)),
        lambda t: dataclasses.replace(sample_summary(), next_steps=(NextStep("Officer", t),)),
        lambda t: dataclasses.replace(sample_summary(), case_reference=t),  # footer, canvas
    ],
    ids=["table cell", "next step", "page footer"],
)
def test_an_override_in_the_summary_reverses_nothing(place: object) -> None:
    data = render_summary(place(HOSTILE)).data  # type: ignore[operator]
    printed = _printed(data)
    assert {"formal", "process", "approved"} <= printed
    assert not {"lamrof", "ssecorp", "devorppa"} & printed


def test_an_override_in_a_letter_reverses_nothing() -> None:
    letter = dataclasses.replace(
        sample_letter(), recipient_name=HOSTILE, greeting_name=HOSTILE, case_reference=HOSTILE
    )
    data = render_letter(letter).data
    printed = _printed(data)
    assert {"formal", "process", "approved"} <= printed
    assert not {"lamrof", "ssecorp", "devorppa"} & printed


def test_a_latin_name_with_an_override_prints_as_written() -> None:
    content = dataclasses.replace(
        sample_summary(), attendees=(Attendee("Zoë\u202e Ångström\u2066", "reporter"),)
    )
    data = render_summary(content).data
    assert "Zoë Ångström Reporter" in pdftotext(data)
    assert not BIDI_CONTROLS & set(_raw_text(data))


def test_document_properties_hold_no_bidi_controls() -> None:
    """The title and author show in a viewer's title bar."""
    content = dataclasses.replace(
        sample_summary(), case_reference="DR\u202e-0042", officer=sample_summary().officer
    )
    content = dataclasses.replace(
        content, officer=dataclasses.replace(content.officer, name="Zoë\u202e Ångström")
    )
    info = subprocess.run(
        ["pdfinfo", "fd://0"], input=render_summary(content).data, capture_output=True, check=True
    ).stdout.decode()
    assert "Title:           Triage summary DR-0042" in info
    assert "Author:          Zoë Ångström" in info
