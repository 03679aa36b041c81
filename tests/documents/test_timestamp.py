"""PAdES B-T end to end against a timestamp authority on the loopback interface (no network).

The TSA is pyHanko's DummyTimeStamper behind a tiny HTTP server on 127.0.0.1: real RFC 3161
requests and responses, so the configured URL really is what the signature's timestamp came from.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

import pytest
from asn1crypto import keys, tsp, x509
from cryptography import x509 as cx509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from tests.documents.pdftools import pdfsig
from triage_desktop.documents.identity import SigningIdentity
from triage_desktop.documents.samples import sample_summary
from triage_desktop.documents.signing import sign_pdf
from triage_desktop.documents.summary import render_summary
from triage_desktop.documents.verification import load_trusted_certificates, verify_pdf


def _tsa_credentials() -> tuple[x509.Certificate, keys.PrivateKeyInfo, bytes]:
    key = rsa.generate_private_key(
        public_exponent=65537, key_size=2048
    )  # pyHanko's dummy TSA is RSA-only
    name = cx509.Name([cx509.NameAttribute(NameOID.COMMON_NAME, "Loopback Test TSA")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        cx509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(cx509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(cx509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
        .sign(key, hashes.SHA256())
    )
    der = cert.public_bytes(serialization.Encoding.DER)
    pkcs8 = key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    return (
        x509.Certificate.load(der),
        keys.PrivateKeyInfo.load(pkcs8),
        cert.public_bytes(serialization.Encoding.PEM),
    )


@pytest.fixture(scope="module")
def tsa() -> Iterator[tuple[str, bytes]]:
    from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

    cert, key, pem = _tsa_credentials()
    stamper = DummyTimeStamper(tsa_cert=cert, tsa_key=key)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            response = stamper.request_tsa_response(tsp.TimeStampReq.load(body)).dump()
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(response)))
            self.end_headers()
            self.wfile.write(response)

        def log_message(self, *args: Any) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/tsa", pem
    finally:
        server.shutdown()
        server.server_close()


def test_configured_timestamp_server_makes_a_b_t_signature(
    tsa: tuple[str, bytes], identity: SigningIdentity
) -> None:
    url, tsa_pem = tsa
    signed = sign_pdf(
        render_summary(sample_summary()), identity, reason="Triage summary", timestamp_url=url
    )
    trusted = load_trusted_certificates(identity.certificate_pem() + tsa_pem)
    report = verify_pdf(signed, trusted_certificates=trusted)
    assert report.ok
    assert report.signatures[0].timestamped
    assert "Signature is Valid." in pdfsig(signed)


def test_without_a_url_the_signature_is_b_b(signed_summary: bytes) -> None:
    assert not verify_pdf(signed_summary).signatures[0].timestamped
