"""Letters to the reporter: letterhead, address, date, the template's words, support, signature.

The frame of the letter (letterhead, date, reference, greeting, support services, sign-off and the
signature block) is drawn here for every letter, so an edited template can change the wording but
never drop the signposting. `LetterContent` has no field for risk notes, internal comments or
other people, so nothing of the kind can reach a letter whatever a template asks for.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from triage_desktop.documents.content import LetterContent
from triage_desktop.documents.fonts import SANS, SANS_BOLD
from triage_desktop.documents.layout import (
    ACCENT,
    MUTED,
    PAGE_MARGIN,
    RenderedPdf,
    SignatureSpace,
    build_pdf,
    styles,
)
from triage_desktop.documents.templates import LetterText, render_text
from triage_desktop.documents.text import markup, visual

LETTERHEAD_HEIGHT = 118.0
EMERGENCY = (
    "If you are in immediate danger, please call 999. If you are on campus, Security can help "
    "at any time."
)


def _initials(organisation: str) -> str:
    words = [w for w in organisation.split() if w[:1].isupper() and w.lower() not in {"of", "the"}]
    return "".join(w[0] for w in words[:3]) or organisation[:1]


def _draw_letterhead(canvas: Any, content: LetterContent, width: float, height: float) -> None:
    from reportlab.lib.colors import Color, white

    head = content.letterhead
    top = height - PAGE_MARGIN + 14
    canvas.setFillColor(Color(*ACCENT))
    canvas.roundRect(PAGE_MARGIN, top - 44, 44, 44, 6, stroke=0, fill=1)
    canvas.setFillColor(white)
    canvas.setFont(SANS_BOLD, 15)
    canvas.drawCentredString(PAGE_MARGIN + 22, top - 28, visual(_initials(head.organisation)))
    canvas.setFillColor(Color(*ACCENT))
    canvas.setFont(SANS_BOLD, 16)
    canvas.drawString(PAGE_MARGIN + 56, top - 20, visual(head.organisation))
    canvas.setFillColor(Color(*MUTED))
    canvas.setFont(SANS, 10)
    canvas.drawString(PAGE_MARGIN + 56, top - 36, visual(head.service))
    canvas.setFont(SANS, 8)
    lines = [*head.address_lines, head.email, head.phone, head.website]
    y = top - 8
    for line in (line for line in lines if line):
        canvas.drawRightString(width - PAGE_MARGIN, y, visual(line))
        y -= 10.5
    canvas.setStrokeColor(Color(*ACCENT))
    canvas.setLineWidth(1.2)
    rule = min(top - 54, y - 4)
    canvas.line(PAGE_MARGIN, rule, width - PAGE_MARGIN, rule)


def _address_block(content: LetterContent, s: dict[str, Any]) -> Any:
    from reportlab.platypus import Paragraph, Table, TableStyle

    left = [Paragraph("<b>PRIVATE AND CONFIDENTIAL</b>", s["small"])]
    left += [
        Paragraph(markup(line), s["body"])
        for line in (content.recipient_name, *content.recipient_address)
    ]
    day = content.letter_date
    right = [
        Paragraph(markup(f"{day.day} {day:%B %Y}"), s["body"]),
        Paragraph(markup(f"Our reference: {content.case_reference}"), s["small"]),
    ]
    table = Table([[left, right]], colWidths=[300, 183], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("FONTNAME", (0, 0), (-1, -1), SANS),
                ("LEFTPADDING", (0, 0), (0, -1), 0),
            ]
        )
    )
    return table


def _body(text: LetterText, content: LetterContent, s: dict[str, Any]) -> list[Any]:
    from reportlab.platypus import Paragraph, Spacer

    story: list[Any] = [Spacer(1, 18)]
    greeting = content.greeting_name or content.recipient_name
    story.append(Paragraph(markup(f"Dear {greeting},"), s["body"]))
    story.append(Spacer(1, 8))
    story.append(Paragraph(markup(text.subject), s["heading"]))
    for block in text.paragraphs:
        if block.startswith("- "):
            story.append(Paragraph(markup(block[2:]), s["bullet"], bulletText="•"))
        else:
            story.append(Spacer(1, 4))
            story.append(Paragraph(markup(block), s["body"]))
    return story


def _signposting(content: LetterContent, s: dict[str, Any]) -> list[Any]:
    from reportlab.platypus import Paragraph

    story: list[Any] = [Paragraph("Support available to you", s["heading"])]
    story.append(
        Paragraph(
            markup(
                "You do not have to go through this alone. These services are free and "
                "confidential, and you can contact them whatever you decide:"
            ),
            s["body"],
        )
    )
    for service in content.signposting:
        parts = [f"<b>{markup(service.name)}</b>"]
        if service.description:
            parts.append(f": {markup(service.description)}")
        if service.contact:
            parts.append(f" ({markup(service.contact)})")
        story.append(Paragraph("".join(parts), s["bullet"], bulletText="•"))
    return story


def _closing(content: LetterContent, s: dict[str, Any]) -> list[Any]:
    """The last words before the sign-off, kept on the signature's page (never a lone signature)."""
    from reportlab.platypus import Paragraph, Spacer

    head = content.letterhead
    reach = " or ".join(x for x in (head.email, head.phone) if x)
    closing: list[Any] = []
    if reach:
        closing.append(Spacer(1, 4))
        closing.append(
            Paragraph(markup(f"You can always contact the {head.service} at {reach}."), s["body"])
        )
    closing.append(Spacer(1, 4))
    closing.append(Paragraph(markup(EMERGENCY), s["body"]))
    return closing


