"""Count files: signed with the officer's key (ECDSA self-issued, RSA imported from a University
CA), verified against the certificate inside, trusted by certificate or by its issuing CA; any
change after signing is refused."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

from triage_desktop.documents.identity import SigningIdentity, create_self_issued
from triage_desktop.documents.signed_counts import CountFileError, sign_counts, verify_counts

PAYLOAD = {"format": "triage-desk-statistics-counts", "cases": {"2026-Q1": 3}}


def _name(common: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common)])


def _university() -> tuple[rsa.RSAPrivateKey, x509.Certificate, SigningIdentity]:
    """A fictional University CA and an officer's RSA certificate it issued."""
    now = dt.datetime.now(dt.UTC)
    ca_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    ca = (
        x509.CertificateBuilder()
        .subject_name(_name("Fictional University CA"))
        .issuer_name(_name("Fictional University CA"))
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    leaf = (
        x509.CertificateBuilder()
        .subject_name(_name("Officer Imported"))
        .issuer_name(ca.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .sign(ca_key, hashes.SHA256())
    )
    identity = SigningIdentity(
        private_key_der=key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ),
        certificate_der=leaf.public_bytes(serialization.Encoding.DER),
        chain_der=(ca.public_bytes(serialization.Encoding.DER),),
        source="imported",
    )
    return ca_key, ca, identity


def test_a_self_issued_officer_signs_and_anyone_verifies() -> None:
    identity = create_self_issued("Officer Self", "DRLRO", "University")
    data = sign_counts(PAYLOAD, identity, vault_id="vault-1")
    verified = verify_counts(data)
    assert verified.payload == PAYLOAD
    assert (verified.vault_id, verified.signer) == ("vault-1", "Officer Self")
    assert verified.fingerprint == identity.fingerprint
    assert not verified.trusted
    assert verify_counts(data, [identity.certificate_pem()]).trusted
    other = create_self_issued("Someone Else", "DRLRO", "University")
    assert not verify_counts(data, [other.certificate_pem()]).trusted


def test_an_imported_rsa_identity_is_trusted_through_its_university_ca() -> None:
    _ca_key, ca, identity = _university()
    data = sign_counts(PAYLOAD, identity, vault_id="vault-2")
    assert json.loads(data)["algorithm"] == "rsa-pss-sha256"
    ca_pem = ca.public_bytes(serialization.Encoding.PEM)
    assert verify_counts(data, [ca_pem]).trusted


@pytest.mark.parametrize(
    "tamper",
    [
        lambda d: d["counts"]["cases"].update({"2026-Q1": 30}),
        lambda d: d.update(vault="another-vault"),
        lambda d: d.update(signer="Somebody Else"),
        lambda d: d.update(signed_at="2020-01-01T00:00:00+00:00"),
    ],
)
def test_any_change_after_signing_is_refused(tamper: object) -> None:
    identity = create_self_issued("Officer Self", "DRLRO", "University")
    document = json.loads(sign_counts(PAYLOAD, identity, vault_id="vault-1"))
    tamper(document)  # type: ignore[operator]
    with pytest.raises(CountFileError, match="the file was changed after it was signed"):
        verify_counts(json.dumps(document).encode())


def test_a_file_re_signed_with_another_key_is_not_trusted() -> None:
    officer = create_self_issued("Officer Self", "DRLRO", "University")
    forger = create_self_issued("Officer Self", "DRLRO", "University")  # same name, other key
    data = sign_counts(PAYLOAD, forger, vault_id="vault-1")
    verified = verify_counts(data, [officer.certificate_pem()])
    assert not verified.trusted
    assert verified.fingerprint != officer.fingerprint


def test_an_unsigned_or_damaged_file_is_refused_in_words() -> None:
    identity = create_self_issued("Officer Self", "DRLRO", "University")
    document = json.loads(sign_counts(PAYLOAD, identity, vault_id="vault-1"))
    del document["signature"]
    with pytest.raises(CountFileError, match="not signed, or a part of it is missing"):
        verify_counts(json.dumps(document).encode())
    with pytest.raises(CountFileError, match="not JSON"):
        verify_counts(b"\xff\xfe")
