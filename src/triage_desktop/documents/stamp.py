"""The visible signature block, drawn by reportlab so its fonts are embedded and names in any
script print correctly (pyHanko's own text stamps use a non-embedded Courier)."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from triage_desktop.documents.identity import SigningIdentity
from triage_desktop.documents.layout import ACCENT, INK, MUTED, styles
from triage_desktop.documents.text import markup


def stamp_pdf(identity: SigningIdentity, width: float, height: float, day: dt.date) -> bytes:
    """A one-page PDF of exactly the stamp's size, to be placed in the signature field."""
    from reportlab.lib.colors import Color
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import Paragraph

    from triage_desktop.documents.fonts import SANS, SANS_BOLD

    base = styles()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(width, height), initialFontName=SANS)
    canvas.setStrokeColor(Color(*ACCENT))
    canvas.setFillColor(Color(0.95, 0.97, 1.0))
    canvas.setLineWidth(0.8)
    canvas.roundRect(0.5, 0.5, width - 1, height - 1, 4, stroke=1, fill=1)
    canvas.setFillColor(Color(*ACCENT))
    canvas.rect(0.5, 0.5, 4, height - 1, stroke=0, fill=1)
    name = ParagraphStyle(
        "stamp_name",
        parent=base["body"],
        fontName=SANS_BOLD,
        fontSize=9.5,
        leading=12,
        textColor=Color(*INK),
    )
    line = ParagraphStyle(
        "stamp_line", parent=base["body"], fontSize=7.5, leading=9.5, textColor=Color(*MUTED)
    )
    fingerprint = identity.fingerprint.replace(":", "")
    blocks: list[tuple[str, Any]] = [
        (f"Digitally signed by {identity.common_name}", name),
        (f"{identity.role}, {identity.organisation}", line),
        (f"Signed {day.day} {day:%B %Y} · PAdES signature", line),
        (f"Certificate SHA-256 {fingerprint[:16]}…{fingerprint[-8:]}", line),
    ]
    y = height - 6
    for text, style in blocks:
        paragraph = Paragraph(markup(text), style)
        _, used = paragraph.wrap(width - 18, height)
        y -= used
        paragraph.drawOn(canvas, 12, y)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
