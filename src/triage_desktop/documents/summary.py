"""The triage summary: the internal record of one meeting, confidential on every page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from triage_desktop.documents.content import SummaryContent
from triage_desktop.documents.fonts import SANS, SANS_BOLD
from triage_desktop.documents.layout import (
    ACCENT,
    FRAME_WIDTH,
    MUTED,
    PAGE_MARGIN,
    RenderedPdf,
    SignatureSpace,
    build_pdf,
    para,
    styles,
)

CELL_PADDING = 12  # reportlab's default 6 pt each side

STEP_LABELS = {"done": "covered", "in_progress": "partly covered", "skipped": "not covered"}
CONFIDENTIAL = "CONFIDENTIAL: internal triage record. Not for the reporter or any third party."


def _date(value: dt.date | None, empty: str = "not recorded") -> str:
    return f"{value.day} {value:%B %Y}" if value else empty


def _yes(value: bool) -> str:
    return "yes" if value else "no"


class _Story:
    """A list of flowables with helpers for the summary's headings, facts and tables."""

    def __init__(self) -> None:
        self.s = styles()
        self.items: list[Any] = []

    def p(self, text: str, style: str = "body", width: float = FRAME_WIDTH) -> Any:
        return para(text, self.s[style], width)

    def heading(self, text: str) -> None:
        self.items.append(self.p(text, "heading"))

    def para(self, text: str, style: str = "body") -> None:
        self.items.append(self.p(text, style))

    def bullets(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.items.append(para(line, self.s["bullet"], bulletText="•"))

    def table(
        self, header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float]
    ) -> None:
        from reportlab.lib.colors import Color
        from reportlab.platypus import Table, TableStyle

        if not rows:
            self.para("None recorded.", "small")
            return
        data = [
            [self.p(h, "cell_bold", w - CELL_PADDING) for h, w in zip(header, widths, strict=True)]
        ]
        data += [
            [self.p(cell, "cell", w - CELL_PADDING) for cell, w in zip(row, widths, strict=True)]
            for row in rows
        ]
        table = Table(data, colWidths=list(widths), repeatRows=1, hAlign="LEFT")
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("FONTNAME", (0, 0), (-1, -1), SANS),
                    ("BACKGROUND", (0, 0), (-1, 0), Color(0.92, 0.94, 0.97)),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.4, Color(0.8, 0.82, 0.86)),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ]
            )
        )
        self.items.append(table)

    def facts(self, pairs: Sequence[tuple[str, str]]) -> None:
        from reportlab.platypus import Table, TableStyle

        data = [
            [self.p(k, "cell_bold", 150 - CELL_PADDING), self.p(v, "cell", 333 - CELL_PADDING)]
            for k, v in pairs
        ]
        table = Table(data, colWidths=[150, 333], hAlign="LEFT")
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("FONTNAME", (0, 0), (-1, -1), SANS),
                    ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
                ]
            )
        )
        self.items.append(table)


def _contact_line(content: SummaryContent) -> str:
    met = content.contact_by_met
    if met is None:
        return f"not yet contacted (contact due by {_date(content.contact_by)})"
    verdict = "met" if met else "MISSED"
    return f"{_date(content.contacted_on)}: deadline {verdict} (due by {_date(content.contact_by)})"


def _routing(story: _Story, routing: Any) -> None:
    story.facts(
        [
            ("Recommended action", str(routing.get("action", "")).replace("_", " ")),
            ("Procedures", "; ".join(map(str, routing.get("procedures", ()))) or "none"),
            ("Escalations", "; ".join(map(str, routing.get("escalations", ()))) or "none"),
            ("Flags", "; ".join(map(str, routing.get("flags", ()))) or "none"),
            ("Act without consent", _yes(bool(routing.get("acts_without_consent")))),
            ("Signposting required", _yes(bool(routing.get("signposting_required", True)))),
            ("Policy version", str(routing.get("policy_version", "unknown"))),
        ]
    )
    story.para("Why:", "cell_bold")
    story.bullets(str(r) for r in routing.get("rationale", ()))


