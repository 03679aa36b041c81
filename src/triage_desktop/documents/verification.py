"""Check a signed PDF: who signed it, when, and whether it is intact, valid, trusted and unchanged.

Works offline: trust comes only from certificates the caller passes (e.g. the officer's PEM);
nothing is fetched. `validate_pdf_signature` runs its own event loop, so call this from
synchronous code (the CLI, or a worker thread in the GUI), not from inside a running loop.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

from triage_desktop.cases.text import neutralise_bidi, strip_controls
from triage_desktop.documents.errors import DocumentError, NotPdfError, NotSignedError

HEADER_WINDOW = 1024  # the PDF header may sit anywhere in the first kilobyte
Verdict = Literal["authentic", "signer_not_verified", "failed"]


@dataclass(frozen=True)
class SignatureReport:
    field_name: str
    signer: str
    signer_subject: str
    signing_time: dt.datetime | None
    timestamped: bool
    intact: bool
    valid: bool
    trusted: bool
    unchanged: bool
    modification: str
    certificate_fingerprint: str

    def passes(self, require_trust: bool) -> bool:
        return self.intact and self.valid and self.unchanged and (self.trusted or not require_trust)

    @property
    def sound(self) -> bool:
        """Intact, valid and covering the whole file: says nothing about who signed."""
        return self.intact and self.valid and self.unchanged


@dataclass(frozen=True)
class VerificationReport:
    signatures: tuple[SignatureReport, ...]
    trust_given: bool

    @property
    def ok(self) -> bool:
        """Intact, valid and unchanged (and trusted when trust was given), for every signature."""
        return all(s.passes(self.trust_given) for s in self.signatures)

    @property
    def verdict(self) -> Verdict:
        """`authentic`: every signature sound and by a trusted certificate; `signer_not_verified`:
        sound, but no certificate was given to trust, so anyone could have made one in the
        officer's name; `failed`: anything else."""
        if not all(s.sound for s in self.signatures):
            return "failed"
        if not self.trust_given:
            return "signer_not_verified"
        return "authentic" if all(s.trusted for s in self.signatures) else "failed"


def load_trusted_certificates(pem: bytes) -> list[Any]:
    """asn1crypto certificates from PEM (or DER) bytes; a clear error when there are none."""
    from asn1crypto import pem as pem_codec
    from asn1crypto import x509

    try:
        if pem_codec.detect(pem):
            return [
                x509.Certificate.load(der) for _, _, der in pem_codec.unarmor(pem, multiple=True)
            ]
        return [x509.Certificate.load(pem)]
    except (ValueError, TypeError) as error:
        raise DocumentError("The trust file is not a PEM or DER certificate.") from error


def _reader(data: bytes, password: str | None) -> Any:
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.pdf_utils.reader import PdfFileReader

    if b"%PDF-" not in data[:HEADER_WINDOW]:
        raise NotPdfError("This file is not a PDF.")
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        if reader.encrypted:
            if password is None:
                raise DocumentError("This PDF is password-protected: give its password.")
            result = reader.decrypt(password)
            if getattr(result.status, "name", "") == "FAILED":
                raise DocumentError("The password for this PDF is wrong.")
        return reader
    except (PdfError, ValueError, KeyError, IndexError) as error:
        raise NotPdfError(f"This PDF is damaged and cannot be read: {error}") from error


def shown(text: str) -> str:
    """A certificate's text fit to print: no control characters (a forged name could carry
    terminal escapes) and no bidi controls (U+202E would reverse the line)."""
    return neutralise_bidi(strip_controls(text).replace("\n", " ").replace("\t", " "))


def _common_name(certificate: Any) -> str:
    native = certificate.subject.native
    return shown(str(native.get("common_name") or certificate.subject.human_friendly))


@contextlib.contextmanager
def _quiet_pyhanko() -> Iterator[None]:
    """pyHanko logs every untrusted self-signed certificate with a traceback: the report says it."""
    loggers = [logging.getLogger(name) for name in ("pyhanko", "pyhanko_certvalidator")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


def _fingerprint(certificate: Any) -> str:
    digest = certificate.sha256.hex().upper()
    return ":".join(digest[i : i + 2] for i in range(0, len(digest), 2))


def verify_pdf(
    data: bytes, *, trusted_certificates: list[Any] | None = None, password: str | None = None
) -> VerificationReport:
    """Validate every signature in `data`; raises NotPdfError or NotSignedError when it cannot."""
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.errors import SignatureValidationError
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    reader = _reader(data, password)
    try:
        embedded = list(reader.embedded_signatures)
    except (PdfError, ValueError, KeyError) as error:
        raise NotPdfError(f"The signatures in this PDF cannot be read: {error}") from error
    if not embedded:
        raise NotSignedError("This PDF is not signed.")
    roots = trusted_certificates or []
    reports = []
    for signature in embedded:
        context = ValidationContext(trust_roots=roots, allow_fetching=False)
        try:
            with _quiet_pyhanko():
                status = validate_pdf_signature(signature, context)
        except (SignatureValidationError, PdfError, ValueError) as error:
            reports.append(_broken(signature, error))
            continue
        level = status.modification_level
        reports.append(
            SignatureReport(
                field_name=shown(str(signature.field_name)),
                signer=_common_name(status.signing_cert),
                signer_subject=shown(str(status.signing_cert.subject.human_friendly)),
                signing_time=status.signer_reported_dt,
                timestamped=status.timestamp_validity is not None,
                intact=bool(status.intact),
                valid=bool(status.valid),
                trusted=bool(status.trusted) and bool(roots),
                unchanged=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
                modification=level.name.lower() if level is not None else "unknown",
                certificate_fingerprint=_fingerprint(status.signing_cert),
            )
        )
    return VerificationReport(tuple(reports), trust_given=bool(roots))


def _broken(signature: Any, error: Exception) -> SignatureReport:
    """A signature so damaged that validation itself failed: nothing about it holds."""
    try:
        signer = _common_name(signature.signer_cert)
        subject = shown(str(signature.signer_cert.subject.human_friendly))
        fingerprint = _fingerprint(signature.signer_cert)
    except Exception:
        signer, subject, fingerprint = "unreadable", str(error), ""
    return SignatureReport(
        field_name=shown(str(getattr(signature, "field_name", ""))),
        signer=signer,
        signer_subject=subject,
        signing_time=None,
        timestamped=False,
        intact=False,
        valid=False,
        trusted=False,
        unchanged=False,
        modification="unreadable",
        certificate_fingerprint=fingerprint,
    )
