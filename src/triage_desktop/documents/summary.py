"""The triage summary: the internal record of one meeting, confidential on every page.

It prints words only: the routing recommendation, flags, escalations and decision come as words
(`RouteShown`, `decision_words`) from the layers below.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from triage_desktop.documents.content import (
    Consent,
    RouteShown,
    SafetyAlert,
    SummaryContent,
)
from triage_desktop.documents.errors import ContentError
from triage_desktop.documents.fonts import SANS, SANS_BOLD
from triage_desktop.documents.layout import (
    DRAFT_MARK,
    PAGE_MARGIN,
    TEXT_WIDTH,
    RenderedPdf,
    SignatureSpace,
    build_pdf,
    draw_draft_mark,
    draw_rule_and_footer,
    para,
    styles,
)
from triage_desktop.documents.text import visual

CELL_PADDING = 12  # reportlab's default 6 pt each side
FACT_LABEL, FACT_VALUE = 170.0, 313.0  # the two columns of a table of facts

STEP_LABELS = {"done": "covered", "in_progress": "partly covered", "skipped": "not covered"}
CONFIDENTIAL = "CONFIDENTIAL: internal triage record. Not for the reporter or any third party."
ALERT_BACKGROUND = (0.99, 0.93, 0.92)
ALERT_BORDER = (0.70, 0.10, 0.12)


def _date(value: dt.date | None, empty: str = "not recorded") -> str:
    return f"{value.day} {value:%B %Y}" if value else empty


def _yes(value: bool) -> str:
    return "yes" if value else "no"


def _time(value: dt.datetime) -> str:
    zone = f" {value.tzname()}" if value.tzinfo is not None else ""
    return f"{_date(value)}, {value:%H:%M}{zone}"


def version_line(version: int, supersedes: str, what: str) -> str:
    """ "Version 2, replaces summary <id>", or "" for a first version that replaces nothing."""
    if version <= 1 and not supersedes:
        return ""
    line = f"Version {version}"
    return f"{line}, replaces {what} {supersedes}" if supersedes else line


def consent_statement(consent: Consent) -> str:
    """Exactly one of the three truthful statements about consent, or a ContentError."""
    problem = consent.problem()
    if problem:
        raise ContentError(problem)
    words = consent.words.strip()
    if consent.basis == "reporter_chose":
        return "The reporter chose this."
    if consent.basis == "reporter_agreed":
        said = f" In their words: \u201c{words}\u201d" if words else ""
        return f"The reporter agreed to this after discussion.{said}"
    ground = consent.ground.strip()
    return f"Acting without the reporter's consent because of {ground}. Justification: {words}"


def safety_line(safety: SafetyAlert) -> str:
    said = "; ".join(f for f in safety.flags if f.strip()) or "a safety alert was raised"
    if safety.acknowledged_at is None:
        return f"Safety: {said}. Not acknowledged."
    who = safety.acknowledged_by.strip() or "the officer"
    return f"Safety: {said}. Acknowledged by {who} at {_time(safety.acknowledged_at)}."


class _Story:
    """A list of flowables with helpers for the summary's headings, facts and tables."""

    def __init__(self) -> None:
        self.s = styles()
        self.items: list[Any] = []

    def p(self, text: str, style: str = "body", width: float = TEXT_WIDTH) -> Any:
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

        value_width = FACT_VALUE - CELL_PADDING
        data = [
            [self.p(k, "cell_bold", FACT_LABEL - CELL_PADDING), self.p(v, "cell", value_width)]
            for k, v in pairs
        ]
        table = Table(data, colWidths=[FACT_LABEL, FACT_VALUE], hAlign="LEFT")
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


def _route(story: _Story, route: RouteShown) -> None:
    story.facts(
        [
            ("Recommended", route.recommended),
            ("Procedures", "; ".join(route.procedures) or "none"),
            ("Escalations", "; ".join(route.escalations) or "none"),
            ("Flags", "; ".join(route.flags) or "none"),
            ("Acts without consent", _yes(route.acts_without_consent)),
            ("Reporter's agreement needed", _yes(route.needs_reporter_agreement)),
            ("Policy version", route.policy_version or "not recorded"),
        ]
    )
    if route.rationale:
        story.para("Why:", "cell_bold")
        story.bullets(route.rationale)


def _routing(story: _Story, c: SummaryContent) -> None:
    from reportlab.platypus import KeepTogether

    start = len(story.items)  # the heading stays with the first route
    story.heading("Routing recommendation" + ("s" if len(c.routes) > 1 else ""))
    for number, route in enumerate(c.routes, start=1):
        start = start if number == 1 else len(story.items)
        if len(c.routes) > 1 or route.respondent:
            story.para(route.respondent or f"Respondent {number}", "subheading")
        _route(story, route)
        story.items[start:] = [KeepTogether(story.items[start:])]