def _sign_off(content: LetterContent, s: dict[str, Any], space: SignatureSpace) -> Any:
    from reportlab.platypus import KeepTogether, Paragraph, Spacer

    return KeepTogether(
        [
            *_closing(content, s),
            Spacer(1, 12),
            Paragraph("Yours sincerely,", s["body"]),
            Spacer(1, 4),
            space.flowable(),
            Spacer(1, 4),
            Paragraph(f"<b>{markup(content.officer.name)}</b>", s["body"]),
            Paragraph(markup(content.officer.role), s["body"]),
            Paragraph(markup(content.letterhead.service), s["body"]),
        ]
    )


def render_letter(content: LetterContent, admin_folder: Path | None = None) -> RenderedPdf:
    """The letter as an unsigned PDF in memory, its signature box reserved above the name."""
    from reportlab.lib.colors import Color
    from reportlab.lib.pagesizes import A4

    text = render_text(content, admin_folder)
    s = styles(body_size=10, leading=13.6)
    space = SignatureSpace()
    story = [
        _address_block(content, s),
        *_body(text, content, s),
        *_signposting(content, s),
        _sign_off(content, s, space),
    ]
    width, height = A4
    head = content.letterhead

    def draw_page(canvas: Any, page: int, total: int) -> None:
        canvas.saveState()
        if page == 1:
            _draw_letterhead(canvas, content, width, height)
        else:
            canvas.setFillColor(Color(*MUTED))
            canvas.setFont(SANS, 8)
            canvas.drawString(
                PAGE_MARGIN,
                height - PAGE_MARGIN + 10,
                visual(f"{head.organisation} · {head.service} · {content.case_reference}"),
            )
        canvas.setFillColor(Color(*MUTED))
        canvas.setFont(SANS, 7.5)
        canvas.drawString(PAGE_MARGIN, PAGE_MARGIN - 14, "Private and confidential")
        canvas.drawRightString(width - PAGE_MARGIN, PAGE_MARGIN - 14, f"Page {page} of {total}")
        canvas.restoreState()

    title = f"Letter {content.case_reference}: {text.subject}"
    data = build_pdf(
        story,
        draw_page,
        title=title,
        author=content.officer.name,
        first_top_margin=PAGE_MARGIN + LETTERHEAD_HEIGHT - 40,
    )
    if space.where is None:  # pragma: no cover - the flowable always draws
        raise RuntimeError("the signature box was not placed")
    return RenderedPdf(data, space.where, content.document_id, title)
