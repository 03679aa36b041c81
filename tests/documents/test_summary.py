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
        "supporter chosen by the reporter",
        "breaks offered every 20 minutes",
        "not covered",
        "referral made",
        "Reporting to the police",
        "Does the respondent share accommodation?",
        "Acting without consent",
        "wants the behaviour to stop",
        "Informal Resolution Approach",
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
