"""The officer's signing identity: creation, PKCS#12 round trips, PEM export, renewal."""

from __future__ import annotations

import datetime as dt

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec

from triage_desktop.documents.errors import IdentityError
from triage_desktop.documents.identity import (
    SigningIdentity,
    create_self_issued,
    from_pkcs12,
    identity_from_pkcs12_blob,
    renew,
)


def test_self_issued_certificate_names_the_officer_for_three_years(
    identity: SigningIdentity,
) -> None:
    cert = x509.load_pem_x509_certificate(identity.certificate_pem())
    assert isinstance(cert.public_key(), ec.EllipticCurvePublicKey)
    assert cert.public_key().curve.name == "secp256r1"
    assert identity.common_name == "Zoë Ångström"
    assert identity.role == "Dignity and Respect Liaison and Resolution Officer"
    assert identity.organisation == "University of Bath"
    lifetime = identity.not_after - identity.not_before
    assert dt.timedelta(days=3 * 365) < lifetime < dt.timedelta(days=3 * 365 + 2)
    assert not identity.needs_renewal()


def test_pem_export_holds_no_private_key(identity: SigningIdentity) -> None:
    pem = identity.certificate_pem()
    assert pem.startswith(b"-----BEGIN CERTIFICATE-----")
    assert b"PRIVATE" not in pem


def test_repr_never_shows_key_material(identity: SigningIdentity) -> None:
    assert identity.private_key_der.hex() not in repr(identity)
    assert "Zoë" in repr(identity)


def test_vault_blob_round_trip_keeps_the_source(identity: SigningIdentity) -> None:
    restored = identity_from_pkcs12_blob(identity.to_pkcs12())
    assert restored == identity
    assert restored.source == "self-issued"


def test_import_university_pkcs12_with_password(identity: SigningIdentity) -> None:
    imported = from_pkcs12(identity.to_pkcs12(b"university-pki"), b"university-pki")
    assert imported.source == "imported"
    assert imported.certificate_der == identity.certificate_der
    stored = identity_from_pkcs12_blob(imported.to_pkcs12())
    assert stored.source == "imported"


def test_import_with_wrong_password_says_so(identity: SigningIdentity) -> None:
    with pytest.raises(IdentityError, match="password is wrong"):
        from_pkcs12(identity.to_pkcs12(b"right"), b"wrong")


def test_import_of_garbage_says_so() -> None:
    with pytest.raises(IdentityError, match="could not be opened"):
        from_pkcs12(b"not a pkcs12 file")


@pytest.mark.parametrize("blank", ["name", "role", "organisation"])
def test_blank_fields_are_refused(blank: str) -> None:
    fields = {"name": "张伟", "role": "HR Advisor", "organisation": "University of Bath"}
    fields[blank] = "  "
    with pytest.raises(IdentityError, match=blank):
        create_self_issued(fields["name"], fields["role"], fields["organisation"])


def test_renewal_is_due_in_the_last_ninety_days(identity: SigningIdentity) -> None:
    assert not identity.needs_renewal(identity.not_after - dt.timedelta(days=91))
    assert identity.needs_renewal(identity.not_after - dt.timedelta(days=89))
    assert identity.needs_renewal(identity.not_after + dt.timedelta(days=1))


def test_renew_issues_a_new_key_for_the_same_officer(identity: SigningIdentity) -> None:
    later = identity.not_after - dt.timedelta(days=30)
    renewed = renew(identity, now=later)
    assert renewed.subject == identity.subject
    assert renewed.private_key_der != identity.private_key_der
    assert renewed.not_after > identity.not_after


def test_imported_identity_cannot_self_renew(identity: SigningIdentity) -> None:
    imported = from_pkcs12(identity.to_pkcs12())
    with pytest.raises(IdentityError, match="import its renewed"):
        renew(imported)