def _consent(story: _Story, c: SummaryContent) -> None:
    story.heading("Consent")
    if c.consent is not None:
        story.para(consent_statement(c.consent))
    else:  # a draft before the decision is made: nothing is claimed
        story.para("Not yet recorded: no decision has been made.")


def _safety(story: _Story, safety: SafetyAlert) -> None:
    from reportlab.lib.colors import Color
    from reportlab.platypus import Table, TableStyle

    cell = story.p(safety_line(safety), "alert", TEXT_WIDTH - CELL_PADDING)
    table = Table([[cell]], colWidths=[TEXT_WIDTH], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), Color(*ALERT_BACKGROUND)),
                ("BOX", (0, 0), (-1, -1), 1.2, Color(*ALERT_BORDER)),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    story.items.append(table)


def _body(story: _Story, c: SummaryContent) -> None:
    if c.safety is not None:
        _safety(story, c.safety)
    story.heading("Case and dates")
    story.facts(
        [
            ("Case reference", c.case_reference),
            ("Document ID", c.document_id),
            ("Version", version_line(c.version, c.supersedes, "summary") or "1"),
            ("Officer", f"{c.officer.name}, {c.officer.role}"),
            ("Report received", _date(c.reported_on)),
            ("First contact", _contact_line(c)),
            ("Triage meeting", _date(c.meeting_on)),
            ("Follow-up", _date(c.follow_up_on, "none set")),
        ]
    )
    story.heading("Who attended, and adjustments")
    story.table(["Name", "Role"], [(a.name, a.role_words) for a in c.attendees], [200, 283])
    story.bullets(c.adjustments or ("No adjustments requested.",))
    story.heading("Meeting checklist")
    story.table(
        ["Step", "State", "Note"],
        [(s.title, STEP_LABELS.get(s.state, s.state), s.note) for s in c.steps],
        [190, 90, 203],
    )
    if c.items:
        story.para("Checklist items", "subheading")
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
    story.heading("The reporter's preference")
    story.para(c.reporter_preference or "Not recorded.")
    _routing(story, c)
    story.heading("Officer's decision")
    story.facts(
        [
            ("Decision", c.decision_words or "not yet decided"),
            ("Override reason", c.override_reason or "follows the recommendation"),
        ]
    )
    _consent(story, c)
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
    """The summary as an unsigned PDF in memory, with its signature box reserved at the end.

    A draft (`content.draft`) carries "DRAFT — not signed" on every page and is refused by
    `sign_pdf`; see `render_draft` for the on-screen preview.
    """
    from reportlab.lib.colors import Color
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import KeepTogether, Spacer

    if content.consent is not None and content.consent.problem():
        raise ContentError(content.consent.problem())
    story = _Story()
    story.para("Triage meeting summary", "title")
    story.para(f"{content.organisation} · Dignity and Respect Policy", "small")
    version = version_line(content.version, content.supersedes, "summary")
    if version:
        story.para(version, "cell_bold")
    _body(story, content)
    space = SignatureSpace()
    sign_here = (
        f"{DRAFT_MARK}: for review on screen; the officer signs the final summary."
        if content.draft
        else "Signed by the triage officer:"
    )
    story.items.append(
        KeepTogether([Spacer(1, 10), story.p(sign_here, "cell_bold"), space.flowable()])
    )
    width, height = A4
    footer_ref = visual(
        " · ".join(
            part
            for part in (
                f"Case {content.case_reference}",
                f"Document {content.document_id}",
                f"Version {content.version}" if content.version > 1 else "",
            )
            if part
        )
    )

    def draw_page(canvas: Any, page: int, total: int) -> None:
        canvas.saveState()
        if content.draft:
            draw_draft_mark(canvas, width, height)
        canvas.setFillColor(Color(0.70, 0.10, 0.12))
        canvas.setFont(SANS_BOLD, 8.5)
        canvas.drawString(PAGE_MARGIN, height - PAGE_MARGIN + 16, CONFIDENTIAL)
        draw_rule_and_footer(canvas, width, height, footer_ref, page=page, total=total)
        canvas.setFont(SANS_BOLD, 8)
        canvas.drawRightString(width - PAGE_MARGIN, PAGE_MARGIN - 25, "CONFIDENTIAL")
        canvas.restoreState()

    title = f"Triage summary {content.case_reference}" + (" (draft)" if content.draft else "")
    data = build_pdf(story.items, draw_page, title=title, author=content.officer.name)
    if space.where is None:  # pragma: no cover - the flowable always draws
        raise RuntimeError("the signature box was not placed")
    return RenderedPdf(data, space.where, content.document_id, title, draft=content.draft)


def render_draft(content: SummaryContent) -> bytes:
    """The summary as a draft PDF for the on-screen review: marked on every page, never signed.

    No signing (pyHanko is not even imported), so a preview costs one render; see
    benchmarks/documents_bench.py.
    """
    return render_summary(dataclasses.replace(content, draft=True)).data
