"""The officer's signing identity: an ECDSA P-256 key and its certificate, kept inside the vault.

At setup an officer gets a self-issued certificate (name, role, organisation; 3 years), or imports
the University's PKCS#12. The identity travels as PKCS#12 bytes (`to_pkcs12`) so the vault stores
one opaque blob; only the certificate is ever exported (`certificate_pem`), for recipients to trust.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any, Literal

from triage_desktop.documents.errors import IdentityError

VALIDITY = dt.timedelta(days=3 * 365 + 1)
RENEW_WITHIN = dt.timedelta(days=90)
IdentitySource = Literal["self-issued", "imported"]


@dataclass(frozen=True)
class SigningIdentity:
    """A private key (PKCS#8 DER) with its certificate (DER) and any CA chain (DER)."""

    private_key_der: bytes
    certificate_der: bytes
    chain_der: tuple[bytes, ...] = ()
    source: IdentitySource = "self-issued"

    def __repr__(self) -> str:  # never print key material, even in a traceback
        return f"SigningIdentity(subject={self.subject!r}, source={self.source!r})"

    @property
    def _certificate(self):  # type: ignore[no-untyped-def]
        from cryptography import x509

        return x509.load_der_x509_certificate(self.certificate_der)

    @property
    def subject(self) -> str:
        return str(self._certificate.subject.rfc4514_string())

    @property
    def common_name(self) -> str:
        return _attribute(self._certificate.subject, "commonName")

    @property
    def role(self) -> str:
        return _attribute(self._certificate.subject, "title")

    @property
    def organisation(self) -> str:
        return _attribute(self._certificate.subject, "organizationName")

    @property
    def not_after(self) -> dt.datetime:
        return self._certificate.not_valid_after_utc  # type: ignore[no-any-return]

    @property
    def not_before(self) -> dt.datetime:
        return self._certificate.not_valid_before_utc  # type: ignore[no-any-return]

    @property
    def fingerprint(self) -> str:
        """SHA-256 of the certificate, as colon-separated hex (what a recipient compares)."""
        digest = hashlib.sha256(self.certificate_der).hexdigest().upper()
        return ":".join(digest[i : i + 2] for i in range(0, len(digest), 2))

    def certificate_pem(self) -> bytes:
        """The certificate alone, PEM: safe to send to anyone who must trust the signatures."""
        from cryptography.hazmat.primitives.serialization import Encoding

        return self._certificate.public_bytes(Encoding.PEM)  # type: ignore[no-any-return]

    def to_pkcs12(self, password: bytes | None = None) -> bytes:
        """Key, certificate and chain as one PKCS#12 blob (for the vault, which encrypts it)."""
        from cryptography import x509
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.serialization import pkcs12

        key = serialization.load_der_private_key(self.private_key_der, password=None)
        encryption: serialization.KeySerializationEncryption = (
            serialization.BestAvailableEncryption(password)
            if password
            else serialization.NoEncryption()
        )
        chain = [x509.load_der_x509_certificate(der) for der in self.chain_der]
        name = self.source.encode()
        return pkcs12.serialize_key_and_certificates(
            name,
            key,  # type: ignore[arg-type]
            self._certificate,
            chain or None,
            encryption,
        )

    def expires_within(self, window: dt.timedelta, now: dt.datetime | None = None) -> bool:
        moment = now or dt.datetime.now(dt.UTC)
        return self.not_after - moment <= window

    def needs_renewal(self, now: dt.datetime | None = None) -> bool:
        """True in the last 90 days of validity (and after expiry): time to renew."""
        return self.expires_within(RENEW_WITHIN, now)


def _attribute(name: Any, attribute: str) -> str:
    from cryptography.x509.oid import NameOID

    oid = {
        "commonName": NameOID.COMMON_NAME,
        "title": NameOID.TITLE,
        "organizationName": NameOID.ORGANIZATION_NAME,
    }[attribute]
    values = name.get_attributes_for_oid(oid)
    return str(values[0].value) if values else ""


def create_self_issued(
    name: str,
    role: str,
    organisation: str,
    *,
    now: dt.datetime | None = None,
    validity: dt.timedelta = VALIDITY,
) -> SigningIdentity:
    """A fresh ECDSA P-256 key and a self-issued certificate valid for three years."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    for label, value in (("name", name), ("role", role), ("organisation", organisation)):
        if not value.strip():
            raise IdentityError(f"The officer's {label} is needed for the signing certificate.")
        if len(value) > 64:
            raise IdentityError(f"The officer's {label} is too long (64 characters at most).")
    start = (now or dt.datetime.now(dt.UTC)).replace(microsecond=0)
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, name.strip()),
            x509.NameAttribute(NameOID.TITLE, role.strip()),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation.strip()),
        ]
    )
    public_key = key.public_key()
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(start - dt.timedelta(minutes=5))
        .not_valid_after(start + validity)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
        .sign(key, hashes.SHA256())
    )
    return SigningIdentity(
        private_key_der=key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ),
        certificate_der=certificate.public_bytes(serialization.Encoding.DER),
        source="self-issued",
    )


def from_pkcs12(
    data: bytes, password: bytes | None = None, source: IdentitySource = "imported"
) -> SigningIdentity:
    """Import a PKCS#12 file (the University's PKI, or the vault's own stored copy)."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec, rsa
    from cryptography.hazmat.primitives.serialization import pkcs12

    try:
        key, certificate, chain = pkcs12.load_key_and_certificates(data, password or None)
    except ValueError as error:
        raise IdentityError(
            "This PKCS#12 file could not be opened: the password is wrong or the file is damaged."
        ) from error
    if key is None or certificate is None:
        raise IdentityError("This PKCS#12 file holds no private key and certificate pair.")
    if not isinstance(key, ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey):
        raise IdentityError("Only ECDSA and RSA signing keys are supported.")
    spki = serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    if key.public_key().public_bytes(*spki) != certificate.public_key().public_bytes(*spki):
        raise IdentityError("The private key in this PKCS#12 file does not match its certificate.")
    return SigningIdentity(
        private_key_der=key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ),
        certificate_der=certificate.public_bytes(serialization.Encoding.DER),
        chain_der=tuple(c.public_bytes(serialization.Encoding.DER) for c in chain or ()),
        source=source,
    )


def identity_from_pkcs12_blob(blob: bytes) -> SigningIdentity:
    """Read back what `SigningIdentity.to_pkcs12()` stored (its source is kept as the bag name)."""
    from cryptography.hazmat.primitives.serialization import pkcs12

    try:
        bundle = pkcs12.load_pkcs12(blob, None)
    except ValueError as error:
        raise IdentityError("The stored signing identity is damaged.") from error
    friendly = bundle.cert.friendly_name if bundle.cert else None
    source: IdentitySource = "imported" if friendly == b"imported" else "self-issued"
    return from_pkcs12(blob, None, source=source)


def renew(identity: SigningIdentity, *, now: dt.datetime | None = None) -> SigningIdentity:
    """A new key and certificate for the same officer, before the old one expires.

    Documents signed earlier stay verifiable: each carries the certificate it was signed with.
    Recipients need the new certificate (PEM) to trust documents signed from now on.
    """
    if identity.source != "self-issued":
        raise IdentityError(
            "This certificate came from the University's PKI: import its renewed PKCS#12 file."
        )
    return create_self_issued(identity.common_name, identity.role, identity.organisation, now=now)
