"""A count file: one officer's unsuppressed statistics counts, signed with their key.

The file is JSON: the counts (numbers and category ids only, no case data), which vault they
came from, when and by whom they were signed, the signer's certificate, and a signature over
all of that (the canonical JSON of the file without the signature: sorted keys, no spaces,
UTF-8). Anyone merging files checks each signature against the certificate inside; with
`trusted` certificates, the signer must also be one of them or be issued by one of them.

Hand-written rather than CMS/PKCS#7 because the payload is small JSON that the merge reads
anyway; `cryptography` does the signing and verification (ECDSA P-256 for a self-issued
identity, RSA-PSS for an imported one).
"""

from __future__ import annotations

import base64
import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from triage_desktop.documents.errors import DocumentError
from triage_desktop.documents.identity import SigningIdentity

FILE_FORMAT = "triage-desk-signed-counts"
FILE_VERSION = 1
MAX_FILE_BYTES = 8 * 1024 * 1024
ECDSA_SHA256 = "ecdsa-sha256"
RSA_PSS_SHA256 = "rsa-pss-sha256"


class CountFileError(DocumentError):
    """A count file that cannot be trusted or read: the message says why."""


@dataclass(frozen=True)
class VerifiedCounts:
    """A count file whose signature checked out."""

    payload: Mapping[str, Any]
    vault_id: str
    signer: str  # the certificate's common name
    fingerprint: str  # SHA-256 of the signer's certificate, colon-separated hex
    signed_at: dt.datetime
    trusted: bool  # the signer is (or was issued by) a certificate the caller trusts


def canonical(document: Mapping[str, Any]) -> bytes:
    return json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode(
        "utf-8"
    )


def _fingerprint(der: bytes) -> str:
    import hashlib

    digest = hashlib.sha256(der).hexdigest().upper()
    return ":".join(digest[i : i + 2] for i in range(0, len(digest), 2))


def sign_counts(
    payload: Mapping[str, Any],
    identity: SigningIdentity,
    *,
    vault_id: str,
    signed_at: dt.datetime | None = None,
) -> bytes:
    """The signed count file's bytes."""
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa

    key = serialization.load_der_private_key(identity.private_key_der, password=None)
    if isinstance(key, ec.EllipticCurvePrivateKey):
        algorithm = ECDSA_SHA256
    elif isinstance(key, rsa.RSAPrivateKey):
        algorithm = RSA_PSS_SHA256
    else:  # pragma: no cover - identities are ECDSA or RSA
        raise CountFileError("This signing key cannot sign count files (ECDSA or RSA only).")
    document: dict[str, Any] = {
        "format": FILE_FORMAT,
        "version": FILE_VERSION,
        "vault": vault_id,
        "signed_at": (signed_at or dt.datetime.now(dt.UTC)).isoformat(timespec="seconds"),
        "signer": identity.common_name,
        "certificate": identity.certificate_pem().decode("ascii"),
        "algorithm": algorithm,
        "counts": dict(payload),
    }
    message = canonical(document)
    if isinstance(key, ec.EllipticCurvePrivateKey):
        signature = key.sign(message, ec.ECDSA(hashes.SHA256()))
    else:
        signature = key.sign(message, _pss(padding, hashes), hashes.SHA256())
    document["signature"] = base64.b64encode(signature).decode("ascii")
    text = json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True)
    return text.encode("utf-8") + b"\n"


def _pss(padding: Any, hashes: Any) -> Any:
    return padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=padding.PSS.DIGEST_LENGTH)


def verify_counts(data: bytes, trusted: Sequence[bytes] = ()) -> VerifiedCounts:
    """The file's counts, once its signature checks out; CountFileError saying why not.

    `trusted`: PEM certificates; when given, the signer must be one of them or issued by one."""
    from cryptography import x509
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa

    if len(data) > MAX_FILE_BYTES:
        raise CountFileError(f"it is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise CountFileError("it is not a count file (not JSON)") from None
    if not isinstance(document, dict) or document.get("format") != FILE_FORMAT:
        raise CountFileError("it is not a Triage Desk count file")
    if document.get("version") != FILE_VERSION:
        raise CountFileError(f"it is version {document.get('version')!r}, not {FILE_VERSION}")
    signature_text = document.pop("signature", None)
    if not isinstance(signature_text, str) or not signature_text:
        raise CountFileError("it is not signed, or a part of it is missing or damaged")
    try:
        signature = base64.b64decode(signature_text, validate=True)
        certificate = x509.load_pem_x509_certificate(str(document["certificate"]).encode("ascii"))
        signed_at = dt.datetime.fromisoformat(str(document["signed_at"]))
        vault_id, payload = str(document["vault"]), document["counts"]
    except (KeyError, ValueError, TypeError):
        raise CountFileError("it is not signed, or a part of it is missing or damaged") from None
    if not isinstance(payload, dict):
        raise CountFileError("its counts are missing")
    public_key = certificate.public_key()
    message = canonical(document)
    try:
        if document.get("algorithm") == ECDSA_SHA256 and isinstance(
            public_key, ec.EllipticCurvePublicKey
        ):
            public_key.verify(signature, message, ec.ECDSA(hashes.SHA256()))
        elif document.get("algorithm") == RSA_PSS_SHA256 and isinstance(
            public_key, rsa.RSAPublicKey
        ):
            public_key.verify(signature, message, _pss(padding, hashes), hashes.SHA256())
        else:
            raise CountFileError("its signature uses an algorithm Triage Desk does not accept")
    except InvalidSignature:
        raise CountFileError(
            "its signature does not match its contents: the file was changed after it was signed"
        ) from None
    der = certificate.public_bytes(serialization.Encoding.DER)
    return VerifiedCounts(
        payload=payload,
        vault_id=vault_id,
        signer=str(document.get("signer", "")),
        fingerprint=_fingerprint(der),
        signed_at=signed_at,
        trusted=_trusted(certificate, trusted),
    )


def _trusted(certificate: Any, trusted: Sequence[bytes]) -> bool:
    from cryptography import x509
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import serialization

    der = certificate.public_bytes(serialization.Encoding.DER)
    for pem in trusted:
        anchor = x509.load_pem_x509_certificate(pem)
        if anchor.public_bytes(serialization.Encoding.DER) == der:
            return True
        try:
            certificate.verify_directly_issued_by(anchor)
        except (ValueError, TypeError, InvalidSignature):  # not issued by this one
            continue
        return True
    return False
