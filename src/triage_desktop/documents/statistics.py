"""The oversight statistics for the committee: a landscape PDF, signed like every document.

Every figure is a table of text (a screen reader reads it, and pdftotext finds every cell), and
where a committee would rather look than read, a bar chart of the period's totals drawn with
reportlab's graphics beneath it; a suppressed count has no bar, only its "<5" or "[c]". The
disclosure rule is printed at the top and in the footer of every page.

What it says is plain data (`StatisticsContent`); the services fill it from the published
tables, so nothing reaches this module that disclosure control has not passed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from triage_desktop.documents.fonts import CJK, SANS, SANS_BOLD
from triage_desktop.documents.layout import (
    ACCENT,
    INK,
    MUTED,
    PAGE_MARGIN,
    RenderedPdf,
    SignatureSpace,
    numbered_canvas,
    para,
    styles,
)
from triage_desktop.documents.text import has_cjk, visual

CELL_PADDING = 12
LABEL_WIDTH = 230.0
CHART_BAR_HEIGHT = 11.0
CHART_GAP = 5.0


@dataclass(frozen=True)
class StatisticsRow:
    label: str
    cells: tuple[str, ...]
    kind: str = "count"  # "count", "total", "share" or "measure"
    chart_value: int | None = None  # the period's published total, None when suppressed


@dataclass(frozen=True)
class StatisticsTable:
    title: str
    note: str
    rows: tuple[StatisticsRow, ...]
    chart: bool = True


@dataclass(frozen=True)
class StatisticsContent:
    title: str
    organisation: str
    period: str
    columns: tuple[str, ...]
    tables: tuple[StatisticsTable, ...]
    rule: str
    document_id: str
    source: str = ""
    prepared_by: str = ""
    audit_chain_head: str = ""
    generated_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))


def _page_size() -> tuple[float, float]:
    from reportlab.lib.pagesizes import A4, landscape

    return landscape(A4)  # type: ignore[no-any-return]


def _table(table: StatisticsTable, columns: Sequence[str], width: float, s: dict[str, Any]) -> Any:
    from reportlab.lib.colors import Color
    from reportlab.platypus import Table, TableStyle

    count_width = (width - LABEL_WIDTH) / len(columns)
    widths = [LABEL_WIDTH, *([count_width] * len(columns))]
    header = [para("", s["cell_bold"], LABEL_WIDTH - CELL_PADDING)]
    header += [para(c, s["cell_bold"], count_width - CELL_PADDING) for c in columns]
    data = [header]
    bold_rows = []
    for index, row in enumerate(table.rows, start=1):
        style = s["cell_bold"] if row.kind == "total" else s["cell"]
        data.append(
            [para(row.label, style, LABEL_WIDTH - CELL_PADDING)]
            + [para(cell, style, count_width - CELL_PADDING) for cell in row.cells]
        )
        if row.kind == "total":
            bold_rows.append(index)
    grid = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    commands: list[Any] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONTNAME", (0, 0), (-1, -1), SANS),
        ("BACKGROUND", (0, 0), (-1, 0), Color(0.92, 0.94, 0.97)),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, Color(0.8, 0.82, 0.86)),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]
    for index in bold_rows:
        commands.append(("LINEABOVE", (0, index), (-1, index), 0.8, Color(*INK)))
    grid.setStyle(TableStyle(commands))
    return grid


def _label(text: str, x: float, y: float, size: float) -> Any:
    """A chart label in the font its script needs, in visual order for right-to-left text."""
    from reportlab.graphics.shapes import String
    from reportlab.lib.colors import Color

    shown = visual(text)
    if len(shown) > 48:
        shown = shown[:47] + "…"
    font = CJK if has_cjk(shown) else SANS
    return String(x, y, shown, fontName=font, fontSize=size, fillColor=Color(*INK))


def _chart(table: StatisticsTable, width: float) -> Any | None:
    """A horizontal bar chart of the period's totals (reportlab graphics)."""
    from reportlab.graphics.shapes import Drawing, Line, Rect, String
    from reportlab.lib.colors import Color

    rows = [row for row in table.rows if row.kind == "count"]
    if not table.chart or not rows:
        return None
    largest = max((row.chart_value or 0 for row in rows), default=0) or 1
    bar_space = width - LABEL_WIDTH - 60
    height = len(rows) * (CHART_BAR_HEIGHT + CHART_GAP) + 8
    drawing = Drawing(width, height)
    accent, muted = Color(*ACCENT), Color(*MUTED)
    for index, row in enumerate(rows):
        y = height - (index + 1) * (CHART_BAR_HEIGHT + CHART_GAP)
        drawing.add(_label(row.label, 0, y + 2, 8))
        value_text = row.cells[-1]
        length = 0.0
        if row.chart_value:
            length = bar_space * row.chart_value / largest
            drawing.add(
                Rect(LABEL_WIDTH, y, length, CHART_BAR_HEIGHT, fillColor=accent, strokeWidth=0)
            )
        drawing.add(String(LABEL_WIDTH + length + 4, y + 2, value_text, fontName=SANS, fontSize=8))
    drawing.add(Line(LABEL_WIDTH, 0, LABEL_WIDTH, height, strokeColor=muted, strokeWidth=0.5))
    return drawing


