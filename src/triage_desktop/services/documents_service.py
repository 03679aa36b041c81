"""Documents glue: the officer's signing identity in the vault; sign, store and export PDFs.

Everything is rendered and signed in memory; the signed bytes go straight into the vault (which
records their SHA-256 in the audit log). A PDF reaches the disk only through an export the
officer asks for, and that export is audited too.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from triage_desktop.cases import model as cases_model
from triage_desktop.documents.content import LetterContent, SummaryContent
from triage_desktop.documents.errors import DocumentError
from triage_desktop.documents.identity import SigningIdentity

if TYPE_CHECKING:
    from triage_desktop.services.session import VaultService

SUMMARY_KIND = "triage_summary"
LETTER_KIND_PREFIX = "letter:"


@dataclass(frozen=True)
class SignedPdf:
    """A signed PDF in memory, with the kind it is stored as and the audit head it carries."""

    kind: str
    pdf: bytes
    chain_head: str = ""


class NoSigningIdentity(DocumentError):  # noqa: N818
    """The officer has no signing identity yet: set one up (or import one) first."""


def _pem(der: bytes, label: str) -> bytes:
    import base64
    import textwrap

    body = "\n".join(textwrap.wrap(base64.b64encode(der).decode("ascii"), 64))
    return f"-----BEGIN {label}-----\n{body}\n-----END {label}-----\n".encode("ascii")


def to_stored(identity: SigningIdentity) -> cases_model.SigningIdentity:
    """The vault keeps PEM (PKCS#8 key, certificate, chain)."""
    return cases_model.SigningIdentity(
        private_key_pem=_pem(identity.private_key_der, "PRIVATE KEY"),
        certificate_pem=identity.certificate_pem(),
        chain_pem=tuple(_pem(der, "CERTIFICATE") for der in identity.chain_der),
    )


def from_stored(stored: cases_model.SigningIdentity) -> SigningIdentity:
    """Back to the documents layer's DER form; self-issued when the certificate signed itself."""
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization

    key = serialization.load_pem_private_key(stored.private_key_pem, password=None)
    certificate = x509.load_pem_x509_certificate(stored.certificate_pem)
    chain = tuple(
        x509.load_pem_x509_certificate(pem).public_bytes(serialization.Encoding.DER)
        for pem in stored.chain_pem
    )
    self_issued = certificate.issuer == certificate.subject and not chain
    return SigningIdentity(
        private_key_der=key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ),
        certificate_der=certificate.public_bytes(serialization.Encoding.DER),
        chain_der=chain,
        source="self-issued" if self_issued else "imported",
    )


class DocumentsService:
    """Sign and keep the summary and letters of cases in one unlocked vault."""

    def __init__(
        self,
        vault: VaultService,
        *,
        timestamp_url: str | None = None,
        templates_folder: Path | None = None,
    ) -> None:
        self.vault = vault
        self.timestamp_url = timestamp_url
        self._templates_folder = templates_folder

    # -- identity ---------------------------------------------------------------------------

    def signing_identity(self) -> SigningIdentity | None:
        stored = self.vault.load_signing_identity()
        return None if stored is None else from_stored(stored)

    def _identity(self) -> SigningIdentity:
        identity = self.signing_identity()
        if identity is None:
            raise NoSigningIdentity(
                "There is no signing certificate yet: create one in Settings, or import the "
                "University's PKCS#12 file."
            )
        return identity

    def set_up_identity(self, name: str, role: str, organisation: str) -> SigningIdentity:
        """A new self-issued certificate (3 years), its key kept only in the vault."""
        from triage_desktop.documents.identity import create_self_issued

        identity = create_self_issued(name, role, organisation)
        self.vault.save_signing_identity(to_stored(identity))
        return identity

    def import_identity(self, pkcs12: bytes, password: bytes | None) -> SigningIdentity:
        from triage_desktop.documents.identity import from_pkcs12

        identity = from_pkcs12(pkcs12, password)
        self.vault.save_signing_identity(to_stored(identity))
        return identity

    def renew_identity_if_due(self, now: dt.datetime | None = None) -> SigningIdentity | None:
        """Renew a self-issued certificate in its last 90 days; returns the new one, or None."""
        from triage_desktop.documents.identity import renew

        identity = self._identity()
        if not identity.needs_renewal(now) or identity.source != "self-issued":
            return None
        renewed = renew(identity, now=now)
        self.vault.save_signing_identity(to_stored(renewed))
        return renewed

    def certificate_pem(self) -> bytes:
        return self._identity().certificate_pem()

    # -- sign and store ---------------------------------------------------------------------

    def _templates(self) -> Path | None:
        if self._templates_folder is not None:
            return self._templates_folder
        configured = self.vault.settings().letter_template_folder
        return Path(configured) if configured else None

    def signed_summary(self, content: SummaryContent) -> SignedPdf:
        """Stamp the audit head now, render and sign in memory (the caller stores it, e.g. in
        one transaction with the meeting record: `VaultService.record_signed_document`)."""
        from triage_desktop.documents.signing import sign_pdf
        from triage_desktop.documents.summary import render_summary

        identity = self._identity()
        stamped = dataclasses.replace(content, audit_chain_head=self.vault.audit_head())
        signed = sign_pdf(
            render_summary(stamped),
            identity,
            reason="Triage meeting summary",
            timestamp_url=self.timestamp_url,
        )
        return SignedPdf(SUMMARY_KIND, signed, stamped.audit_chain_head)

    def signed_letter(self, content: LetterContent) -> SignedPdf:
        """Render and sign a letter in memory (the caller stores it)."""
        from triage_desktop.documents.letters import render_letter
        from triage_desktop.documents.signing import sign_pdf

        signed = sign_pdf(
            render_letter(content, self._templates()),
            self._identity(),
            reason="Letter to the person who raised the concern",
            timestamp_url=self.timestamp_url,
        )
        return SignedPdf(LETTER_KIND_PREFIX + content.kind.value, signed)

    def sign_summary(
        self, case_id: int, content: SummaryContent
    ) -> tuple[cases_model.StoredDocument, bytes]:
        """Render, sign and store the summary on its own; returns the stored record and bytes."""
        signed = self.signed_summary(content)
        stored = self.vault.add_document(
            case_id, signed.kind, signed.pdf, chain_head=signed.chain_head
        )
        return stored, signed.pdf

    def sign_letter(
        self, case_id: int, content: LetterContent
    ) -> tuple[cases_model.StoredDocument, bytes]:
        signed = self.signed_letter(content)
        return self.vault.add_document(case_id, signed.kind, signed.pdf), signed.pdf

    def export_protected_letter(
        self, case_id: int, content: LetterContent, password: str, destination: Path
    ) -> Path:
        """An AES-256 password-protected, signed copy for e-mail, written owner-only; audited."""
        from triage_desktop.documents.letters import render_letter
        from triage_desktop.documents.signing import sign_pdf

        protected = sign_pdf(
            render_letter(content, self._templates()),
            self._identity(),
            reason="Letter to the person who raised the concern",
            timestamp_url=self.timestamp_url,
            password=password,
        )
        from triage_desktop.vault.files import write_new_private

        write_new_private(destination, protected)
        self.vault.record_export(
            case_id, f"protected {LETTER_KIND_PREFIX}{content.kind}", protected
        )
        return destination
