"""Letters to the reporter: letterhead, address, date, the template's words, support, signature.

The frame of the letter (letterhead, date, reference, greeting, support services, sign-off and the
signature block) is drawn here for every letter, so an edited template can change the wording but
never drop the signposting. `LetterContent` has no field for risk notes, internal comments or
other people, so nothing of the kind can reach a letter whatever a template asks for.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from triage_desktop.documents.content import LetterContent, SupportContact
from triage_desktop.documents.errors import ContentError
from triage_desktop.documents.fonts import SANS, SANS_BOLD
from triage_desktop.documents.layout import (
    ACCENT,
    MUTED,
    PAGE_MARGIN,
    TEXT_WIDTH,
    RenderedPdf,
    SignatureSpace,
    build_pdf,
    para,
    styles,
)
from triage_desktop.documents.templates import LetterText, render_text
from triage_desktop.documents.text import has_rtl, markup, visual

LETTERHEAD_HEIGHT = 118.0
EMERGENCY = (
    "If you are in immediate danger, please call 999. If you are on campus, Security can help "
    "at any time."
)
ADDRESS_WIDTHS = (300.0, 183.0)
CELL_PADDING = 6.0  # the right padding of the address table's cells
SUPPORT_INTRO = (
    "You do not have to go through this alone. You can contact any of these, whatever you "
    "decide and whenever you need to."
)
CONFIDENTIAL_HEADING = "Free and confidential services"
PEOPLE_HEADING = "People who can help"
PEOPLE_INTRO = (
    "You may also find it helpful to talk to someone you know and trust. These people can "
    "support you and help you reach the services above, but they are not a confidential service."
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

    left_width = ADDRESS_WIDTHS[0] - CELL_PADDING  # no left padding in the first column
    right_width = ADDRESS_WIDTHS[1] - 2 * CELL_PADDING
    left = [Paragraph("<b>PRIVATE AND CONFIDENTIAL</b>", s["small"])]
    left += [
        para(line, s["body"], left_width)
        for line in (content.recipient_name, *content.recipient_address)
    ]
    day = content.letter_date
    right = [
        para(f"{day.day} {day:%B %Y}", s["body"], right_width),
        para(f"Our reference: {content.case_reference}", s["small"], right_width),
    ]
    if content.version > 1:  # the replaced letter's id is in the body, for the reader
        right.append(para(f"Version {content.version}", s["small"], right_width))
    table = Table([[left, right]], colWidths=list(ADDRESS_WIDTHS), hAlign="LEFT")
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
    from reportlab.platypus import Spacer

    story: list[Any] = [Spacer(1, 18)]
    greeting = content.greeting_name or content.recipient_name
    story.append(para(f"Dear {greeting},", s["body"]))
    story.append(Spacer(1, 8))
    story.append(para(text.subject, s["heading"]))
    if content.supersedes:
        story.append(
            para(
                f"This letter replaces our earlier letter (document {content.supersedes}). "
                "Please read this one instead.",
                s["body"],
            )
        )
    for block in text.paragraphs:
        if block.startswith("- "):
            story.append(para(block[2:], s["bullet"], bulletText="•"))
        else:
            story.append(Spacer(1, 4))
            story.append(para(block, s["body"]))
    return story


def _contact_lines(contacts: tuple[SupportContact, ...], s: dict[str, Any]) -> list[Any]:
    """One bullet per contact: the name in bold, then what it offers and how to reach it."""
    from reportlab.platypus import Paragraph

    style = s["bullet"]
    lines = []
    for contact in contacts:
        described = f": {contact.description}" if contact.description else ""
        reach = f" ({contact.contact})" if contact.contact else ""
        whole = contact.name + described + reach
        if has_rtl(whole):  # one run of text, wrapped in logical order (no bold split)
            lines.append(para(whole, style, TEXT_WIDTH, bulletText="•"))
            continue
        shown = f"<b>{markup(contact.name)}</b>{markup(described)}{markup(reach)}"
        lines.append(Paragraph(shown, style, bulletText="•"))
    return lines


def _signposting(content: LetterContent, s: dict[str, Any]) -> list[Any]:
    """Support, in two groups: the free and confidential services, then people who can help
    (never listed as confidential). The frame draws this, so no template can drop it."""
    story: list[Any] = [para("Support available to you", s["heading"])]
    story.append(para(SUPPORT_INTRO, s["body"]))
    services, people = content.confidential_services, content.people_who_can_help
    if services:
        story.append(para(CONFIDENTIAL_HEADING, s["subheading"]))
        story.extend(_contact_lines(services, s))
    if people:
        story.append(para(PEOPLE_HEADING, s["subheading"]))
        story.append(para(PEOPLE_INTRO, s["body"]))
        story.extend(_contact_lines(people, s))
    return story


def _closing(content: LetterContent, s: dict[str, Any]) -> list[Any]:
    """The last words before the sign-off, kept on the signature's page (never a lone signature)."""
    from reportlab.platypus import Paragraph, Spacer

    head = content.letterhead
    reach = " or ".join(x for x in (head.email, head.phone) if x)
    closing: list[Any] = []
    if reach:
        closing.append(Spacer(1, 4))
        closing.append(para(f"You can always contact the {head.service} at {reach}.", s["body"]))
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
            para(content.officer.name, s["signer"]),
            para(content.officer.role, s["body"]),
            para(content.letterhead.service, s["body"]),
        ]
    )


def render_letter(content: LetterContent, admin_folder: Path | None = None) -> RenderedPdf:
    """The letter as an unsigned PDF in memory, its signature box reserved above the name.

    Refuses (ContentError) content that cannot make a truthful letter: see
    `LetterContent.problems()`.
    """
    from reportlab.lib.colors import Color
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle

    problems = content.problems()
    if problems:
        raise ContentError(" ".join(problems))
    text = render_text(content, admin_folder)
    s = styles(body_size=10, leading=13.6)
    s["signer"] = ParagraphStyle("signer", parent=s["body"], fontName=SANS_BOLD)
    space = SignatureSpace()
    story = [
        _address_block(content, s),
        *_body(text, content, s),
        *_signposting(content, s),
        _sign_off(content, s, space),
    ]
    width, height = A4
    head = content.letterhead
    footer = visual(
        "Private and confidential"
        + (f" · Document {content.document_id}" if content.document_id else "")
    )

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
        canvas.drawString(PAGE_MARGIN, PAGE_MARGIN - 14, footer)
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
