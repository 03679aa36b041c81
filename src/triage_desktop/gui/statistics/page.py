"""The Statistics page (Ctrl+2): choose a period, see exactly what the committee will see, then
export it.

"Show" counts the period on a worker (one audited read) and publishes the tables under
disclosure control; the page shows that one published result twice, as text tables (what a
screen reader reads) and as the PDF it will be (unsigned until exported). Every export writes
that same result: nothing is counted again between the preview and the file. The page forgets
everything when the vault locks.
"""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from triage_desktop.gui.context import AppContext, describe_error
from triage_desktop.gui.form_widgets import PlainTabDateEdit
from triage_desktop.gui.look import make_heading
from triage_desktop.gui.pdf_preview import UNENCRYPTED_EXPORT, PdfPreview, export_folder
from triage_desktop.gui.settings import problems as problem_labels
from triage_desktop.gui.settings.prompts import Prompts
from triage_desktop.gui.small_widgets import named_button

if TYPE_CHECKING:
    from triage_desktop.reports.statistics import PublishedStatistics
    from triage_desktop.services.statistics import Statistics

INTRO = (
    "The oversight statistics count the cases received in a period, by quarter. Disclosure "
    "control is applied before anything is shown: this preview is exactly what will be "
    "exported. Choose at most two years."
)
FILTERS = {
    "pdf": "Signed PDF (*.pdf)",
    "csv": "CSV (*.csv)",
    "json": "JSON (*.json)",
    "counts": "Count file (*.json)",
}


def tables_html(published: PublishedStatistics) -> list[str]:
    """The published tables as HTML (escaped), in pieces: the heading, then one per table."""
    head = [
        f"<h2>{html.escape(published.title)}</h2>",
        f"<p>{html.escape(published.period)}</p>",
        f"<p><b>{html.escape(published.rule)}</b></p>",
    ]
    if published.source:
        head.append(f"<p>{html.escape(published.source)}</p>")
    pieces = ["".join(head)]
    header = "".join(f"<th>{html.escape(c)}</th>" for c in published.columns)
    for table in published.tables:
        parts = [f"<h3>{html.escape(table.title)}</h3><p>{html.escape(table.note)}</p>"]
        parts.append(f'<table border="1" cellpadding="4"><tr><th></th>{header}</tr>')
        for row in table.rows:
            cells = "".join(f"<td>{html.escape(c)}</td>" for c in row.cells)
            label = html.escape(row.label)
            label = f"<b>{label}</b>" if row.kind.value == "total" else label
            parts.append(f"<tr><td>{label}</td>{cells}</tr>")
        parts.append("</table><p></p>")
        pieces.append("".join(parts))
    return pieces


def warm_up() -> None:
    """On a worker when the page opens: load what "Show" needs the first time (the modules,
    the document fonts, the policy), so the first click costs what every later one does."""
    from triage_desktop.documents import statistics as _documents  # noqa: F401
    from triage_desktop.documents.fonts import register_fonts
    from triage_desktop.policy.catalogue import load_policy
    from triage_desktop.services import statistics as _statistics  # noqa: F401

    register_fonts()
    load_policy()


def _quarter_start(day: dt.date) -> dt.date:
    return dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


