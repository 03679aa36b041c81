"""Signed documents on screen, from memory, and what an export must say before it writes a file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QMessageBox, QVBoxLayout, QWidget

UNENCRYPTED_EXPORT = (
    "The exported file is no longer protected by the vault's encryption: anyone who can open "
    "the folder can read it. Keep it only as long as you need it, and delete it afterwards."
)


class PdfPreview(QWidget):
    """A PDF shown from memory: never a temporary file.

    The documents are children of this holder, created after the view, so the view is always
    destroyed first. A QPdfDocument that was a child of its own QPdfView crashed the process
    when the view was deleted after a few reloads (PySide6 6.12: the dying view still heard
    from its document); tests/gui/meeting_screen/test_pdf_preview.py keeps it that way.
    """

    def __init__(self, name: str, parent: QWidget) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.view = QPdfView(self)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setAccessibleName(name)
        layout.addWidget(self.view)
        self.setMinimumHeight(420)
        self.setFocusProxy(self.view)
        self._shown: tuple[QPdfDocument, QBuffer] | None = None
        # Shown between documents: QPdfView.setDocument(None) makes Qt connect to a null
        # document ("QObject::connect(QPdfDocument, QPdfLinkModel): invalid nullptr").
        self._empty = QPdfDocument(self)

    def show_pdf(self, pdf: bytes) -> None:
        buffer = QBuffer(self)
        buffer.setData(QByteArray(pdf))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        document = QPdfDocument(self)
        document.load(buffer)
        self._let_go()
        self.view.setDocument(document)
        self._shown = (document, buffer)

    def page_count(self) -> int:
        return 0 if self._shown is None else self._shown[0].pageCount()

    def clear(self) -> None:
        """Nothing of the PDF stays where the app can reach it (on lock)."""
        self._let_go()

    def _let_go(self) -> None:
        shown, self._shown = self._shown, None
        self.view.setDocument(self._empty)
        if shown is not None:
            document, buffer = shown
            document.close()
            buffer.close()
            buffer.setData(QByteArray())
            document.deleteLater()
            buffer.deleteLater()


def export_folder() -> Path:
    """Where exports are suggested: a private folder under Documents, not the working
    directory (which may be shared or synced). Created owner-only."""
    from PySide6.QtCore import QStandardPaths

    from triage_desktop.paths import ensure_private_dir

    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    base = Path(documents) if documents else Path.home()
    return ensure_private_dir(base / "Triage Desk exports")


def confirm_unencrypted_export(parent: QWidget, extra: str = "") -> bool:
    """Say plainly that the file leaves the vault's protection; True to go on."""
    answer = QMessageBox.warning(
        parent,
        "Export",
        f"{UNENCRYPTED_EXPORT} {extra}".strip(),
        QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Ok
