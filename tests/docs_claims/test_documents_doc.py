"""docs/documents.md, claim by claim, on real PDFs, certificates and the installed command
(issue 13: every claim true)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from tests.documents.pdftools import pdftotext
from tests.support.run import run_cli
from triage_desktop.documents.content import LetterContent, LetterKind
from triage_desktop.documents.identity import SigningIdentity, from_pkcs12, renew
from triage_desktop.documents.letters import render_letter
from triage_desktop.documents.samples import sample_letter, sample_summary
from triage_desktop.documents.signing import sign_pdf
from triage_desktop.documents.summary import render_summary
from triage_desktop.documents.verification import load_trusted_certificates, verify_pdf

REPO = Path(__file__).resolve().parents[2]
DOC = REPO / "docs" / "documents.md"


@pytest.fixture(scope="module")
def identity() -> SigningIdentity:
    from triage_desktop.documents.identity import create_self_issued

    return create_self_issued("Zoë Ångström", "HR Advisor", "University of Bath")


def test_the_self_issued_certificate_names_the_role_and_may_only_sign(
    identity: SigningIdentity,
) -> None:
    cert = x509.load_pem_x509_certificate(identity.certificate_pem())
    subject = cert.subject
    assert subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == "Zoë Ångström"
    assert subject.get_attributes_for_oid(NameOID.TITLE)[0].value == "HR Advisor"
    assert subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)[0].value == (
        "University of Bath"
    )
    usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.digital_signature
    assert usage.content_commitment  # nonRepudiation
    assert not usage.key_cert_sign
    assert not usage.key_encipherment


def _usage(**allowed: bool) -> x509.KeyUsage:
    names = [
        "digital_signature",
        "content_commitment",
        "key_encipherment",
        "data_encipherment",
        "key_agreement",
        "key_cert_sign",
        "crl_sign",
        "encipher_only",
        "decipher_only",
    ]
    return x509.KeyUsage(**{name: allowed.get(name, False) for name in names})


def _university_pki(**usage: bool) -> tuple[bytes, bytes]:
    """A fictional University CA and an officer certificate it issued for `usage`, as a PKCS#12
    with the chain; returns (the .p12 bytes, the CA's PEM)."""
    now = dt.datetime.now(dt.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Fictional University CA")])
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_usage(key_cert_sign=True, crl_sign=True), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    officer = (
        x509.CertificateBuilder()
        .subject_name(
            x509.Name(
                [
                    x509.NameAttribute(NameOID.COMMON_NAME, "Sam Officer"),
                    x509.NameAttribute(NameOID.TITLE, "DRLRO"),
                    x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Fictional University"),
                ]
            )
        )
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_usage(**usage), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    data = pkcs12.serialize_key_and_certificates(
        b"officer",
        key,
        officer,
        [ca],
        serialization.BestAvailableEncryption(b"university-pki"),
    )
    return data, ca.public_bytes(serialization.Encoding.PEM)


def test_an_imported_university_certificate_carries_its_chain_in_every_signature() -> None:
    data, ca_pem = _university_pki(digital_signature=True, content_commitment=True)
    imported = from_pkcs12(data, b"university-pki")
    assert imported.source == "imported"
    signed = sign_pdf(render_summary(sample_summary()), imported, reason="Triage summary")
    import io

    from pyhanko.pdf_utils.reader import PdfFileReader

    embedded = PdfFileReader(io.BytesIO(signed)).embedded_signatures[0]
    carried = {c.chosen.subject.human_friendly for c in embedded.signed_data["certificates"]}
    assert any("Fictional University CA" in name for name in carried)
    # Trusting the University's CA alone is enough: the chain in the signature leads to it.
    report = verify_pdf(signed, trusted_certificates=load_trusted_certificates(ca_pem))
    assert report.verdict == "authentic"


def test_a_document_signed_before_renewal_still_verifies(identity: SigningIdentity) -> None:
    before = sign_pdf(render_letter(sample_letter()), identity, reason="Outcome letter")
    renewed = renew(identity, now=identity.not_after - dt.timedelta(days=30))
    old_pem = load_trusted_certificates(identity.certificate_pem())
    new_pem = load_trusted_certificates(renewed.certificate_pem())
    assert verify_pdf(before, trusted_certificates=old_pem).verdict == "authentic"
    assert verify_pdf(before, trusted_certificates=new_pem).verdict == "failed"  # a new key


def test_verify_prints_the_whole_fingerprint_and_the_block_a_short_one(
    identity: SigningIdentity, tmp_path: Path
) -> None:
    pdf = tmp_path / "summary.pdf"
    pdf.write_bytes(sign_pdf(render_summary(sample_summary()), identity, reason="Summary"))
    cert = x509.load_pem_x509_certificate(identity.certificate_pem())
    full = cert.fingerprint(hashes.SHA256()).hex().upper()
    result = run_cli(["verify", str(pdf)])
    assert result.returncode == 3
    assert "Certificate:   SHA-256 " + ":".join(re.findall("..", full)) in result.stdout
    last_page = [p for p in pdftotext(pdf.read_bytes()).split("\f") if p.strip()][-1]
    # shortened as first 16…last 8 hex digits (pdftotext here NFKC-normalises "…" to "...")
    assert f"Certificate SHA-256 {full[:16]}...{full[-8:]}" in last_page
    assert "HR Advisor, University of Bath" in last_page  # the role and organisation


def test_trust_is_a_pem_a_der_or_several_pems(identity: SigningIdentity, tmp_path: Path) -> None:
    from triage_desktop.documents.identity import create_self_issued

    pdf = tmp_path / "letter.pdf"
    pdf.write_bytes(sign_pdf(render_letter(sample_letter()), identity, reason="Letter"))
    cert = x509.load_pem_x509_certificate(identity.certificate_pem())
    der = tmp_path / "officer.der"
    der.write_bytes(cert.public_bytes(serialization.Encoding.DER))
    other = create_self_issued("Another Officer", "DRLRO", "University of Bath")
    several = tmp_path / "several.pem"
    several.write_bytes(other.certificate_pem() + identity.certificate_pem())
    for trust in (der, several):
        result = run_cli(["verify", str(pdf), "--trust", str(trust)])
        assert result.returncode == 0, (trust.name, result.stdout, result.stderr)


def test_ask_password_prompts_for_a_protected_pdf(
    identity: SigningIdentity, tmp_path: Path
) -> None:
    from tests.cli.test_vault_cli import _in_a_terminal

    pdf = tmp_path / "protected.pdf"
    pdf.write_bytes(
        sign_pdf(render_letter(sample_letter()), identity, reason="Letter", password="s3cret-pass")
    )
    code, out = _in_a_terminal(
        ["verify", str(pdf), "--ask-password"], "assword", lambda _text: "s3cret-pass"
    )
    assert code == 3, out  # opened with the typed password; valid, signer not checked
    assert "Valid:         yes" in out
    assert "s3cret-pass" not in out  # typed without echo


@pytest.mark.parametrize("kind", list(LetterKind))
def test_every_page_of_every_letter_carries_its_marks_and_support(kind: LetterKind) -> None:
    content = sample_letter(kind)
    pages = [p for p in pdftotext(render_letter(content).data).split("\f") if p.strip()]
    for page in pages:
        assert f"Private and confidential · Document {content.document_id}" in page
    text = " ".join(pages)
    assert "Support available to you" in text
    assert "please call 999" in text


def test_the_document_lists_every_field_a_template_may_use() -> None:
    paragraph = re.search(r"Fields available: (.*?)Filters:", DOC.read_text("utf-8"), re.S)
    assert paragraph is not None
    named = set(re.findall(r"`([a-z_]+)`", paragraph.group(1)))
    assert set(sample_letter().template_context()) <= named


def test_a_draft_never_loads_pyhanko() -> None:
    code = (
        "import sys; from triage_desktop.documents.samples import sample_summary; "
        "from triage_desktop.documents.summary import render_draft; "
        "assert render_draft(sample_summary()).startswith(b'%PDF'); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'pyhanko'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert result.stdout.strip() == "[]"


def test_the_emoji_limits_the_document_names() -> None:
    """If this fails, the limit has changed: update 'Known limits' in docs/documents.md."""
    from reportlab.pdfbase import pdfmetrics

    from triage_desktop.documents.fonts import SANS, register_fonts

    register_fonts()
    covered = pdfmetrics.getFont(SANS).face.charToGlyph
    assert ord("😀") in covered
    assert ord("☺") in covered
    assert ord("👍") not in covered
    letter: LetterContent = dataclasses.replace(sample_letter(), recipient_name="Sam 😀 Smile")
    assert "😀" not in pdftotext(render_letter(letter).data)  # outside the BMP: copied out wrong


@pytest.mark.parametrize(
    ("usage", "verdict"),
    [
        ({"content_commitment": True}, "authentic"),
        ({"digital_signature": True, "content_commitment": True}, "authentic"),
        ({"digital_signature": True}, "failed"),  # no non-repudiation: not trusted
    ],
)
def test_a_university_certificate_is_trusted_only_for_non_repudiation(
    usage: dict[str, bool], verdict: str
) -> None:
    data, ca_pem = _university_pki(**usage)
    signed = sign_pdf(
        render_summary(sample_summary()), from_pkcs12(data, b"university-pki"), reason="x"
    )
    report = verify_pdf(signed, trusted_certificates=load_trusted_certificates(ca_pem))
    assert report.verdict == verdict
    assert report.signatures[0].intact
