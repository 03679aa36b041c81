"""The subject access pack: what the service holds about the person who asked, why, where it
came from, how long it is kept, and their rights; what was withheld and why. Signed like every
document; right-to-left and CJK text print in their own glyphs (`layout.para`).

The content arrives already redacted (`PackContent`): this module only lays it out, so nothing
the officer decided to withhold can reach the page from here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from triage_desktop.documents.fonts import SANS_BOLD
from triage_desktop.documents.layout import (
    PAGE_MARGIN,
    RenderedPdf,
    SignatureSpace,
    build_pdf,
    draw_rule_and_footer,
    para,
    styles,
)

TITLE = "Your personal data: subject access request"


@dataclass(frozen=True)
class PackPassage:
    heading: str
    source: str  # where it came from
    text: str  # already redacted


@dataclass(frozen=True)
class PackCase:
    title: str
    reference: str
    role: str
    passages: tuple[PackPassage, ...]


@dataclass(frozen=True)
class Withheld:
    what: str
    why: str


@dataclass(frozen=True)
class PackContent:
    organisation: str
    requester_name: str
    request_reference: str
    received_on: dt.date
    due_on: dt.date
    document_id: str
    officer_name: str
    officer_role: str
    cases: tuple[PackCase, ...]
    purpose: str
    recipients: str
    retention: str
    rights: tuple[str, ...]
    withheld: tuple[Withheld, ...] = ()
    redactions: int = 0
    redaction_reason: str = ""
    generated_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))


def _date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def render_pack(content: PackContent) -> RenderedPdf:
    """The pack as an unsigned PDF in memory, with its signature box reserved at the end."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import KeepTogether, Spacer

    s = styles()
    s["passage"] = ParagraphStyle("passage", parent=s["body"], fontName=SANS_BOLD, spaceBefore=2)
    story: list[Any] = [
        para(TITLE, s["title"]),
        para(f"{content.organisation} · Dignity and Respect service", s["small"]),
        Spacer(1, 6),
        para(f"For: {content.requester_name}", s["body"]),
        para(
            f"Request {content.request_reference}, received {_date(content.received_on)}; "
            f"answered by {_date(content.due_on)} at the latest.",
            s["body"],
        ),
        para("Why we hold it", s["heading"]),
        para(content.purpose, s["body"]),
        para("Who it may be shared with", s["heading"]),
        para(content.recipients, s["body"]),
        para("How long it is kept", s["heading"]),
        para(content.retention, s["body"]),
        para("What we hold about you", s["heading"]),
    ]
    if not content.cases:
        story.append(para("We hold no personal data about you in this service.", s["body"]))
    for case in content.cases:
        story.append(para(f"{case.title} (reference {case.reference})", s["cell_bold"]))
        story.append(para(f"Your part in it: {case.role}", s["small"]))
        for passage in case.passages:
            story.append(Spacer(1, 4))
            story.append(para(passage.heading, s["passage"]))
            story.append(para(f"Where it came from: {passage.source}", s["small"]))
            story.append(para(passage.text, s["body"]))
        story.append(Spacer(1, 8))
    story.append(para("What we have not disclosed, and why", s["heading"]))
    if content.redactions:
        plural = "s" if content.redactions != 1 else ""
        story.append(
            para(
                f"{content.redactions} mention{plural} of other people are shown as "
                f"[third party]. {content.redaction_reason}",
                s["body"],
            )
        )
    for item in content.withheld:
        story.append(para(f"{item.what}: {item.why}", s["bullet"], bulletText="•"))
    if not content.redactions and not content.withheld:
        story.append(para("Nothing was withheld.", s["body"]))
    story.append(para("Your rights", s["heading"]))
    for right in content.rights:
        story.append(para(right, s["bullet"], bulletText="•"))
    story.append(Spacer(1, 6))
    story.append(
        para(
            f"Prepared by {content.officer_name}, {content.officer_role}. Document "
            f"{content.document_id}, {content.generated_at:%d %B %Y, %H:%M} UTC.",
            s["small"],
        )
    )
    space = SignatureSpace()
    story.append(
        KeepTogether(
            [Spacer(1, 10), para("Signed by the officer:", s["cell_bold"]), space.flowable()]
        )
    )
    width, height = A4
    footer = f"Subject access request {content.request_reference} · Document {content.document_id}"

    def draw_page(canvas: Any, page: int, total: int) -> None:
        canvas.saveState()
        draw_rule_and_footer(canvas, width, height, footer, page=page, total=total)
        canvas.setFont(SANS_BOLD, 8)
        canvas.drawString(PAGE_MARGIN, height - PAGE_MARGIN + 16, "PERSONAL AND CONFIDENTIAL")
        canvas.restoreState()

    data = build_pdf(story, draw_page, title=TITLE, author=content.officer_name)
    if space.where is None:  # pragma: no cover - the flowable always draws
        raise RuntimeError("the signature box was not placed")
    return RenderedPdf(data, space.where, content.document_id, TITLE)
