"""PAdES signatures: valid for pyHanko and poppler, broken by one changed byte, AES-256 export."""

from __future__ import annotations

import re

import pytest

from tests.documents.pdftools import pdffonts, pdfsig, pdftotext, pdftotext_result
from triage_desktop.documents.errors import (
    DocumentError,
    NotPdfError,
    NotSignedError,
    SigningError,
)
from triage_desktop.documents.identity import SigningIdentity, create_self_issued
from triage_desktop.documents.samples import sample_summary
from triage_desktop.documents.signing import sign_pdf
from triage_desktop.documents.summary import render_summary
from triage_desktop.documents.verification import load_trusted_certificates, verify_pdf

PASSWORD = "blue-heron-42"


def test_pyhanko_validates_the_signature_and_trusts_the_officer_pem(
    signed_summary: bytes, identity: SigningIdentity
) -> None:
    trusted = load_trusted_certificates(identity.certificate_pem())
    report = verify_pdf(signed_summary, trusted_certificates=trusted)
    (signature,) = report.signatures
    assert report.ok
    assert signature.intact
    assert signature.valid
    assert signature.trusted
    assert signature.unchanged
    assert signature.signer == "Zoë Ångström"
    assert signature.signing_time is not None
    assert signature.certificate_fingerprint == identity.fingerprint


def test_without_trust_the_signature_is_valid_but_not_trusted(signed_summary: bytes) -> None:
    report = verify_pdf(signed_summary)
    assert report.ok
    assert not report.signatures[0].trusted


def test_another_officers_certificate_is_not_trusted(signed_summary: bytes) -> None:
    stranger = create_self_issued("张伟", "HR Advisor", "University of Bath")
    report = verify_pdf(
        signed_summary, trusted_certificates=load_trusted_certificates(stranger.certificate_pem())
    )
    assert not report.ok
    assert not report.signatures[0].trusted


def test_poppler_pdfsig_reports_a_valid_pades_signature(signed_summary: bytes) -> None:
    output = pdfsig(signed_summary)
    assert "Signature is Valid." in output
    assert "ETSI.CAdES.detached" in output
    assert "Total document signed" in output
    assert "Zoë Ångström" in output


def test_one_changed_byte_breaks_the_signature(signed_summary: bytes) -> None:
    tampered = bytearray(signed_summary)
    tampered[len(tampered) // 3] ^= 0x01
    report = verify_pdf(bytes(tampered))
    assert not report.ok
    assert not report.signatures[0].intact
    assert "Digest Mismatch" in pdfsig(bytes(tampered))


def test_signed_pdf_embeds_every_font_including_the_stamp(signed_summary: bytes) -> None:
    fonts = pdffonts(signed_summary)
    assert all(embedded == "yes" for _, embedded in fonts), fonts


def test_visible_signature_block_names_the_signer(signed_summary: bytes) -> None:
    text = pdftotext(signed_summary)
    last_page = [p for p in text.split("\f") if p.strip()][-1]
    assert "Digitally signed by Zoë Ångström" in last_page


def test_unsigned_pdf_and_non_pdf_are_refused_clearly() -> None:
    with pytest.raises(NotSignedError, match="not signed"):
        verify_pdf(render_summary(sample_summary()).data)
    with pytest.raises(NotPdfError, match="not a PDF"):
        verify_pdf(b"-----BEGIN CERTIFICATE-----\n")
    with pytest.raises(NotPdfError, match="damaged"):
        verify_pdf(b"%PDF-1.7\n" + b"\x00" * 100)


def test_signing_arabic_and_chinese_officer_names(identity: SigningIdentity) -> None:
    officer = create_self_issued("محمد الأحمد", "مسؤول", "جامعة")
    signed = sign_pdf(render_summary(sample_summary()), officer, reason="Triage summary")
    assert verify_pdf(signed).ok
    assert "محمد الأحمد" in pdftotext(signed)
    chinese = create_self_issued("张伟", "HR Advisor", "University of Bath")
    signed = sign_pdf(render_summary(sample_summary()), chinese, reason="Triage summary")
    assert "Digitally signed by 张伟" in pdftotext(signed)
    assert all(embedded == "yes" for _, embedded in pdffonts(signed))


def test_password_protected_export_is_aes256_and_still_verifies(
    identity: SigningIdentity,
) -> None:
    protected = sign_pdf(
        render_summary(sample_summary()), identity, reason="Letter", password=PASSWORD
    )
    without = pdftotext_result(protected)
    assert without.returncode != 0
    assert b"Incorrect password" in without.stderr
    assert "Triage meeting summary" in pdftotext(protected, "-upw", PASSWORD)
    assert "Signature is Valid." in pdfsig(protected, "-upw", PASSWORD)
    assert verify_pdf(protected, password=PASSWORD).ok
    with pytest.raises(DocumentError, match="password-protected"):
        verify_pdf(protected)
    with pytest.raises(DocumentError, match=r"password .* wrong"):
        verify_pdf(protected, password="not-the-one")


def test_aes256_is_the_algorithm(identity: SigningIdentity) -> None:
    import subprocess

    protected = sign_pdf(
        render_summary(sample_summary()), identity, reason="Letter", password=PASSWORD
    )
    info = subprocess.run(
        ["pdfinfo", "-upw", PASSWORD, "fd://0"], input=protected, capture_output=True, check=True
    ).stdout.decode()
    assert "algorithm:AES-256" in info


def test_short_password_is_refused(identity: SigningIdentity) -> None:
    with pytest.raises(SigningError, match="at least 8"):
        sign_pdf(render_summary(sample_summary()), identity, reason="Letter", password="short")


def test_timestamp_url_is_wired_to_pyhankos_http_timestamper(
    identity: SigningIdentity,
) -> None:
    """No network here: an unreachable timestamp server must fail loudly, naming the server,
    rather than silently producing a B-B signature when B-T was configured."""
    url = "http://127.0.0.1:9/tsa"
    with pytest.raises(SigningError, match=re.escape(f"timestamp server {url}")):
        sign_pdf(render_summary(sample_summary()), identity, reason="x", timestamp_url=url)


def test_the_verdict_needs_trust_to_be_authentic(
    signed_summary: bytes, identity: SigningIdentity
) -> None:
    assert verify_pdf(signed_summary).verdict == "signer_not_verified"
    trusted = load_trusted_certificates(identity.certificate_pem())
    assert verify_pdf(signed_summary, trusted_certificates=trusted).verdict == "authentic"
    stranger = create_self_issued("Zoë Ångström", "DRLRO", "University of Bath")  # a forgery
    other = load_trusted_certificates(stranger.certificate_pem())
    assert verify_pdf(signed_summary, trusted_certificates=other).verdict == "failed"
    tampered = bytearray(signed_summary)
    tampered[len(tampered) // 3] ^= 0x01
    assert verify_pdf(bytes(tampered), trusted_certificates=trusted).verdict == "failed"
