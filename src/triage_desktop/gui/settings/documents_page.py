"""The letter-template folder and the officer's signing certificate (view, export, import, renew).

The certificate work goes through services.documents_service.DocumentsService on a worker; only
the certificate (never the key) leaves the vault, as PEM, when the officer asks.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QWidget

from triage_desktop.gui.context import AppContext, describe_error
from triage_desktop.gui.generated.ui_settings_documents import Ui_SettingsDocumentsPage
from triage_desktop.gui.look import make_heading
from triage_desktop.gui.settings import problems
from triage_desktop.gui.settings.prompts import Prompts
from triage_desktop.gui.settings.snapshot import (
    CertificateInfo,
    SettingsSnapshot,
    TemplateReport,
    certificate_info,
    template_report,
)

if TYPE_CHECKING:
    from triage_desktop.services.session import VaultService

MAX_PKCS12 = 1_000_000  # bytes: a certificate file, not a document


def officer_message(error: BaseException) -> str:
    """Documents errors speak plainly too; anything else gets the context's generic line."""
    from triage_desktop.documents.errors import DocumentError

    if isinstance(error, DocumentError | OSError):
        return str(error) if isinstance(error, DocumentError) else f"{error.strerror}."
    return describe_error(error)


def validity_text(info: CertificateInfo, now: dt.datetime | None = None) -> str:
    moment = now or dt.datetime.now(dt.UTC)
    span = f"{info.not_before:%d %B %Y} to {info.not_after:%d %B %Y}"
    if info.not_after <= moment:
        return f"{span}. ⚠ Expired: renew it or import a new one before signing."
    if info.needs_renewal:
        return f"{span}. ⚠ Ends within 90 days: renew it now."
    return f"{span}. ✓ Valid."


def _source_text(info: CertificateInfo) -> str:
    return "self-issued by Triage Desk" if info.source == "self-issued" else "imported"


