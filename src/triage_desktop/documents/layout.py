"""Shared page furniture: styles, page numbers "x of y", and the reserved signature box.

Every page is drawn by `PageFurniture` once the page count is known (a numbered canvas), so the
summary's "CONFIDENTIAL" banner and every "Page x of y" are on each page. The visible signature is
stamped later by pyHanko into the box a `SignatureSpace` flowable reserves and records.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from triage_desktop.documents.fonts import SANS, SANS_BOLD, register_fonts
from triage_desktop.documents.text import clean, is_rtl, markup

PAGE_MARGIN = 56.0  # points: about 2 cm
SIGNATURE_HEIGHT = 64.0
SIGNATURE_WIDTH = 300.0
INK = (0.13, 0.16, 0.22)
ACCENT = (0.10, 0.27, 0.45)
MUTED = (0.38, 0.42, 0.48)
DRAFT_MARK = "DRAFT \u2014 not signed"
DRAFT_INK = (0.70, 0.10, 0.12)


@dataclass(frozen=True)
class SignatureBox:
    """Where the visible signature goes: a 0-based page index and (x1, y1, x2, y2) in points."""

    page_index: int
    box: tuple[int, int, int, int]


@dataclass(frozen=True)
class RenderedPdf:
    """An unsigned PDF in memory and the box reserved for its visible signature.

    `draft` is True for a draft rendered for review: `sign_pdf` refuses it.
    """

    data: bytes
    signature_box: SignatureBox
    document_id: str
    title: str
    draft: bool = False


def styles(body_size: float = 10.5, leading: float = 15) -> dict[str, Any]:
    """Paragraph styles in the embedded fonts (registering the fonts on first use)."""
    from reportlab.lib.colors import Color
    from reportlab.lib.styles import ParagraphStyle

    register_fonts()
    ink, accent, muted = Color(*INK), Color(*ACCENT), Color(*MUTED)
    body = ParagraphStyle(
        "body",
        fontName=SANS,
        bulletFontName=SANS,
        fontSize=body_size,
        leading=leading,
        textColor=ink,
    )
    return {
        "body": body,
        "small": ParagraphStyle("small", parent=body, fontSize=8.5, leading=11, textColor=muted),
        "cell": ParagraphStyle("cell", parent=body, fontSize=9, leading=12),
        "cell_bold": ParagraphStyle("cell_bold", parent=body, fontName=SANS_BOLD, fontSize=9),
        "title": ParagraphStyle(
            "title", parent=body, fontName=SANS_BOLD, fontSize=16, leading=21, textColor=accent
        ),
        "heading": ParagraphStyle(
            "heading",
            parent=body,
            fontName=SANS_BOLD,
            fontSize=11.5,
            leading=15,
            spaceBefore=12,
            spaceAfter=4,
            textColor=accent,
            keepWithNext=1,
        ),
        "subheading": ParagraphStyle(
            "subheading",
            parent=body,
            fontName=SANS_BOLD,
            fontSize=10,
            leading=14,
            spaceBefore=6,
            spaceAfter=2,
            textColor=ink,
            keepWithNext=1,
        ),
        "alert": ParagraphStyle(
            "alert", parent=body, fontName=SANS_BOLD, fontSize=10, leading=14, textColor=ink
        ),
        "bullet": ParagraphStyle("bullet", parent=body, leftIndent=14, bulletIndent=2),
    }


FRAME_WIDTH = 595.2756 - 2 * PAGE_MARGIN  # A4 width less the margins
FRAME_PADDING = 6.0  # reportlab's Frame pads each side by 6 pt
TEXT_WIDTH = FRAME_WIDTH - 2 * FRAME_PADDING  # what a paragraph in the frame really gets


def para(text: str, style: Any, width: float = TEXT_WIDTH, **kwargs: Any) -> Any:
    """A Paragraph of user text: escaped, CJK in its font, right-to-left wrapped and aligned.

    A right-to-left paragraph over several lines is aligned right; a one-line right-to-left
    name or phrase keeps the column's alignment, as it would in any English document.
    """
    from reportlab.lib.enums import TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

    usable = width - style.leftIndent - style.rightIndent - 0.5  # never wider than reportlab's
    shown = markup(text, usable, style.fontName, style.fontSize)
    if is_rtl(text) and "<br/>" in shown:
        style = ParagraphStyle(f"{style.name}-rtl", parent=style, alignment=TA_RIGHT)
    return Paragraph(shown, style, **kwargs)


def draw_draft_mark(canvas: Any, width: float, height: float) -> None:
    """ "DRAFT — not signed" across the page and above the top rule, so no page of a draft can
    pass for the signed record (the words, not the colour, carry the message)."""
    from reportlab.lib.colors import Color

    canvas.saveState()
    canvas.setFillColor(Color(*DRAFT_INK, alpha=0.13))
    canvas.setFont(SANS_BOLD, 54)
    canvas.translate(width / 2, height / 2)
    canvas.rotate(52)
    canvas.drawCentredString(0, -18, DRAFT_MARK)
    canvas.restoreState()
    canvas.saveState()
    canvas.setFillColor(Color(*DRAFT_INK))
    canvas.setFont(SANS_BOLD, 10)
    canvas.drawRightString(width - PAGE_MARGIN, height - PAGE_MARGIN + 30, DRAFT_MARK)
    canvas.restoreState()


def draw_rule_and_footer(
    canvas: Any, width: float, height: float, footer: str, *, page: int, total: int
) -> None:
    """The running rule under the page's top margin, and the footer: `footer` on the left and
    "Page N of M" on the right, in muted ink (left set for what the caller draws next)."""
    from reportlab.lib.colors import Color

    canvas.setStrokeColor(Color(*ACCENT))
    canvas.setLineWidth(0.6)
    canvas.line(
        PAGE_MARGIN, height - PAGE_MARGIN + 10, width - PAGE_MARGIN, height - PAGE_MARGIN + 10
    )
    canvas.setFillColor(Color(*MUTED))
    canvas.setFont(SANS, 8)
    canvas.drawString(PAGE_MARGIN, PAGE_MARGIN - 14, footer)
    canvas.drawRightString(width - PAGE_MARGIN, PAGE_MARGIN - 14, f"Page {page} of {total}")


class SignatureSpace:
    """Factory for a flowable that reserves the signature box and records where it landed."""

    def __init__(self) -> None:
        self.where: SignatureBox | None = None

    def flowable(self, width: float = SIGNATURE_WIDTH, height: float = SIGNATURE_HEIGHT) -> Any:
        from reportlab.platypus import Flowable

        space = self

        class _Reserved(Flowable):  # type: ignore[misc]
            def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
                return width, height

            def draw(self) -> None:
                x, y = self.canv.absolutePosition(0, 0)
                page = self.canv.getPageNumber() - 1
                space.where = SignatureBox(
                    page, (round(x), round(y), round(x + width), round(y + height))
                )

        return _Reserved()


PageDrawer = Callable[[Any, int, int], None]


def numbered_canvas(draw_page: PageDrawer) -> type:
    """A canvas class that defers page furniture until the page count is known."""
    from reportlab.pdfgen.canvas import Canvas

    class _NumberedCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            # reportlab's default Helvetica would be listed in every page as a non-embedded font.
            kwargs["initialFontName"] = SANS
            kwargs["initialFontSize"] = 10
            super().__init__(*args, **kwargs)
            self._saved_pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 (reportlab's name)
            self._saved_pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._saved_pages)
            for state in self._saved_pages:
                self.__dict__.update(state)
                draw_page(self, self.getPageNumber(), total)
                super().showPage()
            super().save()

    return _NumberedCanvas


def build_pdf(
    story: list[Any],
    draw_page: PageDrawer,
    *,
    title: str,
    author: str,
    top_margin: float = PAGE_MARGIN + 18,
    first_top_margin: float | None = None,
) -> bytes:
    """Lay out `story` on A4 in memory and return the PDF bytes (never a file on disk)."""
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import BaseDocTemplate, Frame, NextPageTemplate, PageTemplate

    buffer = io.BytesIO()
    width, height = A4
    doc = BaseDocTemplate(
        buffer,
        pagesize=A4,
        title=clean(title),
        author=clean(author),
        creator="Triage Desk",
        subject=clean(title),
        leftMargin=PAGE_MARGIN,
        rightMargin=PAGE_MARGIN,
        topMargin=top_margin,
        bottomMargin=PAGE_MARGIN + 10,
        invariant=0,
    )
    first_top = first_top_margin if first_top_margin is not None else top_margin
    frame_width = width - 2 * PAGE_MARGIN
    first = Frame(
        PAGE_MARGIN, PAGE_MARGIN + 10, frame_width, height - first_top - PAGE_MARGIN - 10, id="f1"
    )
    later = Frame(
        PAGE_MARGIN, PAGE_MARGIN + 10, frame_width, height - top_margin - PAGE_MARGIN - 10, id="f2"
    )
    doc.addPageTemplates(
        [PageTemplate(id="first", frames=[first]), PageTemplate(id="later", frames=[later])]
    )
    doc.build([NextPageTemplate("later"), *story], canvasmaker=numbered_canvas(draw_page))
    return buffer.getvalue()