class StatisticsPage(QWidget):
    shown = Signal(object)  # the Statistics on screen
    exported = Signal(str)  # the path written
    failed = Signal(str)

    def __init__(
        self, context: AppContext, parent: QWidget | None = None, prompts: Prompts | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.prompts = prompts or Prompts()
        self.statistics: Statistics | None = None
        self._busy = False
        self._pending: list[str] = []
        self._pending_pdf = b""
        self._generation = 0  # a newer result (or a lock) drops the rest of an older one
        self.setAccessibleName("Statistics")
        column = QVBoxLayout(self)
        heading = QLabel("Statistics", self)
        make_heading(heading)
        column.addWidget(heading)
        intro = QLabel(INTRO, self)
        intro.setWordWrap(True)
        column.addWidget(intro)

        row = QHBoxLayout()
        today = dt.date.today()
        start = _quarter_start(today.replace(day=1) - dt.timedelta(days=365))
        self.from_edit = self._date_edit("First day of the period", start)
        self.to_edit = self._date_edit("Last day of the period", today)
        for text, edit in (("&From", self.from_edit), ("&To", self.to_edit)):
            label = QLabel(text, self)
            label.setBuddy(edit)
            row.addWidget(label)
            row.addWidget(edit)
            row.addSpacing(12)
        self.show_button = QPushButton("&Show the statistics", self)
        self.show_button.setAccessibleName("Count the period and show the statistics")
        self.show_button.setDefault(True)
        row.addWidget(self.show_button)
        row.addStretch(1)
        column.addLayout(row)

        self.status = QLabel("", self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName("What the statistics cover")
        column.addWidget(self.status)
        self.problem = QLabel("", self)
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName("Problem")
        problem_labels.prepare(self.problem)
        column.addWidget(self.problem)

        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName("The statistics as they will be published")
        self.tables = QTextBrowser(self.tabs)
        self.tables.setAccessibleName("The published tables, as text")
        self.tables.setOpenLinks(False)
        self.preview = PdfPreview("The statistics PDF, as it will be signed", self.tabs)
        self.tabs.addTab(self.tables, "T&ables")
        self.tabs.addTab(self.preview, "&PDF preview")
        column.addWidget(self.tabs, 1)

        buttons = QHBoxLayout()
        self.pdf_button = named_button("Export signed P&DF…", "Export the signed PDF", self)
        self.csv_button = named_button("Export &CSV…", "Export the tables as CSV", self)
        self.json_button = named_button("Export &JSON…", "Export the tables as JSON", self)
        self.counts_button = named_button(
            "Export cou&nts for merging…",
            "Export this vault's unsuppressed counts as a signed count file",
            self,
        )
        buttons.addStretch(1)
        for button in (self.pdf_button, self.csv_button, self.json_button, self.counts_button):
            button.setEnabled(False)
            buttons.addWidget(button)
        column.addLayout(buttons)

        self.show_button.clicked.connect(self.compute)
        self.pdf_button.clicked.connect(lambda: self.export("pdf"))
        self.csv_button.clicked.connect(lambda: self.export("csv"))
        self.json_button.clicked.connect(lambda: self.export("json"))
        self.counts_button.clicked.connect(lambda: self.export("counts"))
        context.locked.connect(self.clear)
        self.setFocusProxy(self.from_edit)
        context.run(lambda _service: warm_up(), lambda _none: None, lambda _error: None, owner=self)

    def _date_edit(self, name: str, day: dt.date) -> PlainTabDateEdit:
        edit = PlainTabDateEdit(self)
        edit.setDate(QDate(day.year, day.month, day.day))
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("d MMM yyyy")
        edit.setAccessibleName(name)
        return edit

    def period(self) -> tuple[dt.date, dt.date]:
        start, end = self.from_edit.date(), self.to_edit.date()
        return (
            dt.date(start.year(), start.month(), start.day()),
            dt.date(end.year(), end.month(), end.day()),
        )

    # -- computing ----------------------------------------------------------------------------

    def compute(self) -> None:
        if self._busy:
            return
        start, end = self.period()
        self._set_busy(True, "Counting the cases of the period…")
        problem_labels.clear(self.problem)

        def work(service: Any) -> tuple[Statistics, bytes]:
            from triage_desktop.services import statistics

            result = statistics.compute(service, start, end)
            return result, statistics.render_preview(result.published)

        self.context.run(work, self._computed, self._failed, owner=self)

    def _computed(self, result: tuple[Statistics, bytes]) -> None:
        statistics, pdf = result
        self.statistics = statistics
        self._set_busy(False, "")
        cases = statistics.counts.total_cases()
        self.status.setText(
            f"{statistics.published.period}: {cases:,} case{'s' if cases != 1 else ''} received. "
            "Below is exactly what will be exported."
        )
        self.tables.clear()
        self._pending = tables_html(statistics.published)
        self._pending_pdf = pdf
        self._generation += 1
        self._show_next(self._generation)

    def _show_next(self, generation: int) -> None:
        """One table per turn of the event loop: laying them all out at once held the GUI
        thread for ~40 ms (benchmarks/stats_bench.py)."""
        statistics = self.statistics
        if generation != self._generation or statistics is None:
            return
        if self._pending:
            cursor = self.tables.textCursor()
            cursor.movePosition(cursor.MoveOperation.End)
            if not self.tables.document().isEmpty():
                cursor.insertBlock()  # a heading of its own, not the end of the last paragraph
            cursor.insertHtml(self._pending.pop(0))
            QTimer.singleShot(0, lambda: self._show_next(generation))
            return
        self.tables.moveCursor(self.tables.textCursor().MoveOperation.Start)
        self.preview.show_pdf(self._pending_pdf)
        self._pending_pdf = b""
        for button in (self.pdf_button, self.csv_button, self.json_button, self.counts_button):
            button.setEnabled(True)
        self.shown.emit(statistics)

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False, "")
        message = describe_error(error)
        problem_labels.show(self.problem, message)
        self.failed.emit(message)

    def _set_busy(self, busy: bool, text: str) -> None:
        self._busy = busy
        self.show_button.setEnabled(not busy)
        if text:
            self.status.setText(text)

    # -- exporting ----------------------------------------------------------------------------

    def export(self, what: str) -> None:
        statistics = self.statistics
        if statistics is None or self._busy:
            return
        start, end = statistics.counts.start, statistics.counts.end
        suffix = "pdf" if what == "pdf" else "csv" if what == "csv" else "json"
        name = f"{'counts' if what == 'counts' else 'statistics'}-{start}-{end}.{suffix}"
        chosen = self.prompts.save_file(
            self, "Export the statistics", str(export_folder() / name), FILTERS[what]
        )
        if chosen is None:
            return
        extra = (
            "The count file holds unsuppressed counts: share it only with whoever merges them."
            if what == "counts"
            else ""
        )
        if not self.prompts.confirm(self, "Export", f"{UNENCRYPTED_EXPORT} {extra}".strip()):
            return
        self._write(what, Path(chosen), statistics)

    def _write(self, what: str, destination: Path, statistics: Statistics) -> None:
        self._set_busy(True, "Exporting…")

        def work(service: Any) -> Path:
            from triage_desktop.services import statistics as st

            if what == "counts":
                return st.export_counts(service, statistics.counts, destination)
            return st.export(service, statistics.published, st.Format(what), destination)

        def done(path: Path) -> None:
            self._set_busy(False, f"Exported to {path}.")
            self.exported.emit(str(path))

        self.context.run(work, done, self._failed, owner=self)

    def clear(self) -> None:
        """The vault locked: forget the counts and the preview."""
        self.statistics = None
        self._generation += 1
        self._pending = []
        self._pending_pdf = b""
        self.tables.clear()
        self.preview.clear()
        self.status.clear()
        for button in (self.pdf_button, self.csv_button, self.json_button, self.counts_button):
            button.setEnabled(False)
        self._busy = False
        self.show_button.setEnabled(True)
