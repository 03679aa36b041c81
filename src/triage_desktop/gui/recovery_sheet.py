"""Print the recovery key, or save it as a PDF, at the officer's explicit request only.

Drawn with Qt's own PDF writer and printer, so no other library loads during setup.
"""

from __future__ import annotations

import html

from PySide6.QtGui import QPageSize, QPdfWriter, QTextDocument
from PySide6.QtWidgets import QWidget


def sheet_html(recovery_key: str, vault_folder: str) -> str:
    return (
        "<h1>Triage Desk recovery key</h1>"
        "<p>This key opens your Triage Desk vault on any computer, without your passphrase. "
        "Keep it somewhere safe and apart from the laptop, as you would a spare house key.</p>"
        f"<p style='font-size:20pt; font-family:monospace'><b>{html.escape(recovery_key)}</b></p>"
        f"<p>Vault folder when this key was made: {html.escape(vault_folder)}</p>"
        "<p>If you forget your passphrase: start Triage Desk, choose <i>Use my recovery key "
        "instead</i>, type this key, then set a new passphrase in Settings.</p>"
    )


def save_pdf(path: str, recovery_key: str, vault_folder: str) -> None:
    writer = QPdfWriter(path)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setTitle("Triage Desk recovery key")
    document = QTextDocument()
    document.setHtml(sheet_html(recovery_key, vault_folder))
    document.print_(writer)


def print_sheet(parent: QWidget, recovery_key: str, vault_folder: str) -> bool:
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter()
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    document = QTextDocument()
    document.setHtml(sheet_html(recovery_key, vault_folder))
    document.print_(printer)
    return True
