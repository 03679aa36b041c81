"""The triage summary PDF: content, confidentiality marks, fonts and scripts."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtGui import QColor, QImage

from tests.documents.pdftools import first_page_png, pdffonts, pdftotext
from triage_desktop.documents.content import ChecklistStep
from triage_desktop.documents.samples import sample_summary
from triage_desktop.documents.summary import render_summary


@pytest.fixture(scope="module")
def summary_text() -> str:
    return pdftotext(render_summary(sample_summary()).data)


def test_every_page_is_confidential_and_numbered(summary_text: str) -> None:
    pages = summary_text.split("\f")
    pages = [p for p in pages if p.strip()]
    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        assert "CONFIDENTIAL: internal triage record" in page
        assert f"Page {number} of {len(pages)}" in page
        assert "6f1c2b9e-4d7a-4e55-9c1e-2a8d3b7f0c11" in page


@pytest.mark.parametrize(
    "expected",
    [
        "DR-2026-0042",
        "deadline met",
        "Accompanying the reporter, as a supporter (a friend chosen by the reporter)",
        "Reporter (raised the concern)",
        "Triage officer",
        "breaks offered every 20 minutes",
        "not covered",
        "referral made",
        "Reporting to the police",
        "Does the respondent share accommodation?",
        "Consent The reporter chose this.",
        "wants the behaviour to stop",
        "Informal Resolution Approach",
        "Respondent 1 (a student)",
        "Recommended Referral to the informal resolution approach",
        "Flags A historical report",
        "Policy version",
        "2.0",
        "No safeguarding concern",
        "Override reason",
        "Book an appointment with Student Support",
        "the reporter corrected it at read-back",
    ],
)
def test_summary_holds_what_the_issue_lists(summary_text: str, expected: str) -> None:
    assert expected in summary_text


def test_audit_chain_head_is_printed_in_full(summary_text: str) -> None:
    head = sample_summary().audit_chain_head
    assert head in summary_text.replace(" ", "")


def test_missed_contact_deadline_is_flagged() -> None:
    import datetime as dt

    late = dataclasses.replace(sample_summary(), contacted_on=dt.date(2026, 4, 9))
    assert "deadline MISSED" in pdftotext(render_summary(late).data)


def test_names_in_arabic_and_chinese_come_out_as_text(summary_text: str) -> None:
    assert "محمد الأحمد" in summary_text
    assert "张伟" in summary_text
    assert "Zoë Ångström" in summary_text


def test_every_font_is_embedded() -> None:
    fonts = pdffonts(render_summary(sample_summary()).data)
    assert fonts, "no fonts listed"
    assert all(embedded == "yes" for _, embedded in fonts), fonts
    names = " ".join(name for name, _ in fonts)
    assert "DejaVuSans" in names
    assert "WenQuanYi" in names


def test_hostile_text_cannot_inject_markup() -> None:
    hostile = '<font name="Courier">x</font> & <b>bold</b> \x00\x07 <img src="/etc/passwd"/>'
    content = dataclasses.replace(sample_summary(), steps=(ChecklistStep(hostile, "done"),))
    text = pdftotext(render_summary(content).data)
    assert '<font name="Courier">x</font> & <b>bold</b>' in text
    assert all(embedded == "yes" for _, embedded in pdffonts(render_summary(content).data))


def _raster(paragraph_markup: str) -> QImage:
    from reportlab.platypus import Paragraph

    from triage_desktop.documents.layout import build_pdf, styles

    style = styles()["title"]
    data = build_pdf([Paragraph(paragraph_markup, style)], lambda *_: None, title="t", author="a")
    image = QImage()
    assert image.loadFromData(first_page_png(data, dpi=72, page=1), "PNG")
    return image.copy(40, 40, 300, 60)


def _dark_pixels(image: QImage) -> set[tuple[int, int]]:
    return {
        (x, y)
        for y in range(image.height())
        for x in range(image.width())
        if QColor(image.pixel(x, y)).lightness() < 128
    }


@pytest.mark.parametrize("name", ["张伟", "محمد الأحمد"])
def test_names_rasterise_as_glyphs_not_boxes(name: str) -> None:
    """The same name forced into a font without its script prints .notdef boxes: ours must not
    look like that, and must put real ink on the page."""
    from triage_desktop.documents.fonts import SANS
    from triage_desktop.documents.text import markup

    ours = _dark_pixels(_raster(markup(name)))
    boxes = _dark_pixels(_raster(f'<font name="{SANS}">{name}</font>'))
    assert len(ours) > 40
    overlap = len(ours & boxes) / max(len(ours | boxes), 1)
    if "张" in name:
        assert overlap < 0.5, "the CJK name looks like the .notdef boxes"
    else:  # Arabic: shaped (joined) forms differ from the unshaped isolated letters
        assert ours != boxes


# -- words, not ids; one route per respondent; consent, safety, drafts and versions -------------

import datetime as dt  # noqa: E402

from tests.documents.pdftools import pdfsig  # noqa: E402
from triage_desktop.documents.content import (  # noqa: E402
    Attendee,
    Consent,
    RouteShown,
    SafetyAlert,
)
from triage_desktop.documents.errors import ContentError  # noqa: E402
from triage_desktop.documents.summary import render_draft  # noqa: E402

STAFF_ROUTE = RouteShown(
    respondent="Respondent 2 (a member of staff)",
    recommended="Referral to the relevant formal process",
    procedures=("Staff Disciplinary Policy and Procedure",),
    escalations=("Safeguarding: escalate to the Deputy Directors as a high-risk case",),
    flags=("The severity may require a formal process",),
    rationale=("There is a significant risk of harm to others.",),
    policy_version="2.0",
    acts_without_consent=True,
    needs_reporter_agreement=False,
)


def _text(**changes: object) -> str:
    content = dataclasses.replace(sample_summary(), **changes)  # type: ignore[arg-type]
    return pdftotext(render_summary(content).data)


def test_each_respondent_has_its_own_recommendation_in_words() -> None:
    student = sample_summary().routes[0]
    text = _text(routes=(student, STAFF_ROUTE))
    assert "Routing recommendations" in text
    first, second = text.index("Respondent 1 (a student)"), text.index("Respondent 2")
    assert first < text.index("Referral to the informal resolution approach") < second
    for words in (
        "Staff Disciplinary Policy and Procedure",
        "Safeguarding: escalate to the Deputy Directors as a high-risk case",
        "The severity may require a formal process",
        "There is a significant risk of harm to others.",
        "Acts without consent yes",
        "Reporter's agreement needed no",
    ):
        assert words in text[second:]


@pytest.mark.parametrize(
    ("consent", "statement"),
    [
        (Consent("reporter_chose"), "The reporter chose this."),
        (
            Consent("reporter_agreed", "I'm happy to try the formal route if it stops this"),
            "The reporter agreed to this after discussion. In their words: "
            "\u201cI'm happy to try the formal route if it stops this\u201d",
        ),
        (
            Consent("without_consent", "Threats were made to a flatmate.", "a significant risk"),
            "Acting without the reporter's consent because of a significant risk. "
            "Justification: Threats were made to a flatmate.",
        ),
    ],
)
def test_consent_is_stated_as_exactly_one_of_three(consent: Consent, statement: str) -> None:
    text = _text(consent=consent)
    assert statement in text
    openings = (
        "The reporter chose this.",
        "The reporter agreed to this after discussion.",
        "Acting without the reporter's consent",
    )
    assert [o for o in openings if o in text] == [o for o in openings if statement.startswith(o)]
    assert "consent governs" not in text


def test_without_a_decision_the_summary_claims_nothing_about_consent() -> None:
    text = _text(consent=None, decision_words="")
    assert "consent governs" not in text
    assert "Not yet recorded: no decision has been made." in text
    assert "The reporter chose this." not in text


@pytest.mark.parametrize(
    "consent",
    [
        Consent("without_consent", "", "a safeguarding concern"),
        Consent("without_consent", "The justification.", ""),
        Consent("someone_said_so"),  # type: ignore[arg-type]
    ],
)
def test_a_consent_statement_that_cannot_be_true_is_refused(consent: Consent) -> None:
    with pytest.raises(ContentError) as caught:
        render_summary(dataclasses.replace(sample_summary(), consent=consent))
    assert "consent" in str(caught.value)
    assert consent.problem() == str(caught.value)


def test_a_safety_alert_is_shown_first_with_who_acknowledged_it_and_when() -> None:
    alert = SafetyAlert(
        ("The reporter said they do not feel safe going home",),
        dt.datetime(2026, 4, 8, 10, 12, tzinfo=dt.UTC),
        "Zoë Ångström",
    )
    text = _text(safety=alert)
    line = (
        "Safety: The reporter said they do not feel safe going home. Acknowledged by Zoë "
        "Ångström at 8 April 2026, 10:12 UTC."
    )
    assert line in text
    assert text.index(line) < text.index("Case and dates")
    unacknowledged = _text(safety=SafetyAlert(("Threats were reported",)))
    assert "Safety: Threats were reported. Not acknowledged." in unacknowledged


def test_attendee_roles_are_words() -> None:
    attendees = (
        Attendee("Amal Haddad", "reporter"),
        Attendee("Zoë Ångström", "officer"),
        Attendee("Sami Nasser", "interpreter", "Arabic"),
        Attendee("Jo Bloggs", "Supporter"),
    )
    text = _text(attendees=attendees)
    assert "Amal Haddad Reporter (raised the concern)" in text
    assert "Accompanying the reporter, as an interpreter (Arabic)" in text
    assert "Jo Bloggs Accompanying the reporter, as a supporter" in text


def test_a_draft_says_so_on_every_page_and_cannot_be_signed(identity: object) -> None:
    from triage_desktop.documents.signing import sign_pdf

    draft = render_draft(sample_summary())
    pages = [p for p in pdftotext(draft).split("\f") if p.strip()]
    assert len(pages) >= 2
    assert all("DRAFT \u2014 not signed" in page for page in pages)
    assert "Signed by the triage officer" not in pages[-1]
    rendered = render_summary(dataclasses.replace(sample_summary(), draft=True))
    assert rendered.draft
    with pytest.raises(ContentError, match=r"draft .* cannot be signed"):
        sign_pdf(rendered, identity, reason="Triage summary")  # type: ignore[arg-type]
    assert "DRAFT" not in pdftotext(render_summary(sample_summary()).data)


def test_the_draft_mark_is_visible_ink_on_every_page() -> None:
    """Not just text for a search: the mark darkens the page where a final summary is blank."""
    final, draft = render_summary(sample_summary()).data, render_draft(sample_summary())
    for page in (1, 2):
        inked = QImage()
        blank = QImage()
        assert inked.loadFromData(first_page_png(draft, dpi=40, page=page), "PNG")
        assert blank.loadFromData(first_page_png(final, dpi=40, page=page), "PNG")
        assert inked.size() == blank.size()
        centre = (inked.width() // 2, inked.height() // 2)
        differs = sum(
            inked.pixel(x, y) != blank.pixel(x, y)
            for x in range(centre[0] - 60, centre[0] + 60)
            for y in range(centre[1] - 60, centre[1] + 60)
        )
        assert differs > 200, f"page {page}: no visible draft mark"


def test_a_new_version_names_the_summary_it_replaces() -> None:
    text = _text(version=2, supersedes="6f1c2b9e-0000-4e55-9c1e-2a8d3b7f0c11")
    assert "Version 2, replaces summary 6f1c2b9e-0000-4e55-9c1e-2a8d3b7f0c11" in text
    pages = [p for p in text.split("\f") if p.strip()]
    assert all("Version 2" in page for page in pages)  # in every page's footer
    assert "replaces summary" not in _text()


def test_a_signed_summary_still_verifies(signed_summary: bytes) -> None:
    assert "Signature is Valid." in pdfsig(signed_summary)