def _body(story: _Story, c: SummaryContent) -> None:
    story.heading("Case and dates")
    story.facts(
        [
            ("Case reference", c.case_reference),
            ("Document ID", c.document_id),
            ("Officer", f"{c.officer.name}, {c.officer.role}"),
            ("Report received", _date(c.reported_on)),
            ("First contact", _contact_line(c)),
            ("Triage meeting", _date(c.meeting_on)),
            ("Follow-up", _date(c.follow_up_on, "none set")),
        ]
    )
    story.heading("Who attended, and adjustments")
    story.table(["Name", "Role"], [(a.name, a.role) for a in c.attendees], [240, 243])
    story.bullets(c.adjustments or ("No adjustments requested.",))
    story.heading("Meeting checklist")
    story.table(
        ["Step", "State", "Note"],
        [(s.title, STEP_LABELS.get(s.state, s.state), s.note) for s in c.steps],
        [190, 90, 203],
    )
    if c.items:
        story.para("Checklist items", "cell_bold")
        story.table(
            ["Item", "State", "Note"],
            [(i.label, i.state.replace("_", " "), i.note) for i in c.items],
            [190, 90, 203],
        )
    story.heading("Support offered and referrals")
    story.table(
        ["Service", "Outcome", "Note"],
        [(o.service, o.state, o.note) for o in c.support],
        [190, 90, 203],
    )
    story.heading("Options explained")
    story.table(
        ["Option", "Explained", "Questions answered", "Note"],
        [(o.option, _yes(o.explained), _yes(o.questions_answered), o.note) for o in c.options],
        [160, 68, 95, 160],
    )
    story.heading("Risk assessment")
    story.facts(
        [
            ("Risk level", c.risk.level),
            ("Computed level", c.risk.computed_level),
            ("Level override reason", c.risk.override_reason or "no override"),
            ("Safeguarding concern", _yes(c.risk.safeguarding_concern)),
        ]
    )
    story.table(
        ["Question", "Answer", "Comment"],
        [(a.question, a.answer, a.comment) for a in c.risk.answers],
        [190, 70, 223],
    )
    story.heading("Acting without consent")
    if c.acts_without_consent:
        story.para(f"Yes. Justification: {c.without_consent_justification}")
    else:
        story.para("No: the reporter's consent governs the next steps.")
    story.heading("The reporter's preference")
    story.para(c.reporter_preference or "Not recorded.")
    story.heading("Routing recommendation")
    _routing(story, c.routing)
    story.heading("Officer's decision")
    story.facts(
        [
            ("Decision", c.officer_decision.replace("_", " ")),
            ("Override reason", c.override_reason or "follows the recommendation"),
        ]
    )
    story.heading("Agreed next steps")
    story.table(
        ["Who", "What", "By when"],
        [(n.owner, n.action, _date(n.due, "no date")) for n in c.next_steps],
        [110, 283, 90],
    )
    story.heading("Amendments made during read-back")
    story.table(
        ["When", "What", "Before", "After", "Reason"],
        [(a.when.strftime("%H:%M"), a.what, a.before, a.after, a.reason) for a in c.amendments],
        [46, 90, 117, 117, 113],
    )
    story.heading("Integrity")
    story.facts(
        [
            ("Audit chain head at signing", c.audit_chain_head),
            ("Generated", f"{_date(c.generated_at)}, {c.generated_at:%H:%M} UTC"),
        ]
    )


def render_summary(content: SummaryContent) -> RenderedPdf:
    """The summary as an unsigned PDF in memory, with its signature box reserved at the end."""
    from reportlab.lib.colors import Color
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import KeepTogether, Spacer

    story = _Story()
    story.para("Triage meeting summary", "title")
    story.para(f"{content.organisation} · Dignity and Respect Policy", "small")
    _body(story, content)
    space = SignatureSpace()
    story.items.append(
        KeepTogether(
            [Spacer(1, 10), story.p("Signed by the triage officer:", "cell_bold"), space.flowable()]
        )
    )
    width, height = A4
    footer_ref = f"Case {content.case_reference} · Document {content.document_id}"

    def draw_page(canvas: Any, page: int, total: int) -> None:
        canvas.saveState()
        canvas.setFillColor(Color(0.70, 0.10, 0.12))
        canvas.setFont(SANS_BOLD, 8.5)
        canvas.drawString(PAGE_MARGIN, height - PAGE_MARGIN + 16, CONFIDENTIAL)
        canvas.setStrokeColor(Color(*ACCENT))
        canvas.setLineWidth(0.6)
        canvas.line(
            PAGE_MARGIN, height - PAGE_MARGIN + 10, width - PAGE_MARGIN, height - PAGE_MARGIN + 10
        )
        canvas.setFillColor(Color(*MUTED))
        canvas.setFont(SANS, 8)
        canvas.drawString(PAGE_MARGIN, PAGE_MARGIN - 14, footer_ref)
        canvas.drawRightString(width - PAGE_MARGIN, PAGE_MARGIN - 14, f"Page {page} of {total}")
        canvas.setFont(SANS_BOLD, 8)
        canvas.drawRightString(width - PAGE_MARGIN, PAGE_MARGIN - 25, "CONFIDENTIAL")
        canvas.restoreState()

    title = f"Triage summary {content.case_reference}"
    data = build_pdf(story.items, draw_page, title=title, author=content.officer.name)
    if space.where is None:  # pragma: no cover - the flowable always draws
        raise RuntimeError("the signature box was not placed")
    return RenderedPdf(data, space.where, content.document_id, title)