class DocumentsPage(QWidget):
    def __init__(
        self, context: AppContext, prompts: Prompts, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.prompts = prompts
        self.ui = Ui_SettingsDocumentsPage()
        self.ui.setupUi(self)
        self.certificate: CertificateInfo | None = None
        make_heading(self.ui.certificateHeading, 1.1)
        self.ui.certificateGrid.setColumnStretch(1, 1)
        problems.prepare(self.ui.certificateMessage)
        self.problem_labels = {"letter_template_folder": self.ui.templateStatus}
        self.field_widgets: dict[str, QWidget] = {
            "letter_template_folder": self.ui.chooseTemplateButton
        }
        self.ui.chooseTemplateButton.clicked.connect(self.choose_template_folder)
        self.ui.clearTemplateButton.clicked.connect(lambda: self.set_template_folder(None))
        self.ui.exportPemButton.clicked.connect(self.export_pem)
        self.ui.importButton.clicked.connect(self.import_pkcs12)
        self.ui.renewButton.clicked.connect(self.renew)

    # -- letter templates --------------------------------------------------------------------

    def load(self, snapshot: SettingsSnapshot) -> None:
        folder = snapshot.settings.letter_template_folder
        self.ui.templateFolderEdit.setText(folder or "")
        self._show_templates(snapshot.templates)
        self.show_certificate(snapshot.certificate)

    def values(self) -> dict[str, Any]:
        return {"letter_template_folder": self.ui.templateFolderEdit.text() or None}

    def choose_template_folder(self) -> None:
        start = self.ui.templateFolderEdit.text()
        folder = self.prompts.folder(self, "Choose the letter template folder", start)
        if folder is not None:
            self.set_template_folder(folder)

    def set_template_folder(self, folder: Path | None) -> None:
        self.ui.templateFolderEdit.setText(str(folder) if folder else "")
        if folder is None:
            self._show_templates(TemplateReport(None))
            return
        self.ui.templateStatus.setText("Checking the folder's templates…")
        self.context.run(
            lambda _service: template_report(folder),
            self._show_templates,
            lambda error: problems.show(self.ui.templateStatus, officer_message(error)),
            owner=self,
        )

    def _show_templates(self, report: TemplateReport) -> None:
        found = report.overrides
        if not report.folder:
            text = "The letters use the templates shipped with Triage Desk."
        elif found:
            names = ", ".join(name.removesuffix(".txt.j2") for name in found)
            text = f"This folder replaces {len(found)} shipped template(s): {names}."
        else:
            text = (
                "This folder replaces no shipped template (none of its files has a shipped "
                "template's name, such as invitation.txt.j2), so letters look as shipped."
            )
        if report.problems:
            listed = " ".join(report.problems[:3])
            more = len(report.problems) - 3
            extra = f" (and {more} more)" if more > 0 else ""
            problems.show(
                self.ui.templateStatus,
                f"{text} Letters using it will fail until this is fixed: {listed}{extra}",
            )
            return
        self.ui.templateStatus.setText(text + (" ✓ Every letter renders." if found else ""))
        self.ui.templateStatus.setVisible(True)

    # -- certificate -------------------------------------------------------------------------

    def show_certificate(self, info: CertificateInfo | None) -> None:
        self.certificate = info
        has = info is not None
        self.ui.exportPemButton.setEnabled(has)
        self.ui.renewButton.setEnabled(has and info is not None and info.source == "self-issued")
        if info is None:
            self.ui.subjectValue.setText("No signing certificate yet: import one below.")
            for label in (self.ui.issuerValue, self.ui.validityValue, self.ui.fingerprintValue):
                label.setText("—")
            return
        self.ui.subjectValue.setText(f"{info.subject} ({_source_text(info)})")
        self.ui.issuerValue.setText(info.issuer)
        self.ui.validityValue.setText(validity_text(info))
        self.ui.fingerprintValue.setText(info.fingerprint)

    def _report(self, text: str, problem: bool = False) -> None:
        if problem:
            problems.show(self.ui.certificateMessage, text)
        else:
            self.ui.certificateMessage.setText(text)
            self.ui.certificateMessage.setVisible(True)

    def export_pem(self) -> None:
        destination = self.prompts.save_file(
            self, "Export the signing certificate", "signing-certificate.pem", "PEM (*.pem)"
        )
        if destination is None:
            return

        def work(service: VaultService) -> Path:
            from triage_desktop.services.documents_service import DocumentsService

            destination.write_bytes(DocumentsService(service).certificate_pem())
            return destination

        self.context.run(
            work,
            lambda path: self._report(
                f"Certificate written to {path}. Send it to anyone who must check your "
                "signatures; it holds no secret."
            ),
            lambda error: self._report(officer_message(error), problem=True),
            owner=self,
        )

    def import_pkcs12(self) -> None:
        source = self.prompts.open_file(
            self, "Import a PKCS#12 file", "PKCS#12 (*.p12 *.pfx);;All files (*)"
        )
        if source is None:
            return
        password = self.ui.passwordEdit.text().encode("utf-8") or None

        def work(service: VaultService) -> CertificateInfo | None:
            from triage_desktop.services.documents_service import DocumentsService

            if source.stat().st_size > MAX_PKCS12:
                from triage_desktop.documents.errors import IdentityError

                raise IdentityError("This file is too large to be a PKCS#12 certificate file.")
            DocumentsService(service).import_identity(source.read_bytes(), password)
            return certificate_info(service)

        def done(info: CertificateInfo | None) -> None:
            self.ui.passwordEdit.clear()
            self.show_certificate(info)
            self._report("Certificate imported: documents signed from now on use it.")

        def failed(error: BaseException) -> None:
            problems.show(self.ui.certificateMessage, officer_message(error))
            self.ui.passwordEdit.setFocus()
            self.ui.passwordEdit.selectAll()

        self.context.run(work, done, failed, owner=self)

    def renew(self) -> None:
        info = self.certificate
        if info is None:
            return
        if not info.needs_renewal and not self.prompts.confirm(
            self,
            "Renew the certificate?",
            f"Your certificate is valid until {info.not_after:%d %B %Y}; it is usually renewed "
            "in its last 90 days. Renew it now anyway? Documents signed earlier stay valid; "
            "send the new certificate to anyone who checks your signatures.",
        ):
            return

        def work(service: VaultService) -> CertificateInfo | None:
            from triage_desktop.services.documents_service import DocumentsService

            documents = DocumentsService(service)
            if documents.renew_identity_if_due() is None:
                current = documents.signing_identity()
                if current is not None:
                    documents.set_up_identity(
                        current.common_name, current.role, current.organisation
                    )
            return certificate_info(service)

        def done(new: CertificateInfo | None) -> None:
            self.show_certificate(new)
            self._report("Certificate renewed. Export it and send it to those who check it.")

        self.context.run(
            work, done, lambda e: self._report(officer_message(e), problem=True), owner=self
        )

    def clear_case_data(self) -> None:
        self.ui.passwordEdit.clear()
