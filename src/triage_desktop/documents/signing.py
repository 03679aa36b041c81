"""PAdES signing in memory with pyHanko: B-B offline, B-T when a timestamp server is configured.

The unsigned PDF is only ever bytes in memory; the result is the signed PDF as bytes. When a
password is given the document is first re-written with AES-256 encryption (PDF 2.0 standard
security handler) and then signed, so the exported file is both protected and verifiable.
"""

from __future__ import annotations

import datetime as dt
import io
import secrets
from typing import Any

from triage_desktop.documents.errors import ContentError, SigningError
from triage_desktop.documents.identity import SigningIdentity
from triage_desktop.documents.layout import RenderedPdf
from triage_desktop.documents.stamp import stamp_pdf

FIELD_NAME = "TriageDeskSignature"
MIN_PASSWORD_LENGTH = 8


def _signer(identity: SigningIdentity) -> Any:
    from asn1crypto import keys, x509
    from pyhanko.sign.signers import SimpleSigner
    from pyhanko_certvalidator import registry

    store: Any = registry.SimpleCertificateStore
    return SimpleSigner(
        signing_cert=x509.Certificate.load(identity.certificate_der),
        signing_key=keys.PrivateKeyInfo.load(identity.private_key_der),
        cert_registry=store.from_certs([x509.Certificate.load(der) for der in identity.chain_der]),
    )


def _stamp_style(stamp: bytes) -> Any:
    from pyhanko.pdf_utils import content, layout
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.stamp import StaticStampStyle

    class _PdfPageFromBytes(content.PdfContent):
        """pyHanko's ImportedPdfPage, reading from memory instead of a file name."""

        def render(self) -> bytes:
            writer = self._ensure_writer
            xobject = writer.import_page_as_xobject(PdfFileReader(io.BytesIO(stamp)), page_ix=0)
            self.resources.xobject["/StampArt"] = xobject
            x1, y1, x2, y2 = xobject.get_object()["/BBox"]
            self.box = layout.BoxConstraints(width=abs(x1 - x2), height=abs(y1 - y2))
            return b"/StampArt Do"

    return StaticStampStyle(
        background=_PdfPageFromBytes(),
        border_width=0,
        background_opacity=1.0,
        background_layout=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MID,
            y_align=layout.AxisAlignment.ALIGN_MID,
            margins=layout.Margins(0, 0, 0, 0),
            inner_content_scaling=layout.InnerScaling.STRETCH_TO_FIT,
        ),
    )


def encrypt_pdf(data: bytes, password: str) -> bytes:
    """An AES-256 (PDF 2.0) encrypted copy of an unsigned PDF; the owner password is random."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.pdf_utils.writer import copy_into_new_writer

    if len(password) < MIN_PASSWORD_LENGTH:
        raise SigningError(f"The password must be at least {MIN_PASSWORD_LENGTH} characters long.")
    writer: Any = copy_into_new_writer(PdfFileReader(io.BytesIO(data)))
    # pdf_mac off: poppler and most viewers do not read ISO/TS 32004 MACs yet.
    writer.encrypt(secrets.token_urlsafe(32), password, pdf_mac=False)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def sign_pdf(
    rendered: RenderedPdf,
    identity: SigningIdentity,
    *,
    reason: str,
    location: str = "",
    timestamp_url: str | None = None,
    password: str | None = None,
    today: dt.date | None = None,
) -> bytes:
    """Sign `rendered` with a visible block in its reserved box; return the signed PDF bytes.

    A draft is refused: its pages say "DRAFT — not signed", and a signature would make that a lie.
    """
    if rendered.draft:
        raise ContentError(
            "This is a draft for review and cannot be signed: render the final document "
            "(draft=False) to sign it."
        )
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    data = rendered.data if password is None else encrypt_pdf(rendered.data, password)
    box = rendered.signature_box
    x1, y1, x2, y2 = box.box
    stamp = stamp_pdf(identity, x2 - x1, y2 - y1, today or dt.date.today())
    timestamper = None
    if timestamp_url:
        from pyhanko.sign.timestamps import HTTPTimeStamper

        timestamper = HTTPTimeStamper(timestamp_url, timeout=10)
    try:
        writer: Any = IncrementalPdfFileWriter(io.BytesIO(data))
        if password is not None:
            writer.encrypt(password)
        meta = signers.PdfSignatureMetadata(
            field_name=FIELD_NAME,
            subfilter=fields.SigSeedSubFilter.PADES,
            md_algorithm="sha256",
            reason=reason,
            location=location or identity.organisation,
            name=identity.common_name,
        )
        pdf_signer = signers.PdfSigner(
            meta,
            signer=_signer(identity),
            timestamper=timestamper,
            stamp_style=_stamp_style(stamp),
            new_field_spec=fields.SigFieldSpec(FIELD_NAME, on_page=box.page_index, box=box.box),
        )
        out = io.BytesIO()
        pdf_signer.sign_pdf(writer, output=out)
    except Exception as error:
        where = f" (timestamp server {timestamp_url})" if timestamp_url else ""
        raise SigningError(f"The document could not be signed{where}: {error}") from error
    return out.getvalue()