def render_statistics(content: StatisticsContent) -> RenderedPdf:
    """The statistics as an unsigned PDF in memory, with the signature box reserved at the end."""
    import io

    from reportlab.lib.colors import Color
    from reportlab.platypus import (
        BaseDocTemplate,
        CondPageBreak,
        Frame,
        KeepTogether,
        PageTemplate,
        Spacer,
    )

    s = styles(body_size=10, leading=14)
    page_width, page_height = _page_size()
    width = page_width - 2 * PAGE_MARGIN
    story: list[Any] = [
        para(content.title, s["title"], width),
        para(f"{content.organisation} · {content.period}", s["body"], width),
    ]
    if content.source:
        story.append(para(content.source, s["small"], width))
    story.append(Spacer(1, 6))
    story.append(para(content.rule, s["body"], width))
    for table in content.tables:
        story.append(CondPageBreak(120))
        story.append(para(table.title, s["heading"], width))
        story.append(para(table.note, s["small"], width))
        story.append(Spacer(1, 3))
        story.append(_table(table, content.columns, width, s))
        chart = _chart(table, width)
        if chart is not None:
            story.append(Spacer(1, 6))
            story.append(
                KeepTogether(
                    [para(f"{table.title}: the period's totals", s["small"], width), chart]
                )
            )
    story.append(Spacer(1, 10))
    facts = [
        f"Document {content.document_id}",
        f"Prepared by {content.prepared_by}" if content.prepared_by else "",
        f"Generated {content.generated_at:%d %B %Y, %H:%M} UTC",
        f"Audit chain head at signing: {content.audit_chain_head}"
        if content.audit_chain_head
        else "",
    ]
    story.append(para(" · ".join(f for f in facts if f), s["small"], width))
    space = SignatureSpace()
    story.append(
        KeepTogether(
            [Spacer(1, 8), para("Signed by the officer:", s["cell_bold"], width), space.flowable()]
        )
    )
    footer = content.rule

    def draw_page(canvas: Any, page: int, total: int) -> None:
        canvas.saveState()
        canvas.setFillColor(Color(*MUTED))
        canvas.setFont(SANS, 6.5)
        text = canvas.beginText(PAGE_MARGIN, PAGE_MARGIN - 6)
        for line in _wrap(footer, width - 70, 6.5):
            text.textLine(line)
        canvas.drawText(text)
        canvas.setFont(SANS, 8)
        canvas.drawRightString(
            page_width - PAGE_MARGIN, page_height - PAGE_MARGIN + 14, f"Page {page} of {total}"
        )
        canvas.setFont(SANS_BOLD, 8)
        canvas.drawString(PAGE_MARGIN, page_height - PAGE_MARGIN + 14, content.title)
        canvas.restoreState()

    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=(page_width, page_height),
        title=content.title,
        author=content.prepared_by or content.organisation,
        creator="Triage Desk",
        subject=f"{content.title}, {content.period}",
        leftMargin=PAGE_MARGIN,
        rightMargin=PAGE_MARGIN,
        topMargin=PAGE_MARGIN,
        bottomMargin=PAGE_MARGIN + 26,
        invariant=0,
    )
    frame = Frame(
        PAGE_MARGIN, PAGE_MARGIN + 26, width, page_height - 2 * PAGE_MARGIN - 26, id="body"
    )
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    doc.build(story, canvasmaker=numbered_canvas(draw_page))
    if space.where is None:  # pragma: no cover - the flowable always draws
        raise RuntimeError("the signature box was not placed")
    return RenderedPdf(buffer.getvalue(), space.where, content.document_id, content.title)


def _wrap(text: str, width: float, size: float) -> list[str]:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        trial = f"{current} {word}".strip()
        if current and stringWidth(trial, SANS, size) > width:
            lines.append(current)
            current = word
        else:
            current = trial
    lines.append(current)
    return lines
